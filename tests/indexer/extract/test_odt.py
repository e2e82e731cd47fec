"""ODT extraction (standard library XML) on a real odfpy document and hand-made damaged ones."""
from __future__ import annotations

import time
import zipfile

import pytest

from indexer.extract import ExtractionError, Limits, extract_file

MIME = b"application/vnd.oasis.opendocument.text"
CONTENT = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
    "{}</office:text></office:body></office:document-content>"
)


def make_odt(path, content: str, manifest: str = "<manifest/>"):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", MIME)  # stored first and uncompressed, as ODF requires
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    return path


def failure(path, limits=Limits()):
    with pytest.raises(ExtractionError) as caught:
        extract_file(path, limits)
    return caught.value


def test_headings_paragraphs_lists_and_tables(fixture_files):
    result = extract_file(fixture_files["odt"])
    assert result["format"] == "odt" and result["extractor"] == "odt-xml"
    lines = result["text"].split("\n")
    assert lines[0] == "Nota van afstemming"
    assert "De gemeenten Blaricum, Eemnes en Laren  stemmen hun beleid af." in lines  # text:s kept
    assert "Afvalinzameling wordt geharmoniseerd." in lines
    assert "Fase\tDatum" in lines and "Raadsbehandeling Eemnes\t9 juli 2015" in lines


def test_header_and_footer_from_styles_after_the_body(fixture_files):
    text = extract_file(fixture_files["odt"])["text"]
    assert text.index("BEL Combinatie - Blaricum, Eemnes, Laren") > text.index("9 juli 2015")
    assert "Nota van afstemming, juni 2015" in text


def test_meta_xml(fixture_files):
    native = extract_file(fixture_files["odt"])["native"]
    assert native["title"] == "Nota van afstemming BEL Combinatie"
    assert native["author"] == "Griffie Blaricum"
    assert native["created"] == "2015-06-02T14:00:00"
    assert native["keywords"] == "BEL Combinatie, afstemming"


def test_spans_tabs_breaks_and_notes(tmp_path):
    body = (
        "<text:p>Raad van <text:span>Eemnes</text:span><text:tab/>besluit<text:line-break/>tweede regel"
        '<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>Zie bijlage A.</text:p>'
        "</text:note-body></text:note></text:p>"
    )
    text = extract_file(make_odt(tmp_path / "nota.odt", CONTENT.format(body)))["text"]
    assert text.split("\n") == ["Raad van Eemnes\tbesluit", "tweede regel", "Zie bijlage A."]


def test_password_protected_odt_is_encrypted(tmp_path):
    manifest = (
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry>'
        "</manifest:manifest>"
    )
    path = make_odt(tmp_path / "geheim.odt", "versleuteld", manifest)
    assert failure(path).code == "encrypted"


def test_entity_expansion_is_refused_quickly(tmp_path):
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
        + "]>" + CONTENT.split("?>", 1)[1].format("<text:p>&lol9;</text:p>")
    )
    started = time.perf_counter()
    error = failure(make_odt(tmp_path / "bom.odt", laughs))
    assert error.code == "corrupt"
    assert time.perf_counter() - started < 5


def test_broken_xml_is_corrupt(tmp_path):
    assert failure(make_odt(tmp_path / "kapot.odt", "<office:document-content>")).code == "corrupt"


def test_zip_guard_applies_to_odt(tmp_path):
    path = make_odt(tmp_path / "groot.odt", CONTENT.format("<text:p>" + "x" * 200_000 + "</text:p>"))
    assert failure(path, Limits(max_unpacked_bytes=100_000)).code == "too_large"
    assert extract_file(path)["text"] == "x" * 200_000
