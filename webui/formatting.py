"""Template helpers: Dutch dates, sizes, labels and URLs that keep the search state."""
from __future__ import annotations

from datetime import datetime
from urllib.parse import urlencode
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import Flask

from indexer.service import LANGUAGE_LABELS, FusiearchiefError, PartialDate, concerned, mentioned

ORIGIN_LABELS = {"detected": "gedetecteerd", "supplied": "aangeleverd", "corrected": "gecorrigeerd"}
ROLE_LABELS = {"issuer": "afzender", "participant": "deelnemer", "mentioned": "genoemd"}
SORT_LABELS = {"relevance": "Relevantie", "-date": "Datum (nieuwste eerst)", "date": "Datum (oudste eerst)"}
FACET_TITLES = {"municipality": "Gemeente", "organisation": "Fusieorganisatie", "type": "Soort document",
                "year": "Jaar", "language": "Taal", "ocr": "Tekst"}
FACET_PLURALS = {"municipality": "gemeenten", "organisation": "fusieorganisaties", "type": "soorten",
                 "year": "jaren", "language": "talen", "ocr": "tekstbronnen"}
STATUS_LABELS = {"ok": "gelezen", "failed": "niet gelezen"}
RUN_STATUS_LABELS = {"running": "bezig", "ok": "klaar", "failed": "afgebroken door een fout", "interrupted": "onderbroken"}
# The extractors' messages are English and name server paths; the page says the same per code in Dutch.
FAILURE_MESSAGES = {
    "unsupported_format": "Dit bestandsformaat kan het archief niet lezen (bijvoorbeeld een oud .doc-bestand). "
                          "Sla het op als PDF, DOCX of ODT en lees het opnieuw in.",
    "encrypted": "Het bestand is met een wachtwoord beveiligd. Vraag een onbeveiligde versie op.",
    "corrupt": "Het bestand is beschadigd of onvolledig en kon niet geopend worden.",
    "empty_text": "Er staat geen leesbare tekst in het bestand (bijvoorbeeld een scan zonder tekstlaag).",
    "too_large": "Het bestand is groter dan de ingestelde grens en is daarom niet gelezen.",
    "timeout": "Het lezen van het bestand duurde te lang en is afgebroken.",
    "ocr_failed": "De tekstherkenning (OCR) van deze scan is mislukt; de scan is niet doorzoekbaar.",
    "unreadable": "Het bestand kon bij het inlezen niet gelezen worden (geen toegang, of het bestaat niet meer).",
}
FAILURE_FALLBACK = "Het bestand kon niet gelezen worden."
LOCAL_TIME: ZoneInfo | None
try:
    LOCAL_TIME = ZoneInfo("Europe/Amsterdam")
except ZoneInfoNotFoundError:  # no tz database: times stay in UTC, and say so
    LOCAL_TIME = None


def nl_date(value: str | None) -> str:
    """'2013-04-09' -> '9 april 2013'; '2013-04' -> 'april 2013'; '2013' stays."""
    if not value:
        return "onbekend"
    try:
        return PartialDate.parse(str(value)).dutch()
    except FusiearchiefError:
        return str(value)


def nl_datetime(value: str | None) -> str:
    """'2026-12-03T13:42:14+00:00' -> '3 december 2026, 14:42' (Dutch time)."""
    if not value:
        return "onbekend"
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return nl_date(str(value)[:10])
    suffix = ""
    if LOCAL_TIME is not None and moment.tzinfo is not None:
        moment = moment.astimezone(LOCAL_TIME)
    elif moment.tzinfo is not None:
        suffix = " (UTC)"
    return f"{nl_date(moment.date().isoformat())}, {moment:%H:%M}{suffix}"


def failure_message(code: str | None) -> str:
    return FAILURE_MESSAGES.get(code or "", FAILURE_FALLBACK)


def filesize(size: int | None) -> str:
    if size is None:
        return "onbekend"
    if size < 1024:
        return f"{size} bytes"
    amount = float(size)
    for unit in ("kB", "MB", "GB"):
        amount /= 1024
        if amount < 1024 or unit == "GB":
            return f"{amount:.1f} {unit}".replace(".", ",")
    return str(amount)


def ocr_label(ocr: dict | None) -> str:
    """'tekst herkend met OCR, betrouwbaarheid 87 %' (empty when the text came from a text layer)."""
    if not ocr:
        return ""
    label = "tekst herkend met OCR"
    if ocr.get("confidence") is not None:
        label += f", betrouwbaarheid {round(ocr['confidence'])} %"
    return label


def query_string(params) -> str:
    """'?a=1&b=2' from (key, value) pairs; '?' alone would still be a link to the same page, so '' is
    returned for no parameters and the caller's base path is used as is."""
    encoded = urlencode(list(params))
    return f"?{encoded}" if encoded else ""


def register(app: Flask) -> None:
    app.add_template_filter(nl_date, "nl_date")
    app.add_template_filter(nl_datetime, "nl_datetime")
    app.add_template_filter(failure_message, "failure_message")
    app.add_template_filter(filesize, "filesize")
    app.add_template_filter(query_string, "query_string")
    app.add_template_filter(ocr_label, "ocr_label")
    app.add_template_filter(lambda v: ORIGIN_LABELS.get(v, v or "onbekend"), "origin_label")
    app.add_template_filter(lambda v: ROLE_LABELS.get(v, v or ""), "role_label")
    app.add_template_filter(lambda v: STATUS_LABELS.get(v, v or ""), "status_label")
    app.add_template_filter(lambda v: RUN_STATUS_LABELS.get(v, v or "bezig"), "run_status_label")
    app.add_template_filter(concerned, "concerned")
    app.add_template_filter(mentioned, "mentioned")
    app.jinja_env.globals.update(SORT_LABELS=SORT_LABELS, FACET_TITLES=FACET_TITLES,
                                 FACET_PLURALS=FACET_PLURALS)


    app.add_template_filter(lambda v: LANGUAGE_LABELS.get(v, v or "onbekend"), "language_label")
