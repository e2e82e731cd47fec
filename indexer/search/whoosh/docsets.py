"""The set of documents a query matches, computed with set operations over posting lists.

Totals and facet counts need every match, not just the best ten. Walking Whoosh's matcher tree
costs several Python calls per posting and per tree level; here a term's postings are read block
by block into a set once, and AND, OR and NOT become set intersection, union and difference, done
in C. Query kinds without a fast path (phrases, prefixes, ranges, ...) fall back to Whoosh.
"""
from __future__ import annotations

from array import array
from itertools import accumulate, islice

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher

from indexer.search.budget import Deadline
from indexer.search.whoosh.lru import SizedLRU

__all__ = ["DocSets"]

# An AND's next term is checked per candidate when it holds this many times more documents.
SPARSE = 8
# Common terms recur from query to query (domain words: besluit, gemeente, ...) and decoding their
# long posting lists is the cost of a search; their postings (document number and frequency,
# 8 bytes) are kept per index version, within this many in all (16 M = 128 MB).
CACHE_ENTRIES = 16_000_000
CACHE_FROM = 1000
_NO_LIMIT = Deadline(None)
# Documents of a query without a fast path read between two looks at the clock.
_CHECK_EVERY = 1024

DocIds = set[int] | frozenset[int]


def term_postings(searcher, fieldname: str, text) -> tuple[array, array]:
    """(document numbers ascending, weights = term frequencies) of a term over all segments."""
    ids, weights = array("I"), array("f")
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        if (fieldname, text) not in reader:
            continue
        matcher = reader.postings(fieldname, text)
        if isinstance(matcher, W3LeafMatcher):
            # Whole blocks at a time; the public per-posting API is what is slow.
            while matcher.is_active():
                if matcher._data is None:
                    matcher._read_data()
                stored, stored_weights = matcher._data[0], matcher._data[1]
                count = len(stored)
                # Ids are stored as deltas unless the block says otherwise; accumulate undoes that in C.
                if matcher._byteids:
                    ids.extend(offset + i for i in stored)
                else:
                    ids.extend(islice(accumulate(stored, initial=offset), 1, None))
                if stored_weights is None or isinstance(stored_weights, float):
                    weights.extend([stored_weights or 1.0] * count)
                else:
                    weights.extend(stored_weights)
                matcher._next_block()
        else:
            while matcher.is_active():
                ids.append(offset + matcher.id())
                weights.append(matcher.weight())
                matcher.next()
    return ids, weights


def _keep_in_term(searcher, fieldname: str, text, candidates: DocIds) -> set[int]:
    """The candidates that hold the term, found by skipping through its postings: for a few
    candidates and a common term this reads block headers instead of decoding every block."""
    kept: set[int] = set()
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        if (fieldname, text) not in reader:
            continue
        end = offset + reader.doc_count_all()
        matcher = reader.postings(fieldname, text)
        for docnum in sorted(d for d in candidates if offset <= d < end):
            local = docnum - offset
            if matcher.id() < local:
                matcher.skip_to(local)
                if not matcher.is_active():
                    break
            if matcher.id() == local:
                kept.add(docnum)
    return kept


class DocSets:
    """Query matches for one index version, with the document numbers of common terms cached.

    `searcher` may be shared by threads only if each reads through its own (backend's per-thread
    searcher); the cache is shared and guarded by a lock held only while it is changed.
    """

    def __init__(self, searcher, everything: frozenset[int], budget: int = CACHE_ENTRIES):
        self.searcher = searcher
        self.everything = everything
        self.cache: SizedLRU[tuple[array, array]] = SizedLRU(budget, lambda postings: len(postings[0]))

    @property
    def reader(self):
        return self.searcher.reader()

    def postings(self, fieldname: str, text) -> tuple[array, array]:
        key = (fieldname, text)
        found = self.cache.get(key)
        if found is None:
            found = term_postings(self.searcher, fieldname, text)
            if len(found[0]) >= CACHE_FROM:
                self.cache.put(key, found)
        return found

    def is_cached(self, fieldname: str, text) -> bool:
        return (fieldname, text) in self.cache

    def term(self, fieldname: str, text) -> set[int]:
        return set(self.postings(fieldname, text)[0])

    def _keep(self, term: wq.Term, candidates: DocIds) -> DocIds:
        if self.is_cached(term.fieldname, term.text):
            return candidates.intersection(self.postings(term.fieldname, term.text)[0])
        return _keep_in_term(self.searcher, term.fieldname, term.text, candidates)

    def matching(self, q: wq.Query, deadline: Deadline = _NO_LIMIT) -> DocIds:
        """Documents matching q (deleted ones only if `everything` holds them); SearchTimeout past
        the deadline."""
        deadline.check()
        everything = self.everything
        reader = self.reader
        if isinstance(q, wq.Term):
            return self.term(q.fieldname, q.text)
        if isinstance(q, wq.And):
            children = sorted((c for c in q.subqueries if not isinstance(c, wq.Not)),
                              key=lambda c: c.estimate_size(reader))
            negated = [c.query for c in q.subqueries if isinstance(c, wq.Not)]
            result: DocIds | None = None
            for child in children:
                if result is not None and isinstance(child, wq.Term) and len(result) * SPARSE < child.estimate_size(reader):
                    result = self._keep(child, result)
                else:
                    docs = self.matching(child, deadline)
                    result = docs if result is None else result & docs
                if not result:
                    return set()
            if result is None:
                result = set(everything)
            for child in negated:
                result = result - self.matching(child, deadline)
            return result
        if isinstance(q, wq.Or):
            union: set[int] = set()
            for child in q.subqueries:
                union |= self.matching(child, deadline)
            return union
        if isinstance(q, wq.Not):
            return everything - self.matching(q.query, deadline)
        if isinstance(q, wq.AndNot):
            return self.matching(q.a, deadline) - self.matching(q.b, deadline)
        if isinstance(q, wq.AndMaybe):
            return self.matching(q.a, deadline)
        if q is wq.NullQuery:
            return set()
        if isinstance(q, wq.Every):
            return set(everything)
        found: set[int] = set()
        for count, docnum in enumerate(self.searcher.docs_for_query(q)):
            if count % _CHECK_EVERY == 0:
                deadline.check()
            found.add(docnum)
        return found

