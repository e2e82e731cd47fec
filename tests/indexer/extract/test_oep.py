"""Officiële bekendmakingen XML (Gemeenteblad, Blad gemeenschappelijke regeling, Staatsblad, ...)."""
from __future__ import annotations


from extract_helpers import extract_bytes, failure_of
from make_format_samples import entity_bomb, gemeenschappelijke_regeling, gemeenteblad, staatsblad

from indexer.extract import ExtractionError, sniff_format


def extract(tmp_path, data: bytes):
    return extract_bytes(tmp_path, data, "publicatie.xml")


def failure(tmp_path, data: bytes) -> ExtractionError:
    return failure_of(tmp_path, data, "publicatie.xml")


def test_gemeenteblad_text_and_metadata(tmp_path):
    result = extract(tmp_path, gemeenteblad())
    assert result["format"] == "oep"
    lines = result["text"].split("\n")
    assert lines[:2] == ["GEMEENTEBLAD", "Officiële uitgave van de gemeente Dinkelland"]
    assert lines[lines.index("Verleende omgevingsvergunning Hoofdstraat 1 Denekamp") - 1] == ""
    assert "Meer informatie: www.dinkelland.nl." in lines
    assert lines[lines.index("Bezwaar") - 1] == ""
    assert "OVERHEIDop" not in result["text"]
    assert result["native"] == {
        "identifier": "gmb-2019-54321",
        "publication": "Gemeenteblad",
        "creator": "gemeente Dinkelland",
        "title": "Verleende omgevingsvergunning Hoofdstraat 1 Denekamp",
        "regulation_type": "zakelijke mededeling",
    }


def test_without_xml_declaration_it_is_still_recognised(tmp_path):
    path = tmp_path / "blad.txt"
    path.write_bytes(gemeenschappelijke_regeling())
    assert sniff_format(path) == "oep"


def test_meta_creator_wins_over_the_masthead_and_a_table_in_a_note_keeps_its_rows(tmp_path):
    result = extract(tmp_path, gemeenschappelijke_regeling())
    native = result["native"]
    assert native["creator"] == "Noaberkracht Dinkelland Tubbergen"
    assert native["publication"] == "Blad gemeenschappelijke regeling"
    assert native["identifier"] == "bgr-2022-99" and native["regulation_type"] == "regeling"
    lines = result["text"].split("\n")
    assert "Bevoegdheid\tGemandateerde" in lines and "Inkoop\tDirecteur" in lines


def test_staatsblad_dates_of_signing_and_issue(tmp_path):
    result = extract(tmp_path, staatsblad())  # with a UTF-8 BOM and pretty-printed
    native = result["native"]
    assert native["adopted"] == "2012-03-02" and native["issued"] == "2012-03-15"
    assert native["regulation_type"] == "besluit" and native["publication"] == "Staatsblad"
    assert native["title"].startswith("Besluit van 2 maart 2012")
    assert "creator" not in native  # "van het Koninkrijk der Nederlanden" names no creator
    lines = result["text"].split("\n")
    # pieces of one line in the source stay one line; indentation is not a line break
    assert "'s-Gravenhage, 2 maart 2012" in lines and "J. Pietersen" in lines
    assert "1. De gemeenten Noord en Zuid worden samengevoegd." in lines


def test_staatscourant_masthead_is_not_a_creator(tmp_path):
    data = (
        "<officiele-publicatie><kop><titel>STAATSCOURANT</titel><subtitel>Officiële uitgave van het Koninkrijk "
        "der Nederlanden sinds 1814.</subtitel></kop><staatscourant><kop><titel>Kennisgeving</titel></kop>"
        "<zakelijke-mededeling><al>Burgemeester en wethouders van Laren maken bekend.</al></zakelijke-mededeling>"
        "</staatscourant></officiele-publicatie>"
    )
    native = extract(tmp_path, data.encode())["native"]
    assert native["publication"] == "Staatscourant" and "creator" not in native


def test_owms_meta_pairs_are_read(tmp_path):
    data = (
        '<officiele-publicatie><metadata><meta name="DC.identifier" content="wsb-2020-7"/>'
        '<meta name="OVERHEID.authority" content="Waterschap Vechtstromen"/>'
        '<meta name="DCTERMS.issued" content="2020-02-03"/><meta name="DC.type" content="verordening"/>'
        "</metadata><waterschapsblad><al>Tekst van de verordening.</al></waterschapsblad></officiele-publicatie>"
    )
    native = extract(tmp_path, data.encode())["native"]
    assert native == {
        "identifier": "wsb-2020-7",
        "authority": "Waterschap Vechtstromen",
        "issued": "2020-02-03",
        "regulation_type": "verordening",
        "publication": "Waterschapsblad",
    }


def test_truncated_is_corrupt_and_metadata_only_is_empty(tmp_path):
    data = gemeenteblad()
    assert failure(tmp_path, data[:300]).code == "corrupt"
    only_meta = b"<officiele-publicatie><metadata><meta name='DC.title' content='x'/></metadata></officiele-publicatie>"
    assert failure(tmp_path, only_meta).code == "empty_text"
    assert failure(tmp_path, entity_bomb("officiele-publicatie")).code == "corrupt"


def test_cp1252_under_utf8_declaration_and_a_huge_notice(tmp_path):
    wrong = gemeenteblad().decode("utf-8").encode("cp1252")
    assert extract(tmp_path, wrong)["native"]["creator"] == "gemeente Dinkelland"  # "Officiële" decoded
    paragraph = b"<al>Burgemeester en wethouders van Dinkelland verlenen een vergunning voor Hoofdstraat 1.</al>"
    huge = gemeenteblad().replace(b"<al/>", paragraph * 20_000, 1)
    assert len(huge) > 1_500_000
    assert extract(tmp_path, huge)["text"].count("Hoofdstraat 1.") == 20_000
