"""The size-bounded cache behind the Whoosh engine's term postings and query matches."""
from __future__ import annotations

from indexer.search.whoosh.lru import SizedLRU


def test_the_least_recently_used_go_first_to_stay_within_the_budget():
    cache: SizedLRU[frozenset[int]] = SizedLRU(10, len)
    cache.put("a", frozenset(range(4)))
    cache.put("b", frozenset(range(4)))
    assert cache.get("a") is not None  # a is now the most recently used
    cache.put("c", frozenset(range(4)))  # 12 > 10: b goes
    assert ("a" in cache, "b" in cache, "c" in cache) == (True, False, True) and cache.size == 8


def test_a_value_over_the_whole_budget_is_not_kept():
    cache: SizedLRU[frozenset[int]] = SizedLRU(10, len)
    cache.put("small", frozenset({1}))
    cache.put("huge", frozenset(range(11)))
    assert "huge" not in cache and "small" in cache and cache.size == 1
