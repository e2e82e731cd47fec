"""OCR through the whole ingest: real worker processes and Tesseract, the real catalog, index and app."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from archive import Catalog, DataDir
from archive.records import Document
from cli import main
from indexer.extract import ocr
from indexer.extract.ocr import TESSERACT_ENV
from indexer.search import SearchRequest
from indexer.service.sync import open_index
from make_ocr_fixtures import PAGE_ONE, words
from webui import create_app

pytestmark = pytest.mark.skipif(not ocr.available(), reason="Tesseract with the Dutch model is not installed")


def cli(data: Path, *args: str):
    return CliRunner().invoke(main, ["--data-dir", str(data), *args], catch_exceptions=False)


def inbox(tmp_path: Path, files: dict[str, Path], names: list[str]) -> dict[str, Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    copies = {name: folder / files[name].name for name in names}
    for name in names:
        shutil.copyfile(files[name], copies[name])
    return copies


def document(data: Path, path: Path) -> Document:
    with Catalog(DataDir(data).catalog_path, readonly=True) as catalog:
        return catalog.get(catalog.arrived_as(path=str(path))[0])


def found_ids(data: Path, query: str = "", **filters: str) -> set[str]:
    request = SearchRequest.from_params({"q": [query], "per_page": ["100"], **{k: [v] for k, v in filters.items()}})
    result = open_index(DataDir(data)).search(request, texts=lambda ids: {})
    return {hit["id"] for hit in result["hits"]}


def test_scans_become_searchable_with_their_ocr_origin(ocr_files, fixture_files, tmp_path):
    files = inbox(tmp_path, ocr_files, ["scan_pdf", "scan_tiff", "mixed_pdf", "blank_png"])
    strip = files["strip"] = tmp_path / "in" / "Strook.png"
    Image.new("L", (40000, 20), 255).save(strip)  # Tesseract refuses it: ocr_failed, the run goes on
    files["text"] = tmp_path / "in" / fixture_files["txt_utf8"].name
    shutil.copyfile(fixture_files["txt_utf8"], files["text"])
    data = tmp_path / "data"

    result = cli(data, "ingest", str(tmp_path / "in"), "--jobs", "2", "--json")
    summary = json.loads(result.output)
    assert result.exit_code == 1, result.output
    assert (summary["new"], summary["failed_by_code"]) == (4, {"empty_text": 1, "ocr_failed": 1})
    assert summary["ocr_pages"] == 1 + 2 + 1

    scan = document(data, files["scan_pdf"])
    assert scan.status == "ok" and scan.ocr.pages == 1
    assert scan.ocr.engine.startswith("tesseract") and scan.ocr.languages.startswith("nld")
    assert scan.ocr.confidence >= 80
    assert document(data, files["text"]).ocr is None

    # At least 95 % of the rendered words find the scan, diacritics and all.
    expected = words(PAGE_ONE)
    hits = [word for word in expected if scan.id in found_ids(data, word)]
    assert len(hits) / len(expected) >= 0.95, set(expected) - set(hits)
    assert scan.id in found_ids(data, '"één werkorganisatie"')

    recognised = {document(data, files[name]).id for name in ("scan_pdf", "scan_tiff", "mixed_pdf")}
    assert found_ids(data, "ocr:ja") == recognised
    assert found_ids(data, ocr="ja") == recognised
    assert document(data, files["text"]).id in found_ids(data, ocr="nee") - recognised
    filtered = cli(data, "search", "coördinatie", "--ocr", "yes", "--format", "json")
    assert {hit["id"] for hit in json.loads(filtered.output)["hits"]} == {
        document(data, files[name]).id for name in ("scan_pdf", "scan_tiff")
    }

    shown = cli(data, "show", scan.id, "--no-text").output
    assert re.search(r"text: recognised by OCR on 1 of 1 pages \(tesseract [\d.]+, nld[+a-z]*\), mean confidence \d+ %", shown)
    client = create_app({"FUSIEARCHIEF_DATA": str(data), "TESTING": True}).test_client()
    page = client.get(f"/documents/{scan.id}").get_data(as_text=True)
    assert re.search(r"tekst herkend met OCR, betrouwbaarheid \d+ %", page)
    assert client.get(f"/api/documents/{scan.id}").get_json()["ocr"]["pages"] == 1
    assert client.get("/api/search?ocr=ja&per_page=100").get_json()["total"] == len(recognised)
    assert "Tekst: herkend met OCR" in client.get("/?ocr=ja").get_data(as_text=True)  # a removable filter


def test_without_ocr_they_stay_empty_text_until_a_retry_reads_the_stored_originals(ocr_files, tmp_path, monkeypatch):
    files = inbox(tmp_path, ocr_files, ["scan_png", "mixed_pdf"])
    data = tmp_path / "data"
    monkeypatch.setenv(TESSERACT_ENV, "/nonexistent/tesseract")  # the worker processes inherit it
    first = json.loads(cli(data, "ingest", str(tmp_path / "in"), "--jobs", "2", "--json").output)
    assert first["failed_by_code"] == {"empty_text": 1}
    assert "apt-get install tesseract-ocr tesseract-ocr-nld" in first["failures"][0]["message"]
    assert document(data, files["mixed_pdf"]).ocr is None  # its text layer was enough to pass

    monkeypatch.delenv(TESSERACT_ENV)
    shutil.rmtree(tmp_path / "in")  # the retry needs only the archive
    retry = cli(data, "ingest", "--retry-failed", "--json")
    assert retry.exit_code == 0, retry.output
    assert json.loads(retry.output)["retried"] == 1
    scan = document(data, files["scan_png"])
    assert scan.status == "ok" and scan.ocr.pages == 1
    assert scan.id in found_ids(data, "coördinatie")


def test_reextract_from_the_archive_keeps_corrections(ocr_files, tmp_path):
    files = inbox(tmp_path, ocr_files, ["mixed_pdf"])
    data = tmp_path / "data"
    assert cli(data, "ingest", str(tmp_path / "in"), "--ocr", "never", "-q").exit_code == 0
    before = document(data, files["mixed_pdf"])
    assert before.ocr is None and "Noaberkracht" not in before.text
    assert cli(data, "edit", before.id, "--title", "Raadsvoorstel met bijlage").exit_code == 0
    shutil.rmtree(tmp_path / "in")

    outdated = json.loads(cli(data, "ingest", "--reextract", "outdated", "--json").output)
    assert outdated["reextracted"] == 0  # extracted by the current extractor already

    again = cli(data, "ingest", "--reextract", "all", "--json")
    assert again.exit_code == 0, again.output
    assert json.loads(again.output)["reextracted"] == 1
    after = document(data, files["mixed_pdf"])
    assert after.ocr.pages == 1 and "Noaberkracht" in after.text
    assert (after.title, after.origins["title"]) == ("Raadsvoorstel met bijlage", "corrected")
    assert after.id in found_ids(data, "Noaberkracht")
