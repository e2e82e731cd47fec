"""OpenAPI 3.0 description of the JSON API; tests validate real responses against these schemas."""
from __future__ import annotations

from indexer.service import FACETS, MAX_PAGE, MAX_PER_PAGE, MAX_QUERY_CHARS, SORTS


def _nullable(schema: dict) -> dict:
    return {**schema, "nullable": True}


STRING = {"type": "string"}
MUNICIPALITY = {
    "type": "object",
    "required": ["code", "name"],
    "properties": {"code": STRING, "name": _nullable(STRING), "role": _nullable(STRING)},
}
ORGANISATION = {"type": "object", "required": ["key", "name"],
                "properties": {"key": STRING, "name": _nullable(STRING)}}
HIT = {
    "type": "object",
    "required": ["id", "title", "type", "type_label", "date", "year", "municipalities", "organisations",
                 "language", "format", "filenames", "snippet", "score"],
    "properties": {
        "id": STRING,
        "title": STRING,
        "type": _nullable(STRING),
        "type_label": _nullable(STRING),
        "date": _nullable({"type": "string", "description": "YYYY, YYYY-MM or YYYY-MM-DD"}),
        "year": _nullable({"type": "integer"}),
        "municipalities": {"type": "array", "items": {"$ref": "#/components/schemas/Municipality"}},
        "organisations": {"type": "array", "items": {"$ref": "#/components/schemas/Organisation"}},
        "language": _nullable(STRING),
        "format": _nullable(STRING),
        "status": _nullable(STRING),
        "filenames": {"type": "array", "items": STRING},
        "snippet": {"type": "string", "description": "HTML-escaped text; only <mark> elements are markup"},
        "score": _nullable({"type": "number", "description": "null when sorted by date"}),
    },
}
FACET_VALUE = {
    "type": "object",
    "required": ["value", "label", "count", "selected"],
    "properties": {"value": STRING, "label": STRING, "count": {"type": "integer"}, "selected": {"type": "boolean"}},
}
SEARCH_RESULT = {
    "type": "object",
    "required": ["total", "page", "per_page", "pages", "query", "hits", "facets", "suggestion"],
    "properties": {
        "total": {"type": "integer"},
        "page": {"type": "integer"},
        "per_page": {"type": "integer"},
        "pages": {"type": "integer"},
        "query": STRING,
        "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
        "facets": {
            "type": "object",
            "required": list(FACETS),
            "properties": {f: {"type": "array", "items": {"$ref": "#/components/schemas/FacetValue"}} for f in FACETS},
        },
        "suggestion": _nullable({"type": "string", "description": "'Bedoelde u …?'"}),
    },
}
DOCUMENT = {
    "type": "object",
    "required": ["id", "sha256", "title", "type", "type_label", "date", "date_precision", "language", "issuer",
                 "municipalities", "organisations", "origins", "format", "mime", "ext", "pages", "size",
                 "status", "failure", "provenance", "download_name", "original_url", "ocr"],
    "properties": {
        "id": STRING,
        "sha256": STRING,
        "title": STRING,
        "type": _nullable(STRING),
        "type_label": _nullable(STRING),
        "date": _nullable(STRING),
        "date_precision": _nullable({"type": "string", "enum": ["day", "month", "year"]}),
        "language": _nullable(STRING),
        "issuer": _nullable(STRING),
        "municipalities": {"type": "array", "items": {"$ref": "#/components/schemas/Municipality"}},
        "organisations": {"type": "array", "items": {"$ref": "#/components/schemas/Organisation"}},
        "origins": {
            "type": "object",
            "description": "per metadata field where its value came from",
            "additionalProperties": {"type": "string", "enum": ["detected", "supplied", "corrected"]},
        },
        "format": _nullable(STRING),
        "mime": _nullable(STRING),
        "ext": STRING,
        "pages": _nullable({"type": "integer"}),
        "size": {"type": "integer"},
        "status": {"type": "string", "enum": ["ok", "failed"]},
        "failure": _nullable({
            "type": "object", "required": ["code", "message"],
            "properties": {"code": _nullable(STRING), "message": _nullable(STRING)},
        }),
        "ocr": _nullable({
            "type": "object", "description": "hoe de tekst met OCR is herkend (null: uit de tekstlaag)",
            "required": ["pages", "engine", "languages", "confidence"],
            "properties": {"pages": {"type": "integer"}, "engine": _nullable(STRING),
                           "languages": _nullable(STRING), "confidence": _nullable({"type": "number"})},
        }),
        "provenance": {"type": "array", "items": {
            "type": "object", "required": ["path", "filename", "seen_at"],
            "properties": {"path": STRING, "filename": STRING, "size": _nullable({"type": "integer"}),
                           "run_id": _nullable({"type": "integer"}), "seen_at": STRING},
        }},
        "download_name": STRING,
        "original_url": STRING,
        "text": {"type": "string", "description": "only with ?text=1"},
    },
}
ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {"type": "object", "required": ["code", "message"],
                             "properties": {"code": STRING, "message": STRING}}},
}


def _error(description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _list_param(name: str, description: str) -> dict:
    return {"name": name, "in": "query", "description": description, "style": "form", "explode": True,
            "schema": {"type": "array", "items": {"type": "string"}}}


SEARCH_PARAMETERS = [
    {"name": "q", "in": "query", "description": "Zoekvraag: woorden, OF/OR, NIET/-, \"zinnen\", prefix*, veld:waarde",
     "schema": {"type": "string", "maxLength": MAX_QUERY_CHARS}},
    _list_param("municipality", "CBS-code (GM0363); herhaal voor meer (OF)"),
    _list_param("organisation", "sleutel van de fusieorganisatie (bar, noaberkracht)"),
    _list_param("type", "soort document (mandaatbesluit)"),
    _list_param("year", "jaar (2013)"),
    _list_param("language", "taalcode (nl, fy, en)"),
    {"name": "ocr", "in": "query", "description": "ja: alleen documenten waarvan de tekst met OCR is herkend; nee: zonder",
     "schema": {"type": "string", "enum": ["ja", "nee"]}},
    {"name": "from", "in": "query", "description": "vroegste datum: YYYY, YYYY-MM of YYYY-MM-DD",
     "schema": {"type": "string"}},
    {"name": "to", "in": "query", "description": "laatste datum", "schema": {"type": "string"}},
    {"name": "sort", "in": "query", "schema": {"type": "string", "enum": list(SORTS), "default": "relevance"}},
    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1}},
    {"name": "per_page", "in": "query",
     "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": 10}},
]


EXPORTS = [
    ("csv", "text/csv", "Metadata als CSV; standaard voor Nederlandse Excel (UTF-8 met BOM, ';' tussen de kolommen), "
                        "met dialect=rfc4180 met komma's en zonder BOM. Cellen die met = + - @ beginnen krijgen een "
                        "apostrof ervoor."),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Metadata als Excel-werkmap"),
    ("json", "application/json", "Metadata als JSON-lijst"),
    ("zip", "application/zip", "De originelen met manifest.csv, manifest.xlsx en manifest.json"),
]


def _export(kind: str, mime: str, description: str) -> dict:
    parameters = list(SEARCH_PARAMETERS[:-2])  # the search without paging: all matches, up to the export limit
    if kind in ("csv", "zip"):
        parameters.append({"name": "dialect", "in": "query", "description": "CSV-dialect (ook van manifest.csv)",
                           "schema": {"type": "string", "enum": ["excel", "rfc4180"], "default": "excel"}})
    return {
        "summary": f"Export van de zoekopdracht: {description}",
        "operationId": f"export_{kind}",
        "parameters": parameters,
        "responses": {
            "200": {"description": description, "content": {mime: {"schema": {"type": "string", "format": "binary"}}}},
            "400": _error("Ongeldige parameter, of meer documenten dan de exportlimiet (code export_too_large)"),
            "503": _error("Nog geen archief of zoekindex"),
        },
    }


def openapi_document() -> dict:
    # A relative server URL: the description is valid on whatever host serves it, and a Host header
    # sent by a client is never echoed back (it could point readers of the document elsewhere).
    return {
        "openapi": "3.0.3",
        "info": {"title": "Fusiearchief API", "version": "1",
                 "description": "Zoeken in en lezen uit het Fusiearchief (alleen lezen)."},
        "servers": [{"url": "/"}],
        "paths": {
            "/api/search": {"get": {
                "summary": "Zoeken met filters, facetten en paginering",
                "operationId": "search",
                "parameters": SEARCH_PARAMETERS,
                "responses": {
                    "200": {"description": "Zoekresultaten",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchResult"}}}},
                    "400": _error("Ongeldige parameter of te brede zoekvraag (code query_too_broad)"),
                    "503": _error("Nog geen archief of zoekindex, of de zoekvraag kostte te veel tijd "
                                  "(code search_timeout)"),
                },
            }},
            "/api/documents/{id}": {"get": {
                "summary": "Eén document: metadata met herkomst en provenance",
                "operationId": "document",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"name": "text", "in": "query", "description": "1: ook de tekst",
                     "schema": {"type": "string", "enum": ["0", "1"], "default": "0"}},
                ],
                "responses": {
                    "200": {"description": "Het document",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Document"}}}},
                    "400": _error("Ongeldige parameter"),
                    "404": _error("Onbekend document"),
                    "503": _error("Nog geen archief"),
                },
            }},
            "/api/openapi.json": {"get": {
                "summary": "Deze beschrijving",
                "operationId": "openapi",
                "responses": {"200": {"description": "OpenAPI 3.0", "content": {"application/json": {"schema": {"type": "object"}}}}},
            }},
            **{f"/export.{kind}": {"get": _export(kind, mime, description)} for kind, mime, description in EXPORTS},
        },
        "components": {"schemas": {
            "SearchResult": SEARCH_RESULT, "Hit": HIT, "FacetValue": FACET_VALUE, "Municipality": MUNICIPALITY,
            "Organisation": ORGANISATION, "Document": DOCUMENT, "Error": ERROR,
        }},
    }
