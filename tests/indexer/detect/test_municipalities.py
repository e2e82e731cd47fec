"""Municipality detection: word boundaries, ordinary words, homonyms, historical names, roles."""
from __future__ import annotations

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
