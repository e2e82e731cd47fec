"""Plain word queries are ranked from the cached postings with Whoosh's own BM25F: same order and
scores as Whoosh's collector; everything else is left to Whoosh."""
import pytest

from indexer.search import SearchRequest
from indexer.search.whoosh.query import parse
from indexer.search.whoosh.ranking import plain_words

from tests.indexer.search.test_backend import DOCS, SearchIndex


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    index = SearchIndex(tmp_path_factory.mktemp("rank"))
    index.update(DOCS)
    return index


@pytest.mark.parametrize("text", ["statuut", "besluit fusie", "nota OF mandaat", "statuut NIET sociaal",
                                  "gemeente", "raad OF college OF council", "statuut -sociaal EN regeling"])
def test_scores_and_order_equal_whoosh(index, text):
    reader = index._fresh_reader()
    q = parse(index.parser, text)
    words = plain_words(q)
    assert words
    ours = reader.ranker.top(words, reader.docsets.matching(q) & reader.table.live, limit=10)
    theirs = [(hit.docnum, hit.score) for hit in reader.searcher.search(q, limit=10)]
    assert [d for d, _ in ours] == [d for d, _ in theirs]
    # Whoosh adds a constant 1.0 for each NOT it satisfies; the order is what counts.
    offset = theirs[0][1] - ours[0][1] if ours else 0
    assert offset == pytest.approx(round(offset), abs=1e-3)
    assert [s + offset for _, s in ours] == pytest.approx([s for _, s in theirs], rel=1e-4)


def test_a_subset_is_ranked_the_same_by_lookup_and_by_walking(index, monkeypatch):
    import indexer.search.whoosh.ranking as ranking

    reader = index._fresh_reader()
    q = parse(index.parser, "statuut OF besluit OF fusie")
    allowed = set(list(reader.docsets.matching(q))[:3])
    walked = reader.ranker.top(plain_words(q), allowed, limit=10)
    monkeypatch.setattr(ranking, "LOOKUP_BELOW", 10**9)
    assert reader.ranker.top(plain_words(q), allowed, limit=10) == walked
    assert {d for d, _ in walked} == allowed


def test_phrases_are_ranked_by_their_words(index):
    q = parse(index.parser, '"sociaal statuut"')
    assert plain_words(q) == ["social", "statut"]
    result = index.search(SearchRequest.from_params({"q": ['"sociaal statuut"']}), lambda ids: {})
    assert [h["id"] for h in result["hits"]] == ["a2"]


@pytest.mark.parametrize("text", ["mandaa*", "titel:nota", "statuut^2", "NIET besluit", "gemeente:dinkelland"])
def test_other_queries_are_left_to_whoosh(index, text):
    assert not plain_words(parse(index.parser, text))
