"""DOCX extraction on real python-docx files, including damaged ones and a zip bomb."""
from __future__ import annotations

import copy
import time

import docx
import pytest
from docx.oxml.ns import qn

from indexer.extract import ExtractionError, Limits, extract_file
from indexer.extract.cleanup import versioned


def failure(path, limits=Limits()):
    with pytest.raises(ExtractionError) as caught:
        extract_file(path, limits)
    return caught.value


def test_body_paragraphs_and_table_rows(fixture_files):
    result = extract_file(fixture_files["docx_tables_headers"])
    assert result["format"] == "docx" and result["pages"] is None
    assert result["extractor"] == "python-docx" and result["extractor_version"] == versioned(docx.__version__)
    lines = result["text"].split("\n")
    assert lines[0] == "Sociaal statuut BAR-organisatie"
    assert "Onderwerp\tGarantie\tLooptijd" in lines
    assert "Salaris\tBehoud van salarisschaal en periodieken\tOnbeperkt" in lines
    assert lines.index("Overzicht van de garanties per onderwerp:") < lines.index("Onderwerp\tGarantie\tLooptijd")
    assert "Bijlage. De plaatsingscommissie bestaat uit drie leden." in lines


def test_headers_and_footers_of_all_sections_follow_the_body(fixture_files):
    text = extract_file(fixture_files["docx_tables_headers"])["text"]
    body_end = text.index("Bijlage. De plaatsingscommissie")
    for side in (
        "BAR-organisatie | Sociaal statuut | concept voor het GO",
        "Bijlage: overzicht plaatsingsprocedure",  # the second section's own header
        "Versie 2013-09, pagina-opmaak afdeling Communicatie",
    ):
        assert text.count(side) == 1
        assert text.index(side) > body_end


def test_core_properties(fixture_files):
    native = extract_file(fixture_files["docx_tables_headers"])["native"]
    assert native["title"] == "Sociaal statuut BAR-organisatie"
    assert native["author"] == "Stuurgroep BAR"
    assert native["keywords"] == "sociaal statuut; ambtelijke fusie"
    assert native["created"] == "2013-09-12T09:30:00+00:00"
    assert native["modified"] == "2013-10-01T16:00:00+00:00"
    assert native["description"] == "Vastgesteld in het bijzonder georganiseerd overleg"


def test_name_with_spaces_and_diacritics(fixture_files):
    path = fixture_files["diacritics_name"]
    assert "â" in path.name and " " in path.name
    result = extract_file(path)
    assert result["native"]["title"] == "Sociaal statuut Súdwest-Fryslân"
    assert "Bolsward, Sneek en Wûnseradiel" in result["text"]


def test_content_controls_are_read(fixture_files, tmp_path):
    document = docx.Document(str(fixture_files["docx_tables_headers"]))
    paragraph = document.add_paragraph("Besluitnummer: Z-2013-4711")
    # wrap the paragraph in a block-level content control, as municipal templates do
    sdt = paragraph._p.makeelement(qn("w:sdt"), {})
    content = sdt.makeelement(qn("w:sdtContent"), {})
    paragraph._p.addprevious(sdt)
    content.append(copy.deepcopy(paragraph._p))
    sdt.append(content)
    paragraph._p.getparent().remove(paragraph._p)
    path = tmp_path / "sjabloon.docx"
    document.save(str(path))
    assert "Besluitnummer: Z-2013-4711" in extract_file(path)["text"].split("\n")


def test_broken_zip_is_corrupt(fixture_files):
    error = failure(fixture_files["docx_broken_zip"])
    assert error.code == "corrupt"
    assert "DOCX" in error.message


def test_zip_bomb_is_refused_before_parsing(fixture_files):
    started = time.perf_counter()
    error = failure(fixture_files["docx_zip_bomb"], Limits(max_unpacked_bytes=10 * 1024 * 1024))
    assert error.code == "too_large"
    assert "unpack" in error.message and "50.0 MB" in error.message
    assert time.perf_counter() - started < 5  # refused from the ZIP directory, not by unpacking


def test_zip_bomb_under_a_generous_limit_is_still_no_document(fixture_files):
    assert failure(fixture_files["docx_zip_bomb"]).code == "corrupt"


def test_legacy_doc_is_unsupported_with_advice(fixture_files):
    error = failure(fixture_files["doc_legacy"])
    assert error.code == "unsupported_format"
    assert "DOCX" in error.message


def test_password_protected_office_file_is_encrypted(tmp_path):
    # Word stores a protected DOCX inside an OLE2 container with an "EncryptedPackage" stream.
    path = tmp_path / "beveiligd.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600) + "EncryptedPackage".encode("utf-16-le") + bytes(600))
    assert failure(path).code == "encrypted"
