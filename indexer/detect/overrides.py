"""Turning what a person typed (a manifest cell, an 'edit' option) into catalog override values.

One function serves the ingest manifest and 'fusiearchief edit', so both accept the same forms:
municipalities by CBS code or name, organisations by key or name, taxonomy keys, dates as
YYYY, YYYY-MM, YYYY-MM-DD or D-M-YYYY.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from archive.errors import FusiearchiefError
from archive.records import InvalidDate, PartialDate
from indexer.detect.reference import resolve_municipality, resolve_organisation
from indexer.detect.taxonomy import DOC_TYPES

LIST_SEPARATOR = ";"
_LANGUAGE = re.compile(r"^[a-z]{2}$")


class OverrideError(FusiearchiefError, ValueError):
    """A value a person supplied that we cannot use; the message says which and why."""

    code = "bad_value"


def _as_list(value: str | list[str]) -> list[str]:
    items = value if isinstance(value, list) else str(value).split(LIST_SEPARATOR)
    return [item.strip() for item in items if item and item.strip()]


def normalise_date(text: str) -> str:
    try:
        return PartialDate.parse(text, dutch=True).iso()
    except InvalidDate as error:
        raise OverrideError(error.message) from None


def _municipality(text: str, on_date: str | None) -> dict:
    found = resolve_municipality(text, on_date=on_date)
    if found is None:
        raise OverrideError(
            f"Municipality '{text}' not found: give a CBS code (GM0363) or the official name "
            "(homonyms with their qualifier, e.g. 'Bergen (NH.)')."
        )
    return {"code": found.code, "name": found.name}


def normalise_overrides(raw: Mapping[str, str | list[str] | None]) -> dict:
    """{field: typed value} -> {field: catalog value}; empty values are left out."""
    values: dict = {}
    on_date = None
    if raw.get("date"):
        values["date"] = on_date = normalise_date(str(raw["date"]))
    if raw.get("title"):
        values["title"] = str(raw["title"]).strip()
    if raw.get("type"):
        key = str(raw["type"]).strip().lower().replace(" ", "_")
        if key not in DOC_TYPES:
            raise OverrideError(f"Unknown document type '{raw['type']}': use one of {', '.join(DOC_TYPES)}.")
        values["type"] = key
    if raw.get("language"):
        language = str(raw["language"]).strip().lower()
        if not _LANGUAGE.match(language):
            raise OverrideError(f"Language '{raw['language']}' is not an ISO 639-1 code such as nl, fy or en.")
        values["language"] = language
    if raw.get("issuer"):
        values["issuer"] = _municipality(str(raw["issuer"]), on_date)["code"]
    if raw.get("municipalities"):
        municipalities = [_municipality(m, on_date) for m in _as_list(raw["municipalities"] or [])]
        for item in municipalities:
            item["role"] = "issuer" if item["code"] == values.get("issuer") else "participant"
        values["municipalities"] = municipalities
    if raw.get("organisations"):
        organisations = []
        for text in _as_list(raw["organisations"] or []):
            found = resolve_organisation(text)
            if found is None:
                raise OverrideError(f"Fusion organisation '{text}' not found: use a key such as 'bar' or its name.")
            organisations.append({"key": found.key, "name": found.name})
        values["organisations"] = organisations
    return values
