"""The Dutch pages: search, document, original download and overview."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template, request, send_file, url_for

from indexer.service import FACETS, MAX_PAGE, FusiearchiefError, Hit, SearchRequest, name_key, request_from_params
from webui.documents import document_view, mime_type
from webui.downloads import content_disposition
from webui.errors import Problem, as_problem
from webui.formatting import query_string
from webui.preview import INLINE_CSP, inline_kind, text_blocks
from webui.resources import reader
from webui.security import DOWNLOAD_CSP

pages = Blueprint("pages", __name__)

SIMILAR_LIMIT = 5


def search_request() -> SearchRequest:
    """The request from the URL; QueryError (400) on bad input, handled in errors."""
    return request_from_params(request.args.to_dict(flat=False))


def active_filters(search: SearchRequest, facets: dict) -> list[dict]:
    """Every active filter with its label and the URL without it."""
    labels = {(f, v["value"]): v["label"] for f, values in facets.items() for v in values}
    active = []
    for facet in FACETS:
        for value in search.filters.get(facet, ()):
            active.append({"facet": facet, "label": labels.get((facet, value), value),
                           "remove": search.toggled(facet, value)})
    for value in search.filters.get("ocr", ()):
        label = "herkend met OCR" if value == "ja" else "niet met OCR herkend"
        active.append({"facet": "ocr", "label": label, "remove": search.toggled("ocr", value)})
    if search.date_from:
        active.append({"facet": "from", "label": f"vanaf {search.date_from}", "remove": search.to_params(from_=None, page=None)})
    if search.date_to:
        active.append({"facet": "to", "label": f"tot en met {search.date_to}", "remove": search.to_params(to=None, page=None)})
    return active


FACET_HEAD = 8
FACET_LIMIT = 100
MAX_FACET_FILTER = 100


def facet_filters() -> dict[str, str]:
    """facet_filter_<facet>=text from the URL: the words to find among that facet's values."""
    found = {}
    for facet in FACETS:
        text = " ".join(request.args.get(f"facet_filter_{facet}", "").split())[:MAX_FACET_FILTER]
        if text:
            found[facet] = text
    return found


def facet_groups(facets: dict, head: int = FACET_HEAD, limit: int = FACET_LIMIT,
                 queries: dict[str, str] | None = None) -> dict[str, dict]:
    """Per facet the values shown at once, those behind "Meer", and how many are left out.

    Hundreds of municipalities as checkboxes make a page of 100 kB that takes longer to render than
    the search itself; the rare ones beyond `limit` are left out (a selected one always stays).
    A query (facet_filter_<facet>) keeps only the values whose name or code contains it, selected
    ones included, so the rare ones can be found without JavaScript.
    """
    queries = queries or {}
    groups = {}
    for facet, values in facets.items():
        query = queries.get(facet, "")
        matches = None
        if query:
            wanted = name_key(query)
            matching = [v for v in values if wanted in name_key(str(v["label"])) or wanted in name_key(str(v["value"]))]
            matches = len(matching)
            values = matching + [v for v in values if v["selected"] and v not in matching]
        shown = values[:limit]
        shown += [v for v in values[limit:] if v["selected"]]
        groups[facet] = {"head": shown[:head], "tail": shown[head:], "hidden": len(values) - len(shown),
                         "query": query, "matches": matches, "searchable": bool(query) or len(values) > head}
    return groups


def feed_url(search: SearchRequest) -> str:
    return url_for("pages.feed") + query_string(search.to_params(page=None, per_page=None, sort=None))


def page_numbers(current: int, last: int, around: int = 2) -> list[int | None]:
    """1 … 4 5 [6] 7 8 … 20: None marks a gap."""
    shown = sorted({1, last, *range(max(1, current - around), min(last, current + around) + 1)})
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - numbers[-1] > 1:
            numbers.append(None)
        numbers.append(number)
    return numbers


@pages.get("/")
def search_page():
    search = search_request()
    read = reader()
    result = read.search(search)
    last_page = min(result["pages"], MAX_PAGE)
    return render_template(
        "search.html",
        search=search,
        result=result,
        active=active_filters(search, result["facets"]),
        facet_groups=facet_groups(result["facets"], queries=facet_filters()),
        unknown=read.unknown_filter_values(search, result["facets"]),
        feed_url=feed_url(search),
        page_numbers=page_numbers(search.page, last_page),
        last_page=last_page,
        has_state=bool(search.q or search.filters or search.date_from or search.date_to),
        export_max=int(current_app.config["EXPORT_MAX"]),
    )


@pages.get("/documents/<doc_id>")
def document_page(doc_id: str):
    # The search the reader came from travels along, so that the way back restores all of it.
    state = search_request()
    query = state.q
    read = reader()
    doc = document_view(read, doc_id, with_text=True)
    highlighted = None
    similar: list[Hit] = []
    if doc["text"]:
        try:
            highlighted = read.highlight(doc["text"], query) if query else None
            if doc["status"] == "ok":
                similar = read.similar(doc["id"], limit=SIMILAR_LIMIT)
        except FusiearchiefError:
            pass  # no index (yet): the page still shows the document, only without highlights
    blocks = text_blocks(doc["text"], highlighted) if doc["text"] else []
    return render_template("document.html", doc=doc, query=query, state=state, blocks=blocks,
                           preview=inline_kind(doc), similar=similar)


@pages.get("/documents/<doc_id>/original")
def original(doc_id: str):
    """The original as a download; with ?inline=1 shown in the page (PDF and images only: a browser
    renders nothing else of someone else's file in our origin)."""
    inline = request.args.get("inline", "0")
    if inline not in ("0", "1"):
        raise Problem(400, "bad_parameter", "De parameter 'inline' is 0 of 1.")
    read = reader()
    doc = document_view(read, doc_id)
    kind = inline_kind(doc) if inline == "1" else None
    if inline == "1" and kind is None:
        raise Problem(400, "no_preview", "Van dit bestandsformaat is geen voorbeeld te tonen; download het origineel.")
    path = read.original_path(doc["sha256"])
    if path is None:
        raise Problem(404, "not_found", "Het origineel van dit document ontbreekt in het archief.")
    response = send_file(path, mimetype=mime_type(doc, doc["download_name"]), as_attachment=kind is None,
                         download_name=doc["download_name"], max_age=3600)
    if kind is None:
        response.headers["Content-Disposition"] = content_disposition(doc["download_name"])
        response.headers["Content-Security-Policy"] = DOWNLOAD_CSP
    else:
        response.headers["Content-Disposition"] = content_disposition(doc["download_name"], "inline")
        response.headers["Content-Security-Policy"] = INLINE_CSP
        response.headers["X-Frame-Options"] = "SAMEORIGIN"
    return response


@pages.get("/overzicht")
def overview():
    read = reader()
    stats = read.stats()
    runs = read.runs(limit=5)
    try:
        facets = read.facets()["facets"]
        index_message = None
    except FusiearchiefError as error:  # the ingest figures are worth showing without an index too
        facets, index_message = {}, as_problem(error).message
    return render_template("overview.html", stats=stats, runs=runs, facets=facets, index_message=index_message)
