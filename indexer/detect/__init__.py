"""Metadata detection: municipalities (with roles), issuer, organisations, type, dates, language, title.

detect() is pure and never raises: every step works on a bounded sample and a step that fails
anyway gives its empty value, so one odd document never costs the others their metadata.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from indexer.detect import reference
from indexer.detect.dates import document_date, filename_dates, native_dates, text_dates
from indexer.detect.doctype import detect_type
from indexer.detect.language import detect_language, language_from_name
from indexer.detect.municipalities import detect_municipalities
from indexer.detect.normalise import repair
from indexer.detect.organisations import detect_organisations, is_subject
from indexer.detect.sample import bounded
from indexer.detect.title import detect_title

__all__ = ["detect"]


def _safe(step: Callable[[], Any], fallback: Any) -> Any:
    try:
        return step()
    except Exception:  # detection must degrade, never stop an ingest
        return fallback


def _with_members(municipalities: list[dict], organisations: list[dict], on_date: str | None,
                  about: Callable[[dict], bool]) -> list[dict]:
    """The members of the (most likely) organisation are participants when the document is about
    it: a fusion document concerns all of them even when it names only its issuer."""
    if not organisations or not about(organisations[0]):
        return municipalities
    org = next((o for o in reference.organisations() if o.key == organisations[0]["key"]), None)
    if org is None:
        return municipalities
    by_code = {item["code"]: item for item in municipalities}
    for code in org.members:
        if code in by_code:
            if by_code[code]["role"] == "mentioned":
                by_code[code].update(role="participant", source=f"organisation:{org.key}")
            continue
        found = reference.municipality(code)
        # Members that no longer (or not yet) existed on the date are not part of it.
        if found and not (on_date and len(on_date) == 10 and not found.valid_on(on_date)):
            item = {"code": code, "name": found.name, "role": "participant",
                    "source": f"organisation:{org.key}", "confidence": 0.5}
            municipalities.append(item)
            by_code[code] = item
    return municipalities


# Organisation names stand anywhere in a long plan or report; a name search over more of the text
# than the bounded sample stays cheap.
ORGANISATION_CHARS = 2_000_000


def detect(text: str, filename: str, native: dict) -> dict:
    whole = _safe(lambda: repair(text[:ORGANISATION_CHARS]), "")
    text = _safe(lambda: bounded(text), "")
    filename = filename if isinstance(filename, str) else ""
    native = native if isinstance(native, dict) else {}
    title = _safe(lambda: detect_title(text, filename, native), {"value": None, "source": None})
    doc_type = _safe(lambda: detect_type(text, filename, title.get("value"), title.get("source"), native),
                     {"value": "overig", "source": "default", "confidence": 0.0})
    dates = _safe(lambda: text_dates(text) + filename_dates(filename) + native_dates(native), [])
    date = _safe(lambda: document_date(dates, doc_type["value"]), None)
    on_date = date["value"] if date else None
    municipalities, issuer = _safe(
        lambda: detect_municipalities(text, filename, native, on_date, doc_type["value"]), ([], None))
    core = [m["code"] for m in municipalities if m["role"] in ("issuer", "participant")]
    organisations = _safe(lambda: detect_organisations(whole, filename, core, on_date, issuer), [])
    municipalities = _safe(lambda: _with_members(
        municipalities, organisations, on_date,
        lambda org: is_subject(org, text, filename, title.get("value") or "", doc_type["value"])), municipalities)
    language = _safe(lambda: detect_language(text), {"value": None, "reason": "error"})
    if language.get("reason") == "too_short" and not text.strip():
        # No text at all (a scan, a refused or broken file): the name it was filed under is all there is.
        language = _safe(lambda: language_from_name(f"{native.get('title') or ''} {filename}"), language)
    return {
        "municipalities": municipalities,
        "issuer": issuer,
        "organisations": organisations,
        "type": doc_type,
        "dates": dates,
        "date": date,
        "language": language,
        "title": title,
    }
