"""HTML: visible text only, Dublin Core metadata, encodings."""
from __future__ import annotations

import pytest

from indexer.extract import ExtractionError, extract_file


def extract_html(tmp_path, source: bytes):
    path = tmp_path / "pagina.htm"
    path.write_bytes(source)
    return extract_file(path)


def test_visible_text_without_script_or_style(fixture_files):
    result = extract_file(fixture_files["html"])
    assert result["format"] == "html" and result["mime"] == "text/html"
    text = result["text"]
    assert "De colleges van Dinkelland en Tubbergen treffen een gemeenschappelijke regeling" in text
    assert "SCRIPTTEKST" not in text and "OOK-GEEN-TEKST" not in text
    assert "display" not in text and "font-family" not in text
    assert "Overheid.nl" not in text  # the <title> is metadata, not page text
    assert "Coördinatie & uitvoering: directie Noaberkracht." in text.split("\n")


def test_blocks_become_lines_and_cells_tabs(fixture_files):
    lines = extract_file(fixture_files["html"])["text"].split("\n")
    assert "Gemeenschappelijke regeling Noaberkracht" in lines
    assert "Artikel 1: het openbaar lichaam heet Noaberkracht." in lines
    assert "Dinkelland\tGM1774" in lines and "Tubbergen\tGM0183" in lines


def test_dublin_core_and_title(fixture_files):
    native = extract_file(fixture_files["html"])["native"]
    assert native["title"] == "Gemeenschappelijke regeling Noaberkracht Dinkelland Tubbergen"
    assert native["html_title"] == "Gemeenschappelijke regeling Noaberkracht - Overheid.nl"
    assert native["author"] == "Gemeente Tubbergen"
    assert native["issued"] == "2012-12-20" and native["created"] == "2012-12-20"
    assert native["encoding"] == "utf-8"


def test_title_alone_and_head_without_end_tag(tmp_path):
    result = extract_html(tmp_path, b"<html><head><title>Raadsinformatie Laren</title><body><p>Agenda raad</p>")
    assert result["native"]["title"] == "Raadsinformatie Laren"
    assert result["text"] == "Agenda raad"


def test_declared_windows_charset(tmp_path):
    source = '<html><head><meta charset="windows-1252"></head><body>Caf\u00e9 “Het Wapen” in Eemnes</body></html>'
    result = extract_html(tmp_path, source.encode("cp1252"))
    assert result["text"] == "Café “Het Wapen” in Eemnes"
    assert result["native"]["encoding"] == "cp1252"


def test_pre_keeps_its_line_breaks(tmp_path):
    result = extract_html(tmp_path, b"<!doctype html><body><pre>regel 1\nregel 2</pre><p>na   de\n  pre</p></body>")
    assert result["text"].split("\n") == ["regel 1", "regel 2", "", "na de pre"]


def test_page_with_only_script_has_no_text(tmp_path):
    with pytest.raises(ExtractionError) as caught:
        extract_html(tmp_path, b"<!DOCTYPE html><html><body><script>render()</script></body></html>")
    assert caught.value.code == "empty_text"
    assert "JavaScript" in caught.value.message


def test_fragment_without_document_wrapper_is_html(tmp_path):
    from make_format_samples import HTML_FRAGMENT

    result = extract_html(tmp_path, HTML_FRAGMENT.encode())
    assert result["format"] == "html"
    lines = result["text"].split("\n")
    assert lines[0] == "Besluitenlijst college Eemnes"
    assert "Het college besluit de nota vast te stellen." in lines and "punt 2" in lines
    assert "<" not in result["text"]


@pytest.mark.parametrize(
    "source, expected",
    [
        (b"<p>Agenda van de raad</p>", "html"),
        (b"<!-- export -->\n<h1>Besluit</h1>\n<p>Tekst</p>", "html"),
        (b"<p> staat voor paragraaf; zo schrijft u een alinea in HTML.", "txt"),  # no end tag follows
        (b"Notitie: de tag <div> en </div> omsluiten een blok.", "txt"),  # does not start with a tag
    ],
)
def test_fragment_or_plain_text(tmp_path, source, expected):
    from indexer.extract import sniff_format

    path = tmp_path / "stuk.txt"
    path.write_bytes(source)
    assert sniff_format(path) == expected


def test_owms_meta_tags_become_creator_authority_and_regulation_type(tmp_path):
    source = (
        b'<html><head><meta name="DC.creator" content="Rheden"><meta name="dcterms:creator" content="gemeente Rheden">'
        b'<meta name="OVERHEID.authority" content="https://identifier.overheid.nl/tooi/id/gemeente/gm0275">'
        b'<meta name="DCTERMS.publisher" content="Rheden">'
        b'<meta name="DC.type" content="officiele publicatie"><meta name="DC.type" content="beleidsregel">'
        b'<meta name="OVERHEIDop.publicationName" content="Gemeenteblad"><meta name="generator" content="CMS 3">'
        b"</head><body><p>Bekendmaking</p></body></html>"
    )
    native = extract_html(tmp_path, source)["native"]
    assert native["creator"] == "Rheden; gemeente Rheden"
    assert native["authority"] == "https://identifier.overheid.nl/tooi/id/gemeente/gm0275; Rheden"
    assert native["regulation_type"] == "beleidsregel"
    assert native["publication"] == "Gemeenteblad"
    assert native["author"] == "Rheden"  # as before: detection reads it
    assert native["generator"] == "CMS 3"  # the software, never the creator
