"""XML from untrusted files: DTD entity tricks refused, roots read before parsing."""
from __future__ import annotations

import zipfile
import xml.etree.ElementTree as ET

import pytest

from make_format_samples import entity_bomb

from indexer.extract import ExtractionError, extract_file
from indexer.extract.xmlsafe import UnsafeXML, parse_xml, parse_xml_any_encoding, read_root


def test_entity_declarations_are_refused_as_unsafe():
    with pytest.raises(UnsafeXML, match="EntitiesForbidden"):
        parse_xml(entity_bomb())


def test_external_entities_are_refused():
    data = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'
    with pytest.raises(UnsafeXML):
        parse_xml(data)


def test_odt_with_an_entity_dtd_is_corrupt_with_a_clear_message(tmp_path):
    path = tmp_path / "nota.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", entity_bomb("office:document-content"))
    with pytest.raises(ExtractionError) as caught:
        extract_file(path)
    assert caught.value.code == "corrupt" and "forbidden construct" in caught.value.message


def test_broken_xml_in_the_declared_encoding_stays_broken():
    with pytest.raises(ET.ParseError):
        parse_xml_any_encoding(b'<?xml version="1.0" encoding="utf-8"?><a><b></a>')


@pytest.mark.parametrize(
    "head, name, namespace, declared",
    [
        (b'<?xml version="1.0"?>\n<!-- c --><cvdr xmlns="urn:x">', "cvdr", "urn:x", True),
        (b"\xef\xbb\xbf<officiele-publicatie xsi:x='1'>", "officiele-publicatie", "", False),
        (b'<!DOCTYPE r [<!ENTITY a "b">]><rdf:RDF xmlns:rdf="urn:rdf">', "RDF", "urn:rdf", False),
        (b"<?xml version='1.0'?><?xpp qa?><stb>", "stb", "", True),
    ],
)
def test_root_is_read_from_the_first_bytes(head, name, namespace, declared):
    root = read_root(head)
    assert (root.name, root.namespace, root.declared) == (name, namespace, declared)


@pytest.mark.parametrize("head", [b"Gewone tekst", b"", b"<", b"< p>", b"<1abc>"])
def test_no_root_in_text(head):
    assert read_root(head) is None
