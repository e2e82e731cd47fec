"""'serve --workers 2': several processes behind one port answer searches over HTTP, and every one
of them sees what an ingest committed while they were running."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEXT = ("Besluit van de raad van de gemeente Dinkelland over de ambtelijke fusie met Tubbergen "
        "(Noaberkracht), vastgesteld op 9 april 2013. Onderwerp: {subject}.")


def cli(data: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cli", "--data-dir", str(data), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def total(port: int, q: str) -> int:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/search?q={q}", timeout=30) as response:
        return json.load(response)["total"]


def test_serve_with_two_workers_searches_and_sees_a_later_ingest(tmp_path):
    data, inbox = tmp_path / "data", tmp_path / "in"
    inbox.mkdir()
    (inbox / "mandaat.txt").write_text(TEXT.format(subject="mandaatregeling"), encoding="utf-8")
    assert cli(data, "init", "--engine", "tantivy").returncode == 0
    assert cli(data, "ingest", "-q", str(inbox)).returncode == 0
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "cli", "--data-dir", str(data), "serve", "--workers", "2",
                               "--port", str(port)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                assert total(port, "mandaatregeling") == 1
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.3)
        # The first worker may answer before gunicorn has forked the second (a loaded machine).
        while len(workers := subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True,
                                            text=True).stdout.split()) < 2 and time.monotonic() < deadline:
            time.sleep(0.3)
        assert len(workers) == 2
        (inbox / "statuut.txt").write_text(TEXT.format(subject="sociaal statuut"), encoding="utf-8")
        assert cli(data, "ingest", "-q", str(inbox)).returncode == 0
        # Fresh connections are spread over the workers by the kernel: every answer sees the new document.
        assert [total(port, "statuut") for _ in range(16)] == [1] * 16
        assert total(port, "fusie") == 2
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
