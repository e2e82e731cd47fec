"""Municipality detection: word boundaries, ordinary words, homonyms, historical names, roles."""
from __future__ import annotations

import pytest

from indexer.detect import detect
from indexer.detect.municipalities import detect_municipalities, mentions


def codes(text: str, on_date: str | None = None) -> set[str]:
    return {item["code"] for item in mentions(text, on_date)}


def test_ede_is_not_found_inside_mede_or_medewerker():
    assert "GM0228" not in codes("Dit besluit is mede ondertekend door de medewerkers en Mede-eigenaren.")
    assert "GM0228" in codes("De gemeente Ede besluit.")


def test_best_only_with_municipal_context():
    assert "GM0753" not in codes("Het is het Best om dit te doen. Best is dat de raad besluit.")
    assert "GM0753" in codes("De raad van de gemeente Best besluit.")
    assert "GM0753" in codes("De gemeenten Oirschot, Best en Eindhoven werken samen.")


def test_ordinary_words_need_context():
    text = "Duiven vliegen over de Buren. Goes het goed? Wij Bergen de stukken op."
    assert codes(text) == set()
    assert {"GM0226", "GM0214", "GM0664"} <= codes("de gemeenten Duiven, Buren en Goes")


def test_the_hague_spellings_with_curly_apostrophe():
    assert "GM0518" in codes("Burgemeester en wethouders van ’s-Gravenhage besluiten")
    assert "GM0518" in codes("De gemeente Den Haag")


def test_bergen_homonyms_resolve_by_qualifier_or_partners():
    assert "GM0373" in codes("De gemeente Bergen (NH.) neemt deel.")
    assert "GM0893" in codes("De gemeente Bergen (L.) neemt deel.")
    assert "GM0373" in codes("De gemeenten Bergen, Uitgeest, Castricum en Heiloo.")
    assert "GM0893" in codes("De gemeente Bergen in de provincie Limburg.")
    assert "GM0748" in codes("De gemeente Bergen op Zoom.")


def test_ten_boer_resolves_on_the_document_date():
    text = "De raad van de gemeente Ten Boer;\n\nbesluit:"
    assert codes(text, "2015-05-01") == {"GM0009"}
    assert codes(text, "2020-05-01") == {"GM0014"}


def test_province_names_are_not_municipalities():
    assert "GM0014" not in codes("Gedeputeerde Staten van de provincie Groningen")
    assert "GM0014" in codes("De gemeente Groningen")


def test_issuer_from_opening_formula_and_partner_from_conditional_phrase():
    text = (
        "De raad van de gemeente Groningen;\n\ngelezen het voorstel van burgemeester en wethouders;\n\n"
        "b e s l u i t :\n\nin te stemmen, onder de voorwaarde dat de raad van Ten Boer eveneens besluit.\n"
    )
    found, issuer = detect_municipalities(text, "", {}, "2015-03-01", "raadsbesluit")
    roles = {item["code"]: item["role"] for item in found}
    assert issuer == "GM0014"
    assert roles == {"GM0014": "issuer", "GM0009": "participant"}


def test_several_colleges_are_participants_not_an_issuer():
    text = ("De colleges van burgemeester en wethouders van de gemeenten Barendrecht, Albrandswaard en "
            "Ridderkerk, ieder voor zover het hun bevoegdheden betreft;\n")
    found, issuer = detect_municipalities(text, "", {}, None, "collegebesluit")
    assert issuer is None
    assert {item["code"] for item in found if item["role"] == "participant"} == {"GM0489", "GM0613", "GM0597"}


def test_college_formula_gives_issuer_and_mojibake_is_repaired():
    result = detect("Burgemeester en wethouders van SÃºdwest-FryslÃ¢n;\nbesluiten:\n", "", {})
    assert result["issuer"] == "GM1900"


def _roles(text: str, on_date: str, doc_type: str) -> dict[str, str]:
    from indexer.detect.municipalities import detect_municipalities

    found, _ = detect_municipalities(text, "x.pdf", {}, on_date, doc_type)
    return {m["code"]: m["role"] for m in found}


def test_numbered_parties_of_an_agreement_take_part():
    text = ("Dienstverleningsovereenkomst\n\nPartijen:\n\n1. de gemeente Zwolle, hierna: opdrachtnemer;\n\n"
            "2. de gemeente Hattem, hierna: opdrachtgever;\n\noverwegende dat Zwolle taken uitvoert;\n")
    roles = _roles(text, "2016-03-01", "dienstverleningsovereenkomst")
    assert roles == {"GM0193": "participant", "GM0244": "participant"}


def test_the_municipalities_a_herindeling_joins_take_part_but_not_its_outcome():
    text = ("Raadsbesluit\nDe raad van de gemeente Leerdam;\nbesluit:\n1. het herindelingsadvies Leerdam, "
            "Zederik en Vianen vast te stellen, waarmee de nieuwe gemeente Vijfheerenlanden ontstaat.\n")
    roles = _roles(text, "2017-06-20", "raadsbesluit")
    assert roles["GM0545"] == "issuer"
    assert roles["GM0707"] == roles["GM0620"] == "participant"  # Zederik, Vianen
    assert roles.get("GM1961") != "participant"  # Vijfheerenlanden only exists from 2019
    samenvoeging = "het herindelingsontwerp voor de samenvoeging van Huizen, Blaricum en Laren vastgesteld."
    assert _roles(samenvoeging, "2018-01-10", "herindeling")["GM0406"] == "participant"  # Huizen, a word too


def test_partner_councils_in_a_joint_opening_with_each_for_its_own_powers():
    text = ("Centrumregeling\nDe colleges van burgemeester en wethouders en de burgemeesters van de gemeenten\n"
            "Dantumadiel en Noardeast-Fryslân, ieder voor zover het hun bevoegdheden betreft;\n"
            "overwegende dat de gemeenten Dongeradeel en Ferwerderadiel zijn opgegaan in Noardeast-Fryslân;\n")
    roles = _roles(text, "2019-01-22", "gemeenschappelijke_regeling")
    assert roles["GM1891"] == roles["GM1970"] == "participant"
    assert "participant" not in {roles.get("GM0058"), roles.get("GM1722")}


def test_members_of_an_organisation_that_no_longer_existed_are_left_out():
    from indexer.detect import detect

    text = ("Centrumregeling DDFK\nDe colleges van burgemeester en wethouders van Dantumadiel en "
            "Noardeast-Fryslân;\nbesluiten vast te stellen.\nAldus vastgesteld op 22 januari 2019.\n")
    codes = {m["code"] for m in detect(text, "x.pdf", {})["municipalities"] if m["role"] != "mentioned"}
    assert codes == {"GM1891", "GM1970"}


@pytest.mark.parametrize("heading,code", [
    ("Openbare besluitenlijst college van burgemeester en wethouders van Beemster\nVergadering van 19 april 2016\n", "GM0370"),
    ("BESLUITENLIJST VAN DE OPENBARE RAADSVERGADERING VAN OOSTZAAN\n\nDatum: 24 mei 2012\n", "GM0431"),
])
def test_the_heading_of_a_meeting_record_names_its_issuer(heading, code):
    from indexer.detect.municipalities import detect_municipalities

    text = heading + "Het college neemt kennis van het overleg met Purmerend en Wormerland.\n"
    assert detect_municipalities(text, "x.txt", {}, "2014-01-01", "vergaderstuk")[1] == code


def test_a_council_named_in_running_text_is_no_issuer():
    from indexer.detect.municipalities import detect_municipalities

    text = "Verslag van het overleg met het college van burgemeester en wethouders van Purmerend over de zorg\n"
    assert detect_municipalities(text, "x.txt", {}, "2016-01-01", "vergaderstuk")[1] is None
