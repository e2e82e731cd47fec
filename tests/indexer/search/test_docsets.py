"""The set-based match computation agrees with Whoosh's own matchers, over several segments and
with deleted documents."""
import pytest

from indexer.search import SearchIndex
from indexer.search.whoosh.docsets import DocSets
from indexer.search.whoosh.query import parse

from tests.indexer.search.test_backend import DOCS


@pytest.fixture(scope="module")
def segmented(tmp_path_factory):
    from whoosh import index as windex

    from indexer.search.schema import index_fields

    index = SearchIndex(tmp_path_factory.mktemp("segments"))
    index.update(DOCS[:1])
    ix = windex.open_dir(str(index.dir / (index.dir / "CURRENT").read_text().strip()))
    # One unmerged commit per document, then a replacement: several segments, one with a deletion.
    for doc in DOCS[1:] + [DOCS[1].replace(title="Sociaal statuut, herzien")]:
        writer = ix.writer()
        writer.update_document(**index_fields(doc))
        writer.commit(merge=False)
    return index


@pytest.mark.parametrize("text", [
    "besluit", "statuut", "fusie OF mandaat", "statuut NIET sociaal", "statuut -sociaal", "statuut EN regeling",
    '"sociaal statuut"', "mandaa*", "cbs:GM0489", "gemeente:dinkelland OF jaar:2015", "NIET besluit",
    "(besluit OF nota) EN gemeente", "onbekendwoord", "merger", "titel:nota", "nota OF merger",
])
def test_set_matches_equal_whoosh_matches(segmented, text):
    reader = segmented._fresh_reader()
    q = parse(segmented.parser, text)
    live = reader.table.live
    assert len(reader.searcher.reader().leaf_readers()) > 1
    expected = set(reader.searcher.docs_for_query(q)) & live
    assert set(DocSets(reader.searcher, live, budget=0).matching(q)) & live == expected


def test_sparse_and_checks_candidates_against_a_common_term(segmented, monkeypatch):
    import indexer.search.whoosh.docsets as docsets

    reader = segmented._fresh_reader()
    for text in ("merger council", "statuut EN sociaal", "nota gemeente fusie"):
        q = parse(segmented.parser, text)
        expected = set(reader.searcher.docs_for_query(q)) & reader.table.live
        monkeypatch.setattr(docsets, "SPARSE", 0)  # always skip through the next term
        assert set(DocSets(reader.searcher, reader.table.live, budget=0).matching(q)) & reader.table.live == expected


@pytest.mark.parametrize("budget", [3, 10_000])
def test_cached_terms_give_the_same_matches_and_stay_within_budget(segmented, monkeypatch, budget):
    import indexer.search.whoosh.docsets as docsets

    monkeypatch.setattr(docsets, "CACHE_FROM", 1)
    reader = segmented._fresh_reader()
    sets = docsets.DocSets(reader.searcher, reader.table.live, budget=budget)
    texts = ["besluit", "statuut EN sociaal", "nota OF merger", "statuut NIET sociaal", "besluit", "gemeente fusie"]
    for _ in range(2):  # the second round reads from the cache
        for text in texts:
            q = parse(segmented.parser, text)
            expected = set(reader.searcher.docs_for_query(q)) & reader.table.live
            assert set(sets.matching(q)) & reader.table.live == expected
    assert sets.cache.size <= budget and sets.cache.size == sum(len(ids) for ids, _ in dict(sets.cache.items()).values())
    assert len(sets.cache)  # something was kept
