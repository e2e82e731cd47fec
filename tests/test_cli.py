"""The command line as a user meets it: a progress bar that fits the terminal, a summary that does not
forget earlier failures, 'serve' on a taken port, warnings for unknown filter values."""
from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import socket
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import EXIT_EARLIER_FAILURES, EXIT_FAILED_FILES, EXIT_USAGE, main

ROOT = Path(__file__).resolve().parents[1]
DUTCH = ("Besluit van het college van burgemeester en wethouders van de gemeente Dinkelland over het mandaat "
         "aan de directeur van Noaberkracht, vastgesteld op 9 april 2013.\n")


def cli(data: Path, *args: str):
    return CliRunner().invoke(main, ["--data-dir", str(data), *args], catch_exceptions=False)


def inbox(tmp_path: Path, count: int = 2, broken: bool = True) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(count):
        (folder / f"mandaatbesluit-{number:02d}-met-een-lange-naam-zoals-archieven-die-geven-{'x' * 30}.txt").write_text(
            DUTCH.replace("9 april", f"{number + 1} april"), encoding="utf-8")
    if broken:
        (folder / "kapot.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog")
    return folder


def run_in_terminal(args: list[str], columns: int, timeout: float = 120) -> str:
    """Run the CLI with a pseudo-terminal of `columns` columns as its terminal; everything it drew."""
    main_fd, child_fd = pty.openpty()
    fcntl.ioctl(child_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": str(columns)}
    process = subprocess.Popen([sys.executable, "-c", "from cli import main; main(prog_name='fusiearchief')", *args],
                               stdin=child_fd, stdout=child_fd, stderr=child_fd, env=env, cwd=ROOT)
    os.close(child_fd)
    output = b""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([main_fd], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(main_fd, 65536)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                output += chunk
            elif process.poll() is not None:
                break
    finally:
        process.wait(timeout=30)
        os.close(main_fd)
    return output.decode("utf-8", "replace")


@pytest.mark.slow
def test_progress_bar_fits_a_narrow_terminal(tmp_path):
    folder = inbox(tmp_path, count=12)
    drawn = run_in_terminal(["--data-dir", str(tmp_path / "data"), "ingest", "--jobs", "1", str(folder)], columns=50)
    pieces = [re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", piece) for piece in re.split(r"[\r\n]", drawn)]
    bars = [piece for piece in pieces if "files/s" in piece or "13/13" in piece]
    assert bars, drawn
    assert all(len(bar.rstrip()) <= 50 for bar in bars), [bar for bar in bars if len(bar.rstrip()) > 50]
    assert "bestanden" not in drawn, "the CLI speaks English"


def test_a_rerun_reports_files_still_failed_from_earlier_runs(tmp_path):
    folder = inbox(tmp_path)
    first = cli(tmp_path / "data", "ingest", "--json", str(folder))
    assert first.exit_code == EXIT_FAILED_FILES and json.loads(first.output)["earlier_failed"] == 0
    again = cli(tmp_path / "data", "ingest", "--json", str(folder))
    report = json.loads(again.output)
    assert report["failed"] == 0 and report["earlier_failed"] == 1
    assert again.exit_code == EXIT_EARLIER_FAILURES
    text = cli(tmp_path / "data", "ingest", str(folder))
    assert "Still failed from earlier runs: 1 files" in text.output and "--retry-failed" in text.output
    assert text.exit_code == EXIT_EARLIER_FAILURES
    # once the failed file is gone from the archive's failures, the status is 0 again
    (folder / "kapot.pdf").write_text(DUTCH, encoding="utf-8")
    fixed = cli(tmp_path / "data", "ingest", "--json", str(folder))
    assert json.loads(fixed.output)["earlier_failed"] == 0 and fixed.exit_code == 0, fixed.output


def test_exit_status_4_is_documented():
    help_text = CliRunner().invoke(main, ["ingest", "--help"]).output
    assert "4 when nothing" in " ".join(help_text.split())
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "`4` nothing failed in this run but files from earlier runs are still failed" in readme


def test_serve_on_a_taken_port_says_so_in_one_line(tmp_path):
    assert cli(tmp_path / "data", "init").exit_code == 0
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli(tmp_path / "data", "serve", "--port", str(port))
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert result.exit_code == EXIT_USAGE
    assert len(lines) == 1, result.output
    assert f"Port {port}" in lines[0] and "already in use" in lines[0] and "--port" in lines[0]
    assert "Traceback" not in result.output


def test_unknown_type_and_language_values_warn_with_the_known_ones(tmp_path):
    folder = inbox(tmp_path, broken=False)
    assert cli(tmp_path / "data", "ingest", "-q", str(folder)).exit_code == 0
    result = cli(tmp_path / "data", "search", "-t", "mandaatbesluiten", "-l", "nederlands")
    assert "Warning: unknown type 'mandaatbesluiten' for --type/-t; known: raadsbesluit" in result.output
    assert "mandaatbesluit," in result.output
    assert "Warning: unknown language 'nederlands' for --language/-l; known: nl" in result.output
    quiet = cli(tmp_path / "data", "search", "-t", "mandaatbesluit", "-l", "nl", "--format", "json")
    assert "Warning" not in quiet.output and json.loads(quiet.output)["total"] >= 1
    export = cli(tmp_path / "data", "export", "-t", "besluit", "--format", "json")
    assert "Warning: unknown type 'besluit'" in export.output


def test_serve_on_a_host_that_is_not_here_says_so(tmp_path):
    assert cli(tmp_path / "data", "init").exit_code == 0
    # an address of no interface here (a host name would need a DNS lookup, and tests stay offline)
    result = cli(tmp_path / "data", "serve", "--host", "10.255.255.1", "--port", "8799")
    assert result.exit_code == EXIT_USAGE and "Cannot listen on '10.255.255.1'" in result.output
    assert "Traceback" not in result.output
