"""Taking the data folder for writing: one writer at a time, and it first clears up after a killed one."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from archive import Catalog, DataDir, OriginalStore
from archive.lock import exclusive_lock
from indexer.sync import open_index


@contextmanager
def writing(data: DataDir, what: str) -> Iterator[Catalog]:
    """The lock and the catalog for an ingest, reindex, redetect or edit.

    Holding the lock, anything still marked as running was killed: its run row is marked
    interrupted, and its temp files in the store and half-built index generations are deleted.
    """
    data.create()
    with exclusive_lock(data.ingest_lock, what), Catalog(data.catalog_path) as catalog:
        catalog.interrupt_stale_runs()
        OriginalStore(data.originals).remove_leftovers()
        open_index(data).remove_leftovers()
        yield catalog
