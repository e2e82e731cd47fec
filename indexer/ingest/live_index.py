"""The index kept current during a long ingest: every N new documents or T seconds the documents the
catalog marks dirty are committed to the index, so they become searchable while the run goes on and
a killed run loses at most about one batch of indexing (the dirty flags make the next run redo it).

The indexing runs in a process of its own, beside the extraction workers: as a thread it would
compete with the main process's many short I/O calls for the GIL. The task it runs (given by the
application core, indexer.service) opens the catalog and the index itself; the ingest only inserts complete documents (one transaction each) and adds provenance
meanwhile, and what changes existing documents (a retry, a manifest) runs before or after.
"""
from __future__ import annotations

import time
from concurrent.futures import Future

from collections.abc import Callable

from indexer.processes import worker_pool
from indexer.search import IndexLocked

EVERY = 250
SECONDS = 30.0


class LiveIndex:
    def __init__(self, task: Callable[[], int], every: int = EVERY, seconds: float = SECONDS):
        """task: picklable; run in the indexing process, it commits what is dirty and says how much."""
        self.task = task
        self.every = every
        self.seconds = seconds
        self.indexed = 0
        self.error: BaseException | None = None
        self.message: str | None = None
        self._added = 0
        self._last = time.monotonic()
        self._running: Future | None = None
        self._pool = worker_pool(1)

    def added(self) -> None:
        """One new document is in the catalog. Raises what stopped the indexing (a full disk)."""
        self._harvest(wait=False)
        if self.error is not None:
            raise self.error
        self._added += 1
        due = self._added >= self.every or time.monotonic() - self._last >= self.seconds
        if due and self._running is None and self.message is None:
            self._added = 0
            self._last = time.monotonic()
            self._running = self._pool.submit(self.task)

    def stop(self) -> None:
        """Wait for a commit under way; the ingest's final sync indexes the rest."""
        self._harvest(wait=True)
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _harvest(self, wait: bool) -> None:
        if self._running is None or not (wait or self._running.done()):
            return
        try:
            self.indexed += self._running.result()
        except IndexLocked as error:
            self.message = f"not updated during the run: {error}"
        except Exception as error:  # handed to the ingest, which stops on it (a full index disk)
            self.error = self.error or error
        finally:
            self._running = None
