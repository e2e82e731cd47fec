"""The search index on a real Whoosh index: queries, filters, facets, sorting, snippets, suggestions,
similar documents, generations and locking."""
from __future__ import annotations

import threading

import pytest

from archive.records import Document
from indexer.search import IndexLocked, IndexUnavailable, QueryError, SearchIndex, SearchRequest

BAR = [("GM0489", "Barendrecht"), ("GM0613", "Albrandswaard"), ("GM0597", "Ridderkerk")]
NOABER = [("GM1774", "Dinkelland"), ("GM0183", "Tubbergen")]


def make_doc(doc_id, title, text, doc_type, date, places, org=None, language="nl"):
    return Document(
        id=doc_id, title=title, text=text, type=doc_type, date=date,
        municipalities=[{"code": c, "name": n, "role": "issuer"} for c, n in places],
        organisations=[{"key": org, "name": org.upper()}] if org else [],
        language=language, format="pdf", status="ok", filenames=[f"{doc_id}.pdf"],
    )


DOCS = [
    make_doc("a1", "Mandaatbesluit BAR-organisatie", "Het college besluit tot mandaat aan de directeur van de "
             "BAR-organisatie. Dit mandaatbesluit geldt voor Barendrecht, Albrandswaard en Ridderkerk.",
             "mandaatbesluit", "2014-01-07", BAR, "bar"),
    make_doc("a2", "Sociaal statuut", "Sociaal statuut voor de medewerkers bij de ambtelijke fusie. Het "
             "personeelsstatuut regelt de plaatsing.", "sociaal_statuut", "2013-04", NOABER, "noaberkracht"),
    make_doc("a3", "Raadsbesluit gemeenschappelijke regeling", "De raad van de gemeente Dinkelland besluit de "
             "statuten van de gemeenschappelijke regeling vast te stellen.", "raadsbesluit", "2013",
             NOABER[:1], "noaberkracht"),
    make_doc("a4", "Nota van afstemming <script>alert(1)</script>", "Deze nota beschrijft de fusies van "
             "gemeenten. <script>alert('x')</script> Plannen voor 2015.", "nota", "2015-06-30", BAR[:2], "bar"),
    make_doc("a5", "Council decision", "The council decides on the merger of the civil service.", "raadsbesluit",
             None, NOABER[1:], "noaberkracht", language="en"),
]


def texts_of(docs):
    by_id = {d.id: d.text for d in docs}
    return lambda ids: {i: by_id[i] for i in ids if i in by_id}


TEXTS = texts_of(DOCS)


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    index = SearchIndex(tmp_path_factory.mktemp("index"))
    assert index.update(DOCS) == len(DOCS)
    return index


def search(index, **params):
    return index.search(SearchRequest.from_params({k: v if isinstance(v, list) else [v] for k, v in params.items()}),
                        TEXTS)


def ids(result):
    return sorted(hit["id"] for hit in result["hits"])


@pytest.mark.parametrize("query, expected", [
    ("besluit", ["a1", "a3"]),              # raadsbesluit in a title, besluit in text, mandaatbesluit
    ("statuut", ["a2", "a3"]),              # personeelsstatuut and statuten
    ("fusie", ["a2", "a4"]),                # fusie and fusies
    ('"sociaal statuut"', ["a2"]),
    ("nota OF mandaat", ["a1", "a4"]),
    ("nota OR mandaat", ["a1", "a4"]),
    ("statuut NIET sociaal", ["a3"]),
    ("statuut -sociaal", ["a3"]),
    ("statuut EN regeling", ["a3"]),
    ("mandaa*", ["a1"]),
    ("gemeente:dinkelland", ["a2", "a3"]),
    ("titel:nota", ["a4"]),
    ("cbs:GM0489", ["a1", "a4"]),
    ("jaar:2013", ["a2", "a3"]),
    ("merger", ["a5"]),
])
def test_queries_find_what_readers_expect(index, query, expected):
    assert ids(search(index, q=query)) == expected


@pytest.mark.parametrize("query", ['"unbalanced', "(((", ")", "AND", "OR OR", "NIET", "-", "*", "foo:bar",
                                   "titel:", 'x"y"z(', "\x00\x1f"])
def test_odd_queries_never_raise_anything_but_a_query_error(index, query):
    try:
        result = search(index, q=query)
    except QueryError as error:
        assert error.message
    else:
        assert result["total"] >= 0


def test_unknown_field_is_read_as_words(index):
    assert ids(search(index, q="onbekend:mandaat")) == []
    assert ids(search(index, q="mandaat")) == ["a1"]


def test_multi_valued_facet_counts_each_document_under_each_municipality(index):
    facets = search(index)["facets"]
    municipality = {f["value"]: f["count"] for f in facets["municipality"]}
    assert municipality == {"GM0489": 2, "GM0613": 2, "GM0597": 1, "GM1774": 2, "GM0183": 2}
    assert {f["value"]: f["count"] for f in facets["organisation"]} == {"bar": 2, "noaberkracht": 3}
    assert [f["value"] for f in facets["year"]] == ["2015", "2014", "2013"]
    assert {f["value"]: f["count"] for f in facets["language"]} == {"nl": 4, "en": 1}


def test_filters_combine_or_within_a_facet_and_and_across_facets(index):
    assert ids(search(index, municipality=["GM0489", "GM1774"])) == ["a1", "a2", "a3", "a4"]
    assert ids(search(index, municipality=["GM0489", "GM1774"], type="nota")) == ["a4"]
    assert ids(search(index, q="besluit", organisation="noaberkracht")) == ["a3"]


def test_facets_count_with_the_other_facets_filters_but_not_their_own(index):
    result = search(index, municipality="GM1774", type="raadsbesluit")
    assert ids(result) == ["a3"]
    municipality = {f["value"]: f for f in result["facets"]["municipality"]}
    # Other municipalities stay choosable: counted under type=raadsbesluit only.
    assert municipality["GM0183"]["count"] == 1 and not municipality["GM0183"]["selected"]
    assert municipality["GM1774"]["selected"]
    types = {f["value"]: f["count"] for f in result["facets"]["type"]}
    assert types == {"sociaal_statuut": 1, "raadsbesluit": 1}


def test_date_range_matches_partial_dates_by_overlap(index):
    assert ids(search(index, **{"from": "2013-04-15", "to": "2013-04-20"})) == ["a2", "a3"]
    assert ids(search(index, **{"from": "2014"})) == ["a1", "a4"]
    assert ids(search(index, **{"to": "2013-03"})) == ["a3"]


def test_sorting_by_date_both_ways_puts_undated_last(index):
    newest = [h["id"] for h in search(index, sort="-date")["hits"]]
    oldest = [h["id"] for h in search(index, sort="date")["hits"]]
    assert newest == ["a4", "a1", "a2", "a3", "a5"]
    assert oldest == ["a3", "a2", "a1", "a4", "a5"]


def test_pagination_gives_disjoint_pages_and_the_total(index):
    pages = [search(index, sort="date", per_page="2", page=str(p)) for p in (1, 2, 3)]
    seen = [h["id"] for page in pages for h in page["hits"]]
    assert sorted(seen) == ["a1", "a2", "a3", "a4", "a5"]
    assert {p["total"] for p in pages} == {5} and pages[0]["pages"] == 3


def test_snippets_escape_the_text_and_mark_only_the_match(index):
    hit = search(index, q="nota")["hits"][0]
    assert "<mark>nota</mark>" in hit["snippet"].lower()
    assert "<script>" not in hit["snippet"]
    assert hit["snippet"].replace("<mark>", "").replace("</mark>", "").count("<") == 0
    assert hit["title"].startswith("Nota van afstemming <script>")  # raw: escaping is the renderer's job


def test_compound_matches_are_highlighted(index):
    hit = search(index, q="statuut", municipality="GM1774", type="sociaal_statuut")["hits"][0]
    assert "<mark>personeelsstatuut</mark>" in hit["snippet"]


def test_suggestion_for_a_misspelt_word_only_when_results_are_few(index):
    assert search(index, q="mandat")["suggestion"] == "mandaat"
    assert search(index, q="soicaal statuut")["suggestion"] == "sociaal statuut"
    assert search(index, q="statuut")["suggestion"] is None


def test_similar_documents_exclude_the_document_itself(index):
    similar = [h["id"] for h in index.similar("a2", TEXTS, limit=3)]
    assert "a2" not in similar and similar[0] == "a3"
    assert index.similar("unknown", TEXTS) == []


def test_matching_ids_follow_the_sort_order_and_the_limit(index):
    request = SearchRequest.from_params({"sort": ["-date"]})
    assert index.matching_ids(request, limit=2) == ["a4", "a1"]


def test_highlight_of_a_whole_text_escapes_everything(index):
    marked = index.highlight(DOCS[3].text, "fusie")
    assert "<mark>fusies</mark>" in marked and "&lt;script&gt;" in marked and "<script>" not in marked


def test_updates_replace_by_id_and_are_seen_by_a_running_reader(tmp_path):
    index = SearchIndex(tmp_path / "ix")
    index.update(DOCS[:2])
    assert search(index)["total"] == 2
    index.update([DOCS[0].replace(type="verordening"), DOCS[2]])
    result = search(index)
    assert result["total"] == 3
    assert {f["value"]: f["count"] for f in result["facets"]["type"]}["verordening"] == 1
    assert index.delete(["a3"]) == 1 and search(index)["total"] == 2


def test_rebuild_switches_generations_and_a_searcher_keeps_working_meanwhile(tmp_path):
    index = SearchIndex(tmp_path / "ix")
    index.update(DOCS)
    reader = SearchIndex(tmp_path / "ix")
    assert search(reader, q="statuut")["total"] == 2
    seen_during = []

    def docs():
        for doc in DOCS[:3]:
            seen_during.append(search(reader, q="statuut")["total"])
            yield doc

    assert index.rebuild(docs()) == 3
    assert seen_during == [2, 2, 2]
    assert search(reader)["total"] == 3
    assert [p.name for p in (tmp_path / "ix").glob("gen-*")] == ["gen-2"]


def test_a_failed_rebuild_leaves_the_old_index_in_place(tmp_path):
    index = SearchIndex(tmp_path / "ix")
    index.update(DOCS)

    def broken():
        yield DOCS[0]
        raise RuntimeError("catalog went away")

    with pytest.raises(RuntimeError):
        index.rebuild(broken())
    assert search(index)["total"] == len(DOCS)


def test_schema_change_is_reported_not_silently_wiped(tmp_path):
    index = SearchIndex(tmp_path / "ix")
    assert index.schema_status() == "missing"
    with pytest.raises(IndexUnavailable, match="reindex"):
        search(index)
    index.update(DOCS)
    current = (tmp_path / "ix" / "CURRENT").read_text().strip()
    (tmp_path / "ix" / current / "SCHEMA_VERSION").write_text("0-old\n")
    assert index.schema_status() == "outdated"
    with pytest.raises(IndexUnavailable, match="reindex"):
        search(index)
    assert (tmp_path / "ix" / current).exists()


def test_a_second_writer_is_told_the_index_is_locked(tmp_path):
    index = SearchIndex(tmp_path / "ix", lock_timeout=0.1)
    index.update(DOCS[:1])
    from whoosh import index as windex

    generation = tmp_path / "ix" / (tmp_path / "ix" / "CURRENT").read_text().strip()
    held = windex.open_dir(str(generation)).writer()
    try:
        with pytest.raises(IndexLocked, match="Another process"):
            index.update(DOCS[1:2])
    finally:
        held.cancel()
    assert index.update(DOCS[1:2]) == 1


def test_concurrent_searches_from_threads_agree(index):
    results, errors = [], []

    def worker():
        try:
            for _ in range(20):
                results.append(search(index, q="besluit", municipality="GM1774")["total"])
        except Exception as error:  # pragma: no cover - the assertion below reports it
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and set(results) == {1}


def test_parallel_rebuild_indexes_the_same_as_one_process(tmp_path):
    single, parallel = SearchIndex(tmp_path / "one"), SearchIndex(tmp_path / "two")
    single.rebuild(iter(DOCS))
    parallel.rebuild(iter(DOCS), procs=2)
    for params in ({}, {"q": "besluit"}, {"q": "statuut", "municipality": "GM1774"}):
        one, two = search(single, **params), search(parallel, **params)
        assert ids(one) == ids(two) and one["facets"] == two["facets"]


def test_wide_and_narrow_filters_rank_alike(index, monkeypatch):
    """Queries beyond plain words (here a phrase) are scored by Whoosh: under a narrow filter document
    by document, under a wide one by its collector; the order is the same."""
    import indexer.search.whoosh.engine as backend

    params = {"q": '"sociaal statuut" OF besluit OF fusie', "organisation": ["noaberkracht", "bar"]}
    narrow = search(index, **params)
    monkeypatch.setattr(backend, "SCORE_DIRECTLY_BELOW", 0)
    wide = search(index, **params)
    assert [h["id"] for h in narrow["hits"]] == [h["id"] for h in wide["hits"]]
    assert [h["score"] for h in narrow["hits"]] == pytest.approx([h["score"] for h in wide["hits"]])


def test_a_phrase_with_stopwords_matches_the_text_it_was_copied_from(index):
    assert ids(search(index, q='"raad van de gemeente Dinkelland"')) == ["a3"]
    assert ids(search(index, q='"gemeente van de raad"')) == []
