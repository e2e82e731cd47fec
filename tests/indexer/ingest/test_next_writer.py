"""What a killed writer leaves (a run row still 'running', a half-built index generation) is cleared up
by the next writer; the killing is real (SIGKILL), done by the process to itself at a chosen point."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from archive import Catalog, DataDir
from ingest_helpers import cli
from webui import create_app

ROOT = Path(__file__).resolve().parents[3]
KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
from archive import Catalog, DataDir
from indexer.service.sync import open_index

data = DataDir(Path(sys.argv[1]))
catalog = Catalog(data.catalog_path)
catalog.start_run({"paths": ["killed"]})

def docs():
    for number, doc in enumerate(catalog.with_filenames(catalog.iter_documents(with_text=True))):
        if number == 2:
            os.kill(os.getpid(), signal.SIGKILL)
        yield doc

open_index(data).rebuild(docs())
"""


def test_the_next_writer_marks_a_killed_run_interrupted_and_removes_its_partial_generation(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    for number, place in enumerate(["Tubbergen", "Dinkelland", "Losser", "Oldenzaal"]):
        (inbox / f"besluit-{number}.txt").write_text(f"Besluit van de gemeente {place} over de fusie.\n")
    data = DataDir(tmp_path / "data")
    assert cli(data.root, "ingest", "--quiet", str(inbox)).exit_code == 0

    killed = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(data.root)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert killed.returncode == -9
    current = (data.index_dir / "CURRENT").read_text().strip()
    partial = [p.name for p in data.index_dir.glob("gen-*") if p.name != current]
    assert partial, "the killed rebuild should have left its generation"
    app = create_app({"FUSIEARCHIEF_DATA": str(data.root), "TESTING": True})
    assert "<td>bezig</td>" in app.test_client().get("/overzicht").get_data(as_text=True)

    with Catalog(data.catalog_path, readonly=True) as catalog:
        doc_id = next(catalog.iter_documents()).id
    assert cli(data.root, "edit", doc_id, "--title", "Besluit na de fusie").exit_code == 0

    assert [p.name for p in data.index_dir.glob("gen-*")] == [current]
    with Catalog(data.catalog_path, readonly=True) as catalog:
        statuses = [run["status"] for run in catalog.runs()]
    assert statuses == ["interrupted", "ok"]  # newest first; an edit records no run
    overview = app.test_client().get("/overzicht").get_data(as_text=True)
    assert "<td>onderbroken</td>" in overview and "<td>bezig</td>" not in overview
    found = json.loads(cli(data.root, "search", "besluit", "--format", "json").output)
    assert found["total"] == 4
