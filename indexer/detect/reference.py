"""The reference register: municipalities (current and historical) and fusion organisations.

Loaded once from the CSV files in data/ (package data), then cached.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from indexer.detect.normalise import name_key

DATA = Path(__file__).resolve().parent / "data"
_CODE = re.compile(r"^\s*(?:gm)?\s*(\d{1,4})\s*$", re.IGNORECASE)


def date_span(on_date: str) -> tuple[str, str]:
    """'2013' -> ('2013-01-01', '2013-12-31'); '2013-04' -> ('2013-04-01', '2013-04-31') (string compare)."""
    if len(on_date) == 4:
        return on_date + "-01-01", on_date + "-12-31"
    if len(on_date) == 7:
        return on_date + "-01", on_date + "-31"
    return on_date[:10], on_date[:10]


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    variants: tuple[str, ...]
    province: str
    valid_from: str | None
    valid_to: str | None
    successor: str | None

    def valid_on(self, on_date: str) -> bool:
        """Existed on on_date; a year- or month-only date counts if any day of it does."""
        first, last = date_span(on_date)
        return (not self.valid_from or self.valid_from <= last) and (not self.valid_to or self.valid_to >= first)

    @property
    def current(self) -> bool:
        return not self.valid_to


@dataclass(frozen=True)
class Organisation:
    key: str
    name: str
    variants: tuple[str, ...]
    acronyms: tuple[str, ...]
    guarded_acronyms: tuple[str, ...]
    members: tuple[str, ...]
    start: int | None
    end: int | None


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(";") if part.strip())


def _rows(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=1)
def _municipalities() -> dict[str, Municipality]:
    return {
        row["code"]: Municipality(
            code=row["code"], name=row["name"], variants=_split(row["variants"]), province=row["province"],
            valid_from=row["valid_from"] or None, valid_to=row["valid_to"] or None,
            successor=row["successor"] or None,
        )
        for row in _rows("gemeenten.csv")
    }


@lru_cache(maxsize=1)
def _organisations() -> dict[str, Organisation]:
    def year(value: str) -> int | None:
        return int(value) if value.strip().isdigit() else None

    return {
        row["key"]: Organisation(
            key=row["key"], name=row["name"], variants=_split(row["variants"]), acronyms=_split(row["acronyms"]),
            guarded_acronyms=_split(row["guarded_acronyms"]), members=_split(row["members"]),
            start=year(row["start"]), end=year(row["end"]),
        )
        for row in _rows("organisaties.csv")
    }


@lru_cache(maxsize=1)
def name_index() -> dict[str, tuple[Municipality, ...]]:
    """Folded name or variant -> the municipalities that ever carried it."""
    index: dict[str, list[Municipality]] = {}
    for municipality in _municipalities().values():
        for name in (municipality.name, *municipality.variants):
            bucket = index.setdefault(name_key(name), [])
            if municipality not in bucket:
                bucket.append(municipality)
    return {key: tuple(value) for key, value in index.items()}


def municipalities() -> list[Municipality]:
    return list(_municipalities().values())


def organisations() -> list[Organisation]:
    return list(_organisations().values())


def municipality(code: str) -> Municipality | None:
    return _municipalities().get(code.upper()) if code else None


def municipality_name(code: str) -> str | None:
    found = municipality(code)
    return found.name if found else None


def organisation_name(key: str) -> str | None:
    found = _organisations().get(key)
    return found.name if found else None


def successor_on(found: Municipality, on_date: str) -> Municipality:
    """Follow successors until the municipality that existed on on_date (Graafstroom -> Molenwaard
    -> Molenlanden); a date before the abolition leaves the municipality itself."""
    first, _ = date_span(on_date)
    seen = set()
    while found.valid_to and found.valid_to < first and found.successor and found.code not in seen:
        seen.add(found.code)
        found = _municipalities()[found.successor]
    return found


def choose(candidates: tuple[Municipality, ...], on_date: str | None) -> Municipality | None:
    """One municipality for a name: the one valid on on_date (via successors for historical names),
    else the current one, else the single historical one. Ambiguous -> None."""
    if not candidates:
        return None
    if on_date:
        valid = [c for c in candidates if c.valid_on(on_date)]
        if len(valid) == 1:
            return valid[0]
        if not valid:
            resolved = {successor_on(c, on_date).code for c in candidates}
            if len(resolved) == 1:
                return _municipalities()[resolved.pop()]
            return None
        candidates = tuple(valid)
    current = [c for c in candidates if c.current]
    if len(current) == 1:
        return current[0]
    if len(candidates) == 1:
        return candidates[0]
    return None


def resolve_municipality(text: str, on_date: str | None = None) -> Municipality | None:
    """A CBS code (GM0363, 363) or a name/variant -> Municipality. With on_date, a name that was
    abolished by then resolves to its successor on that date (Ten Boer in 2020 -> Groningen)."""
    if not text or not text.strip():
        return None
    match = _CODE.match(text)
    if match:
        return _municipalities().get(f"GM{int(match.group(1)):04d}")
    return choose(name_index().get(name_key(text), ()), on_date)


def resolve_organisation(text: str) -> Organisation | None:
    """A key ('bar'), name, variant or acronym (any case) -> Organisation."""
    if not text or not text.strip():
        return None
    wanted = name_key(text)
    for organisation in _organisations().values():
        names = (organisation.key, organisation.name, *organisation.variants, *organisation.acronyms,
                 *organisation.guarded_acronyms)
        if wanted in {name_key(name) for name in names}:
            return organisation
    return None
