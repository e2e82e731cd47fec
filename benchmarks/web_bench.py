"""Web benchmark: prints figures, asserts nothing.

Serves a data folder with 'fusiearchief serve' in a subprocess (waitress for one worker, gunicorn's
pre-fork server for more), then runs N client threads for S seconds, alternating the search page with
a query plus facet filters and /api/search, and prints p50/p95 per kind and requests per second. With
--engine whoosh,tantivy each engine's index (as search_bench.py builds them: <data>/index-<engine>)
serves in turn, and the p95s are printed side by side with their ratio.

    python benchmarks/search_bench.py --docs 100000 --data-dir /tmp/search-bench --engine whoosh,tantivy
    python benchmarks/web_bench.py --data-dir /tmp/search-bench --engine whoosh,tantivy --workers 2 --threads 4
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["mandaat", "fusie", "sociaal statuut", "gemeenschappelijke regeling", "besluit", "personeel",
           "raadsvoorstel", "werkorganisatie", "begroting", "\"sociaal plan\"", "dienstverlening", "college"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(data_dir: Path, port: int, workers: int = 1) -> subprocess.Popen:
    server = subprocess.Popen([sys.executable, "-m", "cli", "--data-dir", str(data_dir), "serve", "--port", str(port),
                               "--workers", str(workers)], cwd=ROOT, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)}, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit(f"server exited: {server.stderr.read()}") from None
            time.sleep(0.1)
    os.killpg(server.pid, signal.SIGKILL)
    raise SystemExit("server did not start within 30 s")


def get(conn: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    conn.request("GET", path)
    response = conn.getresponse()
    return response.status, response.read()


def facet_values(port: int) -> dict[str, list[str]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    status, body = get(conn, "/api/search")
    conn.close()
    if status != 200:
        raise SystemExit(f"/api/search answered {status}: {body[:300]!r}")
    facets = json.loads(body)["facets"]
    return {facet: [v["value"] for v in values[:30]] for facet, values in facets.items()}


def make_paths(rng: random.Random, facets: dict[str, list[str]], count: int = 200) -> list[tuple[str, str]]:
    paths = []
    for number in range(count):
        params: list[tuple[str, str]] = [("q", rng.choice(QUERIES))]
        if number % 2 == 0:
            if facets.get("municipality"):
                params += [("municipality", v) for v in rng.sample(facets["municipality"], min(2, len(facets["municipality"])))]
            if facets.get("year") and rng.random() < 0.5:
                params.append(("year", rng.choice(facets["year"])))
            paths.append(("page /", "/?" + urlencode(params)))
        else:
            if facets.get("type") and rng.random() < 0.5:
                params.append(("type", rng.choice(facets["type"])))
            paths.append(("api /api/search", "/api/search?" + urlencode(params)))
    return paths


def client(port: int, paths: list[tuple[str, str]], stop_at: float, seed: int, out: dict, lock: threading.Lock) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    timings: dict[str, list[float]] = {}
    errors = 0
    while time.monotonic() < stop_at:
        kind, path = rng.choice(paths)
        started = time.perf_counter()
        try:
            status, _ = get(conn, path)
        except (OSError, http.client.HTTPException):
            errors += 1
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            continue
        elapsed = (time.perf_counter() - started) * 1000
        if status != 200:
            errors += 1
        timings.setdefault(kind, []).append(elapsed)
    conn.close()
    with lock:
        for kind, values in timings.items():
            out.setdefault(kind, []).extend(values)
        out.setdefault("errors", []).append(errors)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def serve_engine(data_dir: Path, engine: str) -> None:
    """Point <data>/index at search_bench.py's index of `engine` (a symlink; a real index folder is
    left alone and must already be that engine's)."""
    index, built = data_dir / "index", data_dir / f"index-{engine}"
    if index.is_symlink() or (index.is_dir() and not any(index.iterdir())):
        if not built.is_dir():
            raise SystemExit(f"No {built}: build it with search_bench.py --engine {engine} --data-dir {data_dir}.")
        index.unlink() if index.is_symlink() else index.rmdir()
        index.symlink_to(built.name)
        return
    live = (index / (index / "CURRENT").read_text().strip() / "ENGINE")
    found = live.read_text().strip() if live.exists() else "whoosh"
    if found != engine:
        raise SystemExit(f"{index} is a {found} index; run 'fusiearchief reindex --engine {engine}' first.")


def measure(data_dir: Path, threads: int, seconds: float, warmup: float, workers: int) -> tuple[dict, float]:
    port = free_port()
    server = start_server(data_dir, port, workers)
    try:
        facets = facet_values(port)
        paths = make_paths(random.Random(3), facets)
        lock = threading.Lock()
        if warmup:
            client(port, paths, time.monotonic() + warmup, 0, {}, lock)
        results: dict[str, list] = {}
        stop_at = time.monotonic() + seconds
        started = time.monotonic()
        clients = [threading.Thread(target=client, args=(port, paths, stop_at, n + 1, results, lock))
                   for n in range(threads)]
        for thread in clients:
            thread.start()
        for thread in clients:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return results, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, required=True, help="data folder with catalog and index")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--warmup", type=float, default=3, help="seconds of requests before measuring")
    parser.add_argument("--workers", type=int, default=1, help="server processes ('serve --workers')")
    parser.add_argument("--engine", default="", help="engines to serve in turn, comma-separated (whoosh,tantivy); "
                                                      "default: the data folder's own index")
    args = parser.parse_args()
    data_dir = args.data_dir.resolve()
    engines = [name.strip() for name in args.engine.split(",") if name.strip()] or [None]
    p95s: dict[str, dict[str, float]] = {}
    for engine in engines:
        if engine:
            serve_engine(data_dir, engine)
        results, elapsed = measure(data_dir, args.threads, args.seconds, args.warmup, args.workers)
        total = sum(len(v) for k, v in results.items() if k != "errors")
        print(f"data: {args.data_dir}  engine: {engine or 'as recorded'}  workers: {args.workers}  "
              f"threads: {args.threads}  seconds: {elapsed:.1f}")
        for kind in sorted(k for k in results if k != "errors"):
            values = results[kind]
            p95s.setdefault(kind, {})[engine or ""] = percentile(values, 0.95)
            print(f"{kind:18} n={len(values):6}  p50 {statistics.median(values):7.1f} ms  "
                  f"p95 {percentile(values, 0.95):7.1f} ms  max {max(values):7.1f} ms")
        print(f"throughput: {total / elapsed:.1f} requests/s  errors: {sum(results.get('errors', []))}", flush=True)
    if len(engines) > 1:
        base, other = engines[0], engines[1]
        print(f"\np95 side by side (ms; ratio = {base} / {other}):")
        for kind, by_engine in sorted(p95s.items()):
            one, two = by_engine.get(base), by_engine.get(other)
            if one is not None and two is not None:
                print(f"{kind:18} {one:8.1f} {two:8.1f} {one / max(two, 1e-9):6.1f}x")


if __name__ == "__main__":
    main()
