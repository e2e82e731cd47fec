"""Bulk ingest end to end: real files, real worker processes, the real catalog and index."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive import Catalog, DataDir, OriginalStore
from archive.lock import exclusive_lock
from cli import main
from indexer.search import IndexUnavailable, SearchRequest
from indexer.service.sync import open_index
from ingest_helpers import accounted, cli, make_many_pdfs, populate
from make_fixtures import EXPECTED_CODES as FIXTURE_CODES

GOOD = ["pdf_multipage", "docx_tables_headers", "odt", "txt_utf8", "txt_cp1252", "html"]
# Unreadable paths cannot be copied into the input folder; they have a test of their own.
EXPECTED_CODES = {name: code for name, code in FIXTURE_CODES.items() if not name.startswith("unreadable")}


def test_ingest_archives_everything_and_lists_each_failure(fixture_files, tmp_path):
    files = populate(fixture_files, tmp_path / "in", GOOD + list(EXPECTED_CODES) + ["pdf_as_docx", "diacritics_name"])
    (tmp_path / "in" / ".verborgen.txt").write_text("hidden files are skipped")
    result = cli(tmp_path / "data", "ingest", "--jobs", "2", "--json", str(tmp_path / "in"))
    summary = json.loads(result.output)
    assert result.exit_code == 1, "failures must give a non-zero exit status"
    assert summary["files"] == len(files)
    assert summary["new"] + summary["duplicate"] + summary["unchanged"] + summary["failed"] == summary["files"]
    assert summary["new"] == len(GOOD) + 2
    by_path = {Path(f["path"]).name: f["code"] for f in summary["failures"]}
    assert by_path == {files[name].name: code for name, code in EXPECTED_CODES.items()}
    assert summary["failed_by_code"] == {
        code: list(EXPECTED_CODES.values()).count(code) for code in set(EXPECTED_CODES.values())
    }

    data = DataDir(tmp_path / "data")
    with Catalog(data.catalog_path) as catalog:
        assert catalog.integrity_errors() == []
        assert set(accounted(catalog)) == {str(p) for p in files.values()}
        assert set(accounted(catalog).values()) == {1}
        # originals of failed files are archived too, byte for byte
        store = OriginalStore(data.originals)
        for failure in catalog.failures():
            assert store.verify(failure["sha256"])
        assert catalog.stats()["unindexed"] == 0

    listed = json.loads(cli(tmp_path / "data", "failures", "--format", "json").output)
    assert {Path(r["path"]).name: r["code"] for r in listed} == by_path
    assert all({"path", "sha256", "code", "message"} <= set(r) for r in listed)


def test_second_run_skips_unchanged_and_duplicates_add_provenance(fixture_files, tmp_path):
    files = populate(fixture_files, tmp_path / "in", GOOD)
    first = json.loads(cli(tmp_path / "data", "ingest", "--json", str(tmp_path / "in")).output)
    assert first["new"] == len(GOOD) and first["failed"] == 0

    again = cli(tmp_path / "data", "ingest", "--json", str(tmp_path / "in"))
    assert again.exit_code == 0
    assert json.loads(again.output)["unchanged"] == len(GOOD)

    # the same statuut adopted by two more councils: one document, three provenances
    for council in ("barendrecht", "ridderkerk"):
        (tmp_path / "in" / council).mkdir()
        shutil.copyfile(files["docx_tables_headers"], tmp_path / "in" / council / "sociaal statuut.docx")
    # a changed file at a known path is read again
    files["txt_utf8"].write_text("Nieuwe versie van de nota van afstemming, gemeente Dinkelland.", encoding="utf-8")
    third = json.loads(cli(tmp_path / "data", "ingest", "--json", str(tmp_path / "in")).output)
    assert (third["new"], third["duplicate"], third["unchanged"]) == (1, 2, len(GOOD) - 1)
    with Catalog(DataDir(tmp_path / "data").catalog_path) as catalog:
        statuut = catalog.arrived_as(filename="sociaal statuut.docx")
        assert len(statuut) == 1 and len(catalog.provenance(statuut[0])) == 3
        assert catalog.integrity_errors() == []


def test_retry_failed_after_a_timeout(fixture_files, tmp_path):
    populate(fixture_files, tmp_path / "in", ["pdf_multipage", "txt_utf8"])
    first = cli(tmp_path / "data", "ingest", "--json", "--timeout", "0.1", "--jobs", "1", str(tmp_path / "in"))
    summary = json.loads(first.output)
    assert summary["failed_by_code"].get("timeout", 0) >= 1
    retry = cli(tmp_path / "data", "ingest", "--json", "--retry-failed")
    assert retry.exit_code == 0, retry.output
    assert json.loads(retry.output)["retried"] == summary["failed"]
    assert json.loads(cli(tmp_path / "data", "failures", "--format", "json").output) == []


def test_unreadable_paths_are_failures_not_silence(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "weg.pdf").symlink_to(tmp_path / "does-not-exist.pdf")
    result = cli(tmp_path / "data", "ingest", "--json", str(tmp_path / "in"))
    summary = json.loads(result.output)
    assert result.exit_code == 1 and summary["failed_by_code"] == {"unreadable": 1}
    assert "weg.pdf" in summary["failures"][0]["path"]


def test_a_second_ingest_is_refused_while_one_runs(fixture_files, tmp_path):
    populate(fixture_files, tmp_path / "in", ["txt_utf8"])
    data = DataDir(tmp_path / "data")
    data.create()
    with exclusive_lock(data.ingest_lock, "ingest"):
        result = CliRunner().invoke(main, ["--data-dir", str(data.root), "ingest", str(tmp_path / "in")])
    assert result.exit_code == 3
    assert "already writing" in result.output


def test_bad_input_gets_a_message_not_a_traceback(tmp_path):
    result = CliRunner().invoke(main, ["--data-dir", str(tmp_path / "d"), "ingest", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "Not found" in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(main, ["--data-dir", str(tmp_path / "d"), "ingest", "--jobs", "0", str(tmp_path)])
    assert result.exit_code == 2 and "--jobs" in result.output
    result = CliRunner().invoke(main, ["--data-dir", str(tmp_path / "d"), "failures"])
    assert result.exit_code == 2 and "fusiearchief ingest" in result.output


@pytest.mark.slow
def test_kill_9_mid_run_then_resume_accounts_for_every_file_once(tmp_path):
    """Documents become searchable while a first ingest runs (the index is committed every 5), and a
    kill -9 loses at most about one batch of indexing, which the next run redoes."""
    paths = make_many_pdfs(tmp_path / "in", 60)
    data = tmp_path / "data"
    every = 5
    command = [sys.executable, "-m", "cli", "--data-dir", str(data), "ingest", "--quiet", "--jobs", "2",
               "--index-every", str(every), str(tmp_path / "in")]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])}
    process = subprocess.Popen(command, env=env, start_new_session=True)
    index = open_index(DataDir(data))
    deadline = time.monotonic() + 120
    searchable = 0
    while time.monotonic() < deadline and process.poll() is None:
        try:
            searchable = index.doc_count()
        except IndexUnavailable:
            searchable = 0
        if searchable >= 10:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the run finished before it could be killed; make the corpus larger"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert 10 <= searchable < len(paths)

    catalog_path = data / "catalog.sqlite3"
    with Catalog(catalog_path, readonly=True) as catalog:
        archived = catalog.count_documents()
        clean = {doc.id for doc in catalog.iter_documents(where="index_dirty=0")}
    indexed = set(index.matching_ids(SearchRequest.from_params({}), limit=1000))
    assert clean <= indexed, "a document marked indexed is missing from the index"
    # Lost to the kill: the batch being gathered plus what arrived while one was being committed
    # (the first commit also starts the indexing process), not everything since the start.
    assert archived - len(indexed) <= 5 * every

    resumed = subprocess.run(command[:-5] + ["--json", "--jobs", "2", str(tmp_path / "in")], env=env,
                             capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    summary = json.loads(resumed.stdout)
    assert summary["unchanged"] >= archived and summary["failed"] == 0
    with Catalog(catalog_path) as catalog:
        assert catalog.integrity_errors() == []
        assert accounted(catalog) == {str(p): 1 for p in paths}
        assert catalog.count_documents() == len(paths)
        assert catalog.stats()["unindexed"] == 0
        ids = [d.id for d in catalog.iter_documents()]
    search = json.loads(CliRunner().invoke(main, ["--data-dir", str(data), "search", "raadsbesluit", "--format", "json"]).output)
    assert search["total"] == len(ids)
    # no temp files were left in the store by the killed run's successor
    assert not list((data / "originals").rglob("*.tmp"))
