"""Keeping the search index in step with the catalog (the index is derived; the catalog is the truth)."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path

from archive import Catalog, DataDir
from archive.records import Document
from archive.write_errors import is_write_failure, writes_to
from indexer.detect.labels import facet_label
from indexer.search import SearchIndex
from indexer.search.budget import SEARCH_SECONDS

BATCH = 500
# Below this, starting worker processes costs more than it saves.
PARALLEL_FROM = 2000


def _batches(items: list[str], size: int) -> Iterator[list[str]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def sync_index(catalog: Catalog, index: SearchIndex, notify: Callable[[str], None] | None = None) -> int:
    """Index every document changed since its last indexing; returns how many were (re)indexed.

    The dirty flag is cleared only after the index committed, so a crash in between means the
    document is indexed again next time (update replaces by id), never lost. An index built with
    another schema is rebuilt from the catalog, and `notify` is told so.
    """
    if index.schema_status() == "outdated":
        count = rebuild_index(catalog, index)
        if notify:
            notify(f"the search index had an older schema and was rebuilt from the archive ({count} documents).")
        return count
    total = 0
    for batch in _batches(catalog.dirty_ids(), BATCH):
        docs = catalog.get_many(batch, with_text=True).values()
        with writes_to("search index", index.dir):
            total += index.update(catalog.with_filenames(docs))
        catalog.mark_indexed(batch)
    return total


def rebuild_index(catalog: Catalog, index: SearchIndex, progress: Callable[[int], None] | None = None) -> int:
    """A fresh index from the catalog's stored text: nothing is extracted again.

    Analysis runs in parallel (it is what a rebuild spends its time on); Whoosh's parallel writer
    has been seen to fail on its temp files, and then the rebuild is done again in one process.
    """
    ids = [doc.id for doc in catalog.iter_documents()]

    def all_docs() -> Iterator[Document]:
        for batch in _batches(ids, BATCH):
            yield from catalog.with_filenames(catalog.get_many(batch, with_text=True).values())

    procs = min(2, os.cpu_count() or 1) if len(ids) >= PARALLEL_FROM else 1
    with writes_to("search index", index.dir):
        try:
            count = index.rebuild(all_docs(), progress=progress, procs=procs)
        except (OSError, RuntimeError) as error:
            if procs == 1 or (isinstance(error, OSError) and is_write_failure(error)):
                raise
            count = index.rebuild(all_docs(), progress=None, procs=1)
    for batch in _batches(ids, BATCH):
        catalog.mark_indexed(batch)
    return count


def open_index(data: DataDir, search_seconds: float | None = SEARCH_SECONDS) -> SearchIndex:
    """The data folder's index, with municipality and organisation names as facet labels;
    search_seconds is the time budget of one search (None: no limit)."""
    return SearchIndex(data.index_dir, labels=facet_label, search_seconds=search_seconds)


_live: dict[str, SearchIndex] = {}


def sync_folder(root: str) -> int:
    """In an ingest's indexing process: commit what the catalog marks dirty; how many documents.
    The index is kept between calls: building its query parser and labels costs."""
    data = DataDir(Path(root))
    if root not in _live:
        _live[root] = open_index(data)
    with Catalog(data.catalog_path) as catalog:
        return sync_index(catalog, _live[root])
