"""The sample corpus: reproducible build, labels in step with the files, coverage, extractable text."""
from __future__ import annotations

import csv
import hashlib
import importlib.util
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from indexer.detect import reference
from indexer.detect.evaluate import WITHOUT_OCR, expected_failure
from indexer.detect.taxonomy import DOC_TYPES
from indexer.extract import ExtractionError, extract_file

FORMATS = {"pdf", "docx", "odt", "txt", "html"}


def _load_build(corpus_dir: Path):
    spec = importlib.util.spec_from_file_location("corpus_build", corpus_dir / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file executes
    spec.loader.exec_module(module)
    return module


def _hashes(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def documents(corpus_dir) -> Path:
    return corpus_dir / "documents"


@pytest.fixture(scope="module")
def labels(corpus_dir) -> list[dict[str, str]]:
    with open(corpus_dir / "labels.csv", encoding="utf-8", newline="") as fp:
        return list(csv.DictReader(fp))


@pytest.fixture(scope="module")
def good(labels) -> list[dict[str, str]]:
    # The scan is read by OCR where Tesseract is installed (as in CI), and fails as empty_text elsewhere.
    return [row for row in labels if not expected_failure(row)]


def test_build_reproduces_the_committed_documents(corpus_dir, documents, tmp_path):
    build = _load_build(corpus_dir)
    build.build(tmp_path / "documents", tmp_path / "labels.csv")
    assert _hashes(tmp_path / "documents") == _hashes(documents)
    assert (tmp_path / "labels.csv").read_bytes() == (corpus_dir / "labels.csv").read_bytes()


def test_build_twice_gives_the_same_bytes(corpus_dir, tmp_path):
    # Independent of what is committed: two fresh builds must agree byte for byte.
    build = _load_build(corpus_dir)
    build.build(tmp_path / "a")
    build.build(tmp_path / "b")
    assert _hashes(tmp_path / "a") == _hashes(tmp_path / "b")


def test_every_file_is_labelled_and_every_label_has_a_file(corpus_dir, documents, labels):
    # `file` is relative to labels.csv, i.e. "documents/...".
    on_disk = {p.relative_to(corpus_dir).as_posix() for p in documents.rglob("*") if p.is_file()}
    labelled = [row["file"] for row in labels]
    assert len(labelled) == len(set(labelled)), "a file is labelled twice"
    assert on_disk == set(labelled)


def test_labels_use_known_values(labels):
    organisations = {o.key for o in reference.organisations()}
    for row in labels:
        assert row["type"] in DOC_TYPES, row["file"]
        assert row["organisation"] in organisations, row["file"]
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", row["date"]), row["file"]
        assert row["language"] in {"nl", "en", "fy"}, row["file"]
        assert row["expect_failure"] in {"", "empty_text", WITHOUT_OCR, "corrupt", "unsupported_format"}, row["file"]


def test_labelled_cbs_codes_are_real_municipalities(labels):
    for row in labels:
        codes = [c for c in (row["issuer"] + ";" + row["municipalities"]).split(";") if c]
        for code in codes:
            found = reference.municipality(code)
            assert found is not None, f"{row['file']}: {code} is no CBS code"
            # The municipality must have existed on the document's date.
            year = row["date"][:4]
            assert not found.valid_to or found.valid_to[:4] >= year, f"{row['file']}: {code} ended {found.valid_to}"
            assert not found.valid_from or found.valid_from[:4] <= year, f"{row['file']}: {code} began {found.valid_from}"
        assert not row["issuer"] or row["issuer"] in row["municipalities"].split(";"), row["file"]


def test_corpus_covers_organisations_types_years_and_formats(labels):
    files = {row["file"] for row in labels}
    assert len(files) >= 60
    assert len({row["organisation"] for row in labels}) >= 10
    types = Counter(row["type"] for row in labels)
    assert {key for key, n in types.items() if n >= 2} == set(DOC_TYPES)
    years = {int(row["date"][:4]) for row in labels}
    assert set(range(2008, 2025)) <= years, f"years without a document: {set(range(2008, 2025)) - years}"
    assert {Path(f).suffix.lstrip(".").lower() for f in files} >= FORMATS
    assert {row["language"] for row in labels} >= {"nl", "en", "fy"}


def test_duplicates_are_byte_identical(documents, labels):
    by_hash: dict[str, list[str]] = {}
    for name, digest in _hashes(documents).items():
        by_hash.setdefault(digest, []).append(name)
    groups = [names for names in by_hash.values() if len(names) > 1]
    assert groups, "the corpus should hold the same file under several names"
    label_of = {row["file"].removeprefix("documents/"): row for row in labels}
    for names in groups:
        assert len({Path(n).parent for n in names}) == len(names), "duplicates live in different folders"
        assert len({(label_of[n]["title"], label_of[n]["date"]) for n in names}) == 1


def test_failures_fail_as_labelled(corpus_dir, labels):
    assert {row["expect_failure"] for row in labels} >= {WITHOUT_OCR, "corrupt", "unsupported_format"}
    failing = [row for row in labels if expected_failure(row)]
    for row in failing:
        with pytest.raises(ExtractionError) as caught:
            extract_file(corpus_dir / row["file"])
        assert caught.value.code == expected_failure(row), row["file"]


def _words(text: str) -> set[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return set(re.findall(r"\w+", folded))


def test_documents_extract_with_their_title_words(corpus_dir, good):
    for row in good:
        result = extract_file(corpus_dir / row["file"])
        assert result["format"] == Path(row["file"]).suffix.lstrip(".").lower(), row["file"]
        missing = _words(row["title"]) - _words(result["text"])
        assert not missing, f"{row['file']}: title words {missing} not in the extracted text"
        words = len(result["text"].split())
        assert 150 <= words <= 1000, f"{row['file']}: {words} words"


def test_windows_text_files_extract_with_their_special_characters(corpus_dir, good):
    # The cp1252 TXT files are not valid UTF-8; the euro sign (0x80) only reads right as cp1252.
    windows = []
    for row in good:
        path = corpus_dir / row["file"]
        if path.suffix == ".txt":
            try:
                path.read_bytes().decode("utf-8")
            except UnicodeDecodeError:
                windows.append(path)
    assert len(windows) >= 2
    for path in windows:
        expected = path.read_bytes().decode("cp1252")
        text = extract_file(path)["text"]
        for char in {c for c in expected if ord(c) > 127}:
            assert char in text, f"{path.name}: {char!r} lost in extraction"
