"""edit: each option corrects one value (origin 'corrected', searchable at once); --reset brings the detected
value back; bad values are refused in one line and change nothing."""
from __future__ import annotations

import pytest

from cli_archive import Archive

KEY = "mandaat_dinkelland"  # detected: mandaatbesluit, 2013-04-09, nl, Dinkelland (issuer) and Tubbergen, Noaberkracht


def show(archive: Archive) -> dict:
    return archive.cli.json("show", archive.ids[KEY], "--format", "json", "--no-text")


def found_by(archive: Archive, *args: str) -> set[str]:
    return {h["id"] for h in archive.cli.json("search", *args, "--limit", "100", "--format", "json")["hits"]}


# option, value(s), origin field, how show tells the value, a search that finds the corrected value
EDITS = [
    ("title", ["--title", "Besluit over de werkvloerkoffie"], lambda d: d["title"], "Besluit over de werkvloerkoffie",
     ["werkvloerkoffie"]),
    ("type", ["--type", "verordening"], lambda d: d["doc_type"], "verordening", ["-t", "verordening"]),
    ("date", ["--date", "2019-05"], lambda d: (d["doc_date"], d["date_precision"]), ("2019-05", "month"),
     ["-y", "2019"]),
    ("language", ["--language", "fy"], lambda d: d["language"], "fy", ["-l", "fy"]),
    ("issuer", ["--issuer", "Tubbergen"], lambda d: d["issuer"], "GM0183", None),
    ("municipalities", ["-m", "Wierden", "--municipality", "GM0148"],
     lambda d: [m["code"] for m in d["municipalities"]], ["GM0189", "GM0148"], ["-m", "Wierden"]),
    ("organisations", ["-o", "bar", "--organisation", "HLTsamen"], lambda d: [o["key"] for o in d["organisations"]],
     ["bar", "hltsamen"], ["-o", "hltsamen"]),
]


@pytest.mark.parametrize("field, args, value_of, expected, search", EDITS, ids=[e[0] for e in EDITS])
def test_each_option_corrects_its_value_and_reset_brings_the_detected_one_back(
        scratch: Archive, field, args, value_of, expected, search):
    doc_id = scratch.ids[KEY]
    before = show(scratch)
    assert value_of(before) != expected, "the correction must differ from what was detected"
    out = scratch.cli.ok("edit", doc_id, *args).stdout
    assert out.startswith(f"{doc_id}: ") and f"{field} = corrected" in out
    after = show(scratch)
    assert value_of(after) == expected
    assert after["origins"][field] == "corrected"
    assert {k: v for k, v in after["origins"].items() if k != field} == \
        {k: v for k, v in before["origins"].items() if k != field}, "only the edited field changes origin"
    assert [(o["field"], o["origin"]) for o in after["overrides"]] == [(field, "corrected")]
    if search:
        assert doc_id in found_by(scratch, *search), "the correction is searchable at once"

    reset = scratch.cli.ok("edit", doc_id, "--reset", field).stdout
    assert f"{field} = detected" in reset
    again = show(scratch)
    assert value_of(again) == value_of(before) and again["origins"] == before["origins"] and again["overrides"] == []
    if search:
        assert doc_id not in found_by(scratch, *search)


def test_several_options_at_once_and_a_partial_reset(scratch: Archive):
    doc_id = scratch.ids[KEY]
    before = show(scratch)
    scratch.cli.ok("edit", doc_id, "--type", "nota", "--date", "2011", "-m", "Wierden")
    edited = show(scratch)
    assert (edited["doc_type"], edited["doc_date"]) == ("nota", "2011")
    assert {edited["origins"][f] for f in ("type", "date", "municipalities")} == {"corrected"}
    assert doc_id in found_by(scratch, "-t", "nota", "-m", "GM0189", "-y", "2011")
    scratch.cli.ok("edit", doc_id, "--reset", "type", "--reset", "municipalities")
    partly = show(scratch)
    assert partly["doc_type"] == before["doc_type"] and partly["municipalities"] == before["municipalities"]
    assert partly["doc_date"] == "2011" and partly["origins"]["date"] == "corrected"


def test_a_municipality_that_is_also_the_issuer_is_filed_as_issuer(scratch: Archive):
    doc_id = scratch.ids[KEY]
    scratch.cli.ok("edit", doc_id, "--issuer", "GM0189", "-m", "Wierden", "-m", "Tubbergen")
    roles = {m["code"]: m["role"] for m in show(scratch)["municipalities"]}
    assert roles == {"GM0189": "issuer", "GM0183": "participant"}


@pytest.mark.parametrize("args, message", [
    (["--date", "2013-13-01"], "Date '2013-13-01'"),
    (["--date", "gisteren"], "gisteren"),
    (["--type", "besluit"], "Unknown document type 'besluit'"),
    (["-m", "Nergensdorp"], "Municipality 'Nergensdorp' not found"),
    (["--issuer", "GM9999"], "Municipality 'GM9999' not found"),
    (["--language", "nederlands"], "Language 'nederlands' is not an ISO 639-1 code"),
    (["-o", "onbekend"], "Fusion organisation 'onbekend' not found"),
    ([], "Nothing to change"),
    (["--type", "nota", "--date", "2013-02-30"], "Date '2013-02-30'"),
])
def test_bad_values_are_refused_in_one_line_and_change_nothing(scratch: Archive, args, message):
    before = show(scratch)
    line = scratch.cli.usage_error("edit", scratch.ids[KEY], *args)
    assert message in line
    assert show(scratch) == before


@pytest.mark.parametrize("doc_id, message", [
    ("0123456789abcdef", "No document with id '0123456789abcdef'"),
    ("xyz", "'xyz' is not a document id"),
])
def test_an_unknown_id_is_refused(scratch: Archive, doc_id, message):
    assert message in scratch.cli.usage_error("edit", doc_id, "--title", "Titel")
