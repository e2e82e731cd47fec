"""OCR with the real Tesseract (Dutch model) on scanned pages rendered by make_ocr_fixtures."""
from __future__ import annotations

import json
import re

import pytest

from indexer.extract import ExtractionError, Limits, extract_file, ocr
from indexer.extract.ocr import TESSERACT_ENV
from make_ocr_fixtures import PAGE_ONE, PAGE_TWO, TEXT_LAYER_PAGE, words

needs_tesseract = pytest.mark.skipif(not ocr.available(), reason="Tesseract with the Dutch model is not installed")


def failure(path, limits=Limits()) -> ExtractionError:
    with pytest.raises(ExtractionError) as caught:
        extract_file(path, limits)
    return caught.value


def recall(expected: list[str], text: str) -> float:
    """The share of the rendered words that OCR read exactly (diacritics included)."""
    tokens = set(re.findall(r"[\w-]+", text))
    return sum(word in tokens for word in expected) / len(expected)


@needs_tesseract
def test_image_only_pdf_is_read_with_its_diacritics(ocr_files):
    result = extract_file(ocr_files["scan_pdf"])
    assert result["format"] == "pdf" and result["pages"] == 1
    for word in ("één", "Fryslân", "coördinatie", "Súdwest-Fryslân"):
        assert word in result["text"]
    assert recall(words(PAGE_ONE), result["text"]) >= 0.95
    record = result["ocr"]
    assert record["engine"].startswith("tesseract ") and record["languages"].split("+")[0] == "nld"
    assert record["pages"] == [1]
    assert 80 <= record["confidence"] <= 100
    json.dumps(result)  # crosses the worker pipe and goes to the catalog


@needs_tesseract
def test_png_and_multipage_tiff_are_accepted_as_scans(ocr_files):
    png = extract_file(ocr_files["scan_png"])
    assert (png["format"], png["mime"], png["pages"]) == ("image", "image/png", 1)
    assert png["native"]["dpi"] == 200
    assert recall(words(PAGE_ONE), png["text"]) >= 0.95
    tiff = extract_file(ocr_files["scan_tiff"])
    assert (tiff["mime"], tiff["pages"], tiff["ocr"]["pages"]) == ("image/tiff", 2, [1, 2])
    first, second = tiff["text"].split("\f")
    assert "coördinatie" in first and "Noaberkracht" in second
    assert recall(words(PAGE_TWO), second) >= 0.95


@needs_tesseract
def test_a_page_scanned_sideways_is_turned_upright(ocr_files):
    result = extract_file(ocr_files["rotated_png"])
    assert recall(words(PAGE_ONE), result["text"]) >= 0.95
    assert result["ocr"]["confidence"] >= 80


@needs_tesseract
def test_mixed_pdf_recognises_only_the_scanned_page_unless_always(ocr_files):
    result = extract_file(ocr_files["mixed_pdf"])
    layer, scanned = result["text"].split("\f")
    assert layer.splitlines()[0] == TEXT_LAYER_PAGE[0]  # the text layer is taken as it is
    assert result["ocr"]["pages"] == [2]
    assert recall(words(PAGE_TWO), scanned) >= 0.95
    every = extract_file(ocr_files["mixed_pdf"], Limits(ocr="always"))
    assert every["ocr"]["pages"] == [1, 2]
    assert "Tubbergen" in every["text"].split("\f")[0]


def test_ocr_never_leaves_empty_text_and_says_how_to_read_it(ocr_files):
    error = failure(ocr_files["scan_pdf"], Limits(ocr="never"))
    assert error.code == "empty_text"
    assert "--ocr never" in error.message and "--retry-failed" in error.message
    # Text layers are read as ever.
    assert extract_file(ocr_files["mixed_pdf"], Limits(ocr="never"))["ocr"] is None


def test_without_tesseract_scans_stay_empty_text_naming_what_to_install(ocr_files, monkeypatch):
    monkeypatch.setenv(TESSERACT_ENV, "/nonexistent/tesseract")
    assert not ocr.available()
    for name in ("scan_pdf", "scan_png"):
        error = failure(ocr_files[name])
        assert error.code == "empty_text"
        assert "tesseract-ocr-nld" in error.message and "--retry-failed" in error.message
    # A PDF whose scanned page cannot be read still gives its text layer.
    assert TEXT_LAYER_PAGE[0] in extract_file(ocr_files["mixed_pdf"])["text"]


@needs_tesseract
def test_an_image_without_text_is_empty_text(ocr_files):
    error = failure(ocr_files["blank_png"])
    assert error.code == "empty_text"
    assert "found no text" in error.message


@needs_tesseract
def test_a_page_over_its_time_limit_is_a_timeout(ocr_files):
    error = failure(ocr_files["scan_png"], Limits(ocr_timeout_s=0.01))
    assert error.code == "timeout"
    assert "--ocr-timeout" in error.message


@needs_tesseract
def test_tesseract_refusing_a_page_is_ocr_failed(tmp_path):
    from PIL import Image

    strip = tmp_path / "strook.png"
    Image.new("L", (40000, 20), 255).save(strip)  # wider than Tesseract takes (32767 pixels)
    error = failure(strip)
    assert error.code == "ocr_failed"
    assert "Image too large" in error.message


@needs_tesseract
def test_the_sample_corpus_scan_is_read(corpus_dir):
    result = extract_file(corpus_dir / "documents/bar/ridderkerk/Scan raadsbesluit Ridderkerk 130926.pdf")
    assert result["ocr"]["pages"] == [1]
    assert "Gemeenschappelijke regeling BAR-organisatie" in result["text"].replace("\n", " ")


@needs_tesseract
def test_a_blank_page_beside_a_text_layer_does_not_count_as_ocr(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "Besluit met lege achterkant.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pdf.drawString(72, 760, "Besluit van de gemeenteraad van Dinkelland over de werkorganisatie Noaberkracht.")
    pdf.showPage()
    pdf.showPage()  # the blank back of the last sheet, as a duplex scanner delivers it
    pdf.save()
    result = extract_file(path)
    assert result["pages"] == 2 and result["ocr"] is None
