"""CVDR XML: regulation text with its structure, OWMS metadata, and the nasty cases."""
from __future__ import annotations

import time


from extract_helpers import extract_bytes, failure_of
from make_format_samples import CVDR_NS, cvdr, deeply_nested, entity_bomb

from indexer.extract import ExtractionError, sniff_format


def extract(tmp_path, data: bytes, name: str = "regeling.xml"):
    return extract_bytes(tmp_path, data, name)


def failure(tmp_path, data: bytes) -> ExtractionError:
    return failure_of(tmp_path, data, "regeling.xml")


def test_text_keeps_headings_articles_lists_and_tables(tmp_path):
    result = extract(tmp_path, cvdr())
    assert result["format"] == "cvdr" and result["mime"] == "application/xml"
    lines = result["text"].split("\n")
    assert lines[0] == "Beleidsregel kwijtschelding Noaberkracht 2015"
    # headings on a line of their own after a blank line, numbers before their text
    for heading in ("Hoofdstuk 1 Algemeen", "Artikel 1 Onderwerp 1", "Artikel 2 Onderwerp 2"):
        assert lines[lines.index(heading) - 1] == ""
    assert "1. Het college van Tubbergen regelt onderwerp 2 in overleg met Dinkelland." in lines
    assert "a. inkomen: het netto inkomen;" in lines
    assert "Gemeente\tCode" in lines and "Tubbergen\tGM0183" in lines
    assert lines[-3:] == ["Tubbergen, 12 mei 2015", "de burgemeester,", "J. Jansen"]
    # metadata is metadata, not text
    assert "beleidsregel" not in result["text"] and "2015-05-12" not in result["text"]


def test_native_metadata(tmp_path):
    native = extract(tmp_path, cvdr())["native"]
    assert native["title"] == "Beleidsregel kwijtschelding Noaberkracht 2015"
    assert native["creator"] == "Tubbergen"
    assert native["identifier"] == "CVDR123456_2"
    assert native["publication"] == "CVDR"
    assert native["regulation_type"] == "beleidsregel"
    # CVDR's dcterms:issued is the date of the decision; the publication date is in isFormatOf
    assert native["adopted"] == "2015-05-12"
    assert native["issued"] == "2015-05-20"
    assert native["in_force"] == "2015-05-21"
    assert native["adopted_by"] == "college van burgemeester en wethouders"
    assert "authority" not in native


def test_creator_as_tooi_uri_and_several_creators(tmp_path):
    creators = (
        '<dcterms:creator scheme="overheid:Gemeente" resourceIdentifier='
        '"https://identifier.overheid.nl/tooi/id/gemeente/gm0183"></dcterms:creator>'
        '<dcterms:creator scheme="overheid:Gemeente">Dinkelland</dcterms:creator>'
    )
    native = extract(tmp_path, cvdr(creator=creators))["native"]
    assert native["creator"] == "https://identifier.overheid.nl/tooi/id/gemeente/gm0183; Dinkelland"


def test_sniffed_by_root_not_by_name(tmp_path):
    path = tmp_path / "regeling.txt"
    path.write_bytes(cvdr())
    assert sniff_format(path) == "cvdr"


def test_cp1252_bytes_under_a_utf8_declaration_are_read(tmp_path):
    wrong = cvdr().decode("utf-8").encode("cp1252")  # still declares utf-8
    assert "financiële verordening" in extract(tmp_path, wrong)["text"]


def test_declared_latin1_is_honoured(tmp_path):
    assert "financiële verordening" in extract(tmp_path, cvdr(encoding="iso-8859-1"))["text"]


def test_truncated_file_is_corrupt(tmp_path):
    data = cvdr()
    error = failure(tmp_path, data[: len(data) // 2])
    assert error.code == "corrupt" and "CVDR" in error.message


def test_metadata_without_text_is_empty(tmp_path):
    data = f'<?xml version="1.0"?><cvdr {CVDR_NS}><meta><owmskern><dcterms:title>Leeg</dcterms:title>' \
           "</owmskern></meta><body><regeling><regeling-tekst/></regeling></body></cvdr>"
    error = failure(tmp_path, data.encode())
    assert error.code == "empty_text" and "CVDR" in error.message


def test_entity_expansion_is_refused(tmp_path):
    error = failure(tmp_path, entity_bomb())
    assert error.code == "corrupt" and "forbidden construct" in error.message


def test_absurd_nesting_still_gives_the_text(tmp_path):
    assert extract(tmp_path, deeply_nested())["text"] == "diep"


def test_huge_regulation_in_reasonable_time(tmp_path):
    data = cvdr(articles=6_000)
    assert len(data) > 1_200_000
    started = time.monotonic()
    result = extract(tmp_path, data)
    assert time.monotonic() - started < 20
    assert "Artikel 6000 Onderwerp 6000" in result["text"].split("\n")
