"""The round trip of supplied and corrected metadata: ingest with a manifest -> show -> edit -> redetect ->
reindex -> ingest --reextract all -> ingest with the manifest again. Detection never overwrites a
supplied or corrected value, searching finds the documents by those values, and 'edit --reset' brings
the detected value back."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_archive import SAMPLE, Archive, Cli, copy_sample, document_ids

KEYS = ["mandaat_dinkelland", "gr_noaberkracht", "raadsbesluit_dinkelland", "factsheet_aa"]
SUPPLIED_TITLE = "Toestemming gemeenschappelijke regeling (titel uit het manifest)"
# ';' between columns and a byte-order mark, as Dutch Excel saves it; one row by bare file name, one by a
# path relative to the manifest.
MANIFEST = (
    "\ufefffile;title;type;date;municipalities\r\n"
    f"raadsbesluit toestemming GR Noaberkracht 100712.txt;{SUPPLIED_TITLE};verordening;2012-07-11;\r\n"
    f"inbox/{SAMPLE['gr_noaberkracht']};;;;\"Dinkelland;Tubbergen;GM0168\"\r\n"
)
CORRECTED_DATE = "2012-07-12"


@pytest.fixture(scope="module")
def roundtrip(tmp_path_factory) -> tuple[Archive, Path]:
    base = tmp_path_factory.mktemp("roundtrip")
    inbox = copy_sample(base / "inbox", KEYS)
    manifest = base / "manifest.csv"
    manifest.write_text(MANIFEST, encoding="utf-8", newline="")
    cli = Cli(base / "data")
    result = cli("ingest", "--json", "--metadata", str(manifest), str(inbox))
    archive = Archive(cli, inbox, json.loads(result.stdout), result.exit_code)
    archive.ids = document_ids(cli, inbox, KEYS)
    return archive, manifest


def show(archive: Archive, key: str) -> dict:
    return archive.cli.json("show", archive.ids[key], "--format", "json", "--no-text")


def found_by(archive: Archive, *args: str) -> set[str]:
    return {h["id"] for h in archive.cli.json("search", *args, "--limit", "100", "--format", "json")["hits"]}


def check_supplied_and_corrected(archive: Archive, detected_mandate: dict, step: str) -> None:
    """What the manifest supplied and what edit corrected, as show and search tell it after `step`."""
    decision = show(archive, "raadsbesluit_dinkelland")
    assert (decision["title"], decision["doc_type"], decision["doc_date"]) == \
        (SUPPLIED_TITLE, "verordening", CORRECTED_DATE), step
    assert (decision["origins"]["title"], decision["origins"]["type"], decision["origins"]["date"]) == \
        ("supplied", "supplied", "corrected"), step
    regulation = show(archive, "gr_noaberkracht")
    assert [m["code"] for m in regulation["municipalities"]] == ["GM1774", "GM0183", "GM0168"], step
    assert regulation["origins"]["municipalities"] == "supplied", step
    mandate = show(archive, "mandaat_dinkelland")
    assert (mandate["doc_type"], mandate["origins"]["type"]) == ("collegebesluit", "corrected"), step
    assert [m["code"] for m in mandate["municipalities"]] == ["GM0168"], step
    # the fields nobody supplied or corrected are still detection's
    assert (mandate["doc_date"], mandate["origins"]["date"]) == (detected_mandate["doc_date"], "detected"), step
    assert (mandate["title"], mandate["origins"]["title"]) == (detected_mandate["title"], "detected"), step

    ids = archive.ids
    assert found_by(archive, "-t", "verordening") == {ids["raadsbesluit_dinkelland"]}, step
    assert found_by(archive, "-t", "collegebesluit") == {ids["mandaat_dinkelland"]}, step
    assert found_by(archive, "-m", "Losser") == found_by(archive, "-m", "GM0168") == \
        {ids["gr_noaberkracht"], ids["mandaat_dinkelland"]}, step
    assert ids["raadsbesluit_dinkelland"] in found_by(archive, "--from", CORRECTED_DATE, "--to", CORRECTED_DATE), step
    assert ids["raadsbesluit_dinkelland"] in found_by(archive, "manifest"), step  # a word of the supplied title


def test_supplied_and_corrected_values_survive_detection_and_reset_restores_detection(roundtrip, labels):
    archive, manifest = roundtrip
    cli, ids = archive.cli, archive.ids
    assert archive.exit_code == 0 and archive.report["new"] == len(KEYS), archive.report

    # 1. ingest with the manifest: its values are shown with origin "supplied"
    decision = show(archive, "raadsbesluit_dinkelland")
    truth = labels["raadsbesluit_dinkelland"]
    assert (truth["type"], truth["date"]) != ("verordening", "2012-07-11"), "the manifest must differ from the truth"
    assert (decision["title"], decision["doc_type"], decision["doc_date"]) == (SUPPLIED_TITLE, "verordening", "2012-07-11")
    assert {decision["origins"][f] for f in ("title", "type", "date")} == {"supplied"}
    assert {decision["origins"][f] for f in ("language", "issuer", "municipalities", "organisations")} == {"detected"}
    assert {o["field"]: o["origin"] for o in decision["overrides"]} == \
        {"title": "supplied", "type": "supplied", "date": "supplied"}
    assert all("manifest" in o["source"] for o in decision["overrides"]), decision["overrides"]
    # ... while detection's own findings stay on record beside them
    assert decision["detected"]["type"]["value"] == truth["type"]
    regulation = show(archive, "gr_noaberkracht")
    assert regulation["origins"]["municipalities"] == "supplied"
    assert {m["code"] for m in regulation["municipalities"]} == {"GM1774", "GM0183", "GM0168"}
    detected_mandate = show(archive, "mandaat_dinkelland")
    assert set(detected_mandate["origins"].values()) == {"detected"}
    assert detected_mandate["doc_type"] == labels["mandaat_dinkelland"]["type"]

    # 2. edit corrects a supplied value of one document and detected values of another
    assert "date = corrected" in cli.ok("edit", ids["raadsbesluit_dinkelland"], "--date", CORRECTED_DATE).stdout
    corrected = {o["field"]: o for o in show(archive, "raadsbesluit_dinkelland")["overrides"]}
    assert (corrected["date"]["value"], corrected["date"]["origin"]) == (CORRECTED_DATE, "corrected")
    assert "edit" in corrected["date"]["source"] and corrected["type"]["origin"] == "supplied"
    out = cli.ok("edit", ids["mandaat_dinkelland"][:8], "--type", "collegebesluit", "-m", "Losser").stdout
    assert "type = corrected" in out and "municipalities = corrected" in out
    check_supplied_and_corrected(archive, detected_mandate, "after edit")

    # 3. detection again, the index rebuilt, every original extracted again, the manifest read again
    redetected = cli.ok("redetect").stdout
    assert f"Detection run on {len(KEYS)} documents:" in redetected
    check_supplied_and_corrected(archive, detected_mandate, "after redetect")
    assert f"Index rebuilt with whoosh: {len(KEYS)} documents." in cli.ok("reindex").stdout
    check_supplied_and_corrected(archive, detected_mandate, "after reindex")
    reextracted = json.loads(cli.ok("ingest", "--reextract", "all", "--json").stdout)
    assert reextracted["reextracted"] == len(KEYS) and reextracted["failed"] == 0
    check_supplied_and_corrected(archive, detected_mandate, "after ingest --reextract all")
    again = json.loads(cli.ok("ingest", "--json", "--metadata", str(manifest), str(archive.inbox)).stdout)
    assert again["unchanged"] == len(KEYS)
    check_supplied_and_corrected(archive, detected_mandate, "after ingest with the manifest again")

    # 4. --reset drops a correction: the detected value applies again, and search follows
    assert "type = detected" in cli.ok("edit", ids["mandaat_dinkelland"], "--reset", "type").stdout
    mandate = show(archive, "mandaat_dinkelland")
    assert (mandate["doc_type"], mandate["origins"]["type"]) == (detected_mandate["doc_type"], "detected")
    assert mandate["origins"]["municipalities"] == "corrected", "only the field reset"
    assert ids["mandaat_dinkelland"] not in found_by(archive, "-t", "collegebesluit")
    assert ids["mandaat_dinkelland"] in found_by(archive, "-t", detected_mandate["doc_type"])
    cli.ok("edit", ids["mandaat_dinkelland"], "--reset", "municipalities")
    mandate = show(archive, "mandaat_dinkelland")
    assert mandate["municipalities"] == detected_mandate["municipalities"]
    assert mandate["origins"] == detected_mandate["origins"] and mandate["overrides"] == []
    assert found_by(archive, "-m", "GM0168") == {ids["gr_noaberkracht"]}
    assert ids["mandaat_dinkelland"] in found_by(archive, "-m", "Dinkelland")
