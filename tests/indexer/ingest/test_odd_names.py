"""File names that are not valid UTF-8 (old Windows shares, extracted ZIPs): made as bytes, ingested for real."""
from __future__ import annotations

import json
import os
from pathlib import Path

from archive import Catalog, DataDir
from indexer.ingest.walker import display_path, filesystem_path, readable_name
from ingest_helpers import accounted, cli


def write(folder: Path, name: bytes, text: str) -> Path:
    path = os.path.join(os.fsencode(folder), name)
    with open(path, "wb") as out:
        out.write(text.encode("utf-8"))
    return Path(os.fsdecode(path))


def test_display_path_is_valid_text_and_leads_back_to_the_file(tmp_path):
    path = write(tmp_path, b"caf\xe9 \xff.txt", "Gemeente Losser")
    shown = display_path(path)
    assert shown.encode("utf-8") and shown.endswith("caf\\xe9 \\xff.txt")
    assert filesystem_path(shown) == path and filesystem_path(shown).read_text() == "Gemeente Losser"
    assert readable_name(path) == "café ÿ.txt"
    assert display_path(tmp_path / "café.txt") == str(tmp_path / "café.txt")


def test_names_that_are_not_utf8_are_archived_and_do_not_stop_the_run(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    odd_dir = Path(os.fsdecode(os.path.join(os.fsencode(inbox), b"map \xe9\xe9n")))
    odd_dir.mkdir()
    files = [
        write(inbox, b"aa-voor.txt", "Besluit van de gemeente Tubbergen over de samenwerking."),
        write(inbox, b"caf\xe9-besluit.txt", "Besluit van de gemeente Losser over het sociaal statuut."),
        write(odd_dir, b"\x81\x8d-notitie.txt", "Notitie van de gemeente Dinkelland over de fusie."),
        write(inbox, b"zz-na.txt", "Besluit van de gemeente Oldenzaal over de dienstverlening."),
    ]
    result = cli(tmp_path / "data", "ingest", "--json", "--jobs", "1", str(inbox))
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert (summary["files"], summary["new"], summary["failed"]) == (4, 4, 0)

    with Catalog(DataDir(tmp_path / "data").catalog_path) as catalog:
        assert catalog.integrity_errors() == []
        assert accounted(catalog) == {display_path(p): 1 for p in files}
        cafe = catalog.get(catalog.arrived_as(path=display_path(files[1]))[0])
        cafe.title.encode("utf-8")  # storable and printable: no lone surrogates
        assert catalog.provenance(cafe.id)[0].filename == "caf\\xe9-besluit.txt"
    for word in ("tubbergen", "losser", "dinkelland", "oldenzaal"):
        found = json.loads(cli(tmp_path / "data", "search", word, "--format", "json").output)
        assert found["total"] == 1, word
    again = json.loads(cli(tmp_path / "data", "ingest", "--json", str(inbox)).output)
    assert again["unchanged"] == 4


def test_an_unreadable_odd_name_is_listed_and_retried_from_its_escaped_path(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    target = tmp_path / "elders.txt"
    link = Path(os.fsdecode(os.path.join(os.fsencode(inbox), b"verplaatst \xe9.txt")))
    link.symlink_to(target)
    result = cli(tmp_path / "data", "ingest", "--json", str(inbox))
    summary = json.loads(result.output)
    assert result.exit_code == 1 and summary["failed_by_code"] == {"unreadable": 1}
    assert summary["failures"][0]["path"] == display_path(link)

    target.write_text("Besluit van de gemeente Hof van Twente.", encoding="utf-8")
    retry = cli(tmp_path / "data", "ingest", "--json", "--retry-failed")
    assert retry.exit_code == 0, retry.output
    assert json.loads(retry.output)["new"] == 1
