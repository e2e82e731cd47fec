"""A full disk under the originals, the catalog or the index: a real small tmpfs, filled by a real ingest.

Mounting needs root (as on the development machine); elsewhere these tests are skipped with that reason.
"""
from __future__ import annotations

import json
import random
import subprocess
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from archive import Catalog, DataDir, OriginalStore
from indexer.service.sync import open_index
from ingest_helpers import accounted, cli

WORDS = ("gemeente raad college besluit mandaat werkorganisatie fusie regeling statuut personeel begroting "
         "burgemeester wethouders griffier vergadering bevoegdheid organisatie samenwerking beleid").split()


@contextmanager
def small_disk(path: Path, size: str) -> Iterator[Path]:
    path.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {mounted.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def grow(path: Path) -> None:
    subprocess.run(["mount", "-o", "remount,size=64m", str(path)], check=True)


def make_inputs(folder: Path, count: int = 8, words: int = 6_000) -> list[Path]:
    rng = random.Random(7)
    folder.mkdir(parents=True)
    paths = []
    for number in range(count):
        path = folder / f"verslag-{number:02d}.txt"
        body = " ".join(rng.choice(WORDS) for _ in range(words))
        path.write_text(f"Verslag {number} van de gemeente Tubbergen.\n\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths


def leftovers(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.name.endswith(".tmp") or ".toc." in p.name]


@pytest.mark.slow
@pytest.mark.parametrize("full", ["originals", "catalog", "index"])
def test_a_full_disk_stops_the_run_blames_no_input_and_the_same_command_resumes(tmp_path, full):
    inputs = make_inputs(tmp_path / "in")
    data = DataDir(tmp_path / "data")
    with ExitStack() as mounts:
        if full == "catalog":
            small = mounts.enter_context(small_disk(data.root, "256k"))
            for part in (data.originals, data.index_dir):
                mounts.enter_context(small_disk(part, "64m"))
        else:
            data.create()
            small = mounts.enter_context(small_disk(data.originals if full == "originals" else data.index_dir,
                                                    "192k" if full == "originals" else "96k"))

        first = cli(data.root, "ingest", "--json", "--jobs", "1", str(tmp_path / "in"))
        assert first.exit_code == 5, first.output
        summary = json.loads(first.stdout)
        part = {"originals": "archive of originals", "catalog": "catalog", "index": "search index"}[full]
        assert f"Cannot write the {part}" in summary["archive_error"]
        assert summary["failed"] == 0 and summary["failures"] == []
        message = first.stderr.strip().splitlines()
        assert message[-1].startswith("Error: Cannot write the") and "Traceback" not in first.stderr
        assert leftovers(data.root) == []

        grow(small)
        again = cli(data.root, "ingest", "--json", "--jobs", "1", str(tmp_path / "in"))
        assert again.exit_code == 0, again.output
        with Catalog(data.catalog_path) as catalog:
            assert catalog.integrity_errors() == []
            assert accounted(catalog) == {str(p): 1 for p in inputs}
            assert catalog.stats()["unindexed"] == 0
            assert "running" not in {r["status"] for r in catalog.runs()}
            store = OriginalStore(data.originals)
            assert all(store.verify(doc.sha256) for doc in catalog.iter_documents())
            assert open_index(data).doc_count() == catalog.count_documents() == len(inputs)
        assert leftovers(data.root) == []
