"""Extraction as tasks on a Dask distributed cluster: 'fusiearchief ingest --cluster tcp://HOST:PORT'.

This process stays the only writer of the archive and the catalog; the workers only compute. Each
original travels to a worker as bytes (no shared file system is assumed) and comes back as the same
dict a local worker process returns. A worker that dies takes its tasks with it: the scheduler
runs them again elsewhere, up to its `distributed.scheduler.allowed-failures` budget, after which
the file is recorded as `crashed`. Connection settings (timeouts, TLS) are Dask's own configuration
(~/.config/dask/*.yaml or DASK_* environment variables).
"""
from __future__ import annotations

import logging
import time
import uuid
from contextlib import suppress
from pathlib import Path

from archive.errors import FusiearchiefError

from indexer.extract import Limits
from indexer.ingest.executors import IN_FLIGHT_PER_WORKER, Executor
from indexer.ingest.worker import crashed_result, installed_version, process_bytes

# Bytes of originals in flight at most (at least one file always goes): bounds this process's and
# the cluster's memory whatever the number of workers.
BYTES_IN_FLIGHT = 256 * 1024 * 1024
SLOTS_ASKED_EVERY_S = 2.0


class ClusterError(FusiearchiefError):
    """The cluster cannot be reached, has no usable workers, or lost the work: one line for the user."""

    code = "cluster"


def _timeout_s() -> float:
    import dask.config
    from dask.utils import parse_timedelta

    return parse_timedelta(dask.config.get("distributed.comm.timeouts.connect"), default="s")


class DaskExecutor(Executor):
    def __init__(self, address: str, limits: Limits):
        try:
            from distributed import Client, as_completed
        except ImportError:
            raise ClusterError(
                "--cluster needs Dask distributed on this machine: pip install 'fusiearchief[cluster]'."
            ) from None
        self.address = address
        self.limits = limits
        # Dask's client logs its own tracebacks when a connection drops; we say what happened in
        # one line (ClusterError) instead.
        for name in [n for n in logging.root.manager.loggerDict if n.split(".")[0] == "distributed"]:
            logging.getLogger(name).setLevel(logging.CRITICAL)
        timeout = _timeout_s()
        try:
            self.client = Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as error:
            raise ClusterError(
                f"Cannot reach the Dask scheduler at {address}: {error}. Check the address, and that "
                f"'dask scheduler' runs there and its port is open to this machine."
            ) from None
        try:
            self._check_workers(timeout)
        except BaseException:
            self.client.close()
            raise
        self.done = as_completed(loop=self.client.loop)
        self.futures: dict[object, tuple[str, int]] = {}
        self.bytes_in_flight = 0
        self._slots_asked = float("-inf")
        self._slots_cached = IN_FLIGHT_PER_WORKER
        self.label = f"Ingest via {address} "

    def _check_workers(self, timeout: float) -> None:
        try:
            self.client.wait_for_workers(1, timeout=timeout)
        except TimeoutError:
            raise ClusterError(
                f"The Dask scheduler at {self.address} has no workers. Start them with "
                f"'dask worker {self.address}' on machines that have fusiearchief installed."
            ) from None
        try:
            versions = self.client.run(installed_version)
        except Exception as error:  # whatever a worker without our package raises on unpickling
            raise ClusterError(
                f"The workers of {self.address} cannot run fusiearchief's tasks ({type(error).__name__}: "
                f"{error}). Install fusiearchief with its extras on every worker machine."
            ) from None
        ours = installed_version()
        wrong = sorted(f"{worker} has {version}" for worker, version in versions.items() if version != ours)
        if wrong:
            raise ClusterError(
                f"The workers must run fusiearchief {ours}, as this machine does: {', '.join(wrong)}."
            )

    def _slots(self) -> int:
        """Tasks in flight at most, following workers that join or leave (asked at most every few seconds)."""
        now = time.monotonic()
        if now - self._slots_asked > SLOTS_ASKED_EVERY_S:
            self._slots_asked = now
            try:
                self._slots_cached = max(1, sum(self.client.nthreads().values())) * IN_FLIGHT_PER_WORKER
            except Exception as error:  # a dropped connection surfaces as any of Dask's comm errors
                raise self._lost(f"{type(error).__name__}: {error}") from None
        return self._slots_cached

    def submit(self, key: str, stored: Path, filename: str) -> None:
        import dask.config

        content = stored.read_bytes()
        # The original travels inside its task, not scattered to a worker ahead of it: scattered
        # data dies with its worker, while a task can be run again elsewhere. Dask warns about
        # large tasks for that reason; BYTES_IN_FLIGHT bounds what the scheduler holds.
        try:
            with dask.config.set({"distributed.admin.large-graph-warning-threshold": "2GiB"}):
                future = self.client.submit(
                    process_bytes, content, stored.name, filename, self.limits,
                    key=f"fusiearchief-{key[:16]}-{uuid.uuid4().hex[:8]}", pure=False,
                )
        except Exception as error:  # the client closed itself after losing the scheduler
            raise self._lost(f"{type(error).__name__}: {error}") from None
        self.futures[future] = (key, len(content))
        self.bytes_in_flight += len(content)
        self.done.add(future)

    def full(self) -> bool:
        return len(self.futures) >= self._slots() or self.bytes_in_flight >= BYTES_IN_FLIGHT

    def busy(self) -> bool:
        return bool(self.futures)

    def completed(self) -> list[tuple[str, dict]]:
        results = []
        try:
            batch = self.done.next_batch(block=True)
        except Exception as error:  # a dropped connection surfaces as any of Dask's comm errors
            raise self._lost(f"{type(error).__name__}: {error}") from None
        for future in batch:
            key, size = self.futures.pop(future)
            self.bytes_in_flight -= size
            results.append((key, self._result(future)))
        return results

    def _result(self, future) -> dict:
        from distributed import KilledWorker

        try:
            # Fetching a result or an error from the workers fails as a comm error when the
            # scheduler dies meanwhile, even for a task that had finished.
            if future.status == "finished":
                return future.result()
            error = future.exception() if future.status == "error" else None
        except Exception as fetching:
            raise self._lost(f"{type(fetching).__name__}: {fetching}") from None
        if error is not None:
            if isinstance(error, KilledWorker):
                return crashed_result(
                    "Every worker that read this file died (out of memory or a crash), as many times as "
                    "the cluster allows (distributed.scheduler.allowed-failures)."
                )
            raise ClusterError(
                f"A task failed on the cluster: {type(error).__name__}: {error}. Check that every worker "
                f"runs the same fusiearchief as this machine, with its extras."
            )
        raise self._lost(f"task {future.status}")

    def _lost(self, detail: str) -> ClusterError:
        return ClusterError(
            f"Lost the work sent to {self.address} ({detail}): is the scheduler still running? "
            f"Run the same command again to resume."
        )

    def close(self) -> None:
        # Also called while an error (often a lost scheduler) is on its way up: cancelling and
        # closing may fail then too, and must not replace that error with one of their own.
        with suppress(Exception):
            if self.futures:
                self.client.cancel(list(self.futures))
        self.futures.clear()
        with suppress(Exception):
            if self.client.status not in ("closing", "closed"):
                self.client.close()
