"""Top documents by BM25 for plain word (and phrase) queries, from the cached postings.

Whoosh's collector scores a query by walking its matcher tree document by document: for a word
that most documents hold that is the whole cost of a search. Queries that are words joined by
AND/OR (with NOT parts, which add nothing to the score) are scored here instead, with Whoosh's own
BM25F formula and statistics, in one loop per word over arrays; anything else (phrases, prefixes,
fields other than the text, boosts) is left to Whoosh.
"""
from __future__ import annotations

import heapq
from bisect import bisect_left

from whoosh import query as wq
from whoosh.scoring import BM25F

from indexer.search.budget import Deadline

__all__ = ["Ranker"]

_B, _K1 = BM25F().B, BM25F().K1
# Look candidates up by bisection rather than walking a posting list when there are this many times fewer.
LOOKUP_BELOW = 16


def plain_words(q: wq.Query, fieldname: str = "content") -> list[str] | None:
    """The scored words of a query made of words in `fieldname` with AND/OR/NOT; None otherwise."""
    if isinstance(q, wq.Term):
        return [q.text] if q.fieldname == fieldname and q.boost == 1.0 else None
    if isinstance(q, wq.Phrase):
        # The phrase has decided which documents match; its words rank them.
        return list(q.words) if q.fieldname == fieldname and q.boost == 1.0 else None
    if isinstance(q, wq.Not):
        return [] if plain_words(q.query, fieldname) is not None else None
    if type(q) is wq.AndNot:
        kept, dropped = plain_words(q.a, fieldname), plain_words(q.b, fieldname)
        return kept if dropped is not None else None
    if isinstance(q, (wq.And, wq.Or)) and type(q) in (wq.And, wq.Or) and q.boost == 1.0:
        words: list[str] = []
        for child in q.subqueries:
            found = plain_words(child, fieldname)
            if found is None:
                return None
            words.extend(found)
        return words
    return None


class Ranker:
    """BM25 over one searcher's content field; field-length norms read once per index version."""

    fieldname = "content"

    def __init__(self, searcher, docsets) -> None:
        self.searcher = searcher
        self.docsets = docsets
        self._norms: list[float] | None = None

    def _length_norms(self) -> list[float]:
        if self._norms is None:
            reader = self.searcher.reader()
            average = self.searcher.avg_field_length(self.fieldname) or 1.0
            length = reader.doc_field_length
            self._norms = [_K1 * ((1 - _B) + _B * length(n, self.fieldname, 0) / average)
                           for n in range(reader.doc_count_all())]
        return self._norms

    def top(self, words: list[str], allowed, limit: int, deadline: Deadline | None = None) -> list[tuple[int, float]]:
        """(docnum, score) of the `limit` best allowed documents, best first, ties by docnum."""
        norms = self._length_norms()
        scores: dict[int, float] = {}
        for word in words:
            if deadline is not None:
                deadline.check()
            ids, weights = self.docsets.postings(self.fieldname, word)
            if not ids:
                continue
            idf = self.searcher.idf(self.fieldname, word)
            lift = idf * (_K1 + 1)
            if len(allowed) * LOOKUP_BELOW < len(ids):
                count = len(ids)
                for docnum in allowed:
                    at = bisect_left(ids, docnum)
                    if at < count and ids[at] == docnum:
                        tf = weights[at]
                        scores[docnum] = scores.get(docnum, 0.0) + lift * tf / (tf + norms[docnum])
            else:
                for docnum, tf in zip(ids, weights, strict=True):
                    if docnum in allowed:
                        scores[docnum] = scores.get(docnum, 0.0) + lift * tf / (tf + norms[docnum])
        best = heapq.nsmallest(limit, scores.items(), key=lambda item: (-item[1], item[0]))
        return [(docnum, round(score, 4)) for docnum, score in best]
