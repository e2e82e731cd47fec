"""Ingest through a real Dask cluster on loopback: a scheduler and workers as subprocesses.

The catalog a cluster ingest writes must equal the one a local ingest writes from the same files;
a worker killed mid-run must cost nothing; an unreachable cluster must say so in one line.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive import Catalog, DataDir
from cli import EXIT_CLUSTER, main
from indexer.ingest.executors import IN_FLIGHT_PER_WORKER
from loopback_cluster import LoopbackCluster

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "corpus" / "documents"
DOCUMENT_COLUMNS = (
    "sha256", "size", "ext", "format", "mime", "pages", "text", "native_json", "status", "failure_stage",
    "failure_code", "failure_message", "extractor", "extractor_version", "detected_json", "title", "doc_type",
    "doc_date", "date_precision", "language", "issuer", "municipalities_json", "organisations_json",
)


def cli(data: Path, *args: str):
    return CliRunner().invoke(main, ["--data-dir", str(data), *args], catch_exceptions=False)


STARTED: list[subprocess.Popen] = []


def ingest_subprocess(data: Path, *args: str, env: dict | None = None) -> subprocess.Popen:
    command = [sys.executable, "-m", "cli", "--data-dir", str(data), "ingest", "--json", *args]
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    STARTED.append(process)
    return process


@pytest.fixture(autouse=True)
def no_ingest_left_running():
    yield
    while STARTED:
        process = STARTED.pop()
        if process.poll() is None:
            process.kill()
        process.communicate()


def documents_in(data: Path) -> int:
    try:
        db = sqlite3.connect(f"file:{DataDir(data).catalog_path}?mode=ro", uri=True, timeout=1)
        try:
            return db.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            db.close()
    except sqlite3.OperationalError:
        return 0


def catalog_view(data: Path) -> dict:
    """What an ingest decided, without run ids and timestamps: documents, provenance, failures."""
    with Catalog(DataDir(data).catalog_path) as catalog:
        assert catalog.integrity_errors() == []
        db = catalog.db
        rows = lambda sql: sorted(tuple(row) for row in db.execute(sql))  # noqa: E731
        documents = {row[0]: row for row in rows(f"SELECT {', '.join(DOCUMENT_COLUMNS)} FROM documents")}
        provenance = rows(
            "SELECT d.sha256, p.path, p.size, p.mtime_ns FROM provenance p JOIN documents d ON d.id = p.document_id")
        failures = rows(
            "SELECT f.path, d.sha256, f.stage, f.code, f.message FROM failures f "
            "LEFT JOIN documents d ON d.id = f.document_id")
        unindexed = catalog.stats()["unindexed"]
    return {"documents": documents, "provenance": provenance, "failures": failures, "unindexed": unindexed}


def without_order(summary: dict) -> dict:
    return {**summary, "failures": sorted(summary["failures"], key=lambda f: f["path"])}


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    with LoopbackCluster(tmp_path_factory.mktemp("cluster"), workers=2) as running:
        yield running


@pytest.fixture(scope="module")
def local_ingest(tmp_path_factory) -> tuple[dict, dict]:
    data = tmp_path_factory.mktemp("local") / "data"
    result = cli(data, "ingest", "--json", "--jobs", "2", str(CORPUS))
    return without_order(json.loads(result.output)), catalog_view(data)


def kill_a_worker_when_busy(cluster: LoopbackCluster, ingest: subprocess.Popen, victim_name: str) -> int:
    """SIGKILL the named worker once it holds tasks of the running ingest; how many it held."""
    with cluster.client() as client:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and ingest.poll() is None:
            workers = client.scheduler_info()["workers"]
            victim = next((address for address, w in workers.items() if w.get("name") == victim_name), None)
            held = client.processing().get(victim, []) if victim else []
            if held:
                os.kill(cluster.workers_by_name[victim_name].pid, signal.SIGKILL)
                return len(held)
            time.sleep(0.02)
    raise AssertionError("the ingest ended before the worker could be killed; make the input larger")


def test_cluster_ingest_writes_the_catalog_a_local_ingest_writes(cluster, local_ingest, tmp_path):
    local_summary, local_view = local_ingest
    ingest = ingest_subprocess(tmp_path / "data", "--cluster", cluster.address, str(CORPUS))
    on_the_scheduler = []
    with cluster.client() as client:
        while ingest.poll() is None:
            on_the_scheduler.append(client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks)))
            time.sleep(0.02)
    stdout, stderr = ingest.communicate()
    # back-pressure: never more than IN_FLIGHT_PER_WORKER tasks per worker thread (2 workers × 1 thread)
    assert 2 <= max(on_the_scheduler) <= 2 * IN_FLIGHT_PER_WORKER
    summary = without_order(json.loads(stdout))
    assert ingest.returncode == (1 if local_summary["failed"] else 0), stderr
    assert summary == local_summary
    assert summary["new"] > 50 and summary["duplicate"] > 0 and summary["failed"] > 0
    view = catalog_view(tmp_path / "data")
    assert view == local_view and view["unindexed"] == 0

    again = json.loads(cli(tmp_path / "data", "ingest", "--json", "--cluster", cluster.address, str(CORPUS)).output)
    assert again["unchanged"] == summary["files"] and again["new"] == 0
    with Catalog(DataDir(tmp_path / "data").catalog_path) as catalog:
        assert catalog.runs(1)[0]["options"]["cluster"] == cluster.address


def test_failure_codes_and_the_time_limit_hold_on_a_worker(cluster, fixture_files, tmp_path):
    from make_fixtures import EXPECTED_CODES

    expected = {fixture_files[n].name: c for n, c in EXPECTED_CODES.items() if not n.startswith("unreadable")}
    for folder, names in (("codes", [n for n in EXPECTED_CODES if not n.startswith("unreadable")] + ["txt_utf8"]),
                          ("slow", ["pdf_large"])):
        (tmp_path / folder).mkdir()
        for name in names:
            (tmp_path / folder / fixture_files[name].name).write_bytes(fixture_files[name].read_bytes())
    result = cli(tmp_path / "data", "ingest", "--json", "--cluster", cluster.address, str(tmp_path / "codes"))
    assert {Path(f["path"]).name: f["code"] for f in json.loads(result.output)["failures"]} == expected
    # 60 pages in a tenth of a second: too slow anywhere, so only the limit decides.
    result = cli(tmp_path / "data", "ingest", "--json", "--cluster", cluster.address, "--timeout", "0.1",
                 str(tmp_path / "slow"))
    assert json.loads(result.output)["failed_by_code"] == {"timeout": 1}
    listed = json.loads(cli(tmp_path / "data", "failures", "--format", "json").output)
    assert any(f["code"] == "timeout" and "took longer than 0.1 s" in f["message"] for f in listed)

    retry = json.loads(cli(tmp_path / "data", "ingest", "--json", "--cluster", cluster.address,
                           "--retry-failed").output)
    assert retry["retried"] == len(expected) + 1 and retry["failed_by_code"] == {
        code: list(expected.values()).count(code) for code in set(expected.values())}
    with Catalog(DataDir(tmp_path / "data").catalog_path) as catalog:
        large = catalog.get(catalog.arrived_as(filename=fixture_files["pdf_large"].name)[0])
        assert large.status == "ok" and large.pages == 60


def test_a_worker_killed_mid_run_loses_nothing(cluster, local_ingest, tmp_path):
    _, local_view = local_ingest
    victim = cluster.add_worker()  # the two workers of the fixture carry on
    cluster.wait_for_workers(3)
    ingest = ingest_subprocess(tmp_path / "data", "--cluster", cluster.address, str(CORPUS))
    held = kill_a_worker_when_busy(cluster, ingest, victim)
    stdout, stderr = ingest.communicate(timeout=300)
    assert held >= 1
    summary = json.loads(stdout)
    assert "crashed" not in summary["failed_by_code"], "the scheduler should have run the lost tasks elsewhere"
    assert catalog_view(tmp_path / "data") == local_view


def test_kill_9_of_the_ingest_then_resume_on_the_cluster(cluster, local_ingest, tmp_path):
    _, local_view = local_ingest
    ingest = ingest_subprocess(tmp_path / "data", "--cluster", cluster.address, str(CORPUS))
    deadline = time.monotonic() + 120
    while ingest.poll() is None and documents_in(tmp_path / "data") < 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ingest.poll() is None, "the run finished before it could be killed"
    ingest.kill()  # SIGKILL: no cleanup, tasks still on the cluster, the lock held until the process is gone
    ingest.wait()
    archived = documents_in(tmp_path / "data")
    assert 5 <= archived < len(local_view["documents"])

    resumed = ingest_subprocess(tmp_path / "data", "--cluster", cluster.address, str(CORPUS))
    stdout, stderr = resumed.communicate(timeout=300)
    assert resumed.returncode in (0, 1), stderr
    assert json.loads(stdout)["unchanged"] >= archived
    assert catalog_view(tmp_path / "data") == local_view


def test_a_worker_dying_beyond_the_retry_budget_records_crashed(fixture_files, local_ingest, tmp_path):
    _, local_view = local_ingest
    # No second chances: whatever the killed worker held must come back as `crashed`, not vanish.
    budget = {"DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "0"}
    with LoopbackCluster(tmp_path / "cluster", workers=2, env=budget) as strict:
        ingest = ingest_subprocess(tmp_path / "data", "--cluster", strict.address, str(CORPUS))
        held = kill_a_worker_when_busy(strict, ingest, next(iter(strict.workers_by_name)))
        stdout, stderr = ingest.communicate(timeout=300)
        summary = json.loads(stdout)
        assert ingest.returncode == 1
        assert 1 <= summary["failed_by_code"].get("crashed", 0) <= held + 8  # what it held, give or take a batch
        view = catalog_view(tmp_path / "data")
        assert {p[1] for p in view["provenance"]} | {f[0] for f in view["failures"] if f[1] is None} == \
            {p[1] for p in local_view["provenance"]} | {f[0] for f in local_view["failures"] if f[1] is None}
        assert len(view["documents"]) == len(local_view["documents"])

        retry = ingest_subprocess(tmp_path / "data", "--cluster", strict.address, "--retry-failed")
        retry.communicate(timeout=300)
    assert catalog_view(tmp_path / "data") == local_view


def test_a_scheduler_lost_mid_run_is_one_line_and_exit_status_6(tmp_path):
    (tmp_path / "in").mkdir()
    for path in sorted(CORPUS.rglob("*.*")):  # content of its own, so that every file is a task
        (tmp_path / "in" / f"{path.parent.name}-{path.name}").write_bytes(path.read_bytes() + b"\n")
    with LoopbackCluster(tmp_path / "cluster", workers=1) as doomed:
        ingest = ingest_subprocess(tmp_path / "data", "--cluster", doomed.address, str(tmp_path / "in"),
                                   env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"})
        deadline = time.monotonic() + 120
        while ingest.poll() is None and documents_in(tmp_path / "data") < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ingest.poll() is None, "the run finished before the scheduler could be killed"
        os.killpg(doomed.processes[0].pid, signal.SIGKILL)
        stdout, stderr = ingest.communicate(timeout=120)
    assert ingest.returncode == EXIT_CLUSTER and stdout == "", stderr
    assert stderr.startswith("Error: Lost the work sent to") and "Run the same command again" in stderr
    assert len(stderr.strip().splitlines()) == 1, stderr
    with Catalog(DataDir(tmp_path / "data").catalog_path) as catalog:
        assert catalog.integrity_errors() == []
        assert catalog.runs(1)[0]["status"] == "failed"
        assert 3 <= catalog.count_documents() < len(list((tmp_path / "in").iterdir()))


def test_an_unreachable_cluster_is_one_line_and_exit_status_6(tmp_path):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "besluit.txt").write_text("Besluit van de gemeente Dinkelland.")
    ingest = ingest_subprocess(tmp_path / "data", "--cluster", f"tcp://127.0.0.1:{port}", str(tmp_path / "in"),
                               env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"})
    stdout, stderr = ingest.communicate(timeout=120)
    assert ingest.returncode == EXIT_CLUSTER == 6
    assert stdout == ""
    assert stderr.startswith(f"Error: Cannot reach the Dask scheduler at tcp://127.0.0.1:{port}")
    assert len(stderr.strip().splitlines()) == 1 and "Traceback" not in stderr
    db = sqlite3.connect(DataDir(tmp_path / "data").catalog_path)
    assert db.execute("SELECT count(*) FROM runs").fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM documents").fetchone() == (0,)
