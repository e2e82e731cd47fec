"""PDF extraction with pdfminer.six on real generated PDFs."""
from __future__ import annotations

import json

import pdfminer
import pytest

from indexer.extract import ExtractionError, Limits, extract_file
from indexer.extract.cleanup import versioned
from indexer.extract.dates import pdf_date_to_iso


def failure(path):
    with pytest.raises(ExtractionError) as caught:
        extract_file(path)
    return caught.value


def test_pages_are_separated_by_form_feeds_in_order(fixture_files):
    result = extract_file(fixture_files["pdf_multipage"])
    assert result["format"] == "pdf" and result["mime"] == "application/pdf"
    assert result["pages"] == 10
    pages = result["text"].split("\f")
    assert len(pages) == 10
    for number, page in enumerate(pages, start=1):
        assert f"pagina {number} van 10" in page
    assert "Artikel 4. Uitzonderingen" in pages[3]
    assert "financiële gevolgen" in result["text"]
    assert result["extractor"] == "pdfminer.six"
    assert result["extractor_version"] == versioned(pdfminer.__version__)
    json.dumps(result)  # goes to worker pipes and the catalog as JSON


def test_info_dictionary_metadata_with_iso_dates(fixture_files):
    native = extract_file(fixture_files["pdf_multipage"])["native"]
    assert native["title"] == "Mandaatbesluit Dinkelland 2023"
    assert native["author"] == "Gemeente Dinkelland"
    assert native["keywords"] == "mandaat, Noaberkracht, Dinkelland, Tubbergen"
    assert native["created"] == "2023-03-14T10:15:00+01:00"
    assert native["modified"] == "2023-03-14T10:15:00+01:00"
    assert native["producer"].startswith("ReportLab")
    assert all(value not in (None, "") for value in native.values())


def test_utf16_title_and_xmp_fill_what_the_info_dictionary_lacks(fixture_files):
    result = extract_file(fixture_files["pdf_xmp"])
    native = result["native"]
    assert native["title"] == "Verordening Súdwest-Fryslân"  # info dictionary wins over XMP
    assert native["author"] == "Griffie Súdwest-Fryslân; Team Juridische Zaken"
    assert native["created"] == "2014-01-07T11:20:00+01:00"  # an XMP attribute
    assert native["generator"] == "Microsoft Word 2010"
    assert result["pages"] == 1 and "maatschappelijke ondersteuning" in result["text"]


def test_pdf_named_docx_is_read_as_pdf(fixture_files):
    assert fixture_files["pdf_as_docx"].suffix == ".docx"
    result = extract_file(fixture_files["pdf_as_docx"])
    assert result["format"] == "pdf"
    assert "dienstverleningsovereenkomst met Noaberkracht" in result["text"]


def test_password_protected_pdf_is_encrypted(fixture_files):
    error = failure(fixture_files["pdf_encrypted"])
    assert error.code == "encrypted"
    assert "password" in error.message


def test_truncated_pdf_is_corrupt(fixture_files):
    error = failure(fixture_files["pdf_truncated"])
    assert error.code == "corrupt"
    assert "cut off" in error.message


def test_pdf_without_text_layer_needs_ocr(fixture_files):
    error = failure(fixture_files["pdf_no_text"])
    assert error.code == "empty_text"
    assert "OCR" in error.message


def test_garbage_after_a_pdf_header_is_corrupt(tmp_path):
    path = tmp_path / "kapot.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"niet echt een pdf " * 200 + b"\n%%EOF\n")
    assert failure(path).code == "corrupt"


@pytest.mark.parametrize(
    "raw, iso",
    [
        ("D:20130409101500+02'00'", "2013-04-09T10:15:00+02:00"),
        ("D:20130409101500Z", "2013-04-09T10:15:00+00:00"),
        ("D:20130409101500-05'30", "2013-04-09T10:15:00-05:30"),
        ("20130409101500", "2013-04-09T10:15:00"),
        ("D:20130409", "2013-04-09"),
        ("D:2013", "2013-01-01"),
        ("D:20131345", None),
        ("gisteren", None),
        ("", None),
    ],
)
def test_pdf_dates(raw, iso):
    assert pdf_date_to_iso(raw) == iso


def test_long_pdf_is_cut_at_the_text_limit_but_all_pages_are_counted(fixture_files):
    result = extract_file(fixture_files["pdf_large"], Limits(max_text_chars=5000))
    assert len(result["text"]) == 5000 and result["native"]["truncated"] is True
    assert result["pages"] == 60
    assert result["text"].startswith("Gemeente Dinkelland - Mandaatbesluit 2023 - pagina 1 van 60")
