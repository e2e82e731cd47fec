"""Organisations: names, case-sensitive acronyms, guarded word-acronyms, inference from members."""
from __future__ import annotations

from indexer.detect.organisations import detect_organisations


def keys(text: str, core=(), on_date=None) -> list[str]:
    return [item["key"] for item in detect_organisations(text, "", list(core), on_date)]


def test_word_acronyms_need_context():
    assert keys("We gaan naar de bar. Bel me over een uur, uw brief.") == []
    assert keys("BAR is open. OVER ONS. UW brief.") == []
    assert keys("De BAR-organisatie voert de taken uit.") == ["bar"]
    assert keys("De BEL Combinatie werkt voor drie gemeenten.") == ["bel"]
    assert keys("De OVER-gemeenten Oostzaan en Wormerland.") == ["over"]
    assert keys("De UW-samenwerking wordt ontmanteld.") == ["uw"]


def test_unambiguous_acronyms_and_names():
    assert keys("Werkorganisatie BUCH") == ["buch"]
    assert keys("Het openbaar lichaam Noaberkracht") == ["noaberkracht"]
    assert keys("de buch") == []  # acronyms are case-sensitive


def test_organisation_inferred_from_two_members():
    assert keys("geen naam", core=["GM1774", "GM0183"], on_date="2013-04-09") == ["noaberkracht"]
    assert keys("geen naam", core=["GM1774"], on_date="2013-04-09") == []
    # outside the organisation's lifetime (plus margin) no inference
    assert keys("geen naam", core=["GM0693", "GM0694"], on_date="2022-01-01") == []
