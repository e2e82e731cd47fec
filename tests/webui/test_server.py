"""'fusiearchief serve' end to end: waitress in a subprocess, the printed URL answers."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_serve_prints_a_url_that_answers(web_data):
    code = f"from webui import serve; serve({str(web_data['root'])!r}, '127.0.0.1', 0)"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = server.stderr.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)
        with urllib.request.urlopen(url + "api/search?q=mandaat", timeout=30) as response:
            assert response.status == 200
            assert b'"total"' in response.read()
        with urllib.request.urlopen(url + "?q=mandaat", timeout=30) as response:
            assert 'lang="nl"' in response.read().decode("utf-8")
    finally:
        server.terminate()
        server.wait(timeout=10)
