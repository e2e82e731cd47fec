"""Which of a document's municipalities it belongs to, and which it only names.

The municipality facet, the -m/cbs:/gemeente: filters, hit lists and exports show a document's
issuer and participants; a municipality the text only mentions is kept apart (the genoemd: field,
"Genoemde gemeenten" on the document page) and never presented as the document's municipality.
An entry without a role (supplied in a manifest, corrected by hand) is taken as meant: concerned.
"""
from __future__ import annotations

from collections.abc import Iterable

from archive.records import MENTIONED


def concerned(municipalities: Iterable[dict] | None) -> list[dict]:
    """The issuer and participants (and role-less entries), in their order."""
    return [m for m in municipalities or [] if m.get("role") != MENTIONED]


def mentioned(municipalities: Iterable[dict] | None) -> list[dict]:
    """The municipalities only named in the text."""
    return [m for m in municipalities or [] if m.get("role") == MENTIONED]
