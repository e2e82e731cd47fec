"""The code passes ruff (pyproject.toml [tool.ruff]) and mypy (setup.cfg [mypy]) with nothing to report.

Both run as subprocesses of this interpreter from the repository root, so they read the repository's
own configuration; mypy keeps its cache in .mypy_cache, so a run after the first checks only what changed.
"""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec(tool) is None:
        pytest.skip(f"{tool} is not installed; it comes with the test extra: pip install -e '.[test]'")
    return subprocess.run([sys.executable, "-m", tool, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)


def _findings(result: subprocess.CompletedProcess[str], clean_summary: str) -> str:
    """Everything the tool said besides its all-clear line; empty when it had nothing to report."""
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    said = [line for line in lines if not line.startswith(clean_summary)]
    if result.returncode != 0 and not said:
        said = [f"exit status {result.returncode}"]
    return "\n".join(said)


def test_ruff_reports_nothing():
    result = _run("ruff", "check", "--output-format", "concise", ".")
    findings = _findings(result, "All checks passed!")
    if findings:
        pytest.fail(f"ruff check (run it from the repository root for context):\n{findings}", pytrace=False)


def test_mypy_reports_nothing():
    result = _run("mypy", "--config-file", "setup.cfg")
    findings = _findings(result, "Success: no issues found")
    if findings:
        pytest.fail(f"mypy (files and settings: setup.cfg [mypy]):\n{findings}", pytrace=False)
