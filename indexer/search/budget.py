"""Limits that keep one query from taking the server: how many index terms its wildcards, prefixes
and ranges may stand for, and how long one search may run.

`*a*` stands for every word holding an "a": tens of thousands of terms, each a posting list to
read and score (19 s at 5,000 documents). Such patterns are refused before anything is read: in
the text fields a pattern must start with a letter or digit (their vocabulary grows with every
document, and a leading wildcard has to scan all of it), and all patterns of a query together may
stand for at most MAX_EXPANDED_TERMS terms. What is left is bounded by a time budget, checked
between the steps of a search.
"""
from __future__ import annotations

import time

from archive.errors import FusiearchiefError

from indexer.search.request import QueryError

__all__ = ["Deadline", "SearchTimeout", "MAX_EXPANDED_TERMS", "SEARCH_SECONDS", "TEXT_FIELDS", "leading_wildcard",
           "literal_prefix", "too_many_terms"]

MAX_EXPANDED_TERMS = 1000
SEARCH_SECONDS = 5.0
_PATTERN_CHARS = "*?["
# Fields whose vocabulary is the archive's text; the others (file names, codes) hold a few terms per document.
TEXT_FIELDS = ("title", "content")
CHECK_EVERY = 256


class SearchTimeout(FusiearchiefError):
    """The search ran past its time budget and was stopped; .message says what to do."""

    code = "search_timeout"

    def __init__(self, seconds: float):
        self.seconds = seconds
        super().__init__(f"The search took longer than {seconds:g} s and was stopped; make it more specific "
                         "(fewer wildcards, fewer OR terms, a filter).")


class Deadline:
    """A point in time after which check() raises SearchTimeout; None means no limit."""

    __slots__ = ("seconds", "_at")

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self._at = None if seconds is None else time.monotonic() + seconds

    def check(self) -> None:
        if self._at is not None and time.monotonic() > self._at:
            raise self.expired()

    def expired(self) -> SearchTimeout:
        """The error telling that this deadline has passed."""
        if self.seconds is None:
            raise ValueError("a deadline without a limit never passes")
        return SearchTimeout(self.seconds)

    def remaining(self) -> float | None:
        return None if self._at is None else max(0.0, self._at - time.monotonic())


def literal_prefix(pattern: str) -> str:
    """The part of a pattern before its first wildcard."""
    cut = min((pattern.find(c) for c in _PATTERN_CHARS if c in pattern), default=len(pattern))
    return pattern[:cut]


def leading_wildcard(pattern: str) -> QueryError:
    return QueryError(f"'{pattern}' starts with a wildcard; put at least one letter or digit before "
                      "* or ? (e.g. besluit*).", "q", code="leading_wildcard")


def too_many_terms(limit: int, shown: str) -> QueryError:
    return QueryError(f"The wildcards, prefixes and ranges of the query stand for more than {limit} "
                      f"words in the index (at '{shown}'); make them longer or use fewer.", "q", code="too_many_terms")
