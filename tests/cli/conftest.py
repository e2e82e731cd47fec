"""A real data folder made by the real 'ingest' command over a handful of sample-corpus files."""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from cli_archive import CORPUS, SAMPLE, Archive, Cli, copy_sample, document_ids


@pytest.fixture(scope="session")
def labels() -> dict[str, dict[str, str]]:
    """SAMPLE key -> its row of corpus/labels.csv (the truth the corpus was written to)."""
    with open(CORPUS / "labels.csv", encoding="utf-8", newline="") as handle:
        rows = {row["file"]: row for row in csv.DictReader(handle)}
    return {key: rows[f"documents/{path}"] for key, path in SAMPLE.items()}


@pytest.fixture(scope="session")
def archive(tmp_path_factory) -> Archive:
    """The shared data folder: READ ONLY for the tests (those that write use `scratch`)."""
    base = tmp_path_factory.mktemp("cli-archive")
    inbox = copy_sample(base / "inbox")
    cli = Cli(base / "data")
    result = cli("ingest", "--json", str(inbox))
    built = Archive(cli, inbox, json.loads(result.stdout), result.exit_code)
    built.ids = document_ids(cli, inbox)
    return built


@pytest.fixture
def scratch(archive: Archive, tmp_path: Path) -> Archive:
    """A copy of the shared data folder that a test may change."""
    shutil.copytree(archive.data, tmp_path / "data")
    return Archive(Cli(tmp_path / "data"), archive.inbox, archive.report, archive.exit_code, dict(archive.ids))


@pytest.fixture
def nowhere(tmp_path: Path) -> Cli:
    """The command line pointed at a data folder that does not exist."""
    return Cli(tmp_path / "no-such-archive")
