"""search: words, filters (names and CBS codes alike), paging, sorting, and its table, JSON and CSV output."""
from __future__ import annotations

import csv
import io
import json
import math

import pytest

from cli_archive import Archive
from webui import create_app

HIT_FIELDS = {"id", "title", "type", "type_label", "date", "year", "municipalities", "organisations", "language",
              "format", "status", "filenames", "snippet", "score"}
FACETS = {"municipality", "organisation", "type", "year", "language"}
CSV_HEADER = ["id", "date", "type", "title", "municipalities", "organisations", "language", "filenames", "score"]


def found(archive: Archive, *args: str) -> dict:
    return archive.cli.json("search", *args, "--limit", "100", "--format", "json")


def ids(result: dict) -> set[str]:
    return {hit["id"] for hit in result["hits"]}


def test_a_word_finds_the_document_that_holds_it(archive: Archive):
    result = found(archive, "cooperation")  # only the English factsheet says it
    assert ids(result) == {archive.ids["factsheet_aa"]}
    table = archive.cli.ok("search", "cooperation").stdout
    assert table.startswith("1 documents") and archive.ids["factsheet_aa"] in table


def test_all_words_must_match_and_or_widens(archive: Archive):
    both = ids(found(archive, "mandaat Ridderkerk"))
    either = ids(found(archive, "cooperation OR Ridderkerk"))
    assert archive.ids["mandaat_ridderkerk"] in both and archive.ids["mandaat_dinkelland"] not in both
    assert {archive.ids["factsheet_aa"], archive.ids["mandaat_ridderkerk"]} <= either
    assert ids(found(archive, "mandaat -Ridderkerk")) == ids(found(archive, "mandaat")) - both


@pytest.mark.parametrize("name, code", [("Dinkelland", "GM1774"), ("Ridderkerk", "GM0597"), ("aalsmeer", "GM0358")])
def test_municipality_by_name_and_by_cbs_code_give_the_same_hits(archive: Archive, labels, name, code):
    by_name = found(archive, "--municipality", name)
    by_code = found(archive, "-m", code)
    assert by_name["total"] == by_code["total"] > 0
    assert ids(by_name) == ids(by_code)
    # every document labelled with that municipality is found (the corpus truth, not our detection)
    labelled = {archive.ids[key] for key, row in labels.items()
                if code in row["municipalities"].split(";") and not row["expect_failure"]}
    assert labelled <= ids(by_code)


def test_several_municipalities_are_or(archive: Archive):
    one, other = ids(found(archive, "-m", "GM1774")), ids(found(archive, "-m", "GM0358"))
    assert ids(found(archive, "-m", "GM1774", "-m", "Aalsmeer")) == one | other


def test_json_is_what_the_web_api_returns(archive: Archive):
    cli_result = archive.cli.json("search", "mandaat", "-m", "Dinkelland", "--format", "json")
    assert set(cli_result) == {"total", "page", "per_page", "pages", "query", "hits", "facets", "suggestion"}
    assert cli_result["total"] >= 1 and cli_result["query"] == "mandaat"
    for hit in cli_result["hits"]:
        assert set(hit) >= HIT_FIELDS
        assert all(set(m) >= {"code", "name", "role"} for m in hit["municipalities"])
        assert all(set(o) >= {"key", "name"} for o in hit["organisations"])
        assert "<mark>" in hit["snippet"]
    assert set(cli_result["facets"]) == FACETS
    for values in cli_result["facets"].values():
        assert all(set(v) >= {"value", "label", "count", "selected"} for v in values)
    client = create_app({"FUSIEARCHIEF_DATA": str(archive.data), "TESTING": True}).test_client()
    api = client.get("/api/search", query_string={"q": "mandaat", "municipality": "GM1774"})
    assert api.status_code == 200
    assert api.get_json() == cli_result


def test_csv_has_the_header_row_and_one_row_per_hit(archive: Archive):
    total = found(archive, "-o", "bar")["total"]
    excel = archive.cli.ok("search", "-o", "bar", "--format", "csv").stdout
    assert excel.splitlines()[0] == "\ufeff" + ";".join(CSV_HEADER)
    rows = list(csv.DictReader(io.StringIO(excel.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == total == 3
    assert all(row["organisations"] == "bar" for row in rows)
    plain = archive.cli.ok("search", "-o", "bar", "--format", "csv", "--csv-dialect", "rfc4180").stdout
    assert plain.startswith(",".join(CSV_HEADER))
    assert [r["id"] for r in csv.DictReader(io.StringIO(plain))] == [r["id"] for r in rows]


def test_type_language_organisation_and_year_filters(archive: Archive, labels):
    mandates = found(archive, "-t", "mandaatbesluit")
    assert mandates["total"] >= 2 and all(hit["type"] == "mandaatbesluit" for hit in mandates["hits"])
    assert {archive.ids["mandaat_dinkelland"], archive.ids["mandaat_ridderkerk"]} <= ids(mandates)
    assert ids(found(archive, "-l", "en")) == {archive.ids["factsheet_aa"]}
    bar = found(archive, "-o", "BAR-organisatie")
    assert ids(bar) == ids(found(archive, "-o", "bar"))
    assert ids(bar) == {archive.ids[k] for k, row in labels.items() if row["organisation"] == "bar"}
    in_2013 = found(archive, "-y", "2013")
    assert in_2013["total"] >= 1 and all(hit["date"].startswith("2013") for hit in in_2013["hits"])


def test_date_range_and_sort_by_date(archive: Archive):
    oldest_first = found(archive, "--from", "2013", "--to", "2014-06", "--sort", "date")
    dates = [hit["date"] for hit in oldest_first["hits"]]
    assert dates and dates == sorted(dates)
    assert all("2013" <= date[:7] <= "2014-06" for date in dates)
    newest_first = found(archive, "--from", "2013", "--to", "2014-06", "--sort", "-date")
    assert [hit["date"] for hit in newest_first["hits"]] == sorted(dates, reverse=True)


def test_ocr_filter(archive: Archive):
    everything = found(archive)
    assert found(archive, "--ocr", "no")["total"] == everything["total"]
    assert found(archive, "--ocr", "yes")["total"] == 0


def test_pages_of_hits(archive: Archive):
    total = found(archive)["total"]
    first = archive.cli.json("search", "--limit", "2", "--format", "json")
    second = archive.cli.json("search", "--limit", "2", "--page", "2", "--format", "json")
    assert (second["page"], second["per_page"], second["pages"]) == (2, 2, math.ceil(total / 2))
    assert len(first["hits"]) == len(second["hits"]) == 2 and not ids(first) & ids(second)
    beyond = archive.cli.json("search", "--limit", "2", "--page", "999", "--format", "json")
    assert beyond["hits"] == [] and beyond["total"] == total


def test_a_misspelt_word_gets_a_suggestion(archive: Archive):
    result = archive.cli.json("search", "mandat", "--format", "json")
    assert result["suggestion"] == "mandaat"
    assert "did you mean: mandaat?" in archive.cli.ok("search", "mandat").stdout


def test_table_lists_hits_with_places_and_facets(archive: Archive):
    out = archive.cli.ok("search", "-m", "Dinkelland").stdout
    total = found(archive, "-m", "Dinkelland")["total"]
    assert out.startswith(f"{total} documents")
    assert archive.ids["mandaat_dinkelland"] in out and "2013-04-09" in out
    assert "Dinkelland, Tubbergen" in out
    assert "\nmunicipality: " in out and "\ntype: " in out


@pytest.mark.parametrize("args, message", [
    (("-m", "Nergensdorp"), "Municipality 'Nergensdorp' not found"),
    (("-o", "onbekend"), "Fusion organisation 'onbekend' not found"),
    (("--from", "2013-13"), "'from' must be a date"),
    (("--to", "gisteren"), "'to' must be a date"),
])
def test_bad_filter_values_are_refused_in_one_line(archive: Archive, args, message):
    assert message in archive.cli.usage_error("search", *args)


def test_unknown_type_warns_on_stderr_and_finds_nothing(archive: Archive):
    result = archive.cli("search", "-t", "mandaatbesluiten", "--format", "json")
    assert result.exit_code == 0 and "Warning: unknown type 'mandaatbesluiten'" in result.stderr
    assert json.loads(result.stdout)["total"] == 0


def test_dutch_operators_match_the_english_ones(archive: Archive):
    assert ids(found(archive, "mandaat OF cooperation")) == ids(found(archive, "mandaat OR cooperation"))
    assert archive.ids["factsheet_aa"] in ids(found(archive, "mandaat OF cooperation"))
    without = ids(found(archive, "mandaat NOT Ridderkerk"))
    assert without == ids(found(archive, "mandaat NIET Ridderkerk")) == ids(found(archive, "mandaat -Ridderkerk"))
    assert ids(found(archive, "mandaat EN Ridderkerk")) == ids(found(archive, "mandaat Ridderkerk"))


def test_phrases_and_prefixes(archive: Archive):
    assert archive.ids["statuut_ridderkerk"] in ids(found(archive, '"sociaal statuut"'))
    assert ids(found(archive, "coopera*")) == {archive.ids["factsheet_aa"]}


@pytest.mark.parametrize("query, option", [
    ("cbs:GM1774", ("-m", "GM1774")),
    ("gemeente:Ridderkerk", ("-m", "Ridderkerk")),
    ("soort:mandaatbesluit", ("-t", "mandaatbesluit")),
    ("organisatie:bar", ("-o", "bar")),
    ("jaar:2013", ("-y", "2013")),
    ("taal:en", ("-l", "en")),
])
def test_field_value_in_the_query_matches_the_filter_option(archive: Archive, query, option):
    by_query = ids(found(archive, query))
    assert by_query and by_query == ids(found(archive, *option))


def test_a_file_name_field_finds_the_file(archive: Archive):
    assert ids(found(archive, "bestand:*100712*")) == {archive.ids["raadsbesluit_dinkelland"]}


@pytest.mark.parametrize("query", ["*besluit", "?a*"])
def test_a_query_too_broad_for_the_limits_is_refused_with_status_2(archive: Archive, query):
    assert f"'{query}' starts with a wildcard" in archive.cli.usage_error("search", query)
