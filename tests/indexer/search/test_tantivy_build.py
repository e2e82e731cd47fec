"""The tantivy engine's index build: analysed in a worker process, it indexes exactly what one
process indexes (the same totals, facet counts, hits in the same order with the same scores)."""
from __future__ import annotations

import pytest

from indexer.search import SearchIndex
from tests.indexer.search.test_engine_contract import ALL, FILTERS, QUERIES, facts, run

pytest.importorskip("tantivy")


def hits(result):
    return [(hit["id"], hit["score"]) for hit in result["hits"]]


def test_a_rebuild_analysed_in_a_worker_process_indexes_the_same_as_one_process(tmp_path, monkeypatch):
    # Batches of two: several in flight at once, which must come back in order.
    monkeypatch.setattr("indexer.search.tantivy.parallel.BATCH", 2)
    single = SearchIndex(tmp_path / "one", engine="tantivy")
    parallel = SearchIndex(tmp_path / "two", engine="tantivy")
    progress: list[int] = []
    assert single.rebuild(iter(ALL)) == len(ALL)
    assert parallel.rebuild(iter(ALL), progress=progress.append, procs=2) == len(ALL)
    assert sum(progress) == len(ALL)
    for q in QUERIES:
        for params in FILTERS[:4]:
            one, two = run(single, q=q, **params), run(parallel, q=q, **params)
            assert (facts(one), hits(one)) == (facts(two), hits(two)), (q, params)
