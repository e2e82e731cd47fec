"""Search requests from URL-style parameters: validation with clear messages, and the round trip."""
import pytest

from indexer.search import QueryError, SearchRequest


def test_parameters_are_read_and_round_trip():
    params = {"q": ["mandaat"], "municipality": ["GM1774", "GM0183"], "type": ["mandaatbesluit"],
              "from": ["2013-4"], "to": ["2014"], "sort": ["-date"], "page": ["2"], "per_page": ["20"]}
    request = SearchRequest.from_params(params)
    assert request.filters == {"municipality": ("GM1774", "GM0183"), "type": ("mandaatbesluit",)}
    assert (request.date_from, request.date_to, request.page, request.per_page) == ("2013-04", "2014", 2, 20)
    again = SearchRequest.from_params({k: [v for kk, v in request.to_params() if kk == k] for k, _ in request.to_params()})
    assert again == request


def test_toggling_a_facet_value_adds_or_removes_it_and_returns_to_page_one():
    request = SearchRequest.from_params({"municipality": ["GM1774"], "page": ["3"]})
    assert ("municipality", "GM0183") in request.toggled("municipality", "GM0183")
    assert ("municipality", "GM1774") not in request.toggled("municipality", "GM1774")
    assert all(key != "page" for key, _ in request.toggled("municipality", "GM0183"))


@pytest.mark.parametrize("params, named", [
    ({"q": ["x" * 10_000]}, "1000"),
    ({"page": ["0"]}, "page"),
    ({"page": ["abc"]}, "page"),
    ({"per_page": ["500"]}, "per_page"),
    ({"sort": ["random"]}, "sort"),
    ({"from": ["9 april"]}, "from"),
    ({"from": ["2013-02-30"]}, "from"),
    ({"from": ["2014"], "to": ["2013"]}, "lies after"),
    ({"year": ["13"]}, "year"),
])
def test_bad_parameters_say_what_is_wrong(params, named):
    with pytest.raises(QueryError) as caught:
        SearchRequest.from_params(params)
    assert named in caught.value.message


def test_control_characters_are_dropped_from_the_query():
    assert SearchRequest.from_params({"q": ["fusie\x00\x1b besluit"]}).q == "fusie besluit"


def test_ocr_filter_takes_ja_or_nee_and_the_english_answers():
    assert SearchRequest.from_params({"ocr": ["yes"]}).filters == {"ocr": ("ja",)}
    request = SearchRequest.from_params({"ocr": ["nee"], "q": ["besluit"]})
    assert request.filters == {"ocr": ("nee",)} and ("ocr", "nee") in request.to_params()
    with pytest.raises(QueryError) as caught:
        SearchRequest.from_params({"ocr": ["misschien"]})
    assert caught.value.param == "ocr" and "'ja'" in caught.value.message
