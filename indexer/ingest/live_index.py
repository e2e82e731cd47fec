"""The index kept current during a long ingest: a thread in the parent commits what the catalog marks
dirty every N new documents or T seconds, so documents become searchable while the run goes on and
a killed run loses at most one batch of indexing (the dirty flags make the next run redo it).

Safe next to the ingest's own writes because during extraction the ingest only inserts documents
(each complete in one transaction) and adds provenance; what changes existing documents (a retry, a
manifest) runs before the thread starts or after it stopped.
"""
from __future__ import annotations

import threading

from archive import Catalog, DataDir
from indexer.search import IndexLocked
from indexer.sync import open_index, sync_index

EVERY = 250
SECONDS = 10.0


class LiveIndex:
    def __init__(self, data: DataDir, every: int = EVERY, seconds: float = SECONDS):
        self.data = data
        self.every = every
        self.seconds = seconds
        self.indexed = 0
        self.error: BaseException | None = None
        self.message: str | None = None
        self._added = 0
        self._wake = threading.Event()
        self._stopping = threading.Event()
        # Indexing is Python work that overlaps the workers' extraction; a thread rather than a
        # process because it needs only a catalog connection and the index, both its own.
        self._thread = threading.Thread(target=self._run, name="live-index", daemon=True)

    def start(self) -> "LiveIndex":
        self._thread.start()
        return self

    def added(self) -> None:
        """One new document is in the catalog. Raises what stopped the indexing (a full disk)."""
        if self.error is not None:
            raise self.error
        self._added += 1
        if self._added >= self.every:
            self._wake.set()

    def stop(self) -> None:
        """Wait for a commit under way; the ingest's final sync indexes the rest."""
        self._stopping.set()
        self._wake.set()
        self._thread.join()

    def _run(self) -> None:
        try:
            with Catalog(self.data.catalog_path) as catalog:
                index = open_index(self.data)
                while True:
                    self._wake.wait(self.seconds)
                    self._wake.clear()
                    if self._stopping.is_set():
                        return
                    self._added = 0
                    self.indexed += sync_index(catalog, index)
        except IndexLocked as error:
            self.message = f"not updated during the run: {error}"
        except BaseException as error:  # handed to the ingest, which stops on it
            self.error = error
