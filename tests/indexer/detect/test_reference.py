"""The reference register: counts, homonyms, variants and historical names on a date."""
from __future__ import annotations

import pytest

from indexer.detect import reference
from indexer.detect.reference import resolve_municipality, resolve_organisation


def test_342_municipalities_existed_in_2024_and_380_in_2018():
    assert sum(m.valid_on("2024-01-01") for m in reference.municipalities()) == 342
    assert sum(m.valid_on("2018-01-01") for m in reference.municipalities()) == 380


def test_every_abolished_municipality_has_an_existing_successor():
    codes = {m.code for m in reference.municipalities()}
    abolished = [m for m in reference.municipalities() if m.valid_to]
    assert len(abolished) >= 90
    for municipality in abolished:
        assert municipality.successor in codes, municipality


def test_every_organisation_member_exists_and_organisation_keys_match_the_brief():
    codes = {m.code for m in reference.municipalities()}
    keys = {o.key for o in reference.organisations()}
    assert keys == {
        "bel", "groningen-ten-boer", "over", "de-waard", "boh", "wodv", "aa", "noaberkracht", "8ktd", "bar",
        "cgm", "uw", "beemster-purmerend", "dommelvallei", "woerden-oudewater", "sed", "hltsamen", "buch",
        "ddfk", "friese-meren", "servicepunt71", "a2",
    }
    for organisation in reference.organisations():
        assert len(organisation.members) >= 2
        assert set(organisation.members) <= codes, organisation.key


@pytest.mark.parametrize("text", ["'s-Gravenhage", "’s Gravenhage", "s-Gravenhage", "Den Haag", "GM0518", "518"])
def test_the_hague_spellings_resolve_to_gm0518(text):
    assert resolve_municipality(text).code == "GM0518"


def test_bergen_needs_its_qualifier():
    assert resolve_municipality("Bergen (NH.)").code == "GM0373"
    assert resolve_municipality("Bergen (NH)").code == "GM0373"
    assert resolve_municipality("Bergen (L.)").code == "GM0893"
    assert resolve_municipality("Bergen") is None
    assert resolve_municipality("Bergen op Zoom").code == "GM0748"


def test_historical_names_resolve_on_the_date():
    assert resolve_municipality("Ten Boer").code == "GM0009"
    assert resolve_municipality("Ten Boer", on_date="2015-06-01").code == "GM0009"
    assert resolve_municipality("Ten Boer", on_date="2020-05-01").code == "GM0014"
    assert resolve_municipality("Graafstroom", on_date="2016").code == "GM1927"  # Molenwaard
    assert resolve_municipality("Graafstroom", on_date="2020").code == "GM1978"  # Molenlanden
    assert resolve_municipality("De Friese Meren", on_date="2014-05-01").code == "GM1921"
    assert resolve_municipality("De Friese Meren", on_date="2016").code == "GM1940"


def test_variants_mojibake_and_frisian_names():
    assert resolve_municipality("Nuenen c.a.").code == "GM0820"
    assert resolve_municipality("Mill & Sint Hubert").code == "GM0815"
    assert resolve_municipality("SÃºdwest-FryslÃ¢n").code == "GM1900"
    assert resolve_municipality("Tietjerksteradeel").code == "GM0737"
    assert resolve_municipality("Utrecht").code == "GM0344"
    assert reference.municipality_name("GM0014") == "Groningen"


def test_organisations_resolve_by_key_name_and_acronym():
    assert resolve_organisation("bar").key == "bar"
    assert resolve_organisation("BUCH").members == ("GM0373", "GM0450", "GM0383", "GM0399")
    assert resolve_organisation("Werkorganisatie Duivenvoorde").key == "wodv"
    assert resolve_organisation("nonsense") is None
    assert reference.organisation_name("noaberkracht") == "Noaberkracht Dinkelland Tubbergen"
