"""Decompression bombs: a generated PDF (~1 MB) whose stream inflates to 1 GB must end as too_large
with the memory of every process bounded (before: one worker grew to 2.5 GB)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from indexer.extract import ExtractionError, Limits, extract_file

ROOT = Path(__file__).resolve().parents[3]
# Runs the CLI and reports the largest resident size any of its processes (workers included) reached.
MEASURED = """
import resource, subprocess, sys
done = subprocess.run([sys.executable, "-m", "cli", *sys.argv[1:]], capture_output=True, text=True)
peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
print(done.returncode, peak_mb)
print(done.stdout)
"""


def ingest_measured(data: Path, *args: str) -> tuple[int, int, dict]:
    done = subprocess.run([sys.executable, "-c", MEASURED, "--data-dir", str(data), "ingest", "--json", *args],
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                          timeout=300)
    status, peak_mb = map(int, done.stdout.splitlines()[0].split())
    return status, peak_mb, json.loads(done.stdout.splitlines()[1])


def test_inflating_beyond_the_budget_is_too_large(fixture_files):
    with pytest.raises(ExtractionError) as caught:
        extract_file(fixture_files["pdf_flate_bomb"], Limits(max_unpacked_bytes=32 * 1024 * 1024))
    assert caught.value.code == "too_large" and "decompression bomb" in caught.value.message


@pytest.mark.slow
def test_a_flate_bomb_ends_too_large_within_bounded_memory(fixture_files, tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    bomb = shutil.copyfile(fixture_files["pdf_flate_bomb"], inbox / "bom.pdf")
    shutil.copyfile(fixture_files["txt_utf8"], inbox / "notitie.txt")

    status, peak_mb, summary = ingest_measured(tmp_path / "data", "--jobs", "1", str(inbox))
    assert status == 1 and summary["new"] == 1
    assert [(f["path"], f["code"]) for f in summary["failures"]] == [(str(bomb), "too_large")]
    assert "decompression bomb" in summary["failures"][0]["message"]
    assert peak_mb < 1024, f"a process reached {peak_mb} MB"

    # The worker's own address-space limit catches what the PDF budget does not see.
    status, peak_mb, summary = ingest_measured(tmp_path / "data", "--retry-failed", "--max-memory", "256")
    assert status == 1 and summary["failures"][0]["code"] in ("too_large", "crashed")
    assert peak_mb < 300, f"a process reached {peak_mb} MB"
