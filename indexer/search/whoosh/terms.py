"""What a parsed Whoosh query stands for in index terms: its patterns checked against the search
budgets, and the text terms that snippets mark."""
from __future__ import annotations

from whoosh import query as wq

from indexer.search.budget import (CHECK_EVERY, MAX_EXPANDED_TERMS, TEXT_FIELDS, Deadline, leading_wildcard,
                                   literal_prefix, too_many_terms)

__all__ = ["check_patterns", "check_expansion", "matched_terms"]


def _shown(leaf: wq.Query) -> str:
    if isinstance(leaf, wq.Prefix):
        return f"{leaf.text}*"
    return getattr(leaf, "text", None) or str(leaf)


def check_patterns(q: wq.Query) -> None:
    """Refuse text patterns that begin with a wildcard: they can only be answered by reading every term."""
    for leaf in q.leaves():
        if isinstance(leaf, wq.Wildcard) and leaf.field() in TEXT_FIELDS and not literal_prefix(leaf.text):
            raise leading_wildcard(leaf.text)


def check_expansion(q: wq.Query, reader, deadline: Deadline, limit: int = MAX_EXPANDED_TERMS) -> int:
    """How many terms the query's patterns and ranges stand for; QueryError past `limit`."""
    total = 0
    for leaf in q.leaves():
        if not isinstance(leaf, wq.MultiTerm) or isinstance(leaf, wq.Every):
            continue
        count = 0
        for _ in leaf._btexts(reader):
            count += 1
            if count % CHECK_EVERY == 0:
                deadline.check()
            if total + count > limit:
                raise too_many_terms(limit, _shown(leaf))
        total += count
    return total


def matched_terms(q: wq.Query | None, reader) -> frozenset[str]:
    """The stemmed terms a query looks for in the text, prefixes and wildcards expanded."""
    if q is None:
        return frozenset()
    pairs = set(q.iter_all_terms(phrases=True))
    for leaf in q.leaves():
        if isinstance(leaf, wq.MultiTerm) and leaf.field() in TEXT_FIELDS:
            pairs.update(leaf.existing_terms(reader, expand=True))
    return frozenset(
        term.decode("utf-8") if isinstance(term, bytes) else str(term)
        for fieldname, term in pairs
        if fieldname in TEXT_FIELDS
    )
