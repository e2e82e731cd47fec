"""The JSON API: /api/search returns exactly SearchIndex.search's dict (the shape of
'fusiearchief search --format json'), /api/documents/<id> one document, /api/openapi.json the description."""
from __future__ import annotations

from flask import Blueprint, request, url_for

from webui.documents import document_view
from webui.errors import Problem
from webui.openapi import openapi_document
from webui.pages import search_request
from webui.resources import reader

api = Blueprint("api", __name__)


@api.get("/search")
def search():
    return reader().search(search_request())


@api.get("/documents/<doc_id>")
def document(doc_id: str):
    with_text = request.args.get("text", "0")
    if with_text not in ("0", "1"):
        raise Problem(400, "bad_parameter", "De parameter 'text' is 0 of 1.")
    view = document_view(reader(), doc_id, with_text=with_text == "1")
    view["original_url"] = url_for("pages.original", doc_id=view["id"])
    return view


@api.get("/openapi.json")
def openapi():
    return openapi_document()


@api.route("/<path:_unknown>")
def unknown(_unknown: str):
    raise Problem(404, "not_found", "Dit API-adres bestaat niet; zie /api/openapi.json.")
