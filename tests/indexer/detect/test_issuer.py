"""The issuer from the structure of a document: each kind of evidence on its own small example, and
the names that are no municipality at all. Texts are short synthetic sentences in the forms real
municipal, national and Belgian documents use."""
from __future__ import annotations

import pytest

from indexer.detect import detect
from indexer.detect.municipalities import detect_municipalities, mentions

FILLER = "Dit plan beschrijft de ruimtelijke en functionele aspecten van het plangebied.\n" * 3


def issuer(text: str, filename: str = "x.pdf", native: dict | None = None, on_date: str | None = "2021-06-01",
           doc_type: str = "overig") -> str | None:
    return detect_municipalities(text, filename, native or {}, on_date, doc_type)[1]


def codes(text: str, on_date: str | None = None) -> set[str]:
    return {item["code"] for item in mentions(text, on_date)}


# Identifiers

def test_an_imro_plan_id_names_the_plan_municipality_in_text_or_file_name():
    assert issuer(FILLER + "Identificatie: NL.IMRO.0017.BPzuid-VG01\n", on_date="2017-05-29") == "GM0017"  # Haren
    assert issuer(FILLER, filename="plan_NL.IMRO.0553.3ePoellaan89-vax1.md") == "GM0553"  # Lisse


def test_a_cited_older_plan_id_does_not_outweigh_the_plans_own():
    text = FILLER + "NL.IMRO.0553.nieuw-VG01\nNL.IMRO.0553.nieuw-VG01\nzie ook NL.IMRO.0534.oud-VA01\n"
    assert issuer(text) == "GM0553"


def test_a_literal_cbs_code_or_tooi_uri_names_the_issuer_when_it_is_the_only_one():
    assert issuer(FILLER + "Bevoegd gezag: gm0518\n") == "GM0518"
    assert issuer(FILLER + "https://identifier.overheid.nl/tooi/id/gemeente/gm0344\n") == "GM0344"
    # A table of several municipalities' codes says nothing about who issued the document.
    assert issuer(FILLER + "GM0344 Utrecht\nGM0518 Den Haag\n") is None


# Native metadata

@pytest.mark.parametrize("native,code", [
    ({"creator": "Rheden"}, "GM0275"),                                          # OVERHEID.Gemeente scheme
    ({"authority": "https://identifier.overheid.nl/tooi/id/gemeente/gm0344"}, "GM0344"),
    ({"creator": "Kampen; Kampen"}, "GM0166"),                                  # "; "-joined
    ({"author": "Gemeente Den Haag"}, "GM0518"),                                # a PDF's Author field
    ({"author": "Griffie Blaricum"}, "GM0376"),
])
def test_native_metadata_names_the_issuer(native, code):
    assert issuer(FILLER, native=native) == code


def test_a_persons_name_as_author_is_no_municipality():
    assert issuer(FILLER, native={"author": "Putten"}) is None
    assert issuer(FILLER, native={"author": "Miranda Mol"}) is None


# Headers, letterheads, formulas

@pytest.mark.parametrize("line", [
    "Gemeente 's Gravenhage", "Gemeente ’s-Gravenhage", "GEMEENTE DEN HAAG", "Gemeente  Den  Haag",
])
def test_a_letterhead_line_names_the_issuer(line):
    assert issuer(f"{line}\nRaadhuisplein 1\n\nOnderwerp: toezeggingen\n\nGeachte commissieleden,\n") == "GM0518"


def test_a_municipality_in_the_addressee_block_is_not_the_sender():
    text = "Aan:\nGemeente Utrecht\nt.a.v. het college\n\nGeachte college,\n"
    assert issuer(text) is None


def test_official_publication_header_names_the_issuer():
    assert issuer("GEMEENTEBLAD\nOfficiële uitgave van de gemeente Oldambt\n\nAanvraag omgevingsvergunning\n") == "GM1895"
    assert issuer("Gemeenteblad van Utrecht, nr. 12;\nVerordening\n") == "GM0344"


def test_a_council_meeting_title_block_and_opening_name_the_issuer():
    assert issuer("Vergadering\ngemeenteraad Den Haag\ngehouden op\nvrijdag 29 november 2024\n") == "GM0518"
    text = "# Motie\n\nDe gemeenteraad van Rotterdam bijeen op 29 januari 2026 ter bespreking van de visie,\n"
    assert issuer(text) == "GM0599"


def test_an_adoption_sentence_deep_in_the_body_names_the_issuer():
    text = FILLER * 20 + "Het bestemmingsplan is op 29 mei 2017 door de raad van de gemeente Haren vastgesteld.\n"
    assert issuer(text, on_date="2017-05-29") == "GM0017"


def test_a_council_information_system_address_names_its_council():
    text = ("Besluitenlijst\n\nRaad\n\nVergadering terugkijken\n"
            "https://gemeentedenhaag.connectedviews.nl/HomeCityCouncil/Den_Haag?lang=nl\n")
    assert issuer(text) == "GM0518"
    assert issuer("Agenda\nhttps://gemeenteraad.rotterdam.nl/Reports/Item/359c49dc\n") == "GM0599"


def test_weak_evidence_does_not_count_under_another_authoritys_heading():
    text = ("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties\n\nGeachte voorzitter,\n"
            "Zie https://gemeenteraad.rotterdam.nl/Reports/Item/1 en het plan dat door de gemeenteraad van "
            "Rotterdam is vastgesteld.\n")
    assert issuer(text) is None


def test_equal_evidence_for_two_municipalities_gives_no_issuer():
    assert issuer(FILLER, native={"creator": "Kampen", "authority": "Zwolle"}) is None


# Foreign and fictional bodies

def test_a_belgian_council_document_yields_no_dutch_municipality():
    text = ("Notulen gemeenteraad Zottegem\n\nDe gemeenteraad van Zottegem;\n"
            "Gelet op het voorstel van het college van burgemeester en schepenen;\n"
            "Schepen Janssens licht toe. Het OCMW werkt samen met de stad Hulst en met Bergen.\n")
    found, code = detect_municipalities(text, "notulen.html", {}, "2024-04-15", "vergaderstuk")
    assert (found, code) == ([], None)


def test_an_enacting_body_the_register_does_not_know_outweighs_metadata():
    text = ("Officiële uitgave van de gemeente Zaltbommel\n\nGEMEENTEBLAD\n\n"
            "De raad van de gemeente Gemeentestad;\n\ngelezen het voorstel van burgemeester en wethouders;\n")
    found, code = detect_municipalities(text, "gmb.pdf", {"author": "/tooi/id/gemeente/gm0297"}, None, "raadsbesluit")
    assert (found, code) == ([], None)
    # A slip in a known name (OCR) is not an unknown body.
    assert issuer("De raad van de gemeente Zaltbomrnel;\n\nbesluit:\n", native={"creator": "Zaltbommel"}) == "GM0297"


# Names that are no municipality

def test_a_place_in_a_postal_address_is_no_municipality():
    assert codes("Retouradres: Postbus 20301 2500 EH Den Haag\nBezoekadres Turfmarkt 147, 1006 GC Amsterdam") == set()
    assert codes("Postbus 20301, Den Haag") == set()


def test_a_publication_place_on_a_title_page_is_no_municipality():
    assert codes("Tweede Kamer der Staten-Generaal\n’s-Gravenhage 2021\n") == set()
    assert codes("De vergadering vond plaats in ’s-Gravenhage op 3 mei.") == {"GM0518"}


@pytest.mark.parametrize("text", [
    "De heer Van Dongen stelt een vraag.", "Mevrouw J. Leiden antwoordt.", "Dhr. P. van Dongen is aanwezig.",
    "Namens de fractie Hart voor Den Haag spreekt de voorzitter.",
])
def test_a_surname_or_party_name_is_no_municipality(text):
    assert codes(text) == set()


@pytest.mark.parametrize("text", [
    "Onderzoek van het Utrecht Centre for European Research.", "Een studie van de Universiteit Leiden.",
])
def test_part_of_an_institutions_name_is_no_municipality(text):
    assert codes(text) == set()


# Participants

def test_a_herindeling_list_stops_where_the_list_ends():
    text = ("Wet van 4 juni 2015 tot samenvoeging van de gemeenten Bussum, Muiden en Naarden en wijziging van "
            "de grens met de gemeente Weesp\n")
    found, _ = detect_municipalities(text, "wet.md", {}, "2015-06-04", "herindeling")
    assert {m["code"] for m in found if m["role"] == "participant"} == {"GM0381", "GM0424", "GM0425"}


def test_a_herindeling_named_deep_in_the_body_is_history_not_participation():
    text = ("Gemeente Appingedam\n\nBestemmingsplan Stad\n" + FILLER * 60
            + "Na de herindeling van de gemeenten Appingedam, Delfzijl en Loppersum zullen de regels gelden.\n")
    found, code = detect_municipalities(text, "plan.md", {}, "2019-03-01", "overig")
    assert code == "GM0003"
    assert {m["code"] for m in found if m["role"] == "participant"} == set()


def test_a_name_broken_over_two_lines_with_a_hyphen_is_one_name():
    text = "Voorstel van het college inzake Grenscorrectie gemeenten Den Haag en Leidschendam-\nVoorburg\n"
    found, _ = detect_municipalities(text, "x.pdf", {"author": "Gemeente Den Haag"}, "2025-03-13", "raadsvoorstel")
    assert {m["code"]: m["role"] for m in found} == {"GM0518": "issuer", "GM1916": "participant"}


def test_historical_municipalities_of_a_2005_herindeling_resolve():
    text = "Wet van 15 september 2005 tot samenvoeging van de gemeenten Sassenheim, Voorhout en Warmond\n"
    found, _ = detect_municipalities(text, "wet.md", {}, "2005-09-15", "herindeling")
    assert {m["code"] for m in found if m["role"] == "participant"} == {"GM0604", "GM0625", "GM0628"}


# Through detect(): roles and organisations together

def test_an_organisation_named_in_passing_adds_no_participants():
    text = ("Gemeente Eemnes\n\nBestemmingsplan Laarderweg\n" + FILLER * 60
            + "Het verkeersplan is in BEL Combinatie-verband opgesteld met de gemeenten Blaricum en Laren.\n")
    result = detect(text, "toelichting.md", {})
    assert result["issuer"] == "GM0317"
    assert [o["key"] for o in result["organisations"]] == ["bel"]
    assert {m["code"] for m in result["municipalities"] if m["role"] != "mentioned"} == {"GM0317"}


def test_an_organisation_is_found_beyond_the_sample_and_by_its_members():
    far = ("Gemeente Lisse\n\n" + FILLER * 900 + "HLTsamen maakt gebruik van de methode DGO.\n")
    assert len(far) > 70_000
    assert [o["key"] for o in detect(far, "plan.md", {})["organisations"]] == ["hltsamen"]
    members = ("Gemeente Noardeast-Fryslân\n\nDe ambtelijke fusie van de gemeenten Dantumadiel, Dongeradeel, "
               "Ferwerderadiel en Kollumerland c.a. heeft geleid tot gezamenlijk beleid.\n")
    assert [o["key"] for o in detect(members, "plan.md", {})["organisations"]] == ["ddfk"]
    # A later document (after the members merged) still names that fusion by its members.
    dated = members + "Vastgesteld door de raad van de gemeente Noardeast-Fryslân op 16 juni 2020.\n"
    assert [o["key"] for o in detect(dated, "plan.md", {})["organisations"]] == ["ddfk"]


def test_latin1_mojibake_is_repaired_before_names_are_read():
    text = "Gemeente Tubbergen\n\nDe ambtelijke organisatie heet \u00e2\u0080\u0098Noaberkracht\u00e2\u0080\u0099.\n"
    assert [o["key"] for o in detect(text, "plan.md", {})["organisations"]] == ["noaberkracht"]


def test_a_bare_creator_in_another_bodys_gazette_is_not_the_municipality():
    assert issuer(FILLER, native={"creator": "Utrecht", "publication": "Provinciaal blad"}) is None
    assert issuer(FILLER, native={"creator": "Utrecht", "publication": "Gemeenteblad"}) == "GM0344"


def test_a_list_of_municipalities_on_their_own_lines_is_no_letterhead():
    assert issuer("Verzendlijst\nGemeente Utrecht\nGemeente Zwolle\nGemeente Assen\n\nGeachte colleges,\n") is None


def test_a_ministrys_letter_to_a_municipality_is_not_issued_by_it():
    text = ("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties\n\n"
            "Het college van burgemeester en wethouders van de gemeente Utrecht\nPostbus 16200\n3500 CE Utrecht\n\n"
            "Gemeente Utrecht\nStadsplateau 1\n\nGeachte college,\n")
    assert issuer(text) is None


def test_a_closing_formula_under_a_long_text_names_the_issuer():
    text = "Ter inzage: omgevingsvergunning\n" + FILLER * 40 + "Bergen, 23 december 2015\n\nBurgemeester en wethouders van Bergen (NH)\n"
    assert len(text) > 8000
    assert issuer(text, on_date="2015-12-23") == "GM0373"


def test_a_company_field_counts_only_as_a_municipality_name():
    assert issuer(FILLER, native={"company": "Gemeente Zwolle"}) == "GM0193"
    assert issuer(FILLER, native={"company": "Zwolle Advies BV"}) is None


def test_a_letter_to_the_own_council_is_from_the_municipality_of_its_mail_address():
    text = "Contactpersoon\nA. Brak\nE-mailadres\na.brak@denhaag.nl\n\nAan de gemeenteraad\n\nDatum\n11 juli 2025\n"
    assert issuer(text) == "GM0518"
    assert issuer(text.replace("Aan de gemeenteraad", "Aan de Tweede Kamer")) is None


@pytest.mark.parametrize("heading", [
    "RECHTBANK GELDERLAND\nZittingsplaats Arnhem\n", "Tweede Kamer der Staten-Generaal\nVergaderjaar 2020–2021\n",
    "PROVINCIAAL BLAD\nOfficiële uitgave van provincie Utrecht\n",
])
def test_under_a_court_parliament_or_province_heading_a_municipality_is_a_party_not_the_author(heading):
    text = heading + "\nin de zaak tussen\n\nhet college van burgemeester en wethouders van de gemeente Utrecht,\nverweerder.\n"
    assert issuer(text) is None
    # What the publisher wrote still counts.
    assert issuer(text, native={"creator": "Utrecht", "publication": "Gemeenteblad"}) == "GM0344"


def test_under_a_court_heading_councils_are_litigants_but_a_herindeling_law_joins_its_municipalities():
    ruling = ("RECHTBANK NOORD-HOLLAND\n\nuitspraak in de zaak tussen de colleges van burgemeester en wethouders "
              "van de gemeenten Alkmaar en Heiloo;\nen de Staat.\n")
    found, _ = detect_municipalities(ruling, "uitspraak.xml", {}, "2020-01-01", "overig")
    assert [m for m in found if m["role"] != "mentioned"] == []
    law = ("Wet van 29 oktober 2009 tot herindeling van de gemeenten Rotterdam en Rozenburg\n\n"
           "Wij Beatrix, bij de gratie Gods, Koningin der Nederlanden,\n")
    found, _ = detect_municipalities(law, "wet.md", {}, "2009-10-29", "herindeling")
    assert {m["code"] for m in found if m["role"] == "participant"} == {"GM0599", "GM0600"}


def test_a_dutch_border_municipality_speaking_of_its_belgian_neighbour_stays_dutch():
    text = ("De raad van de gemeente Baarle-Nassau;\n\ngelezen het voorstel van burgemeester en wethouders;\n"
            "overwegende dat het college van burgemeester en schepenen van Baarle-Hertog (www.baarle-hertog.be) "
            "instemt;\nde wethouder en de griffier zijn gehoord;\n")
    assert issuer(text) == "GM0744"


def test_a_ministerial_regulation_listing_municipalities_has_no_municipal_parties():
    text = ("STAATSCOURANT\nOfficiële uitgave van het Koninkrijk der Nederlanden sinds 1814.\n\n"
            "Regeling van de Minister van Binnenlandse Zaken van 3 mei 2021, houdende een uitkering\n\n"
            "De colleges van burgemeester en wethouders van de gemeenten Groningen, Assen en Emmen;\n"
            "gemeenten Groningen, Assen en Emmen\n")
    found, code = detect_municipalities(text, "stcrt.xml", {}, "2021-05-03", "overig")
    assert code is None and [m for m in found if m["role"] != "mentioned"] == []


@pytest.mark.parametrize("text,code", [
    ("Burgemeester en wethouders van Zwolle maken bekend dat zij een omgevingsvergunning hebben verleend "
     "voor het bouwen van een woning aan de Dorpsstraat.\n", "GM0193"),
    ("Besluitenlijst van de vergadering van het college van B&W van Leiden\n\nDatum: 3 mei 2022\n", "GM0546"),
    (FILLER * 100 + "Namens het college van burgemeester en wethouders van Zwolle,\nde secretaris,\n", "GM0193"),
])
def test_notices_b_and_w_headings_and_on_behalf_closings_name_the_issuer(text, code):
    assert issuer(text) == code
