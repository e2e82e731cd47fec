"""An Atom feed for every search (the search page's URL parameters): its newest documents first, so a
civil servant can follow a saved search in a feed reader or mail client."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

from flask import Response, request, url_for

from indexer.service import PartialDate, facet_label
from webui.formatting import FACET_TITLES, nl_date, query_string
from webui.pages import pages, search_request
from webui.resources import reader

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
EPOCH = "1970-01-01T00:00:00+00:00"


def _timestamp(value: str | None) -> str | None:
    """An RFC 3339 time for Atom from a catalog time or a document date (YYYY, YYYY-MM, YYYY-MM-DD)."""
    if not value:
        return None
    if "T" in value:
        return value
    return f"{PartialDate.parse(value).start.isoformat()}T00:00:00+00:00"


def _element(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def _describe(search) -> str:
    """'‘mandaat’; Soort document: Mandaatbesluit; periode 2013 – …' for the feed's title."""
    parts = [f"‘{search.q}’"] if search.q else []
    for facet, values in search.filters.items():
        parts.append(f"{FACET_TITLES.get(facet, facet)}: {', '.join(facet_label(facet, v) for v in values)}")
    if search.date_from or search.date_to:
        parts.append(f"periode {search.date_from or '…'} – {search.date_to or '…'}")
    return "; ".join(parts) or "alle documenten"


@pages.get("/feed.atom")
def feed():
    search = search_request()
    newest = replace(search, sort="-date", page=1, per_page=FEED_SIZE)
    read = reader()
    result = read.search(newest)
    state = newest.to_params(sort=None, per_page=None)
    root = request.url_root.rstrip("/")
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "nl"})
    _element(feed, "id", root + url_for("pages.feed") + query_string(state))
    _element(feed, "title", f"Fusiearchief: {_describe(search)}")
    _element(feed, "subtitle", f"De nieuwste documenten (op datum) voor deze zoekopdracht; {result['total']} in totaal.")
    _element(feed, "link", rel="self", type="application/atom+xml", href=root + url_for("pages.feed") + query_string(state))
    _element(feed, "link", rel="alternate", type="text/html", href=root + url_for("pages.search_page") + query_string(state))
    author = _element(feed, "author")
    _element(author, "name", "Fusiearchief")
    _element(feed, "generator", "Fusiearchief")
    updated = _element(feed, "updated")
    latest = EPOCH
    for hit in result["hits"]:
        arrivals = read.provenance(hit["id"])
        arrived = _timestamp(min((a.seen_at for a in arrivals if a.seen_at), default=None)) or EPOCH
        latest = max(latest, arrived)
        entry = _element(feed, "entry")
        _element(entry, "id", root + url_for("pages.document_page", doc_id=hit["id"]))
        _element(entry, "title", hit["title"] or "Zonder titel")
        _element(entry, "link", rel="alternate", type="text/html",
                 href=root + url_for("pages.document_page", doc_id=hit["id"]))
        _element(entry, "updated", arrived)
        if hit.get("date"):
            _element(entry, "published", _timestamp(hit["date"]))
        places = ", ".join(m.get("name") or m.get("code") for m in hit.get("municipalities", []))
        organisations = ", ".join(o.get("name") or o.get("key") for o in hit.get("organisations", []))
        summary = " · ".join(part for part in (hit.get("type_label"), nl_date(hit.get("date")) if hit.get("date") else "",
                                                organisations, places) if part)
        _element(entry, "summary", summary)
        if hit.get("type"):
            _element(entry, "category", term=hit["type"], label=hit.get("type_label") or hit["type"])
    updated.text = latest
    body = ET.tostring(feed, encoding="unicode", xml_declaration=False)
    return Response('<?xml version="1.0" encoding="utf-8"?>\n' + body, mimetype="application/atom+xml")
