"""CVDR (Centrale Voorziening Decentrale Regelgeving) XML: a municipal, provincial or water-board
regulation as published on lokaleregelgeving.overheid.nl, with its OWMS metadata.

In CVDR metadata dcterms:issued is the date the regulation was adopted (the "besluit van" date in
its title), not the publication date; the publication is named in dcterms:isFormatOf, e.g.
"Weekblad Spijkenisse, 13-09-2011" or "gmb-2016-146361".
"""
from __future__ import annotations

import re
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

_DC_DATE = re.compile(r"\b(\d{1,2})-(\d{1,2})-(\d{4})\b")
_IDENTIFIER = re.compile(r"^(?:CVDR)?\s*(\d+(?:_\d+)?)$", re.I)
# local name -> native key; the first value wins, several creators are joined
_TEXT_KEYS = {
    "title": "title",
    "creator": "creator",
    "authority": "authority",
    "type": "regulation_type",
    "subject": "subject",
    "spatial": "spatial",
    "language": "language",
    "isRatifiedBy": "adopted_by",
    "isFormatOf": "published_in",
}
_DATE_KEYS = {
    "issued": "adopted",
    "modified": "modified",
    "inwerkingtredingDatum": "in_force",
    "uitwerkingtredingDatum": "expired",
}


def sniff(head: bytes, path: Path) -> bool:
    root = read_root(head)
    return root is not None and root.name == "cvdr"


def _value(element: ET.Element) -> str:
    """The element's text; an organisation given only as a TOOI or OWMS URI is that URI."""
    text = inline_text(element).replace("\n", " ").strip()
    if text:
        return text
    for attribute, value in element.attrib.items():
        if local_name(attribute) in ("resourceIdentifier", "resource") and value.startswith("http"):
            return value
    return ""


def _day_month_year(text: str) -> str | None:
    match = _DC_DATE.search(text)
    if not match:
        return None
    day, month, year = match.groups()
    return iso_date(f"{year}-{int(month):02d}-{int(day):02d}")


def metadata(meta: ET.Element | None) -> dict:
    native: dict = {"publication": "CVDR"}
    if meta is None:
        return native
    for element in meta.iter():
        name = local_name(element.tag)
        if name in _TEXT_KEYS:
            owms.put(native, _TEXT_KEYS[name], _value(element))
        elif name in _DATE_KEYS and (date := iso_date(_value(element))):
            native.setdefault(_DATE_KEYS[name], date)
        elif name == "identifier" and (match := _IDENTIFIER.match(_value(element))):
            native.setdefault("identifier", f"CVDR{match.group(1)}")
    published_in = native.get("published_in", "")
    if "issued" not in native and (day := _day_month_year(published_in)):
        native["issued"] = day
    return native


def extract(path: Path, limits: Limits) -> dict:
    root = parse_xml_any_encoding(Path(path).read_bytes())
    meta = next((child for child in root if local_name(child.tag) == "meta"), None)
    body = [child for child in root if local_name(child.tag) not in ("meta", "")]
    return {"text": text_of(body), "pages": None, "native": metadata(meta)}


FORMAT = Format(
    name="cvdr",
    mime="application/xml",
    extensions=(".xml",),
    sniff=sniff,
    extract=extract,
    extractor="cvdr-xml",
    extractor_version=versioned(VERSION),
    empty_message="The CVDR file holds metadata but no regulation text. Fetch the complete publication again.",
)
