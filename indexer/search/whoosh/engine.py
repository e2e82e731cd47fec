"""The Whoosh engine: writing, searching, facets and similar documents over a generation
(indexer.search.generations) that holds a Whoosh index.

A rebuild writes a new generation and switches CURRENT by an atomic rename, so searches go on
against the old one meanwhile and never see a half-built index.
"""
from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path

from whoosh import index as windex
from whoosh.collectors import TimeLimit, TimeLimitCollector
from whoosh.index import FileIndex, LockError
from whoosh.searching import Searcher

from archive.records import Document
from indexer.search.budget import SEARCH_SECONDS, Deadline
from indexer.search.engine import EngineBase
from indexer.search.errors import EngineChanged, IndexLocked, IndexUnavailable
from indexer.search.hits import Hit, Labels, SUGGEST_BELOW, SearchResult, hit_from_meta, search_result, suggest_words
from indexer.search.request import SearchRequest
from indexer.search.schema import index_fields
from indexer.search.snippets import highlight_all
from indexer.search.whoosh.docsets import DocSets
from indexer.search.whoosh.lru import SizedLRU
from indexer.search.whoosh.facets import DocTable, facet_counts
from indexer.search.whoosh.fields import make_schema
from indexer.search.whoosh.query import make_parser, parse
from indexer.search.whoosh.ranking import Ranker, plain_words
from indexer.search.whoosh.terms import check_expansion, check_patterns, matched_terms

__all__ = ["WhooshEngine"]

Texts = Callable[[list[str]], dict[str, str]]
SCORE_DIRECTLY_BELOW = 5000

# The documents a query text matched, kept per index version for paging and facet clicks; bounded by
# their number in all (a frozenset member costs about 75 bytes: 2 M are about 150 MB).
MATCHED_DOCUMENTS_KEPT = 2_000_000


def _default_label(facet: str, value: str) -> str:
    return value


def _abandon(writer) -> None:
    """Cancel a writer that failed, releasing its lock and deleting its temp files (the posting
    pool is several times the text's size) even when cancelling fails too, as on a full disk."""
    with suppress(Exception):
        writer.cancel()
    if not getattr(writer, "is_closed", True):
        with suppress(Exception):
            writer.temp_storage().destroy()
        with suppress(Exception):
            writer.writelock.release()


class _ThreadSearcher:
    """A searcher per thread over one index version (the same segments, so the same document
    numbers): Whoosh's readers keep file positions and cannot be shared, and one shared searcher
    behind a lock let one slow query stall every other. Attributes are those of this thread's
    searcher, opened on first use."""

    def __init__(self, ix, toc, first: Searcher):
        self._ix = ix
        self._toc = toc
        self._local = threading.local()
        self._local.searcher = first

    @staticmethod
    def open(ix, toc) -> Searcher:
        return Searcher(FileIndex._reader(ix.storage, toc.schema, toc.segments, toc.generation), fromindex=ix)

    def get(self) -> Searcher:
        searcher = getattr(self._local, "searcher", None)
        if searcher is None:
            searcher = self._local.searcher = self.open(self._ix, self._toc)
        return searcher

    def __getattr__(self, name):
        return getattr(self.get(), name)


class _Reader:
    """What is derived from one index version, shared by all threads; replaced when the index changes."""

    def __init__(self, generation: str, ix, toc, searcher: Searcher):
        self.generation = generation
        self.searcher = _ThreadSearcher(ix, toc, searcher)
        self.table = DocTable(searcher.reader())
        self.docsets = DocSets(self.searcher, self.table.live)
        self.ranker = Ranker(self.searcher, self.docsets)
        self.matches: SizedLRU[frozenset[int]] = SizedLRU(MATCHED_DOCUMENTS_KEPT, len)


class WhooshEngine(EngineBase):
    name = "whoosh"

    def __init__(self, index_dir: str | Path, labels: Labels = _default_label, lock_timeout: float = 10.0,
                 search_seconds: float | None = SEARCH_SECONDS):
        """search_seconds: the time budget of one search (None: no limit); past it SearchTimeout."""
        super().__init__(index_dir, labels, lock_timeout, search_seconds)
        self.schema = make_schema()
        self.parser = make_parser(self.schema)
        # Held only to replace the shared reader, never during a search.
        self._lock = threading.Lock()
        self._reader: _Reader | None = None

    # -- state on disk ---------------------------------------------------------------------------
    def _current(self) -> str | None:
        return self.generations.current()

    def _open(self, generation: str | None = None):
        return windex.open_dir(str(self.generations.path(generation)))

    def _new_generation(self) -> Path:
        path = self.generations.new(self.name)
        windex.create_in(str(path), self.schema)
        return path

    def _switch_to(self, generation: Path) -> None:
        self.generations.switch_to(generation)

    def remove_leftovers(self) -> int:
        """Delete what a killed or failed writer left: generations CURRENT does not name (a rebuild
        killed before its switch) and, in the live one, Whoosh's temp folders, temporary TOC files
        and segments no TOC names. Only for the holder of the data folder's writer lock."""
        removed = self.generations.remove_unnamed()
        current = self._current()
        if current:
            removed += self._clean_generation(self.dir / current)
        return removed

    @staticmethod
    def _clean_generation(path: Path) -> int:
        if not path.is_dir():
            return 0
        leftovers = [*path.glob("*.tmp"), *path.glob("_*.toc.*")]
        for leftover in leftovers:
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)
        try:
            ix = windex.open_dir(str(path))
            toc = windex.TOC.read(ix.storage, ix.indexname)
            windex.clean_files(ix.storage, ix.indexname, toc.generation, toc.segments)
        except (OSError, windex.EmptyIndexError):
            pass  # no readable TOC: nothing can be told apart as unused
        return len(leftovers)

    # -- writing -----------------------------------------------------------------------------------
    def _writer(self, ix):
        try:
            return ix.writer(timeout=self.lock_timeout, limitmb=256)
        except LockError:
            raise IndexLocked("Another process is writing the search index; try again when it has finished.") from None

    def update(self, docs: Iterable[Document]) -> int:
        """Add or replace documents (by id). Creates the index when there is none."""
        status = self.schema_status()
        if status == "outdated":
            raise IndexUnavailable("The search index has an old schema; rebuild it ('fusiearchief reindex').")
        # A first index is switched to only once it holds this batch: readers never meet an empty
        # one, and a first build that is killed leaves a generation the next writer removes.
        first = self._new_generation() if status == "missing" else None
        generation = first or self.generations.path()
        writer = self._writer(windex.open_dir(str(generation)))
        count = 0
        try:
            for doc in docs:
                writer.update_document(**index_fields(doc))
                count += 1
            writer.commit()
        except BaseException:
            _abandon(writer)
            if first:
                shutil.rmtree(first, ignore_errors=True)
            else:
                self._clean_generation(generation)
            raise
        if first:
            self._switch_to(first)
        return count

    def delete(self, ids: Iterable[str]) -> int:
        if not self.exists():
            return 0
        writer = self._writer(self._open())
        count = sum(writer.delete_by_term("id", doc_id) for doc_id in ids)
        writer.commit()
        return count

    def rebuild(self, docs: Iterable[Document], progress: Callable[[int], None] | None = None, procs: int = 1) -> int:
        """A new generation from the documents, switched to only when complete.

        With procs > 1 Whoosh analyses in that many processes, each writing its own segment.
        """
        self.dir.mkdir(parents=True, exist_ok=True)
        generation = self._new_generation()
        ix = windex.open_dir(str(generation))
        writer = ix.writer(procs=procs, multisegment=True, limitmb=128) if procs > 1 else self._writer(ix)
        count = 0
        try:
            for doc in docs:
                writer.add_document(**index_fields(doc))
                count += 1
                if progress and count % 100 == 0:
                    progress(100)
            writer.commit()
        except BaseException:
            _abandon(writer)
            shutil.rmtree(generation, ignore_errors=True)
            raise
        if progress and count % 100:
            progress(count % 100)
        self._switch_to(generation)
        return count

    # -- reading -----------------------------------------------------------------------------------
    def _fresh_reader(self) -> _Reader:
        """The shared reader of the current index version, replaced when an ingest committed or a
        rebuild switched; this thread's own searcher of that version is open when it returns."""
        self._check_readable()
        for _ in range(10):
            reader = self._reader
            generation = self._current()
            if generation and self.generations.engine_of(generation) != self.name:
                raise EngineChanged()
            try:
                if reader is None or self._current() != reader.generation or not reader.searcher.up_to_date():
                    reader = self._replace_reader(reader)
                reader.searcher.get()
                return reader
            except (OSError, windex.EmptyIndexError):
                # A commit merged away (or a rebuild removed) the files of the version just opened.
                time.sleep(0.05)
                with self._lock:
                    if self._reader is reader:
                        self._reader = None
        self._check_readable()
        raise IndexUnavailable("The search index changed while it was being opened; try again.")

    def _replace_reader(self, seen: _Reader | None) -> _Reader:
        with self._lock:
            if self._reader is not seen and self._reader is not None:
                return self._reader  # another thread has just replaced it
            # A new searcher rather than searcher.refresh(): refresh reuses segment readers and so
            # misses documents deleted (replaced) in an unchanged segment. The old searchers are
            # closed by garbage collection, when no thread uses them any more. Threads that find the
            # index changed wait here while its columns are read (once per commit).
            generation = self.generations.live()
            ix = self._open(generation)
            toc = ix._read_toc()
            self._reader = _Reader(generation, ix, toc, _ThreadSearcher.open(ix, toc))
            return self._reader

    def _deadline(self) -> Deadline:
        return Deadline(self.search_seconds)

    def _parse(self, reader: _Reader, text: str, deadline: Deadline):
        """The parsed query, refused (QueryError) when its patterns stand for too many terms."""
        if not text:
            return None
        q = parse(self.parser, text)
        if q is not None:
            check_patterns(q)
            check_expansion(q, reader.searcher.reader(), deadline)
        return q

    def doc_count(self) -> int:
        return len(self._fresh_reader().table.live)

    def _matches(self, reader: _Reader, q, deadline: Deadline) -> frozenset[int]:
        """Documents matching the query text (all when there is none), cached per index version."""
        if q is None:
            return reader.table.live
        key = repr(q)
        found = reader.matches.get(key)
        if found is None:
            found = frozenset(reader.docsets.matching(q, deadline)) & reader.table.live
            reader.matches.put(key, found)
        return found

    def _filter_sets(self, table: DocTable, request: SearchRequest) -> dict[str, set[int]]:
        sets = {facet: table.facet_filter(facet, values) for facet, values in request.filters.items()}
        if request.date_from or request.date_to:
            sets["date"] = table.date_filter(request.date_from, request.date_to)
        return sets

    def _ranked(self, reader: _Reader, q, request: SearchRequest, allowed, limit: int, filtered: bool,
                deadline: Deadline) -> list[tuple]:
        """(docnum, score) of the best `limit` documents; score is None when sorted by date."""
        if limit <= 0 or not allowed:
            return []
        if request.sort != "relevance" or q is None:
            return [(n, None) for n in reader.table.newest_first(allowed, limit, reverse=request.sort != "date")]
        words = plain_words(q)
        if words:
            return reader.ranker.top(words, allowed, limit, deadline)
        if filtered and len(allowed) <= SCORE_DIRECTLY_BELOW:
            return self._score_each(reader.searcher.get(), q, sorted(allowed), limit, deadline)
        # Unfiltered, Whoosh's collector can skip whole blocks that cannot reach the top.
        searcher = reader.searcher.get()
        collector = searcher.collector(limit=limit, filter=set(allowed) if filtered else None)
        remaining = deadline.remaining()
        if remaining is not None:
            collector = TimeLimitCollector(collector, timelimit=remaining, use_alarm=False)
        try:
            searcher.search_with_collector(q, collector)
        except TimeLimit:
            raise deadline.expired() from None
        return [(hit.docnum, round(hit.score, 4)) for hit in collector.results()]

    @staticmethod
    def _score_each(searcher, q, docnums: list[int], limit: int, deadline: Deadline) -> list[tuple]:
        """Score only the allowed documents: a narrow filter (one municipality, a few years) leaves
        few, and walking the query's whole posting lists to find them was the cost."""
        matcher = q.matcher(searcher, searcher.context())
        scored = []
        for position, docnum in enumerate(docnums):
            if position % 1024 == 0:
                deadline.check()
            if not matcher.is_active():
                break
            if matcher.id() < docnum:
                matcher.skip_to(docnum)
                if not matcher.is_active():
                    break
            if matcher.id() == docnum:
                scored.append((round(matcher.score(), 4), docnum))
        scored.sort(key=lambda sd: (-sd[0], sd[1]))
        return [(docnum, score) for score, docnum in scored[:limit]]

    def _select(self, request: SearchRequest, deadline: Deadline):
        reader = self._fresh_reader()
        q = self._parse(reader, request.q, deadline)
        filter_sets = self._filter_sets(reader.table, request)
        matches = self._matches(reader, q, deadline)
        allowed = matches
        for docset in filter_sets.values():
            allowed = allowed & docset
        return reader, q, matches, filter_sets, allowed

    def search(self, request: SearchRequest, texts: Texts, facets: bool = True) -> SearchResult:
        deadline = self._deadline()
        reader, q, matches, filter_sets, allowed = self._select(request, deadline)
        first = (request.page - 1) * request.per_page
        page_docs = self._ranked(reader, q, request, allowed, first + request.per_page, bool(filter_sets),
                                 deadline)[first:]
        hits = self._hits(reader, page_docs)
        terms = matched_terms(q, reader.searcher.reader())
        total = len(allowed)
        deadline.check()
        counts = facet_counts(reader.table, matches, filter_sets, request.filters, self.labels) if facets else {}
        suggestion = self._suggest(reader, request.q) if total < SUGGEST_BELOW and request.q else None
        return search_result(request, total, hits, counts, suggestion, terms, texts)

    def matching_ids(self, request: SearchRequest, limit: int) -> list[str]:
        deadline = self._deadline()
        reader, q, _, filter_sets, allowed = self._select(request, deadline)
        ranked = self._ranked(reader, q, request, allowed, limit, bool(filter_sets), deadline)
        return [hit["id"] for hit in self._hits(reader, ranked)]

    def similar(self, doc_id: str, texts: Texts, limit: int = 10) -> list[Hit]:
        """Documents sharing the most telling terms of this one's text (more like this)."""
        text = texts([doc_id]).get(doc_id, "")
        reader = self._fresh_reader()
        searcher = reader.searcher.get()
        docnum = searcher.document_number(id=doc_id)
        if docnum is None or not text.strip():
            return []
        results = searcher.more_like(docnum, "content", text=text[:50_000], top=limit, numterms=20)
        return self._hits(reader, [(hit.docnum, round(hit.score, 4)) for hit in results])

    def highlight(self, text: str, query: str) -> str:
        """The whole text escaped, with the query's matches marked; plain escaped text without query."""
        reader = self._fresh_reader()
        q = self._parse(reader, query, self._deadline())
        terms = matched_terms(q, reader.searcher.reader())
        return highlight_all(text, terms)

    def _hits(self, reader: _Reader, ranked: list[tuple]) -> list[Hit]:
        searcher = reader.searcher.get()
        hits = []
        for docnum, score in ranked:
            stored = searcher.stored_fields(docnum)
            hits.append(hit_from_meta(stored["id"], stored["meta"], score, self.labels))
        return hits

    def suggest(self, text: str) -> str | None:
        return self._suggest(self._fresh_reader(), text)

    def _suggest(self, reader: _Reader, text: str) -> str | None:
        """'Bedoelde u …?': words unknown to the index replaced by the closest known word."""
        searcher = reader.searcher.get()

        def closest(folded: str) -> str | None:
            options = searcher.suggest("spell", folded, limit=1, maxdist=2, prefix=1)
            return options[0] if options else None

        return suggest_words(text, lambda folded: bool(searcher.reader().doc_frequency("spell", folded)), closest)
