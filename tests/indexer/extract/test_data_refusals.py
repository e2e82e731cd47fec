"""Data files (JSON, CSV/TSV, feeds, SVG, data XML) are refused with a clear message; text that
merely resembles them is not."""
from __future__ import annotations

import json

import pytest

from make_format_samples import csv_data, data_xml, json_data, json_lines, rss_feed, svg_image, tsv_data

from indexer.extract import ExtractionError, extract_file, sniff_format


def write(tmp_path, data: bytes):
    path = tmp_path / "bestand.txt"  # the extension must not matter
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "make, words",
    [
        (json_data, "JSON"),
        (json_lines, "JSON"),
        (csv_data, "CSV"),
        (tsv_data, "TSV"),
        (lambda: "".join(f"GM{n:04d},Gemeente {n}\n" for n in range(12)).encode(), "CSV"),
        (lambda: b"naam;code;provincie\nLaren;GM0417;NH\nEemnes;GM0317;UT\nBaarn;GM0308;UT\n", "CSV"),
        (rss_feed, "RSS"),
        (svg_image, "SVG"),
        (data_xml, "XML data"),
        (lambda: b'<?xml version="1.0"?><besluit>Eemnes</besluit>', "XML data"),
        (lambda: b'\xef\xbb\xbf<feed xmlns="http://www.w3.org/2005/Atom"><title>Nieuws</title></feed>', "Atom"),
    ],
)
def test_refused_with_a_message_naming_the_kind(tmp_path, make, words):
    path = write(tmp_path, make())
    assert sniff_format(path) is None
    with pytest.raises(ExtractionError) as caught:
        extract_file(path)
    assert caught.value.code == "unsupported_format" and words in caught.value.message


def test_large_json_is_judged_by_its_start(tmp_path):
    rows = [{"naam": f"Gemeente {n}", "omschrijving": "x" * 200} for n in range(25_000)]
    data = json.dumps(rows).encode()
    assert len(data) > 4 * 1024 * 1024
    assert sniff_format(write(tmp_path, data)) is None


def test_truncated_json_is_still_refused_as_json(tmp_path):
    with pytest.raises(ExtractionError) as caught:
        extract_file(write(tmp_path, json_lines()[:50]))
    assert "JSON" in caught.value.message


@pytest.mark.parametrize(
    "text",
    [
        # prose with commas: the number of commas differs from line to line
        "Beste raadsleden,\n\nHierbij, zoals toegezegd, de stukken.\nMet vriendelijke groet,\nDe griffie\n",
        # short lines with one comma each: two columns are too few to call it a table of data
        "Laren, Eemnes\nBlaricum, Huizen\nHilversum, Baarn\nSoest, Bunschoten\n",
        "Aanwezig: Jansen; Pietersen\nAfwezig: De Vries; Bakker\nNotulen: Smit; Visser\n",
        "[1] Zie artikel 3.\n[2] Zie artikel 4.\n",
        "{Concept} Verslag van de raad\n",
        "<Naam van de gemeente> invullen bij de ondertekening.\n",
        "Gebruik <p> voor een alinea en <b> voor vet.\n",
    ],
)
def test_text_resembling_data_stays_text(tmp_path, text):
    assert sniff_format(write(tmp_path, text.encode())) == "txt"


def test_xhtml_with_declaration_is_a_page_not_data(tmp_path):
    page = b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>Raad</p></body></html>'
    assert sniff_format(write(tmp_path, page)) == "html"
    fragment = b'<?xml version="1.0"?><div xmlns="http://www.w3.org/1999/xhtml"><p>Raad</p></div>'
    assert sniff_format(write(tmp_path, fragment)) == "html"
