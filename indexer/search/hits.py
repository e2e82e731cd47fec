"""What every engine returns per hit (from the stored metadata of a document) and per spelling suggestion."""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, TypedDict

from indexer.search.analysis import fold
from indexer.search.snippets import snippet

__all__ = ["FacetValue", "Hit", "SearchResult", "hit_from_meta", "search_result", "suggest_words", "SUGGEST_BELOW"]

Labels = Callable[[str, str], str]


class Hit(TypedDict):
    """One document in a result, as /api/search and 'search --format json' show it."""

    id: str
    title: str
    type: str | None
    type_label: str | None
    date: str | None
    year: int | None
    municipalities: list[dict[str, Any]]
    organisations: list[dict[str, Any]]
    language: str | None
    format: str | None
    status: str | None
    filenames: list[str]
    snippet: str
    score: float | None


class FacetValue(TypedDict):
    value: str
    label: str
    count: int


class SearchResult(TypedDict):
    total: int
    page: int
    per_page: int
    pages: int
    query: str
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    suggestion: str | None
SUGGEST_BELOW = 3
_WORD = re.compile(r"(?<![\w:*\"])([^\W\d_]{4,})(?![\w:*])")
_OPERATORS = {"AND", "OR", "NOT", "EN", "OF", "NIET"}


def hit_from_meta(doc_id: str, meta_json: str, score: float | None, labels: Labels) -> Hit:
    meta = json.loads(meta_json)
    date = meta.get("date")
    return {
        "id": doc_id,
        "title": meta.get("title") or "",
        "type": meta.get("type"),
        "type_label": labels("type", meta["type"]) if meta.get("type") else None,
        "date": date,
        "year": int(date[:4]) if date else None,
        "municipalities": meta.get("municipalities", []),
        "organisations": meta.get("organisations", []),
        "language": meta.get("language"),
        "format": meta.get("format"),
        "status": meta.get("status"),
        "filenames": meta.get("filenames", []),
        "snippet": "",
        "score": score,
    }


def suggest_words(text: str, known: Callable[[str], bool], closest: Callable[[str], str | None]) -> str | None:
    """'Bedoelde u …?': the query with words unknown to the index replaced by the closest known
    word (of the unstemmed, folded vocabulary); None when nothing changed."""
    changed = False

    def replace(match: re.Match) -> str:
        nonlocal changed
        word = match.group(1)
        if word in _OPERATORS:
            return word
        folded = fold(word)
        if known(folded):
            return word
        option = closest(folded)
        if option and option != folded:
            changed = True
            return option
        return word

    suggestion = _WORD.sub(replace, text)
    return suggestion if changed else None


def search_result(request, total: int, hits: list[Hit], counts: dict, suggestion: str | None,
                  terms, texts: Callable[[list[str]], dict[str, str]]) -> SearchResult:
    """The result every engine answers with: the page of hits with snippets over the catalog's
    text (marking `terms`), the facet counts and a spelling suggestion."""
    stored = texts([hit["id"] for hit in hits]) if hits else {}
    for hit in hits:
        hit["snippet"] = snippet(stored.get(hit["id"], ""), terms)
    return {
        "total": total,
        "page": request.page,
        "per_page": request.per_page,
        "pages": max(1, -(-total // request.per_page)),
        "query": request.q,
        "hits": hits,
        "facets": counts,
        "suggestion": suggestion,
    }
