"""One contract for every search engine, run against each on real indexes: analysis, query syntax,
facets, dates, sorting, paging, snippets, suggestions, similar documents, generations, readers
during a rebuild; and the same totals and facet counts from both engines, on the test documents and
on the sample corpus."""
from __future__ import annotations

import subprocess
import sys
import threading

import pytest
from click.testing import CliRunner

from archive.records import OcrInfo
from cli import main
from indexer.search import ENGINES, IndexLocked, IndexUnavailable, QueryError, SearchIndex, SearchRequest
from tests.indexer.search.test_backend import DOCS, make_doc

EXTRA = [
    make_doc("b1", "Plannen fusie", "De plannen voor de fusies van de organisaties en het bedrijf.", "nota",
             "2016-02", [("GM0489", "Barendrecht"), ("GM1774", "Dinkelland")], "bar"),
    make_doc("b2", "Plan organisatie", "Het plan voor de organisatie; bedrijven en sociale zaken.", "nota",
             "2016-02-15", [("GM0597", "Ridderkerk")], "bar").replace(ocr=OcrInfo(pages=1)),
]
ALL = DOCS + EXTRA
QUERIES = ["", "besluit", "statuut", "fusie", '"sociaal statuut"', "nota OF mandaat", "statuut NIET sociaal",
           "statuut -sociaal", "statuut EN regeling", "mandaa*", "gemeente:dinkelland", "titel:nota", "cbs:GM0489",
           "jaar:2013", "plan", "organisatie", "bedrijf", "sociaal", "(plan OF nota) NIET fusie", "NIET besluit"]
FILTERS = [{}, {"municipality": ["GM0489", "GM1774"]}, {"municipality": ["GM1774"], "type": ["nota"]},
           {"organisation": ["bar"], "from": ["2014"]}, {"from": ["2013-04-15"], "to": ["2016-02"]},
           {"year": ["2013", "2016"], "language": ["nl"]}, {"ocr": ["ja"]}, {"ocr": ["nee"], "type": ["nota"]}]


def texts(ids):
    by_id = {d.id: d.text for d in ALL}
    return {i: by_id[i] for i in ids if i in by_id}


@pytest.fixture(scope="module", params=ENGINES)
def index(request, tmp_path_factory):
    index = SearchIndex(tmp_path_factory.mktemp(request.param), engine=request.param)
    assert index.rebuild(iter(ALL)) == len(ALL)
    assert index.engine_name == request.param
    return index


def run(index, **params):
    return index.search(SearchRequest.from_params({k: v if isinstance(v, list) else [v] for k, v in params.items()}),
                        texts)


def ids(result):
    return sorted(hit["id"] for hit in result["hits"])


@pytest.mark.parametrize("query, expected", [
    ("fusie", ["a2", "a4", "b1"]),               # fusie / fusies
    ("plan", ["a4", "b1", "b2"]),                # plan / plannen
    ("organisatie", ["a1", "b1", "b2"]),         # organisaties, BAR-organisatie
    ("bedrijf", ["b1", "b2"]),                   # bedrijf / bedrijven
    ("sociaal", ["a2", "b2"]),                   # sociaal / sociale
    ("besluit", ["a1", "a3"]),                   # compounds: mandaatbesluit, raadsbesluit
    ("statuut", ["a2", "a3"]),                   # personeelsstatuut, statuten
    ('"sociaal statuut"', ["a2"]),
    ('"raad van de gemeente Dinkelland"', ["a3"]),
    ('"gemeente van de raad"', []),
    ("nota OF mandaat", ["a1", "a4"]),
    ("statuut NIET sociaal", ["a3"]),
    ("statuut -sociaal", ["a3"]),
    ("statuut EN regeling", ["a3"]),
    ("mandaa*", ["a1"]),
    ("sociaa*", ["a2", "b2"]),                   # a prefix is no word: not stemmed to its own stem
    ("organisat*", ["a1", "b1", "b2"]),
    ("gemeente:dinkelland", ["a2", "a3", "b1"]),
    ("titel:nota", ["a4"]),
    ("cbs:GM0489", ["a1", "a4", "b1"]),
    ("jaar:2013", ["a2", "a3"]),
    ("merger", ["a5"]),
])
def test_analysis_and_query_syntax(index, query, expected):
    assert ids(run(index, q=query, per_page="20")) == expected


@pytest.mark.parametrize("query, code", [("*aat", "leading_wildcard"), ("titel:?ota", "leading_wildcard"),
                                         ("besluit " * 200, "bad_parameter")])
def test_bad_queries_are_refused_with_a_message(index, query, code):
    with pytest.raises(QueryError) as refused:
        run(index, q=query)
    assert refused.value.param == "q" and refused.value.code == code and refused.value.message


@pytest.mark.parametrize("query, total", [('"sociaal statuut', 1), ("(besluit OF", 2), ("onbekend:mandaat", 0),
                                          ("NIET", len(ALL)), ("de het een", len(ALL))])
def test_odd_queries_are_read_as_far_as_they_go(index, query, total):
    # An open quote or bracket closes at the end; only stopwords or operators search everything.
    assert run(index, q=query)["total"] == total


def test_patterns_standing_for_too_many_terms_are_refused(tmp_path):
    many = [make_doc(f"w{i}", f"woord{i}", f"woordvariant{i} tekst", "nota", "2020", []) for i in range(1100)]
    for engine in ENGINES:
        index = SearchIndex(tmp_path / engine, engine=engine)
        index.rebuild(iter(many))
        with pytest.raises(QueryError) as refused:
            run(index, q="woord*")
        assert refused.value.code == "too_many_terms"


def test_multi_valued_facets_are_disjunctive(index):
    both = run(index, municipality=["GM0489", "GM1774"])
    assert ids(both) == ["a1", "a2", "a3", "a4", "b1"]
    one = run(index, municipality="GM1774", type="nota")
    assert ids(one) == ["b1"]
    counts = {f["value"]: (f["count"], f["selected"]) for f in one["facets"]["municipality"]}
    # Its own filter left out: the other municipalities of the notes stay choosable.
    assert counts == {"GM0489": (2, False), "GM1774": (1, True), "GM0597": (1, False), "GM0613": (1, False)}
    types = {f["value"]: f["count"] for f in one["facets"]["type"]}
    assert types == {"sociaal_statuut": 1, "raadsbesluit": 1, "nota": 1}


def test_the_ocr_filter(index):
    assert ids(run(index, ocr="ja")) == ["b2"]
    assert ids(run(index, q="plan", ocr="nee")) == ["a4", "b1"]


def test_dates_match_the_periods_they_overlap(index):
    assert ids(run(index, **{"from": "2013-04-15", "to": "2013-04-20"})) == ["a2", "a3"]
    assert ids(run(index, **{"from": "2014", "per_page": "20"})) == ["a1", "a4", "b1", "b2"]
    assert ids(run(index, **{"to": "2013-03"})) == ["a3"]
    assert ids(run(index, **{"from": "2016-02-10", "to": "2016-02-12"})) == ["b1"]


def test_sort_and_paging(index):
    newest = [h["date"] for h in run(index, sort="-date", per_page="20")["hits"]]
    oldest = [h["date"] for h in run(index, sort="date", per_page="20")["hits"]]
    dated = sorted(d for d in newest if d)
    assert newest[-1] is None and oldest[-1] is None  # undated last both ways
    assert newest[:-1] == dated[::-1] and oldest[:-1] == dated
    pages = [run(index, sort="date", per_page="3", page=str(p)) for p in (1, 2, 3)]
    seen = [h["id"] for page in pages for h in page["hits"]]
    assert sorted(seen) == sorted(d.id for d in ALL) and len(seen) == len(set(seen))
    assert {p["total"] for p in pages} == {len(ALL)} and pages[0]["pages"] == 3
    assert index.matching_ids(SearchRequest.from_params({"sort": ["-date"]}), limit=2) == ["b2", "b1"]


def test_snippets_are_escaped_and_mark_matches(index):
    hit = run(index, q="nota", type="nota", to="2015")["hits"][0]
    assert "<mark>nota</mark>" in hit["snippet"].lower() and "<script>" not in hit["snippet"]
    hit = run(index, q="statuut", type="sociaal_statuut")["hits"][0]
    assert "<mark>personeelsstatuut</mark>" in hit["snippet"]
    hit = run(index, q="mandaatb*")["hits"][0]
    assert "<mark>mandaatbesluit</mark>" in hit["snippet"] and "<mark>mandaat</mark>" not in hit["snippet"]
    assert "<mark>fusies</mark>" in index.highlight(DOCS[3].text, "fusie")


def test_suggestions_only_when_results_are_few(index):
    assert run(index, q="mandat")["suggestion"] == "mandaat"
    assert run(index, q="soicaal statuut")["suggestion"] == "sociaal statuut"
    assert run(index, q="statuut")["suggestion"] is None


def test_similar_documents(index):
    similar = [h["id"] for h in index.similar("a2", texts, limit=3)]
    assert "a3" in similar and "a2" not in similar and "a5" not in similar
    assert index.similar("unknown", texts) == []


def test_updates_deletes_and_doc_count(tmp_path):
    for engine in ENGINES:
        index = SearchIndex(tmp_path / engine, engine=engine)
        index.update(DOCS[:2])
        index.update([DOCS[0].replace(type="verordening"), DOCS[2]])
        assert index.doc_count() == 3
        assert {f["value"]: f["count"] for f in run(index)["facets"]["type"]}["verordening"] == 1
        assert index.delete(["a3", "nothing"]) == 1 and index.doc_count() == 2


@pytest.mark.parametrize("first, second", [("whoosh", "tantivy"), ("tantivy", "whoosh")])
def test_a_rebuild_switches_engine_and_generation_while_readers_go_on(tmp_path, first, second):
    SearchIndex(tmp_path / "ix", engine=first).update(DOCS)
    reader = SearchIndex(tmp_path / "ix")
    assert reader.engine_name == first and run(reader, q="statuut")["total"] == 2
    totals, errors, done = [], [], threading.Event()

    def keep_searching():
        try:
            while not done.is_set():
                totals.append(run(reader, q="statuut")["total"])
        except Exception as error:  # reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=keep_searching) for _ in range(2)]
    for thread in threads:
        thread.start()
    try:
        assert SearchIndex(tmp_path / "ix", engine=second).rebuild(iter(ALL[:3])) == 3
    finally:
        done.set()
        for thread in threads:
            thread.join()
    assert not errors and totals and set(totals) == {2}  # a2 and a3 are in both generations
    assert reader.engine_name == second and run(reader)["total"] == 3
    assert [p.name for p in (tmp_path / "ix").glob("gen-*")] == ["gen-2"]
    # An outdated schema version is reported, whatever the engine.
    (tmp_path / "ix" / "gen-2" / "SCHEMA_VERSION").write_text("0-old\n")
    with pytest.raises(IndexUnavailable, match="reindex"):
        run(reader)


def facts(result):
    return result["total"], {f: [(v["value"], v["count"]) for v in values] for f, values in result["facets"].items()}


def test_both_engines_give_the_same_totals_and_facet_counts(tmp_path):
    indexes = []
    for engine in ENGINES:
        index = SearchIndex(tmp_path / engine, engine=engine)
        index.rebuild(iter(ALL))
        indexes.append(index)
    for q in QUERIES:
        for params in FILTERS:
            one, two = (facts(run(index, q=q, **params)) for index in indexes)
            assert one == two, (q, params)


def test_the_sample_corpus_gives_the_same_totals_and_facets_in_both_engines(tmp_path, corpus_dir):
    data = str(tmp_path / "data")
    runner = CliRunner()
    assert runner.invoke(main, ["--data-dir", data, "init"]).exit_code == 0
    # 1: the corpus holds files that are meant to fail extraction.
    assert runner.invoke(main, ["--data-dir", data, "ingest", "-q", str(corpus_dir / "documents")]).exit_code in (0, 1)
    from archive import DataDir
    from indexer.service.sync import open_index

    queries = ["", "besluit", "fusie", "gemeenschappelijke regeling", '"ambtelijke fusie"', "personeel*",
               "raad OF college", "mandaat NIET besluit", "gemeente:dinkelland"]
    filters = [{}, {"type": ["raadsbesluit", "collegebesluit"]}, {"from": ["2014"], "to": ["2018-06"]}]

    def measured():
        index = open_index(DataDir(tmp_path / "data"))
        return index.engine_name, [facts(run(index, q=q, **params)) for q in queries for params in filters]

    engine, whoosh = measured()
    assert engine == "whoosh" and sum(total for total, _ in whoosh) > 50
    result = runner.invoke(main, ["--data-dir", data, "reindex", "--engine", "tantivy"])
    assert result.exit_code == 0 and "with tantivy" in result.output
    engine, tantivy = measured()
    assert engine == "tantivy" and tantivy == whoosh


def test_a_missing_engine_package_is_one_clear_line(tmp_path):
    code = ("import sys; sys.modules['tantivy'] = None; from cli import main; "
            f"main(['--data-dir', {str(tmp_path)!r}, 'init', '--engine', 'tantivy'], prog_name='fusiearchief')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "pip install 'fusiearchief[tantivy]'" in done.stderr and len(done.stderr.strip().splitlines()) == 1


def hold_writer(index: SearchIndex):
    """A writer of the live generation opened by the engine itself, as another process would hold it."""
    path = str(index.generations.path())
    if index.engine_name == "tantivy":
        import tantivy

        return tantivy.Index.open(path).writer(), lambda writer: None
    from whoosh import index as windex

    return windex.open_dir(path).writer(), lambda writer: writer.cancel()


@pytest.mark.parametrize("engine", ENGINES)
def test_a_second_writer_is_told_the_index_is_locked(tmp_path, engine):
    index = SearchIndex(tmp_path / "ix", engine=engine, lock_timeout=0.2)
    index.update(DOCS[:1])
    held, release = hold_writer(index)
    try:
        with pytest.raises(IndexLocked, match="Another process"):
            index.update(DOCS[1:2])
    finally:
        release(held)
        del held
    assert index.update(DOCS[1:2]) == 1 and index.doc_count() == 2
