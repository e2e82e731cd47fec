"""Web benchmark: prints figures, asserts nothing.

Serves a data folder with waitress in a subprocess (as 'fusiearchief serve' does), then runs N client
threads for S seconds, alternating the search page with a query plus facet filters and /api/search,
and prints p50/p95 per kind and requests per second.

    python benchmarks/search_bench.py --docs 100000 --data-dir /tmp/search-bench   # builds a data folder
    python benchmarks/web_bench.py --data-dir /tmp/search-bench --threads 4 --seconds 30
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
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


def start_server(data_dir: Path, port: int) -> subprocess.Popen:
    code = f"from webui import serve; serve({str(data_dir)!r}, '127.0.0.1', {port})"
    server = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit(f"server exited: {server.stderr.read()}")
            time.sleep(0.1)
    server.kill()
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, required=True, help="data folder with catalog and index")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--warmup", type=float, default=3, help="seconds of requests before measuring")
    args = parser.parse_args()

    port = free_port()
    server = start_server(args.data_dir.resolve(), port)
    try:
        facets = facet_values(port)
        paths = make_paths(random.Random(3), facets)
        lock = threading.Lock()
        if args.warmup:
            client(port, paths, time.monotonic() + args.warmup, 0, {}, lock)
        results: dict[str, list] = {}
        stop_at = time.monotonic() + args.seconds
        started = time.monotonic()
        workers = [threading.Thread(target=client, args=(port, paths, stop_at, n + 1, results, lock))
                   for n in range(args.threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=10)
    total = sum(len(v) for k, v in results.items() if k != "errors")
    print(f"data: {args.data_dir}  threads: {args.threads}  seconds: {elapsed:.1f}")
    for kind in sorted(k for k in results if k != "errors"):
        values = results[kind]
        print(f"{kind:18} n={len(values):6}  p50 {statistics.median(values):7.1f} ms  "
              f"p95 {percentile(values, 0.95):7.1f} ms  max {max(values):7.1f} ms")
    print(f"throughput: {total / elapsed:.1f} requests/s  errors: {sum(results.get('errors', []))}")


if __name__ == "__main__":
    main()
