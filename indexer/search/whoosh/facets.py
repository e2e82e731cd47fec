"""Facet values, filters and counts answered from per-document columns read once per index version.

Whoosh's own facet machinery rebuilds per-document value lists on every search; here each value
keeps the set of documents holding it, so a filter is a union of sets and a count is the size of
an intersection, both done in C by Python's sets. Multi-valued fields (several municipalities per
document) count each document once per value.
"""
from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable

from indexer.search.facetlist import facet_listing
from indexer.search.schema import FACETS, FILTERS, date_number, period_end

__all__ = ["DocTable", "facet_counts"]

MULTI_VALUED = ("municipality", "organisation")


def _column(reader, fieldname: str):
    """A column's value per document. An index nothing was committed to has no segments, and
    Whoosh's reader for it has no columns at all (NotImplementedError): it has no values either."""
    return reader.column_reader(fieldname) if reader.doc_count_all() else []


class DocTable:
    """What one searcher's documents hold, as sets per facet value and a date order."""

    def __init__(self, reader) -> None:
        self.live = frozenset(reader.all_doc_ids())
        self.postings: dict[str, dict[str, set[int]]] = {}
        for facet in FILTERS:
            by_value: dict[str, set[int]] = {}
            column = _column(reader, facet)
            for docnum, value in enumerate(column):
                if docnum not in self.live:
                    continue
                for item in (value if facet in MULTI_VALUED else (value,)):
                    if isinstance(item, bytes):
                        item = item.decode("utf-8")
                    if item:
                        by_value.setdefault(item, set()).add(docnum)
            self.postings[facet] = by_value
        self.dates = list(_column(reader, "date"))
        # A partial date is a period ("2013-04" is all of April): it matches a range it overlaps,
        # so documents are kept in order of their period's start and of its end.
        starts = sorted((d, n) for n, d in enumerate(self.dates) if d and n in self.live)
        ends = sorted((period_end(d), n) for d, n in starts)
        self._start_keys, self._start_docs = [d for d, _ in starts], [n for _, n in starts]
        self._end_keys, self._end_docs = [d for d, _ in ends], [n for _, n in ends]

    def facet_filter(self, facet: str, values: Iterable[str]) -> set[int]:
        """Documents holding any of the values (values within one facet are alternatives)."""
        postings = self.postings[facet]
        result: set[int] = set()
        for value in values:
            result |= postings.get(value, set())
        return result

    def date_filter(self, date_from: str | None, date_to: str | None) -> set[int]:
        """Dated documents whose period overlaps [date_from, date_to] (either bound may be open)."""
        ending_after = self._end_docs[bisect_left(self._end_keys, date_number(date_from)):] if date_from else self._end_docs
        if not date_to:
            return set(ending_after)
        starting_before = self._start_docs[: bisect_right(self._start_keys, period_end(date_number(date_to)))]
        return set(starting_before).intersection(ending_after)

    def newest_first(self, docs: Iterable[int], limit: int, *, reverse: bool = True) -> list[int]:
        key = self.dates.__getitem__
        # Undated documents go last in both directions.
        if reverse:
            return heapq.nlargest(limit, docs, key=lambda n: (key(n), -n))
        return heapq.nsmallest(limit, docs, key=lambda n: (key(n) or 99_999_999, n))


def facet_counts(
    table: DocTable,
    matches: set[int] | frozenset[int],
    filter_sets: dict[str, set[int]],
    selected: dict[str, tuple[str, ...]],
    label: Callable[[str, str], str],
) -> dict[str, list[dict]]:
    """Counts per facet value among the matches, each facet counted with the other facets' filters
    applied but not its own, so choosing a second municipality stays possible (disjunctive facets)."""
    result = {}
    for facet in FACETS:
        docs = matches
        for other, docset in filter_sets.items():
            if other != facet:
                docs = docs & docset
        counts = {value: len(docs & holders)  # CPython walks the smaller set
                  for value, holders in table.postings[facet].items()}
        result[facet] = facet_listing(facet, counts, selected.get(facet, ()), label)
    return result
