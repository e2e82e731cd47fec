"""The set of documents a query matches, computed with set operations over posting lists.

Totals and facet counts need every match, not just the best ten. Walking Whoosh's matcher tree
costs several Python calls per posting and per tree level; here a term's postings are read block
by block into a set once, and AND, OR and NOT become set intersection, union and difference, done
in C. Query kinds without a fast path (phrases, prefixes, ranges, ...) fall back to Whoosh.
"""
from __future__ import annotations

from itertools import accumulate, islice

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher

__all__ = ["matching_docs"]

# An AND's next term is checked per candidate when it holds this many times more documents.
SPARSE = 8


def _term_docs(searcher, fieldname: str, text) -> set[int]:
    docs: set[int] = set()
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        if (fieldname, text) not in reader:
            continue
        matcher = reader.postings(fieldname, text)
        if isinstance(matcher, W3LeafMatcher):
            # Whole blocks of ids at a time; the public per-posting API is what is slow.
            while matcher.is_active():
                if matcher._data is None:
                    matcher._read_data()
                stored = matcher._data[0]
                # Ids are stored as deltas unless the block says otherwise; accumulate undoes that in C.
                if matcher._byteids:
                    docs.update(offset + i for i in stored)
                else:
                    docs.update(islice(accumulate(stored, initial=offset), 1, None))
                matcher._next_block()
        else:
            docs.update(offset + i for i in matcher.all_ids())
    return docs


def _keep_in_term(searcher, fieldname: str, text, candidates: set[int]) -> set[int]:
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


def matching_docs(searcher, q: wq.Query, everything: frozenset[int]) -> set[int] | frozenset[int]:
    """Documents matching q (deleted documents included only if `everything` holds them)."""
    if isinstance(q, wq.Term):
        return _term_docs(searcher, q.fieldname, q.text)
    if isinstance(q, wq.And):
        reader = searcher.reader()
        children = sorted((c for c in q.subqueries if not isinstance(c, wq.Not)),
                          key=lambda c: c.estimate_size(reader))
        negated = [c.query for c in q.subqueries if isinstance(c, wq.Not)]
        result = None
        for child in children:
            if result is not None and isinstance(child, wq.Term) and len(result) * SPARSE < child.estimate_size(reader):
                result = _keep_in_term(searcher, child.fieldname, child.text, result)
            else:
                docs = matching_docs(searcher, child, everything)
                result = docs if result is None else result & docs
            if not result:
                return set()
        if result is None:
            result = set(everything)
        for child in negated:
            result = result - matching_docs(searcher, child, everything)
        return result
    if isinstance(q, wq.Or):
        result: set[int] = set()
        for child in q.subqueries:
            result |= matching_docs(searcher, child, everything)
        return result
    if isinstance(q, wq.Not):
        return everything - matching_docs(searcher, q.query, everything)
    if isinstance(q, wq.AndNot):
        return matching_docs(searcher, q.a, everything) - matching_docs(searcher, q.b, everything)
    if isinstance(q, wq.AndMaybe):
        return matching_docs(searcher, q.a, everything)
    if q is wq.NullQuery:
        return set()
    if isinstance(q, wq.Every):
        return set(everything)
    return set(searcher.docs_for_query(q))
