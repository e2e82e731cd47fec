"""Template helpers: Dutch dates, sizes, labels and URLs that keep the search state."""
from __future__ import annotations

from urllib.parse import urlencode

from flask import Flask

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")
ORIGIN_LABELS = {"detected": "gedetecteerd", "supplied": "aangeleverd", "corrected": "gecorrigeerd"}
ROLE_LABELS = {"issuer": "afzender", "participant": "deelnemer", "mentioned": "genoemd"}
SORT_LABELS = {"relevance": "Relevantie", "-date": "Datum (nieuwste eerst)", "date": "Datum (oudste eerst)"}
FACET_TITLES = {"municipality": "Gemeente", "organisation": "Fusieorganisatie", "type": "Soort document",
                "year": "Jaar", "language": "Taal", "ocr": "Tekst"}
STATUS_LABELS = {"ok": "gelezen", "failed": "niet gelezen"}


def nl_date(value: str | None) -> str:
    """'2013-04-09' -> '9 april 2013'; '2013-04' -> 'april 2013'; '2013' stays."""
    if not value:
        return "onbekend"
    parts = str(value).split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return str(value)


def filesize(size: int | None) -> str:
    if size is None:
        return "onbekend"
    if size < 1024:
        return f"{size} bytes"
    for unit in ("kB", "MB", "GB"):
        size /= 1024
        if size < 1024 or unit == "GB":
            return f"{size:.1f} {unit}".replace(".", ",")
    return str(size)


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
    app.add_template_filter(filesize, "filesize")
    app.add_template_filter(query_string, "query_string")
    app.add_template_filter(ocr_label, "ocr_label")
    app.add_template_filter(lambda v: ORIGIN_LABELS.get(v, v or "onbekend"), "origin_label")
    app.add_template_filter(lambda v: ROLE_LABELS.get(v, v or ""), "role_label")
    app.add_template_filter(lambda v: STATUS_LABELS.get(v, v or ""), "status_label")
    app.jinja_env.globals.update(SORT_LABELS=SORT_LABELS, FACET_TITLES=FACET_TITLES)

    from indexer.labels import LANGUAGE_LABELS

    app.add_template_filter(lambda v: LANGUAGE_LABELS.get(v, v or "onbekend"), "language_label")
