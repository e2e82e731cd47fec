"""Officiële bekendmakingen XML (officielebekendmakingen.nl, schema op-xsd-2012): Gemeenteblad,
Blad gemeenschappelijke regeling, Provinciaal blad, Waterschapsblad, Staatscourant, Staatsblad
and their kin, all with the root <officiele-publicatie>.

The XML itself carries little metadata: the masthead ("Officiële uitgave van de gemeente
Oldambt"), a link to the separate metadata record whose name is the publication's identifier
(gmb-2017-100002), sometimes OWMS <meta> pairs, and in laws and royal decrees the dates of signing
and issue as isodatum attributes.
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

# identifier prefix -> publication series
SERIES = {
    "gmb": "Gemeenteblad",
    "bgr": "Blad gemeenschappelijke regeling",
    "prb": "Provinciaal blad",
    "wsb": "Waterschapsblad",
    "stcrt": "Staatscourant",
    "stb": "Staatsblad",
    "trb": "Tractatenblad",
    "kst": "Kamerstuk",
    "blg": "Bijlage",
    "h-tk": "Handelingen",
    "h-ek": "Handelingen",
    "ah-tk": "Aanhangsel van de Handelingen",
    "ah-ek": "Aanhangsel van de Handelingen",
}
# the element that holds the publication -> its series, for files without an identifier
ELEMENTS = {
    "gemeenteblad": "gmb",
    "bladgemeenschappelijkeregeling": "bgr",
    "provinciaalblad": "prb",
    "waterschapsblad": "wsb",
    "staatscourant": "stcrt",
    "staatsblad": "stb",
    "tractatenblad": "trb",
}
# "https://zoek.officielebekendmakingen.nl/gmb-2017-100002/metadata.xml"
_METADATA_RECORD = re.compile(r"/(?P<id>[a-z]+(?:-[a-z]+)?-\d[\w.-]*?)/metadata\.xml\s*$", re.I)
_MASTHEAD = re.compile(r"^Offici[eë]le uitgave van (?:de |het )?(?P<who>.+?)[.\s]*$", re.I)
_NOT_A_CREATOR = re.compile(r"^Koninkrijk\b", re.I)  # the Staatscourant's standard masthead
_ACT_WORDS = ("rijkswet", "wet", "besluit", "regeling", "beschikking")


def sniff(head: bytes, path: Path) -> bool:
    root = read_root(head)
    return root is not None and root.name == "officiele-publicatie"


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if local_name(child.tag) == name]


def _first_text(element: ET.Element, *path: str) -> str:
    for name in path:
        found = _children(element, name)
        if not found:
            return ""
        element = found[0]
    return inline_text(element).replace("\n", " ").strip()


def _identifier(root: ET.Element, native: dict) -> str | None:
    if "identifier" in native:
        return native["identifier"]
    for meta in root.iter():
        if local_name(meta.tag) == "meta":
            match = _METADATA_RECORD.search(meta.get("content") or "")
            if match:
                return match.group("id")
    return None


def _series(identifier: str | None, publication: ET.Element | None) -> str | None:
    for prefix in SERIES:
        if identifier and identifier.lower().startswith(prefix + "-"):
            return SERIES[prefix]
    if publication is not None and local_name(publication.tag) in ELEMENTS:
        return SERIES[ELEMENTS[local_name(publication.tag)]]
    return None


def _regulation_type(publication: ET.Element, title: str) -> str | None:
    content = [child for child in publication if local_name(child.tag) not in ("kop", "intitule", "")]
    if not content:
        return None
    kind = local_name(content[0].tag)
    if kind == "wet-besluit":  # a law or a decree; the title says which
        first = title.split(" ", 1)[0].lower()
        return first if first in _ACT_WORDS else None
    return kind.replace("-", " ")


def _iso_attribute(root: ET.Element, within: str) -> str | None:
    for container in root.iter():
        if local_name(container.tag) == within:
            for element in container.iter():
                value = iso_date(element.get("isodatum"))
                if value:
                    return value[:10]
    return None


def metadata(root: ET.Element) -> dict:
    native: dict = {}
    for element in root.iter():
        if local_name(element.tag) == "meta" and element.get("name"):
            owms.add(native, element.get("name"), element.get("content"))
    publication = next((child for child in root if local_name(child.tag) not in ("metadata", "kop", "")), None)
    identifier = _identifier(root, native)
    if identifier:
        native["identifier"] = identifier
    series = _series(identifier, publication)
    if series:
        native.setdefault("publication", series)
    masthead = _MASTHEAD.match(_first_text(root, "kop", "subtitel"))
    if masthead and "creator" not in native and not _NOT_A_CREATOR.match(masthead.group("who")):
        native["creator"] = masthead.group("who")
    if publication is not None:
        title = _first_text(publication, "kop", "titel") or _first_text(publication, "intitule")
        owms.put(native, "title", title)
        owms.put(native, "regulation_type", _regulation_type(publication, title) or "")
    owms.put(native, "adopted", _iso_attribute(root, "dagtekening") or "")
    owms.put(native, "issued", _iso_attribute(root, "uitgifte") or "")
    return native


def extract(path: Path, limits: Limits) -> dict:
    root = parse_xml_any_encoding(Path(path).read_bytes())
    return {"text": text_of(child for child in root if local_name(child.tag) != "metadata"), "pages": None,
            "native": metadata(root)}


FORMAT = Format(
    name="oep",
    mime="application/xml",
    extensions=(".xml",),
    sniff=sniff,
    extract=extract,
    extractor="oep-xml",
    extractor_version=versioned(VERSION),
    empty_message="The publication XML holds no text. Fetch the complete publication again.",
)
