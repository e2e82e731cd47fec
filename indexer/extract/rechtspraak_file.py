"""Rechtspraak open-data XML (data.rechtspraak.nl): a court ruling or an advocate-general's
opinion with its RDF metadata, summary (inhoudsindicatie) and full text.

The first rdf:Description describes the ruling (ECLI, court, date of the ruling, publication date);
a second one describes the HTML rendering and carries the display title.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from indexer.extract import owms
from indexer.extract.cleanup import versioned
from indexer.extract.dates import iso_date
from indexer.extract.limits import Limits
from indexer.extract.registry import Format
from indexer.extract.xmlsafe import local_name, parse_xml_any_encoding, read_root
from indexer.extract.xmltext import inline_text, text_of

VERSION = "1.0"  # bump when the text this module produces changes, so stored text can be re-made

_TEXT_KEYS = {"identifier": "identifier", "title": "title", "creator": "creator", "type": "regulation_type",
              "subject": "subject", "language": "language"}
_DATE_KEYS = {"date": "adopted", "issued": "issued", "modified": "modified"}
_BODIES = ("inhoudsindicatie", "uitspraak", "conclusie")


def sniff(head: bytes, path: Path) -> bool:
    root = read_root(head)
    return root is not None and root.name == "open-rechtspraak"


def _descriptions(root: ET.Element) -> list[ET.Element]:
    return [element for element in root.iter() if local_name(element.tag) == "Description"]


def metadata(root: ET.Element) -> dict:
    native: dict = {"publication": "Rechtspraak"}
    for description in _descriptions(root):
        for element in description:
            name = local_name(element.tag)
            value = inline_text(element).replace("\n", " ").strip()
            if name in _TEXT_KEYS and not (name == "identifier" and value.startswith("http")):
                owms.put(native, _TEXT_KEYS[name], value)
            elif name in _DATE_KEYS and (day := iso_date(value)):
                owms.put(native, _DATE_KEYS[name], day[:10])
    return native


def extract(path: Path, limits: Limits) -> dict:
    root = parse_xml_any_encoding(Path(path).read_bytes())
    bodies = [child for child in root if local_name(child.tag) in _BODIES]
    return {"text": text_of(bodies), "pages": None, "native": metadata(root)}


FORMAT = Format(
    name="rechtspraak",
    mime="application/xml",
    extensions=(".xml",),
    sniff=sniff,
    extract=extract,
    extractor="rechtspraak-xml",
    extractor_version=versioned(VERSION),
    empty_message="The Rechtspraak file holds metadata but no ruling text; many rulings are published "
    "without text. Nothing to search in it.",
)
