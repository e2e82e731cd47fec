"""Shared fixtures: real files made by tests/fixtures/make_fixtures.py, once per test session."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).parent / "fixtures"))


@pytest.fixture(scope="session")
def fixture_files(tmp_path_factory) -> dict[str, Path]:
    """name -> path of every generated fixture file (see make_fixtures.build)."""
    import make_fixtures

    return make_fixtures.build(tmp_path_factory.mktemp("fixtures"))


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return ROOT / "corpus"


@pytest.fixture(scope="session")
def ocr_files(tmp_path_factory) -> dict[str, Path]:
    """name -> path of the scanned-page fixtures (see make_ocr_fixtures.build)."""
    import make_ocr_fixtures

    return make_ocr_fixtures.build(tmp_path_factory.mktemp("ocr-fixtures"))
