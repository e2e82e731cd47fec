"""Readers never see an error while writers work: searches over HTTP (the real app, waitress) and
through the Python API, during an ingest with batched index commits, a reindex and edits."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

from archive import Catalog, DataDir
from indexer.search import SearchRequest
from indexer.service.sync import open_index
from ingest_helpers import make_many_pdfs
from invariants import problems

pytestmark = pytest.mark.reliability
ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
QUERIES = ["raadsbesluit", "gemeente tubbergen", "dinkelland besluit*", "\"regel 3-4\"", ""]


def fusiearchief(data: DataDir, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cli", "--data-dir", str(data.root), *args], env=ENV, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


class Readers:
    def __init__(self, data: DataDir, base_url: str):
        self.data = data
        self.base_url = base_url
        self.counts: Counter = Counter()
        self.errors: list[str] = []
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.http, daemon=True),
                        threading.Thread(target=self.python_api, daemon=True)]

    def http(self) -> None:
        number = 0
        while not self.stopping.is_set():
            query = QUERIES[number % len(QUERIES)]
            number += 1
            url = f"{self.base_url}/api/search?q={urllib.request.quote(query)}"
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    json.loads(response.read())["total"]
                self.counts["http"] += 1
                time.sleep(0.01)  # steady load, not a CPU hog next to the writers on two cores
            except (urllib.error.URLError, OSError, ValueError, KeyError) as error:
                self.errors.append(f"GET {url}: {error}")

    def python_api(self) -> None:
        index = open_index(self.data)
        with Catalog(self.data.catalog_path, readonly=True) as catalog:
            number = 0
            while not self.stopping.is_set():
                query = QUERIES[number % len(QUERIES)]
                number += 1
                try:
                    index.search(SearchRequest.from_params({"q": [query]}), texts=catalog.texts)
                    self.counts["python"] += 1
                    time.sleep(0.01)
                except Exception as error:  # any error at all is what this test counts
                    self.errors.append(f"search {query!r}: {type(error).__name__}: {error}")

    def __enter__(self) -> "Readers":
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=60)


def test_searches_during_ingest_reindex_and_edit_all_succeed(tmp_path):
    from webui.server import make_server

    data = DataDir(tmp_path / "data")
    first = make_many_pdfs(tmp_path / "in", 10)
    assert fusiearchief(data, "ingest", "--quiet", "--jobs", "2", str(tmp_path / "in")).returncode == 0
    server = make_server(data.root, "127.0.0.1", 0)
    threading.Thread(target=server.run, daemon=True).start()
    writers = []
    try:
        with Readers(data, f"http://127.0.0.1:{server.effective_port}") as readers:
            more = make_many_pdfs(tmp_path / "in", 16, start=100)
            for name, args in [
                ("ingest", ["ingest", "--quiet", "--jobs", "2", "--index-every", "4", str(tmp_path / "in")]),
                ("reindex", ["reindex"]),
                ("edit", ["edit", _some_id(data), "--title", "Raadsbesluit na correctie"]),
            ]:
                done = fusiearchief(data, *args)
                writers.append(f"{name} exit {done.returncode}")
                assert done.returncode == 0, done.stderr
    finally:
        server.close()
    found, lost = problems(data, first + more)
    print(f"\nconcurrent readers: {readers.counts['http']} HTTP searches, {readers.counts['python']} Python API "
          f"searches during {', '.join(writers)}; {len(readers.errors)} errors")
    assert readers.errors == []
    assert readers.counts["http"] > 10 and readers.counts["python"] > 10
    assert found == [] and lost == 0


def _some_id(data: DataDir) -> str:
    with Catalog(data.catalog_path, readonly=True) as catalog:
        return next(catalog.iter_documents()).id
