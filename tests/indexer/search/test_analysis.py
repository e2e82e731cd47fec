"""Dutch analysis: the stem pairs readers expect together, compounds, accents, codes."""
import pytest

from indexer.search.analysis import (TOKEN, _ChunkTerms, field_terms, field_tokens, fold, index_terms, split_compound,
                                      stem)
from indexer.search.whoosh.fields import DutchTokenizer


def tokens(analyzer, text, mode="index"):
    return [t.text for t in analyzer(text, mode=mode)]


@pytest.mark.parametrize("one, other", [
    ("fusie", "fusies"), ("besluit", "besluiten"), ("gemeente", "gemeenten"), ("statuut", "statuten"),
    ("organisatie", "organisaties"), ("plan", "plannen"), ("voorstel", "voorstellen"),
    ("sociaal", "sociale"), ("bedrijf", "bedrijven"), ("regeling", "regelingen"), ("nota", "nota's"),
])
def test_singular_and_plural_share_a_stem(one, other):
    assert stem(one) == stem(other)


@pytest.mark.parametrize("unrelated", [("besluit", "statuut"), ("raad", "regeling"), ("plan", "plein")])
def test_unrelated_words_stay_apart(unrelated):
    assert stem(unrelated[0]) != stem(unrelated[1])


@pytest.mark.parametrize("compound, part", [
    ("mandaatbesluit", "besluit"), ("raadsbesluiten", "besluit"), ("personeelsstatuut", "statuut"),
    ("personeelsstatuut", "personeel"), ("gemeenteraad", "raad"), ("dienstverleningsovereenkomst", "overeenkomst"),
])
def test_compounds_index_their_parts(compound, part):
    assert stem(part) in tokens(DutchTokenizer(stemming=True), compound)


def test_compound_parts_only_at_index_time_and_not_for_short_or_unknown_words():
    assert tokens(DutchTokenizer(stemming=True), "mandaatbesluit", mode="query") == [stem("mandaatbesluit")]
    assert split_compound(stem("besluit")) == ()
    assert split_compound(stem("fietsenstalling")) == ()


def test_accents_fold_and_codes_and_dates_stay_whole():
    assert tokens(DutchTokenizer(stemming=False), "Súdwest-Fryslân geëvalueerd GM0363 op 09.04.2013") == [
        "sudwest", "fryslan", "geevalueerd", "gm0363", "op", "09.04.2013"]


def test_stopwords_dropped_only_in_the_stemmed_analyzer():
    assert "van" not in tokens(DutchTokenizer(stemming=True), "de raad van de gemeente")
    assert "van" in tokens(DutchTokenizer(stemming=False), "de raad van de gemeente")


def test_schema_version_is_the_same_in_every_process():
    """A server must accept the index an ingest built: nothing in the fingerprint may depend on hash order."""
    import subprocess
    import sys

    versions = {
        subprocess.run([sys.executable, "-c", "from indexer.search import SCHEMA_VERSION; print(SCHEMA_VERSION)"],
                       capture_output=True, text=True, check=True, env={"PYTHONHASHSEED": str(seed), "PATH": ""},
                       cwd=__import__("pathlib").Path(__file__).resolve().parents[3]).stdout
        for seed in (1, 2, 3)
    }
    assert len(versions) == 1


ODD_TEXT = ("Het mandaatbesluit, (BAR-organisatie) nota's\u00a0en\tnota\u2019s: 09.04.2013 GM0363.\nde raad van de "
            "gemeente\u2026x.y 'sx x's's Súdwest-Fryslân\u2028geëvalueerd mandaatbesluit. mandaatbesluit")


def test_words_read_stretch_by_stretch_between_spaces_are_the_words_of_the_whole_text():
    expected, pos = [], 0
    for word in TOKEN.findall(ODD_TEXT):
        if index_terms(word):
            expected += [(pos, term) for term in index_terms(word)]
            pos += 1
    assert field_tokens(ODD_TEXT) == expected
    assert field_tokens(ODD_TEXT, stemming=False) == [(pos, fold(word)) for pos, word in enumerate(TOKEN.findall(ODD_TEXT))]
    assert field_terms(ODD_TEXT) == {term for _, term in expected}
    assert field_terms(ODD_TEXT, stemming=False) == {fold(word) for word in TOKEN.findall(ODD_TEXT)}


def test_the_cache_of_stretches_stays_within_its_limit():
    chunks = _ChunkTerms(index_terms, limit=3)
    for stretch in "een twee, drie. vier (vijf) zes".split():
        assert chunks[stretch] == tuple(filter(None, map(index_terms, TOKEN.findall(stretch))))
        assert len(chunks) <= 3
