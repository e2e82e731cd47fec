"""Parsing XML from untrusted files without entity-expansion or external-entity tricks."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

try:
    from defusedxml import ElementTree as _defused
except ImportError:  # defusedxml is optional; without it we refuse any DTD ourselves
    _defused = None

_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


class UnsafeXML(ValueError):
    pass


def parse_xml(data: bytes) -> ET.Element:
    """The root element. Raises UnsafeXML for DTD tricks, ET.ParseError for broken XML.

    Office formats never need a DTD, so refusing one loses nothing real.
    """
    if _defused is not None:
        try:
            return _defused.fromstring(data)
        except _defused.DefusedXmlException as error:
            raise UnsafeXML(f"XML uses a forbidden construct ({type(error).__name__})") from None
    if _DOCTYPE.search(data):
        raise UnsafeXML("XML contains a DOCTYPE declaration, which office documents never need")
    return ET.fromstring(data)
