"""How a catalog document becomes an index document (the fields every engine indexes), and the
schema version an index records."""
from __future__ import annotations

import json
from collections.abc import Mapping

from indexer.detect.roles import concerned, mentioned
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
    parts = [int(part) for part in value.split("-")] + [0, 0]
    return parts[0] * 10000 + parts[1] * 100 + parts[2]


def period_end(number: int) -> int:
    """The last day number of the period a date number stands for (20130400 -> 20130499)."""
    if number % 10000 == 0:
        return number + 9999
    if number % 100 == 0:
        return number + 99
    return number


def index_fields(doc: Mapping) -> dict:
    """A catalog document (with text and file names) as the fields of one index document."""
    date = doc.get("doc_date") or None
    title = doc.get("title") or ""
    text = (doc.get("text") or "")[:MAX_INDEXED_CHARS]
    municipalities = doc.get("municipalities") or []
    own = concerned(municipalities)
    organisations = doc.get("organisations") or []
    filenames = doc.get("filenames") or []
    meta = {
        "title": title,
        "type": doc.get("doc_type"),
        "date": date,
        "municipalities": [{"code": m["code"], "name": m.get("name"), "role": m.get("role")} for m in municipalities],
        "organisations": [{"key": o["key"], "name": o.get("name")} for o in organisations],
        "language": doc.get("language"),
        "format": doc.get("format"),
        "status": doc.get("status"),
        "filenames": filenames,
    }
    return {
        "id": doc["id"],
        "title": title,
        "content": f"{title}\n{title}\n{text}",
        "spell": f"{title}\n{text}",
        "places": " ".join(m.get("name") or "" for m in own),
        "mentioned": " ".join(f"{m.get('name') or ''} {m['code']}" for m in mentioned(municipalities)),
        "filename": " ".join(filenames),
        "municipality": sorted({m["code"] for m in own}),
        "organisation": sorted({o["key"] for o in organisations}),
        "type": doc.get("doc_type") or "",
        "year": date[:4] if date else "",
        "language": doc.get("language") or "",
        "ocr": OCR_VALUES[0] if doc.get("ocr_pages") else OCR_VALUES[1],
        "format": doc.get("format") or "",
        "status": doc.get("status") or "",
        "date": date_number(date),
        "meta": json.dumps(meta, ensure_ascii=False),
    }
