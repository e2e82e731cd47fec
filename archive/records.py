"""The named data of the archive: a document, its municipalities and organisations, its (partial)
date and where it arrived from. The catalog produces these; the index, the views, the exports and the
CLI consume them. One vocabulary throughout: `type` and `date`, as in the JSON API.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date as Date
from functools import total_ordering
from typing import Any

from archive.errors import FusiearchiefError

__all__ = ["MANIFEST_COLUMNS", "Arrival", "Document", "Failure", "InvalidDate", "MunicipalityRef", "OcrInfo", "OrganisationRef",
           "PartialDate", "MENTIONED"]

MENTIONED = "mentioned"
# The columns of an export manifest (and of the metadata a manifest at ingest may carry).
MANIFEST_COLUMNS = [
    "id", "sha256", "archive_name", "title", "type", "date", "issuer", "municipalities",
    "municipality_names", "mentioned_municipalities", "organisations", "organisation_names", "language", "format",
    "pages", "size", "filenames", "status", "failure_code",
]
DUTCH_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
                "oktober", "november", "december")
# ASCII digits only: \d also accepts "１" and "٢٠١٣", which int() reads but no stored date holds.
_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$", re.ASCII)
_DUTCH = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$", re.ASCII)


class InvalidDate(FusiearchiefError):
    code = "bad_date"


@total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date known to the day, the month or only the year ('2013-04-09', '2013-04', '2013')."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str, *, dutch: bool = False) -> PartialDate:
        """YYYY, YYYY-MM or YYYY-MM-DD (and, with dutch, D-M-YYYY); InvalidDate otherwise."""
        raw = str(text).strip()
        parts: tuple[int, ...]
        if match := _ISO.match(raw):
            parts = tuple(int(p) for p in match.groups() if p)
        elif dutch and (match := _DUTCH.match(raw)):
            day, month, year = (int(p) for p in match.groups())
            parts = (year, month, day)
        else:
            accepted = "YYYY-MM-DD, YYYY-MM, YYYY" + (" or DD-MM-YYYY" if dutch else "")
            raise InvalidDate(f"Date '{raw[:20]}' not understood: use {accepted}.")
        try:
            Date(parts[0], *(parts[1:] + (1, 1))[:2])
        except ValueError:
            raise InvalidDate(f"Date '{raw[:20]}' does not exist.") from None
        return cls(*parts)

    @classmethod
    def from_stored(cls, value: str | None) -> PartialDate | None:
        return cls.parse(value) if value else None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def start(self) -> Date:
        return Date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> Date:
        if self.day:
            return self.start
        if self.month:
            following = Date(self.year + self.month // 12, self.month % 12 + 1, 1)
            return Date.fromordinal(following.toordinal() - 1)
        return Date(self.year, 12, 31)

    def iso(self) -> str:
        return "-".join([f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p])

    def dutch(self) -> str:
        """'9 april 2013', 'april 2013' or '2013'."""
        if self.month is None:
            return str(self.year)
        month = f"{DUTCH_MONTHS[self.month - 1]} {self.year}"
        return f"{self.day} {month}" if self.day else month

    def __str__(self) -> str:
        return self.iso()

    def __lt__(self, other: PartialDate) -> bool:
        # A partial date sorts at the start of its period: 2013 before 2013-05 before 2014.
        return (self.year, self.month or 0, self.day or 0) < (other.year, other.month or 0, other.day or 0)


@dataclass(frozen=True)
class MunicipalityRef:
    """A municipality a document concerns (role issuer or participant) or only mentions."""

    code: str
    name: str | None = None
    role: str | None = None

    @classmethod
    def from_mapping(cls, item: Mapping[str, Any]) -> MunicipalityRef:
        return cls(code=item["code"], name=item.get("name"), role=item.get("role"))

    @property
    def concerned(self) -> bool:
        """Issuer, participant, or without role (supplied or corrected by a person: meant)."""
        return self.role != MENTIONED

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "role": self.role}


@dataclass(frozen=True)
class OrganisationRef:
    key: str
    name: str | None = None

    @classmethod
    def from_mapping(cls, item: Mapping[str, Any]) -> OrganisationRef:
        return cls(key=item["key"], name=item.get("name"))

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name}


@dataclass(frozen=True)
class Failure:
    stage: str | None
    code: str
    message: str


@dataclass(frozen=True)
class OcrInfo:
    pages: int
    engine: str | None = None
    languages: str | None = None
    confidence: float | None = None


@dataclass(frozen=True)
class Arrival:
    """One sighting of an original: the path it arrived under, in which run."""

    path: str
    filename: str
    size: int | None = None
    mtime_ns: int | None = None
    run_id: int | None = None
    seen_at: str | None = None


def _tuple(items: Iterable[Any] | None, kind: Any) -> tuple:
    return tuple(item if isinstance(item, kind) else kind.from_mapping(item) for item in items or ())


@dataclass(frozen=True)
class Document:
    """One archived document: what was read from it, its effective metadata (detected, supplied or
    corrected: `origins` says which per field) and, when asked for, its text and file names."""

    id: str
    sha256: str = ""
    size: int = 0
    ext: str = ""
    status: str = "ok"
    title: str = ""
    type: str | None = None
    date: PartialDate | None = None
    language: str | None = None
    issuer: str | None = None
    municipalities: tuple[MunicipalityRef, ...] = ()
    organisations: tuple[OrganisationRef, ...] = ()
    origins: Mapping[str, str] = field(default_factory=dict)
    format: str | None = None
    mime: str | None = None
    pages: int | None = None
    failure: Failure | None = None
    extractor: str | None = None
    extractor_version: str | None = None
    ocr: OcrInfo | None = None
    native: Mapping[str, Any] = field(default_factory=dict)
    detected: Mapping[str, Any] = field(default_factory=dict)
    text: str | None = None
    filenames: tuple[str, ...] = ()
    created_at: str | None = None
    updated_at: str | None = None
    index_dirty: bool = False

    def __post_init__(self) -> None:
        # Built from JSON or a test's literals too: the shapes are normalised once, here.
        object.__setattr__(self, "municipalities", _tuple(self.municipalities, MunicipalityRef))
        object.__setattr__(self, "organisations", _tuple(self.organisations, OrganisationRef))
        if isinstance(self.date, str):
            object.__setattr__(self, "date", PartialDate.parse(self.date))
        object.__setattr__(self, "filenames", tuple(self.filenames))

    @property
    def concerned(self) -> tuple[MunicipalityRef, ...]:
        """The issuer and participants, in their order."""
        return tuple(m for m in self.municipalities if m.concerned)

    @property
    def mentioned(self) -> tuple[MunicipalityRef, ...]:
        """The municipalities only named in the text."""
        return tuple(m for m in self.municipalities if not m.concerned)

    @property
    def date_iso(self) -> str | None:
        return self.date.iso() if self.date else None

    def replace(self, **changes: Any) -> Document:
        return replace(self, **changes)

    def metadata(self) -> dict[str, Any]:
        """The public metadata as JSON-ready values (the API's and the exports' field names)."""
        return {
            "title": self.title,
            "type": self.type,
            "date": self.date_iso,
            "date_precision": self.date.precision if self.date else None,
            "language": self.language,
            "issuer": self.issuer,
            "municipalities": [m.as_dict() for m in self.municipalities],
            "organisations": [o.as_dict() for o in self.organisations],
        }

    def manifest_row(self, archive_name: str) -> dict[str, Any]:
        """The document as a row of an export manifest (MANIFEST_COLUMNS)."""
        return {
            "id": self.id,
            "sha256": self.sha256,
            "archive_name": archive_name,
            "title": self.title,
            "type": self.type,
            "date": self.date_iso,
            "issuer": self.issuer,
            # The document's own municipalities (issuer, participants); those it only names apart.
            "municipalities": [m.code for m in self.concerned],
            "municipality_names": [m.name for m in self.concerned],
            "mentioned_municipalities": [m.code for m in self.mentioned],
            "organisations": [o.key for o in self.organisations],
            "organisation_names": [o.name for o in self.organisations],
            "language": self.language,
            "format": self.format,
            "pages": self.pages,
            "size": self.size,
            "filenames": list(self.filenames),
            "status": self.status,
            "failure_code": self.failure.code if self.failure else None,
        }
