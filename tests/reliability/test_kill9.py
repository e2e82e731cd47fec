"""kill -9 at random points of ingest and reindex, in a bounded loop; after each rerun the invariants
must hold: every input accounted for once, catalog integrity, originals' hashes, index = catalog.

RELIABILITY_TRIES and RELIABILITY_SEED (environment) make the loop longer or repeat a failing one.
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archive import DataDir
from ingest_helpers import make_many_pdfs
from invariants import problems

pytestmark = pytest.mark.reliability
ROOT = Path(__file__).resolve().parents[2]
TRIES = int(os.environ.get("RELIABILITY_TRIES", "6"))
SEED = int(os.environ.get("RELIABILITY_SEED", str(int(time.time()) % 10_000)))
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def fusiearchief(data: DataDir, *args: str) -> list[str]:
    return [sys.executable, "-m", "cli", "--data-dir", str(data.root), *args]


def add_inputs(inbox: Path, round_number: int) -> list[Path]:
    """New work for a round: PDFs, text files, and a copy of an earlier file (a duplicate)."""
    folder = inbox / f"ronde-{round_number}"
    paths = make_many_pdfs(folder, 3, start=round_number * 10)
    for number in range(2):
        text = folder / f"notitie-{number}.txt"
        text.write_text(f"Notitie {round_number}-{number} van de gemeente Losser over de ambtelijke fusie.\n")
        paths.append(text)
    if round_number:
        copy = folder / "kopie.pdf"
        shutil.copyfile(inbox / "ronde-0" / "raadsbesluit-000.pdf", copy)
        paths.append(copy)
    return paths


def kill_at_random(command: list[str], delay: float) -> tuple[float, bool]:
    """Start command, SIGKILL its process group after `delay` s; (delay, whether it was still running)."""
    process = subprocess.Popen(command, env=ENV, cwd=ROOT, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        process.wait(timeout=delay)
        return delay, False
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return delay, True


def test_kill_9_at_random_points_then_rerun_keeps_every_invariant(tmp_path):
    rng = random.Random(SEED)
    data = DataDir(tmp_path / "data")
    inbox = tmp_path / "in"
    inputs: list[Path] = []
    figures = {"tries": 0, "killed": 0, "finished before the kill": 0, "failures": 0, "data lost": 0}
    report = []
    for attempt in range(TRIES):
        inputs += add_inputs(inbox, attempt)
        what = "reindex" if attempt % 3 == 2 else "ingest"
        command = (fusiearchief(data, "ingest", "--quiet", "--jobs", "2", "--index-every", "3", str(inbox))
                   if what == "ingest" else fusiearchief(data, "reindex"))
        # Python and the imports take ~1 s; a reindex of a few dozen documents ~1 s more.
        delay, killed = kill_at_random(command, rng.uniform(0.3, 4.0 if what == "ingest" else 1.0))
        figures["tries"] += 1
        figures["killed" if killed else "finished before the kill"] += 1
        # The documented recovery: run the same ingest again.
        rerun = subprocess.run(fusiearchief(data, "ingest", "--quiet", "--jobs", "2", str(inbox)), env=ENV,
                               cwd=ROOT, capture_output=True, text=True, timeout=300)
        found, lost = problems(data, inputs)
        if rerun.returncode != 0:
            found.append(f"rerun exit {rerun.returncode}: {rerun.stderr.strip()[-300:]}")
        figures["failures"] += bool(found)
        figures["data lost"] += lost
        report.append(f"  try {attempt}: kill -9 {what} after {delay:.1f} s"
                      f"{'' if killed else ' (it had finished)'}: {'; '.join(found) or 'all invariants hold'}")
    print(f"\nreliability (seed {SEED}, {len(inputs)} inputs): " + ", ".join(f"{k} {v}" for k, v in figures.items()))
    print("\n".join(report))
    assert figures["failures"] == 0 and figures["data lost"] == 0, "\n".join(report)
