"""The application core: one Fusiearchief object per data folder, used by the CLI and the web UI alike.

Reading goes through a Reader (one read-only catalog connection: per command, or per web request),
writing through a Writer (the single writer: it holds the data folder's lock). Only this package
opens the catalog and the search index together; the front ends parse options and print or render.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from archive import Catalog, DataDir, OriginalStore
from archive.errors import FusiearchiefError
from archive.lock import exclusive_lock, lock_holder
from archive.records import Arrival, Document
from indexer.detect.labels import unknown_filter_values
from indexer.detect.overrides import normalise_overrides
from indexer.search import IndexUnavailable, SearchIndex, SearchRequest
from indexer.search.budget import SEARCH_SECONDS
from indexer.search.hits import FacetValue, Hit, SearchResult
from indexer.search.engine import engine_class
from indexer.service import export
from indexer.service.sync import open_index, rebuild_index, sync_folder, sync_index

__all__ = ["Fusiearchief", "NoArchive", "Reader", "Writer"]



class Progress(Protocol):
    def advance(self, count: int) -> None: ...

    def finish(self) -> None: ...


# Given the number of documents, the progress display of a rebuild.
ProgressFactory = Callable[[int], Progress]


class NoArchive(FusiearchiefError):
    code = "no_archive"


def _no_texts(_ids: list[str]) -> dict[str, str]:
    return {}


class Fusiearchief:
    """A data folder: its originals, catalog and search index, and what can be done with them."""

    def __init__(self, root: str | os.PathLike, *, search_seconds: float | None = SEARCH_SECONDS):
        self.data = DataDir(Path(root))
        self.store = OriginalStore(self.data.originals)
        self.search_seconds = search_seconds
        self._index: SearchIndex | None = None
        self._lock = threading.Lock()

    @property
    def root(self) -> Path:
        return self.data.root

    def exists(self) -> bool:
        return self.data.exists()

    @property
    def index(self) -> SearchIndex:
        """One per object (threads share it: it reuses and refreshes its searcher itself)."""
        if self._index is None:
            with self._lock:
                if self._index is None:
                    self._index = open_index(self.data, search_seconds=self.search_seconds)
        return self._index

    def searchable_index(self) -> SearchIndex:
        """The index, or IndexUnavailable saying why it cannot be searched now and what to do."""
        index = self.index
        status = index.schema_status()
        if status == "ok":
            return index
        if status == "missing" and (holder := lock_holder(self.data.ingest_lock)):
            # 'reindex', which the index's own message advises, would only meet the lock now.
            raise IndexUnavailable(f"The search index is being built: {holder} is running. Search again when it "
                                   "has finished.", code="index_building")
        index.generations.check_readable()  # says what to do; passes if a build has just finished
        return index

    # -- reading ---------------------------------------------------------------------------------
    def read(self) -> Reader:
        """A reader with its own catalog connection; close it (or use it in a with block)."""
        self._require_archive()
        return Reader(self, Catalog(self.data.catalog_path, readonly=True))

    # -- writing ---------------------------------------------------------------------------------
    @contextmanager
    def write(self, what: str) -> Iterator[Writer]:
        """The single writer: the lock and the catalog for an ingest, reindex, redetect or edit.

        Holding the lock, anything still marked as running was killed: its run row is marked
        interrupted, and its temp files in the store and half-built index generations are deleted.
        """
        self.data.create()
        with exclusive_lock(self.data.ingest_lock, what), Catalog(self.data.catalog_path) as catalog:
            catalog.interrupt_stale_runs()
            self.store.remove_leftovers()
            self.index.remove_leftovers()
            yield Writer(self, catalog)

    def init(self, engine: str | None = None) -> tuple[str, str | None]:
        """Create the data folder; (the engine the next build uses, the engine of the live index)."""
        self.data.create()
        Catalog(self.data.catalog_path).close()
        generations = self.index.generations
        if engine:
            choose_engine(self.data, engine)
        if generations.current() is None:
            with self.write("init") as writer:  # an empty index: an archive just made can be searched
                writer.reindex()
        return generations.chosen_engine(), generations.current_engine()

    def ingest(self, paths: Iterable[str | os.PathLike], **options: Any):
        """Archive, extract and index files (the options: indexer.service.ingest.ingest)."""
        from indexer.service.ingest import ingest

        return ingest(self, paths, **options)

    def _require_archive(self) -> None:
        if not self.exists():
            raise NoArchive(f"No archive in {self.root}. Run 'fusiearchief ingest PATH' first, or pass --data-dir.")

    def edit(self, ref: str, values: Mapping[str, Any], reset: Sequence[str] = ()) -> Document:
        self._require_archive()
        with self.write("edit") as writer:
            return writer.edit(ref, values, reset)

    def redetect(self, jobs: int | None = None, notify: Callable[[str], None] | None = None) -> tuple[int, int, int]:
        self._require_archive()
        with self.write("redetect") as writer:
            return writer.redetect(jobs, notify)

    def reindex(self, engine: str | None = None, progress: ProgressFactory | None = None) -> tuple[str, int]:
        self._require_archive()
        with self.write("reindex") as writer:
            return writer.reindex(engine, progress)


def choose_engine(data: DataDir, engine: str) -> None:
    """Record the search engine the next index build uses; a missing package is a one-line error."""
    from indexer.search.generations import Generations

    engine_class(engine)
    Generations(data.index_dir).choose_engine(engine)


class Reader:
    """What a front end reads, over one catalog connection (SQLite connections stay in their thread)."""

    def __init__(self, core: Fusiearchief, catalog: Catalog):
        self.core = core
        self.catalog = catalog

    def close(self) -> None:
        self.catalog.close()

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- search --------------------------------------------------------------------------------
    def search(self, request: SearchRequest) -> SearchResult:
        """The page of hits (with snippets over the catalog's text), facet counts and a suggestion."""
        return self.core.searchable_index().search(request, texts=self.catalog.texts)

    def facets(self, request: SearchRequest | None = None) -> SearchResult:
        """Facet counts (and the total) of a request without its hits' text: overviews and registers."""
        return self.core.searchable_index().search(request or SearchRequest(per_page=1), texts=_no_texts)

    def matching_ids(self, request: SearchRequest, limit: int) -> list[str]:
        return self.core.searchable_index().matching_ids(request, limit=limit)

    def similar(self, ref: str, limit: int = 10) -> list[Hit]:
        return self.core.searchable_index().similar(self.catalog.resolve_id(ref), texts=self.catalog.texts,
                                                    limit=limit)

    def highlight(self, text: str, query: str) -> str:
        return self.core.searchable_index().highlight(text, query)

    def unknown_filter_values(self, request: SearchRequest, facets: Mapping[str, list[FacetValue]] | None = None
                              ) -> dict[str, dict]:
        """Type and language filter values that match nothing known (a typo finds nothing silently)."""
        if not (request.filters.get("type") or request.filters.get("language")):
            return {}
        if facets is None:
            facets = self.facets()["facets"]
        present = {facet: [v["value"] for v in facets.get(facet, [])] for facet in ("type", "language")}
        return unknown_filter_values(request.filters, present)

    # -- documents -------------------------------------------------------------------------------
    def document(self, ref: str, *, with_text: bool = False) -> Document:
        """One document by id, id prefix or sha256, with the names it arrived under."""
        doc = self.catalog.get(ref)
        doc = next(self.catalog.with_filenames([doc]))
        return doc if with_text else doc.replace(text=None)

    def record(self, ref: str) -> dict[str, Any]:
        """The catalog's stored record of a document (for inspection: 'show --format json')."""
        return self.catalog.record(ref)

    def provenance(self, doc_id: str) -> list[Arrival]:
        return self.catalog.provenance(doc_id)

    def original_path(self, sha256: str) -> Path | None:
        """The stored original, or None when it is missing from the archive."""
        return self.core.store.find(sha256)

    # -- archive figures -------------------------------------------------------------------------
    def stats(self) -> dict:
        return self.catalog.stats()

    def failures(self, code: str | None = None) -> list[dict]:
        return self.catalog.failures(code)

    def runs(self, limit: int = 20) -> list[dict]:
        return self.catalog.runs(limit)

    # -- exports ---------------------------------------------------------------------------------
    def export_rows(self, ids: Iterable[str]) -> list[dict]:
        """Manifest rows (export.COLUMNS) in the order of ids, with the names the originals get in a ZIP."""
        return export.manifest_rows(self.catalog, ids)

    def iter_zip(self, ids: Iterable[str], csv_dialect: str = export.DEFAULT_CSV_DIALECT) -> Iterator[bytes]:
        return export.iter_zip(self.catalog, self.core.store, ids, csv_dialect)


class Writer:
    """The single writer of a data folder (made by Fusiearchief.write, which holds the lock)."""

    def __init__(self, core: Fusiearchief, catalog: Catalog):
        self.core = core
        self.catalog = catalog

    def sync(self, notify: Callable[[str], None] | None = None) -> int:
        """Index what changed in the catalog; how many documents."""
        return sync_index(self.catalog, self.core.index, notify=notify)

    def live_index_task(self) -> Callable[[], int]:
        """For an ingest's indexing process (picklable): commit what is dirty, from its own connections."""
        return partial(sync_folder, str(self.core.root))

    def edit(self, ref: str, values: Mapping[str, Any], reset: Sequence[str] = ()) -> Document:
        """Corrections by hand (values as a person types them: names, codes, Dutch dates), and corrections
        dropped (reset) so that the detected value applies again; the index follows."""
        corrected = normalise_overrides(values)
        if not corrected and not reset:
            raise FusiearchiefError("Nothing to change: give at least one value to correct, or a field to reset.",
                                    code="nothing_to_change")
        doc_id = self.catalog.resolve_id(ref)
        if reset:
            self.catalog.reset_overrides(doc_id, reset)
        if corrected:
            self.catalog.set_overrides(doc_id, corrected, origin="corrected", source="fusiearchief edit")
        self.sync()
        return self.catalog.get(doc_id)

    def redetect(self, jobs: int | None = None, notify: Callable[[str], None] | None = None) -> tuple[int, int, int]:
        """Detection again over the stored text; (changed, looked at, reindexed)."""
        from indexer.service.redetect import redetect_all  # detection in workers: loaded only for this

        changed, total = redetect_all(self.catalog, jobs=jobs)
        return changed, total, self.sync(notify)

    def reindex(self, engine: str | None = None, progress: ProgressFactory | None = None) -> tuple[str, int]:
        """A new index from the stored text (nothing extracted again), with `engine` from now on when
        given; progress(total) gives the display told how many documents were added. (engine, count)"""
        if engine:
            choose_engine(self.core.data, engine)
        shown = progress(self.catalog.count_documents()) if progress else None
        count = rebuild_index(self.catalog, self.core.index, progress=shown.advance if shown else None)
        if shown:
            shown.finish()
        return self.core.index.chosen_engine, count
