"""Generations on disk: which one is live, and the clear error when none is."""
from __future__ import annotations

import pytest

from indexer.search.errors import IndexUnavailable
from indexer.search.generations import Generations


def test_without_a_live_generation_the_path_is_refused_with_what_to_do(tmp_path):
    generations = Generations(tmp_path / "index")
    with pytest.raises(IndexUnavailable, match="fusiearchief reindex"):
        generations.path()


def test_the_live_generation_is_the_one_switched_to(tmp_path):
    generations = Generations(tmp_path / "index")
    first = generations.new("whoosh")
    generations.switch_to(first)
    second = generations.new("tantivy")
    assert generations.live() == first.name and generations.path() == first
    generations.switch_to(second)
    assert generations.live() == second.name and generations.path() == second
    assert generations.current_engine() == "tantivy"
