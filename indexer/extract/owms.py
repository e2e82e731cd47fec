"""OWMS / Dublin Core <meta name=... content=...> pairs, as Dutch government publications carry
them in HTML pages and in officielebekendmakingen XML, mapped onto the native metadata keys that
detection reads.

Native keys (each omitted when absent): title, creator and authority (as the source writes them:
"Haren", "gemeente Haren" or a TOOI URI; several joined with "; "), regulation_type, publication,
identifier, issued (publication date), adopted (date of the decision), in_force.
"""
from __future__ import annotations

from indexer.extract.dates import iso_date

JOINED_KEYS = ("creator", "authority")
DATE_KEYS = ("issued", "adopted", "in_force")

# lower-cased meta name -> native key
META_KEYS = {
    "dc.title": "title",
    "dcterms.title": "title",
    "dc.creator": "creator",
    "dcterms.creator": "creator",
    "overheid.authority": "authority",
    "dcterms.publisher": "authority",
    "dc.type": "regulation_type",
    "dcterms.type": "regulation_type",
    "overheidop.publicationname": "publication",
    "dc.identifier": "identifier",
    "dcterms.identifier": "identifier",
    "dcterms.issued": "issued",
    "dc.date.issued": "issued",
    "dcterms.available": "issued",
    "overheidop.datumondertekening": "adopted",
    "overheidop.datuminwerkingtreding": "in_force",
}
# The record type of every officielebekendmakingen page, not the kind of regulation.
_GENERIC_TYPES = {"officiële publicatie", "officiele publicatie"}


def add(native: dict, name: str | None, content: str | None) -> None:
    """Add one meta pair to `native`: the first value wins, except creators and authorities,
    which collect every distinct value."""
    # "dcterms:creator" (RDFa style) and "DCTERMS.creator" (OWMS style) are the same term
    key = META_KEYS.get((name or "").strip().lower().replace(":", "."))
    value = " ".join((content or "").split())
    if not key or not value:
        return
    if key in DATE_KEYS:
        value = iso_date(value) or ""
        if not value:
            return
        value = value[:10]
    if key == "regulation_type" and value.lower() in _GENERIC_TYPES:
        return
    put(native, key, value)


def put(native: dict, key: str, value: str) -> None:
    """Set native[key] unless it has a value; creators and authorities collect each distinct one."""
    if not value:
        return
    if key in JOINED_KEYS and key in native:
        if value not in native[key].split("; "):
            native[key] += f"; {value}"
        return
    native.setdefault(key, value)
