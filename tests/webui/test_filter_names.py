"""The web accepts municipality and organisation filters by name, as the CLI does (one resolution in
the core), and says in Dutch which value it does not know."""
from __future__ import annotations

import pytest


def found_ids(client, query: str) -> list[str]:
    answer = client.get(f"/api/search?{query}&per_page=100")
    assert answer.status_code == 200, answer.get_json()
    return sorted(hit["id"] for hit in answer.get_json()["hits"])


@pytest.mark.parametrize("by_code, by_name", [("municipality=GM1774", "municipality=Dinkelland"),
                                              ("organisation=noaberkracht", "organisation=Noaberkracht")])
def test_a_name_finds_what_its_code_finds(client, by_code, by_name):
    assert found_ids(client, by_code) and found_ids(client, by_name) == found_ids(client, by_code)


@pytest.mark.parametrize("query, word", [("municipality=Nergensdorp", "gemeente"),
                                         ("organisation=Nergenskracht", "fusieorganisatie")])
def test_an_unknown_name_is_a_bad_parameter_in_dutch(client, query, word):
    answer = client.get(f"/api/search?{query}")
    error = answer.get_json()["error"]
    assert answer.status_code == 400 and error["code"] == "bad_parameter" and word in error["message"].lower()
