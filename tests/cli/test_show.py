"""show and similar: one document's catalog fields with their origins and provenance, and its neighbours."""
from __future__ import annotations

import csv
import hashlib
import io

import pytest

from cli_archive import CORRUPT, Archive

CATALOG_FIELDS = {"id", "sha256", "size", "format", "mime", "pages", "status", "failure_code", "title", "doc_type",
                  "doc_date", "date_precision", "language", "issuer", "municipalities", "organisations", "origins",
                  "detected", "native", "provenance", "overrides"}
ORIGIN_FIELDS = {"title", "type", "date", "language", "issuer", "municipalities", "organisations"}


def test_show_json_has_the_catalog_fields_origins_and_provenance(archive: Archive, labels):
    key = "mandaat_dinkelland"
    path = archive.path_of(key)
    doc = archive.cli.json("show", archive.ids[key], "--format", "json")
    assert set(doc) >= CATALOG_FIELDS | {"text"}
    assert doc["id"] == archive.ids[key]
    assert doc["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc["size"] == path.stat().st_size and doc["format"] == "pdf" and doc["status"] == "ok"
    assert doc["origins"] == {name: "detected" for name in ORIGIN_FIELDS}
    assert doc["overrides"] == []
    # the corpus truth for this file, as detection found it
    truth = labels[key]
    assert (doc["doc_type"], doc["doc_date"], doc["language"]) == (truth["type"], truth["date"], truth["language"])
    assert {m["code"] for m in doc["municipalities"]} == {truth["issuer"], *truth["municipalities"].split(";")}
    assert [arrival["path"] for arrival in doc["provenance"]] == [str(path)]
    assert set(doc["provenance"][0]) >= {"path", "filename", "size", "run_id", "seen_at"}
    assert "Noaberkracht" in doc["text"]


def test_a_document_filed_twice_has_two_provenances(archive: Archive):
    assert archive.ids["statuut_barendrecht"] == archive.ids["statuut_ridderkerk"]
    doc = archive.cli.json("show", archive.ids["statuut_ridderkerk"], "--format", "json", "--no-text")
    assert sorted(a["path"] for a in doc["provenance"]) == sorted(
        str(archive.path_of(k)) for k in ("statuut_barendrecht", "statuut_ridderkerk"))
    assert "text" not in doc


def test_a_failed_document_shows_its_failure(archive: Archive):
    doc = archive.cli.json("show", archive.ids[CORRUPT], "--format", "json")
    assert (doc["status"], doc["failure_code"]) == ("failed", "corrupt")
    out = archive.cli.ok("show", archive.ids[CORRUPT]).stdout
    assert "status: failed [corrupt]" in out


def test_show_text_names_each_value_with_its_origin_then_the_text(archive: Archive):
    key = "mandaat_dinkelland"
    doc = archive.cli.json("show", archive.ids[key], "--format", "json")
    out = archive.cli.ok("show", archive.ids[key]).stdout
    lines = [line.strip() for line in out.splitlines()]
    assert f"id: {doc['id']}" in lines and f"title: {doc['title']}" in lines
    assert "type: Mandaatbesluit [detected]" in lines
    assert f"date: {doc['doc_date']} (day) [detected]" in lines
    assert "municipalities: Dinkelland GM1774 (issuer); Tubbergen GM0183 (participant) [detected]" in lines
    assert "text: from the file's text layer" in lines
    assert str(archive.path_of(key)) in out
    assert doc["text"].strip().splitlines()[0] in out
    assert doc["text"].strip().splitlines()[0] not in archive.cli.ok("show", archive.ids[key], "--no-text").stdout


def test_no_text_does_not_change_what_the_text_line_says(archive: Archive):
    key = "mandaat_dinkelland"
    with_text = archive.cli.ok("show", archive.ids[key]).stdout.splitlines()
    without = archive.cli.ok("show", archive.ids[key], "--no-text").stdout.splitlines()
    assert [line for line in without if line.strip().startswith("text:")] == \
        [line for line in with_text if line.strip().startswith("text:")]


def test_an_id_prefix_of_at_least_six_characters_is_enough(archive: Archive):
    full = archive.ids["factsheet_aa"]
    assert archive.cli.json("show", full[:8], "--format", "json", "--no-text")["id"] == full
    assert archive.cli.json("show", full.upper(), "--format", "json", "--no-text")["id"] == full


@pytest.mark.parametrize("command", ["show", "similar"])
@pytest.mark.parametrize("doc_id, message", [
    ("0123456789abcdef", "No document with id '0123456789abcdef'"),
    ("abc", "'abc' is not a document id"),
    ("not-an-id!", "'not-an-id!' is not a document id"),
])
def test_an_unknown_or_malformed_id_is_one_line_and_status_2(archive: Archive, command, doc_id, message):
    assert message in archive.cli.usage_error(command, doc_id)


# -- similar -------------------------------------------------------------------------------------------
def test_similar_gives_other_documents_not_itself(archive: Archive):
    own = archive.ids["mandaat_dinkelland"]
    hits = archive.cli.json("similar", own, "--format", "json")
    found = [hit["id"] for hit in hits]
    assert found and own not in found
    assert len(found) == len(set(found))
    assert set(found) <= set(archive.ids.values())
    # its fellow Noaberkracht documents share most of its words
    assert {archive.ids["gr_noaberkracht"], archive.ids["raadsbesluit_dinkelland"]} <= set(found)
    assert len(archive.cli.json("similar", own, "--limit", "2", "--format", "json")) == 2


def test_similar_table_and_csv(archive: Archive):
    own = archive.ids["mandaat_ridderkerk"]
    hits = archive.cli.json("similar", own, "--format", "json")
    table = archive.cli.ok("similar", own).stdout.splitlines()
    assert table[0].split() == ["id", "date", "type", "title", "municipalities", "organisations", "language"]
    assert [line.split()[0] for line in table[1:]] == [hit["id"] for hit in hits]
    excel = archive.cli.ok("similar", own, "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(excel.lstrip("\ufeff")), delimiter=";"))
    assert excel.startswith("\ufeffid;date;type;title;municipalities;organisations;language")
    assert [row["id"] for row in rows] == [hit["id"] for hit in hits]


def test_similar_json_hits_have_the_shape_of_search_hits(archive: Archive):
    own = archive.ids["mandaat_ridderkerk"]
    hit = archive.cli.json("similar", own, "--limit", "1", "--format", "json")[0]
    as_searched = next(h for h in archive.cli.json("search", "--limit", "100", "--format", "json")["hits"]
                       if h["id"] == hit["id"])
    for name in ("municipalities", "organisations", "filenames"):
        assert hit[name] == as_searched[name], name
