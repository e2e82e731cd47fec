"""Rechtspraak open-data XML: ruling text with numbered parts, RDF metadata."""
from __future__ import annotations

import pytest

from extract_helpers import extract_bytes
from make_format_samples import rechtspraak

from indexer.extract import ExtractionError


def extract(tmp_path, data: bytes):
    return extract_bytes(tmp_path, data, "uitspraak.xml")


def test_metadata_from_both_descriptions(tmp_path):
    native = extract(tmp_path, rechtspraak())["native"]
    assert native["identifier"] == "ECLI:NL:RBOVE:2019:1234"  # not the deeplink of the second description
    assert native["title"] == "ECLI:NL:RBOVE:2019:1234 Rechtbank Overijssel, 18-04-2019"
    assert native["creator"] == "Rechtbank Overijssel"
    assert native["adopted"] == "2019-04-18" and native["issued"] == "2019-05-02"
    assert native["publication"] == "Rechtspraak" and native["regulation_type"] == "Uitspraak"
    assert "spatial" not in native  # the court's seat is no place the ruling is about


def test_summary_then_ruling_with_numbers_and_footnotes(tmp_path):
    result = extract(tmp_path, rechtspraak())
    assert result["format"] == "rechtspraak"
    lines = result["text"].split("\n")
    assert lines[0] == "Bestuursrecht; handhaving."
    assert "RECHTBANK OVERIJSSEL" in lines
    assert lines[lines.index("2 Overwegingen") - 1] == ""
    assert "2.3. Overweging 3 van de rechtbank over het besluit." in lines
    assert lines[-2:] == ["Voetnoot hier.", "Zie artikel 5:1 Awb."]
    assert "Publicatiedatum" not in result["text"] and "2019-05-02" not in result["text"]


def test_ruling_without_text_is_empty(tmp_path):
    data = rechtspraak().split(b"<inhoudsindicatie")[0] + b"</open-rechtspraak>"
    with pytest.raises(ExtractionError) as caught:
        extract(tmp_path, data)
    assert caught.value.code == "empty_text" and "no ruling text" in caught.value.message


def test_truncated_is_corrupt(tmp_path):
    data = rechtspraak()
    with pytest.raises(ExtractionError) as caught:
        extract(tmp_path, data[: len(data) - 40])
    assert caught.value.code == "corrupt"


def test_cp1252_under_utf8_declaration_and_a_long_ruling(tmp_path):
    wrong = rechtspraak().replace(b"handhaving", "handhaving en privé".encode()).decode().encode("cp1252")
    assert extract(tmp_path, wrong)["text"].startswith("Bestuursrecht; handhaving en privé.")
    lines = extract(tmp_path, rechtspraak(paragraphs=8_000))["text"].split("\n")
    assert "2.8000. Overweging 8000 van de rechtbank over het besluit." in lines
