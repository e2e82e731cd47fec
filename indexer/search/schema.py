"""How a catalog document becomes an index document (the fields every engine indexes), and the
schema version an index records."""
from __future__ import annotations

import json

from archive.records import Document, PartialDate
from indexer.search.analysis import ANALYSIS_FINGERPRINT

__all__ = ["SCHEMA_VERSION", "FACETS", "FILTERS", "OCR_VALUES", "index_fields", "date_number", "period_end"]

# Bump when fields change (6: issuer/participant roles apart from mentions, and the ocr field);
# the analysis fingerprint covers analyzer changes.
SCHEMA_VERSION = f"6-{ANALYSIS_FINGERPRINT}"
FACETS = ("municipality", "organisation", "type", "year", "language")
# Filters that are no facet (no counts shown): "ocr" is "ja" when the text was recognised by OCR.
FILTERS = FACETS + ("ocr",)
OCR_VALUES = ("ja", "nee")
# Snippets and phrases need no more; a 5 MB text would only slow indexing for no better match.
MAX_INDEXED_CHARS = 400_000


def date_number(value: str | None) -> int:
    """'2013-04-09' -> 20130409; a partial date stands at the start of its period: '2013-04' ->
    20130400, '2013' -> 20130000 (period_end gives the end). 0 means no date."""
    if not value:
        return 0
    date = PartialDate.parse(value)
    return date.year * 10000 + (date.month or 0) * 100 + (date.day or 0)


def period_end(number: int) -> int:
    """The last day number of the period a date number stands for (20130400 -> 20130499)."""
    if number % 10000 == 0:
        return number + 9999
    if number % 100 == 0:
        return number + 99
    return number


def index_fields(doc: Document) -> dict:
    """A catalog document (with text and file names) as the fields of one index document."""
    date = doc.date_iso
    text = (doc.text or "")[:MAX_INDEXED_CHARS]
    meta = {
        "title": doc.title,
        "type": doc.type,
        "date": date,
        "municipalities": [m.as_dict() for m in doc.municipalities],
        "organisations": [o.as_dict() for o in doc.organisations],
        "language": doc.language,
        "format": doc.format,
        "status": doc.status,
        "filenames": list(doc.filenames),
    }
    return {
        "id": doc.id,
        "title": doc.title,
        "content": f"{doc.title}\n{doc.title}\n{text}",
        "spell": f"{doc.title}\n{text}",
        "places": " ".join(m.name or "" for m in doc.concerned),
        "mentioned": " ".join(f"{m.name or ''} {m.code}" for m in doc.mentioned),
        "filename": " ".join(doc.filenames),
        "municipality": sorted({m.code for m in doc.concerned}),
        "organisation": sorted({o.key for o in doc.organisations}),
        "type": doc.type or "",
        "year": date[:4] if date else "",
        "language": doc.language or "",
        "ocr": OCR_VALUES[0] if doc.ocr else OCR_VALUES[1],
        "format": doc.format or "",
        "status": doc.status or "",
        "date": date_number(date),
        "meta": json.dumps(meta, ensure_ascii=False),
    }
