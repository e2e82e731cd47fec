"""Search budgets on a real index: patterns that stand for too many terms are refused, a search past
its time budget stops, searches run side by side (no lock one slow search holds), and an index
without documents answers every search."""
from __future__ import annotations

import threading

import pytest

from indexer.search import QueryError, SearchIndex, SearchRequest, SearchTimeout
from indexer.search.budget import MAX_EXPANDED_TERMS

from tests.indexer.search.test_backend import DOCS, TEXTS, make_doc

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def many_words(count: int) -> str:
    """Distinct made-up words that all start with 'kwz' (the analyzer keeps them as they are)."""
    return " ".join("kwz" + LETTERS[n // 676 % 26] + LETTERS[n // 26 % 26] + LETTERS[n % 26] + "q" for n in range(count))


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    index = SearchIndex(tmp_path_factory.mktemp("budget"))
    index.update(DOCS + [make_doc("w1", "Woordenlijst", many_words(MAX_EXPANDED_TERMS + 200), "nota", "2016",
                                  [("GM1774", "Dinkelland")], "noaberkracht")])
    return index


def run(index, q: str, **params):
    return index.search(SearchRequest.from_params({"q": [q], **{k: [v] for k, v in params.items()}}), TEXTS)


@pytest.mark.parametrize("q", ["*a*", "*a* *e* *i*", "?esluit", "titel:*statuut", "mandaat OF *besluit"])
def test_leading_wildcards_are_refused_before_anything_is_read(index, q):
    with pytest.raises(QueryError) as refused:
        run(index, q)
    assert refused.value.code == "leading_wildcard" and "before * or ?" in refused.value.message


def test_patterns_standing_for_too_many_terms_are_refused(index):
    reader = index._fresh_reader().searcher.reader()
    assert sum(1 for _ in reader.expand_prefix("content", "kwz")) > MAX_EXPANDED_TERMS  # the case is real
    for q in ("kwz*", "kwza* OF kwzb* OF kwzc*", "tekst:kwz?*q"):
        with pytest.raises(QueryError) as refused:
            run(index, q)
        assert refused.value.code == "too_many_terms" and str(MAX_EXPANDED_TERMS) in refused.value.message
    # narrower patterns still work, and a bare * is every document
    assert run(index, "kwzab*")["total"] == 1
    assert run(index, "mandaa*")["total"] >= 1
    assert run(index, "*")["total"] == len(DOCS) + 1
    # file names hold a few terms per document: a leading wildcard there is bounded by the limits
    assert run(index, "bestand:*1*")["total"] >= 1


def test_the_document_highlight_is_bounded_the_same_way(index):
    with pytest.raises(QueryError):
        index.highlight("Een tekst", "*e*")


def test_a_search_past_its_time_budget_stops_with_a_message(index):
    hurried = SearchIndex(index.dir, search_seconds=0.0)
    for q in ("besluit", "mandaa*", '"sociaal statuut"', ""):
        with pytest.raises(SearchTimeout) as stopped:
            run(hurried, q)
        assert "took longer than 0 s" in stopped.value.message and "more specific" in stopped.value.message
    assert run(index, "besluit")["total"] >= 1  # the same index with the default budget


def test_a_slow_search_does_not_hold_up_another(index):
    """One search is held inside (its facet labels wait on an event, as a long search would be busy);
    another search on the same SearchIndex must finish meanwhile."""
    inside, release = threading.Event(), threading.Event()
    slow_thread: list[threading.Thread] = []

    def label(facet: str, value: str) -> str:
        if threading.current_thread() in slow_thread:
            inside.set()
            release.wait(30)
        return value

    shared = SearchIndex(index.dir, labels=label)
    slow = threading.Thread(target=run, args=(shared, "besluit"))
    slow_thread.append(slow)
    slow.start()
    try:
        assert inside.wait(30), "the slow search never got going"
        answered: list[dict] = []
        other = threading.Thread(target=lambda: answered.append(run(shared, "statuut")))
        other.start()
        other.join(20)
        assert answered and answered[0]["total"] >= 1, "the second search waited for the first"
        assert slow.is_alive()
    finally:
        release.set()
        slow.join(30)


def test_threads_searching_at_once_get_what_one_thread_gets(index):
    queries = ["besluit", "statuut NIET sociaal", "fusie OF mandaat", "mandaa*", '"sociaal statuut"', "gemeente",
               "kwzab*", "council"]
    shared = SearchIndex(index.dir)
    expected = {q: run(shared, q, sort="-date") for q in queries}
    errors: list[BaseException] = []
    mismatches: list[str] = []

    def work(offset: int) -> None:
        try:
            for round_ in range(15):
                q = queries[(offset + round_) % len(queries)]
                if run(shared, q, sort="-date") != expected[q]:
                    mismatches.append(q)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors and not mismatches


def test_an_index_without_documents_answers_every_search(tmp_path):
    empty = SearchIndex(tmp_path / "empty")
    empty.update([])
    for q in ("besluit", "", "mandaa*", "jaar:2013"):
        result = empty.search(SearchRequest.from_params({"q": [q], "sort": ["-date"]}), TEXTS)
        assert result["total"] == 0 and result["hits"] == [] and set(result["facets"]) >= {"municipality", "year"}
    assert empty.matching_ids(SearchRequest(q="besluit"), 10) == []
    assert empty.similar("a1", TEXTS) == [] and empty.doc_count() == 0
    assert empty.highlight("Een besluit", "besluit") == "Een <mark>besluit</mark>"


def test_non_ascii_digits_are_refused():
    for params in ({"page": ["１"]}, {"per_page": ["٥"]}, {"year": ["٢٠١٣"]}, {"from": ["２０１３"]}):
        with pytest.raises(QueryError) as refused:
            SearchRequest.from_params(params)
        assert refused.value.param == next(iter(params))
    assert SearchRequest.from_params({"page": ["2"], "year": ["2013"], "from": ["2013-04"]}).page == 2
