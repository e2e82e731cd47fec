"""The tantivy engine: the same index documents, analysis, query tree, facets and generations as
the Whoosh engine, searched by tantivy (Rust) rather than in Python.

Totals and facet counts are tantivy's own: a search is one query (the text and the filters as
boolean clauses), and each facet is counted by a terms aggregation with the other facets' filters
applied (disjunctive facets); facets without a filter of their own share one aggregation.
"""
from __future__ import annotations

import heapq
import math
import os
import shutil
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import tantivy
from tantivy import Occur, Order, Query

from archive.records import Document
from indexer.search import query as tree
from indexer.search.analysis import field_tokens
from indexer.search.budget import SEARCH_SECONDS, Deadline
from indexer.search.facetlist import facet_listing
from indexer.search.engine import EngineBase
from indexer.search.errors import EngineChanged, IndexLocked, IndexUnavailable
from indexer.search.hits import Hit, Labels, SUGGEST_BELOW, SearchResult, hit_from_meta, search_result, suggest_words
from indexer.search.request import SearchRequest
from indexer.search.schema import FACETS
from indexer.search.snippets import highlight_all
from indexer.search.tantivy.documents import analyse, date_bounds, make_schema, to_document
from indexer.search.tantivy.parallel import analysed, no_cycle_collection
from indexer.search.tantivy.queries import Expander, to_query

__all__ = ["TantivyEngine"]

Texts = Callable[[list[str]], dict[str, str]]
HEAP = 256_000_000
FACET_BUCKETS = 10_000
SIMILAR_TERMS = 20
SIMILAR_CHARS = 50_000
MAX_EDITS = 2


def _default_label(facet: str, value: str) -> str:
    return value


def _edits_within(a: str, b: str, limit: int) -> bool:
    """Whether the Levenshtein distance of a and b is at most `limit` (rows cut off past it)."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


class _Version:
    """One opened generation; reloaded when a commit changed it."""

    def __init__(self, generation: str, path: Path):
        self.generation = generation
        self.meta = path / "meta.json"
        self.index = tantivy.Index.open(str(path))
        self.stamp = self._stamp()
        self.lock = threading.Lock()

    def _stamp(self) -> int:
        return self.meta.stat().st_mtime_ns

    def searcher(self) -> tantivy.Searcher:
        stamp = self._stamp()
        if stamp != self.stamp:
            with self.lock:
                if stamp != self.stamp:
                    self.index.reload()
                    self.stamp = stamp
        return self.index.searcher()


class TantivyEngine(EngineBase):
    name = "tantivy"

    def __init__(self, index_dir: str | Path, labels: Labels = _default_label, lock_timeout: float = 10.0,
                 search_seconds: float | None = SEARCH_SECONDS):
        super().__init__(index_dir, labels, lock_timeout, search_seconds)
        self.schema = make_schema()
        self._lock = threading.Lock()
        self._version: _Version | None = None

    # -- state on disk -----------------------------------------------------------------------------
    def _new_generation(self) -> Path:
        path = self.generations.new(self.name)
        tantivy.Index(self.schema, path=str(path))
        return path

    # -- writing -----------------------------------------------------------------------------------
    def _writer(self, index: tantivy.Index) -> tantivy.IndexWriter:
        waited_until = time.monotonic() + self.lock_timeout
        while True:
            try:
                return index.writer(heap_size=HEAP)
            except ValueError as error:
                if "lock" not in str(error).lower():
                    raise
                if time.monotonic() > waited_until:
                    raise IndexLocked("Another process is writing the search index; try again when it has finished.") from error
                time.sleep(0.1)

    def remove_leftovers(self) -> int:
        """Delete generations a killed build left; tantivy removes its own unused files when a
        writer opens, and its lock goes with the process that held it."""
        return self.generations.remove_unnamed()

    def update(self, docs: Iterable[Document]) -> int:
        """Add or replace documents (by id). Creates the index when there is none."""
        status = self.schema_status()
        if status == "outdated":
            raise IndexUnavailable("The search index has an old schema; rebuild it ('fusiearchief reindex').")
        # A first index is switched to only once it holds this batch: readers never meet an empty
        # one, and a first build that is killed leaves a generation the next writer removes.
        first = self._new_generation() if status == "missing" else None
        writer = self._writer(tantivy.Index.open(str(first or self.generations.path())))
        count = 0
        try:
            with no_cycle_collection():
                for doc in docs:
                    writer.delete_documents_by_term("id", doc.id)
                    writer.add_document(to_document(analyse(doc), self.schema))
                    count += 1
            writer.commit()
            writer.wait_merging_threads()
        except BaseException:
            try:
                writer.rollback()
            except Exception:  # a writer that failed may refuse to roll back; its lock goes with it
                pass
            if first:
                shutil.rmtree(first, ignore_errors=True)
            raise
        if first:
            self.generations.switch_to(first)
        return count

    def delete(self, ids: Iterable[str]) -> int:
        if not self.exists():
            return 0
        index = tantivy.Index.open(str(self.generations.path()))
        searcher = index.searcher()
        writer = self._writer(index)
        count = 0
        for doc_id in ids:
            if self._holds(searcher, doc_id):
                count += 1
            writer.delete_documents_by_term("id", doc_id)
        writer.commit()
        writer.wait_merging_threads()
        return count

    def rebuild(self, docs: Iterable[Document], progress: Callable[[int], None] | None = None, procs: int = 1) -> int:
        """A new generation from the documents, switched to only when complete.

        With procs > 1, procs - 1 worker processes analyse while this one reads the documents and
        hands them to tantivy, which indexes on the cores left (at least one thread). At 20,000
        documents on the loaded 2-core machine: one worker and one indexing thread 1,114-1,322
        docs/s; two workers 864; one process alone 798-920.
        """
        self.dir.mkdir(parents=True, exist_ok=True)
        generation = self._new_generation()
        count = 0
        try:
            threads = max(1, (os.cpu_count() or 1) - procs)
            writer = tantivy.Index.open(str(generation)).writer(heap_size=HEAP, num_threads=threads)
            with no_cycle_collection():
                for fields in analysed(docs, workers=procs - 1):
                    writer.add_document(to_document(fields, self.schema))
                    count += 1
                    if progress and count % 100 == 0:
                        progress(100)
            writer.commit()
            writer.wait_merging_threads()
        except BaseException:
            shutil.rmtree(generation, ignore_errors=True)
            raise
        if progress and count % 100:
            progress(count % 100)
        self.generations.switch_to(generation)
        return count

    # -- reading -----------------------------------------------------------------------------------
    def _searcher(self) -> tantivy.Searcher:
        self._check_readable()
        for _ in range(10):
            generation = self.generations.current()
            if generation is None:  # checked readable just now: CURRENT is being replaced
                time.sleep(0.05)
                continue
            if self.generations.engine_of(generation) != self.name:
                raise EngineChanged()
            version = self._version
            try:
                if version is None or version.generation != generation:
                    with self._lock:
                        version = self._version
                        if version is None or version.generation != generation:
                            version = self._version = _Version(generation, self.generations.path(generation))
                return version.searcher()
            except (OSError, ValueError):
                # A rebuild removed the generation just found: read CURRENT again.
                time.sleep(0.05)
        self._check_readable()
        raise IndexUnavailable("The search index changed while it was being opened; try again.")

    def _holds(self, searcher: tantivy.Searcher, doc_id: str) -> bool:
        return bool(searcher.search(Query.term_query(self.schema, "id", doc_id), limit=1).hits)

    def doc_count(self) -> int:
        return self._searcher().num_docs

    def _filters(self, request: SearchRequest) -> dict[str, Query]:
        filters = {facet: Query.term_set_query(self.schema, facet, list(values))
                   for facet, values in request.filters.items()}
        lowest_end, highest_start = date_bounds(request.date_from, request.date_to)
        if lowest_end is not None or highest_start is not None:
            clauses = [(Occur.Must, Query.range_query(self.schema, "date_end", tantivy.FieldType.Integer,
                                                      max(lowest_end or 1, 1), None))]
            if highest_start is not None:
                clauses.append((Occur.Must, Query.range_query(self.schema, "date_start", tantivy.FieldType.Integer,
                                                              1, highest_start)))
            filters["date"] = Query.boolean_query(clauses)
        return filters

    @staticmethod
    def _all_of(queries: list[Query]) -> Query:
        if not queries:
            return Query.all_query()
        if len(queries) == 1:
            return queries[0]
        return Query.boolean_query([(Occur.Must, q) for q in queries])

    def _prepare(self, request: SearchRequest, deadline: Deadline):
        searcher = self._searcher()
        node = tree.parse_query(request.q) if request.q else None
        expand = Expander(searcher, deadline)
        expand.check(node)
        text = to_query(node, self.schema, expand) if node is not None else None
        return searcher, node, expand, text, self._filters(request)

    def _ranked(self, searcher, node, text, filters, request: SearchRequest, limit: int, offset: int = 0):
        query = self._all_of(([text] if text is not None else []) + list(filters.values()))
        if limit <= 0:
            return searcher.search(query, limit=1, count=True).count, []
        if request.sort != "relevance" or node is None:
            ascending = request.sort == "date"
            result = searcher.search(query, limit=limit, offset=offset, count=True,
                                     order_by_field="date_asc" if ascending else "date_start",
                                     order=Order.Asc if ascending else Order.Desc)
            return result.count, [(address, None) for _, address in result.hits]
        result = searcher.search(query, limit=limit, offset=offset, count=True)
        return result.count, [(address, round(score, 4)) for score, address in result.hits]

    def _hits(self, searcher, ranked) -> list[Hit]:
        hits = []
        for address, score in ranked:
            doc = searcher.doc(address)
            hits.append(hit_from_meta(doc.get_first("id"), doc.get_first("meta").decode("utf-8"), score, self.labels))
        return hits

    def _facets(self, searcher, text, filters: dict[str, Query], request: SearchRequest) -> dict[str, list[dict]]:
        base = [text] if text is not None else []
        groups: dict[tuple, list[str]] = {}
        for facet in FACETS:
            others = tuple(name for name in filters if name != facet)
            groups.setdefault(others, []).append(facet)
        counts: dict[str, dict[str, int]] = {}
        for others, facets in groups.items():
            query = self._all_of(base + [filters[name] for name in others])
            aggs = {facet: {"terms": {"field": facet, "size": FACET_BUCKETS}} for facet in facets}
            result = searcher.aggregate(query, aggs)
            for facet in facets:
                counts[facet] = {bucket["key"]: bucket["doc_count"] for bucket in result[facet]["buckets"]}
        listing = {}
        for facet in FACETS:
            selected = request.filters.get(facet, ())
            for value in selected:
                if value not in counts[facet] and searcher.doc_freq(facet, value):
                    counts[facet][value] = 0
            listing[facet] = facet_listing(facet, counts[facet], selected, self.labels)
        return listing

    def search(self, request: SearchRequest, texts: Texts, facets: bool = True) -> SearchResult:
        deadline = Deadline(self.search_seconds)
        searcher, node, expand, text, filters = self._prepare(request, deadline)
        first = (request.page - 1) * request.per_page
        total, ranked = self._ranked(searcher, node, text, filters, request, request.per_page, first)
        hits = self._hits(searcher, ranked)
        deadline.check()
        counts = self._facets(searcher, text, filters, request) if facets else {}
        suggestion = self._suggest(searcher, request.q) if total < SUGGEST_BELOW and request.q else None
        terms = tree.text_terms(node, expand)
        return search_result(request, total, hits, counts, suggestion, terms, texts)

    def matching_ids(self, request: SearchRequest, limit: int) -> list[str]:
        searcher, node, _, text, filters = self._prepare(request, Deadline(self.search_seconds))
        _, ranked = self._ranked(searcher, node, text, filters, request, limit)
        return [hit["id"] for hit in self._hits(searcher, ranked)]

    def similar(self, doc_id: str, texts: Texts, limit: int = 10) -> list[Hit]:
        """Documents sharing the most telling terms of this one's text (more like this): its terms
        weighed by frequency in it and rarity in the archive, searched together."""
        text = texts([doc_id]).get(doc_id, "")
        searcher = self._searcher()
        if not text.strip() or not self._holds(searcher, doc_id):
            return []
        frequency = Counter(term for _, term in field_tokens(text[:SIMILAR_CHARS]))
        documents = max(1, searcher.num_docs)
        weights = {}
        for term, tf in frequency.items():
            df = searcher.doc_freq("content", term)
            if df > 1:  # a term only this document holds finds no other
                weights[term] = tf * math.log(documents / df)
        best = heapq.nlargest(SIMILAR_TERMS, weights, key=lambda term: (weights[term], term))
        if not best:
            return []
        query = Query.boolean_query(
            [(Occur.Should, Query.term_query(self.schema, "content", term)) for term in best]
            + [(Occur.MustNot, Query.term_query(self.schema, "id", doc_id))])
        result = searcher.search(query, limit=limit)
        return self._hits(searcher, [(address, round(score, 4)) for score, address in result.hits])

    def highlight(self, text: str, query: str) -> str:
        """The whole text escaped, with the query's matches marked; plain escaped text without query."""
        searcher = self._searcher()
        node = tree.parse_query(query) if query else None
        expand = Expander(searcher, Deadline(self.search_seconds))
        expand.check(node)
        return highlight_all(text, tree.text_terms(node, expand))

    def suggest(self, text: str) -> str | None:
        return self._suggest(self._searcher(), text)

    def _suggest(self, searcher, text: str) -> str | None:
        """'Bedoelde u …?': like Whoosh's corrector, the most frequent word within two edits that
        starts with the same letter."""
        def closest(folded: str) -> str | None:
            candidates = [(count, term) for term, count in searcher.terms_with_prefix("spell", folded[:1])
                          if term != folded and _edits_within(term, folded, MAX_EDITS)]
            return min(candidates, key=lambda ct: (-ct[0], ct[1]))[1] if candidates else None

        return suggest_words(text, lambda folded: bool(searcher.doc_freq("spell", folded)), closest)
