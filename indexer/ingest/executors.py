"""Where extraction runs: worker processes on this machine, or tasks on a Dask cluster (cluster.py).

The pipeline hands each original to an executor and takes results back as they complete; it never
sees pools or futures. Every executor ends in worker.process_original, so a file gives the same
result (and the same failure code) wherever it was read. An executor bounds the work in flight:
the pipeline submits only while it is not full(), which keeps memory bounded on a large run.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from indexer.extract import Limits
from indexer.ingest.worker import crashed_result, process_original
from indexer.processes import worker_pool

# Tasks queued per worker: enough that a worker never waits for the parent to hash the next file.
IN_FLIGHT_PER_WORKER = 4


class Executor(ABC):
    """Runs process_original for (key, stored original, arrival name) and hands back (key, result)."""

    label = ""

    @abstractmethod
    def submit(self, key: str, stored: Path, filename: str) -> None: ...

    @abstractmethod
    def full(self) -> bool:
        """True when the caller should take results before submitting more."""

    @abstractmethod
    def busy(self) -> bool:
        """True while any submitted work has not been handed back."""

    @abstractmethod
    def completed(self) -> list[tuple[str, dict]]:
        """Wait for at least one submitted task; every task done by then, as (key, result)."""

    @abstractmethod
    def close(self) -> None:
        """Release the workers; work still in flight is cancelled (Ctrl-C, an error)."""

    def drain(self) -> Iterator[tuple[str, dict]]:
        while self.busy():
            yield from self.completed()

    def __enter__(self) -> "Executor":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class LocalExecutor(Executor):
    """A pool of spawned worker processes on this machine (--jobs)."""

    def __init__(self, jobs: int, limits: Limits):
        self.jobs = jobs
        self.limits = limits
        self.futures: dict[Future, tuple[str, Path, str]] = {}
        self.pool: ProcessPoolExecutor | None = None

    def _new_pool(self, workers: int) -> ProcessPoolExecutor:
        return worker_pool(workers, self.limits.max_memory_bytes)

    def submit(self, key: str, stored: Path, filename: str) -> None:
        if self.pool is None:
            self.pool = self._new_pool(self.jobs)
        future = self.pool.submit(process_original, str(stored), filename, self.limits)
        self.futures[future] = (key, stored, filename)

    def full(self) -> bool:
        return len(self.futures) >= self.jobs * IN_FLIGHT_PER_WORKER

    def busy(self) -> bool:
        return bool(self.futures)

    def completed(self) -> list[tuple[str, dict]]:
        done, _ = wait(list(self.futures), return_when=FIRST_COMPLETED)
        results: list[tuple[str, dict]] = []
        broken: list[tuple[str, Path, str]] = []
        for future in done:
            task = self.futures.pop(future)
            try:
                results.append((task[0], future.result()))
            except BrokenProcessPool:
                broken.append(task)
        if broken:
            # A worker died (out of memory, a crash in a C library): the pool is gone with every
            # task in it. Re-run the victims one at a time so only the real culprit fails.
            broken += list(self.futures.values())
            self.futures.clear()
            self._drop_pool(wait=False)
            results += [(key, self._run_alone(stored, filename)) for key, stored, filename in broken]
        return results

    def _run_alone(self, stored: Path, filename: str) -> dict:
        with self._new_pool(1) as solo:
            try:
                return solo.submit(process_original, str(stored), filename, self.limits).result()
            except BrokenProcessPool:
                return crashed_result("The extractor process died on this file (out of memory or a crash).")

    def _drop_pool(self, wait: bool) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=wait, cancel_futures=True)
            self.pool = None

    def close(self) -> None:
        self._drop_pool(wait=not self.futures)
        self.futures.clear()
