"""Parsing XML from untrusted files without entity-expansion or external-entity tricks."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass

from indexer.extract.decoding import bom_encoding, decode_bytes

_defused_fromstring: Callable[[bytes], ET.Element] | None
_FORBIDDEN: tuple[type[Exception], ...]
try:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring as _defused_fromstring
    _FORBIDDEN = (DefusedXmlException,)
except ImportError:  # defusedxml is optional; without it we refuse any DTD ourselves
    _defused_fromstring = None
    _FORBIDDEN = ()

_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_DECLARED = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([\w.:-]+)[\"']", re.I)
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")

# The prolog before the root element: declaration, processing instructions, comments, DOCTYPE
# (with an internal subset in brackets), then the root's start tag.
_PROLOG_ITEM = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)", re.S | re.I)
_START_TAG = re.compile(r"\s*<(?P<name>[A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?)(?P<attrs>(?:\s[^<>]*?)?)/?>", re.S)
_XMLNS = re.compile(r"""\sxmlns(?::(?P<prefix>[\w.\-]+))?\s*=\s*["'](?P<uri>[^"']*)["']""")


class UnsafeXML(ValueError):
    pass


@dataclass(frozen=True)
class Root:
    """The root start tag as read from the first bytes of a file, before any parsing."""

    prefix: str
    name: str  # the local name
    namespace: str  # "" without one
    declared: bool  # the file starts with an <?xml ...?> declaration


def parse_xml(data: bytes) -> ET.Element:
    """The root element. Raises UnsafeXML for DTD tricks, ET.ParseError for broken XML.

    Office formats never need a DTD, so refusing one loses nothing real.
    """
    if _defused_fromstring is not None:
        try:
            return _defused_fromstring(data)
        except _FORBIDDEN as error:
            raise UnsafeXML(f"XML uses a forbidden construct ({type(error).__name__})") from None
    if _DOCTYPE.search(data):
        raise UnsafeXML("XML contains a DOCTYPE declaration, which office documents never need")
    return ET.fromstring(data)


def parse_xml_any_encoding(data: bytes) -> ET.Element:
    """Like parse_xml, but a file whose bytes do not match its declared (or default UTF-8)
    encoding, as happens when a file is re-saved in Windows-1252, is decoded as text first."""
    try:
        return parse_xml(data)
    except ET.ParseError:
        if _matches_declared_encoding(data):
            raise  # the encoding is right, so the XML itself is broken
    text, _ = decode_bytes(data)
    return parse_xml(_DECLARATION.sub("", text.lstrip("\ufeff"), count=1).encode("utf-8"))


def _matches_declared_encoding(data: bytes) -> bool:
    declared = _DECLARED.match(data)
    encoding = bom_encoding(data) or (declared.group(1).decode("ascii") if declared else "utf-8")
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def read_root(head: bytes) -> Root | None:
    """The root element's name and namespace from the first bytes of a file, or None when they do
    not start like XML. Cheap enough for sniffing; the file is not parsed."""
    text = head.decode(bom_encoding(head) or "utf-8", errors="replace").lstrip("\ufeff")
    declared = text.lstrip().startswith("<?xml")
    position = 0
    while True:
        item = _PROLOG_ITEM.match(text, position)
        if not item or item.end() == position:
            break
        position = item.end()
    tag = _START_TAG.match(text, position)
    if not tag:
        return None
    prefix, _, name = tag.group("name").rpartition(":")
    namespaces = {match.group("prefix") or "": match.group("uri") for match in _XMLNS.finditer(tag.group("attrs"))}
    return Root(prefix=prefix, name=name, namespace=namespaces.get(prefix, ""), declared=declared)


def local_name(tag: object) -> str:
    """'{ns}name' -> 'name'; comments and processing instructions (whose tag is a function) -> ''."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""
