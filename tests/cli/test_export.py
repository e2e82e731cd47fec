"""export: the metadata of what a search matches as CSV/JSON/XLSX, and a ZIP of the originals with manifests."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile

import pytest
from openpyxl import load_workbook

from cli_archive import Archive, Cli

COLUMNS = ["id", "sha256", "archive_name", "title", "type", "date", "issuer", "municipalities",
           "municipality_names", "mentioned_municipalities", "organisations", "organisation_names", "language",
           "format", "pages", "size", "filenames", "status", "failure_code"]
SEARCHES = [(), ("-m", "GM1774"), ("-t", "mandaatbesluit"), ("mandaat",), ("-o", "bar", "--from", "2014")]


def searched_ids(archive: Archive, *args: str) -> set[str]:
    result = archive.cli.json("search", *args, "--limit", "100", "--format", "json")
    assert result["total"] == len(result["hits"])
    return {hit["id"] for hit in result["hits"]}


def csv_rows(text: str, delimiter: str = ";") -> list[dict]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter))


@pytest.mark.parametrize("search", SEARCHES, ids=[" ".join(s) or "everything" for s in SEARCHES])
def test_csv_and_json_rows_are_the_documents_the_search_matches(archive: Archive, search):
    expected = searched_ids(archive, *search)
    assert expected
    as_csv = archive.cli.ok("export", *search, "--format", "csv").stdout
    assert as_csv.splitlines()[0] == "\ufeff" + ";".join(COLUMNS)
    assert {row["id"] for row in csv_rows(as_csv)} == expected
    assert len(csv_rows(as_csv)) == len(expected)
    as_json = archive.cli.json("export", *search, "--format", "json")
    assert [row["id"] for row in as_json] == [row["id"] for row in csv_rows(as_csv)]
    assert all(set(row) == set(COLUMNS) for row in as_json)


def test_rows_describe_the_archived_file(archive: Archive, labels):
    key = "mandaat_dinkelland"
    path = archive.path_of(key)
    row = next(r for r in archive.cli.json("export", "--format", "json") if r["id"] == archive.ids[key])
    assert row["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert row["filenames"] == [path.name] and row["status"] == "ok"
    assert (row["type"], row["date"], row["issuer"]) == (labels[key]["type"], labels[key]["date"], labels[key]["issuer"])
    assert row["archive_name"].endswith(".pdf") and row["archive_name"].startswith(f"{row['issuer']}_{row['date']}_")


def test_csv_dialects_and_output_file(archive: Archive, tmp_path):
    plain = archive.cli.ok("export", "-o", "bar", "--format", "csv", "--csv-dialect", "rfc4180").stdout
    assert plain.splitlines()[0] == ",".join(COLUMNS)
    target = tmp_path / "bar.csv"
    result = archive.cli.ok("export", "-o", "bar", "--format", "csv", "--output", str(target))
    assert result.stdout == ""
    written = target.read_text(encoding="utf-8")
    assert written.startswith("\ufeff")
    assert [r["id"] for r in csv_rows(written)] == [r["id"] for r in csv_rows(plain, ",")]


def test_xlsx_needs_an_output_file_and_holds_the_rows(archive: Archive, tmp_path):
    line = archive.cli.usage_error("export", "--format", "xlsx")
    assert "--output" in line
    target = tmp_path / "export.xlsx"
    archive.cli.ok("export", "-m", "GM1774", "--format", "xlsx", "-O", str(target))
    sheet = load_workbook(target, read_only=True).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == COLUMNS
    assert {r[0] for r in rows[1:]} == searched_ids(archive, "-m", "GM1774")


def test_zip_holds_the_originals_and_the_three_manifests(archive: Archive, tmp_path):
    target = tmp_path / "out.zip"
    expected = searched_ids(archive, "-o", "noaberkracht")
    result = archive.cli.ok("export", "-o", "noaberkracht", "--zip", str(target))
    assert f"{len(expected)} documents written to {target}" in result.stderr
    with zipfile.ZipFile(target) as zipped:
        names = set(zipped.namelist())
        assert {"manifest.csv", "manifest.xlsx", "manifest.json"} <= names
        manifest = json.loads(zipped.read("manifest.json"))
        assert {row["id"] for row in manifest} == expected
        assert names - {"manifest.csv", "manifest.xlsx", "manifest.json"} == {row["archive_name"] for row in manifest}
        for row in manifest:
            assert hashlib.sha256(zipped.read(row["archive_name"])).hexdigest() == row["sha256"]
        assert [r["id"] for r in csv_rows(zipped.read("manifest.csv").decode("utf-8"))] == [r["id"] for r in manifest]
        sheet = load_workbook(io.BytesIO(zipped.read("manifest.xlsx")), read_only=True).active
        assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == [r["id"] for r in manifest]


def unpacked_export(archive: Archive, folder) -> dict[str, dict]:
    """Export the Noaberkracht documents as a ZIP and unpack it in folder; id -> manifest row."""
    target = folder.parent / f"{folder.name}.zip"
    archive.cli.ok("export", "-o", "noaberkracht", "--zip", str(target))
    with zipfile.ZipFile(target) as zipped:
        zipped.extractall(folder)
        return {row["id"]: row for row in json.loads(zipped.read("manifest.json"))}


def test_the_zip_manifest_supplies_the_metadata_when_the_originals_are_ingested_again(archive: Archive, tmp_path):
    """README: our own manifest.csv is a valid 'ingest --metadata' manifest for the unpacked ZIP."""
    unpacked = tmp_path / "unpacked"
    exported = unpacked_export(archive, unpacked)
    other = Cli(tmp_path / "other-data")
    originals = [str(unpacked / row["archive_name"]) for row in exported.values()]
    report = json.loads(other.ok("ingest", "--json", "--jobs", "1", "--metadata", str(unpacked / "manifest.csv"),
                                 *originals).stdout)
    assert report["new"] == len(exported) and report["failed"] == 0
    for doc_id, row in exported.items():
        doc = other.json("show", doc_id, "--format", "json", "--no-text")
        assert (doc["title"], doc["doc_type"], doc["doc_date"]) == (row["title"], row["type"], row["date"])
        assert doc["issuer"] == (row["issuer"] or None)
        assert [m["code"] for m in doc["municipalities"]] == row["municipalities"]
        assert {doc["origins"][name] for name in ("title", "type", "date", "municipalities")} == {"supplied"}


def test_an_unpacked_export_folder_ingests_without_failures(archive: Archive, tmp_path):
    unpacked = tmp_path / "unpacked"
    exported = unpacked_export(archive, unpacked)
    other = Cli(tmp_path / "other-data")
    report = json.loads(other.ok("ingest", "--json", "--jobs", "1", "--metadata", str(unpacked / "manifest.csv"),
                                 str(unpacked)).stdout)
    assert (report["new"], report["failed"]) == (len(exported), 0)


@pytest.mark.parametrize("args, message", [
    ((), "Say what to export"),
    (("--format", "csv", "--max", "2"), "more than 2 documents"),
    (("--format", "csv", "-m", "Nergensdorp"), "Municipality 'Nergensdorp' not found"),
])
def test_export_refusals_are_one_line_with_status_2(archive: Archive, args, message):
    assert message in archive.cli.usage_error("export", *args)


@pytest.mark.parametrize("sort", ["date", "-date"])
def test_rows_follow_the_search_order(archive: Archive, sort):
    searched = archive.cli.json("search", "-o", "bar", "--sort", sort, "--limit", "100", "--format", "json")
    exported = archive.cli.json("export", "-o", "bar", "--sort", sort, "--format", "json")
    assert [row["id"] for row in exported] == [hit["id"] for hit in searched["hits"]]
    assert [row["date"] for row in exported] == sorted((row["date"] for row in exported), reverse=sort == "-date")
