"""A search request from URL-style parameters, validated once for the CLI and the web alike."""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from archive.errors import FusiearchiefError
from archive.records import InvalidDate, PartialDate
from indexer.search.schema import FILTERS, OCR_VALUES

__all__ = ["QueryError", "SearchRequest", "MAX_QUERY_CHARS", "MAX_PER_PAGE", "MAX_PAGE", "SORTS"]

MAX_QUERY_CHARS = 1000
MAX_PER_PAGE = 100
MAX_PAGE = 1000
MAX_FILTER_VALUES = 50
SORTS = ("relevance", "date", "-date")
# ASCII digits only: str.isdigit and \d also accept "１" and "٢٠١٣", which int() reads but the index
# (years and dates stored as ASCII) never holds.
_DIGITS = re.compile(r"[0-9]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_OCR_ANSWERS = {"yes": "ja", "no": "nee", "true": "ja", "false": "nee", "1": "ja", "0": "nee"}


class QueryError(FusiearchiefError, ValueError):
    """Bad search input; .message says what was wrong and what to do, .param names the parameter,
    .code tells the kind of problem (bad_parameter, or e.g. leading_wildcard where the parameter
    alone does not)."""

    code = "bad_parameter"

    def __init__(self, message: str, param: str | None = None, code: str | None = None):
        super().__init__(message, param=param, code=code)


def _one(params: Mapping[str, Sequence[str]], key: str, default: str = "") -> str:
    values = params.get(key) or []
    for value in values:
        if value not in ("", None):
            return str(value)
    return default


def _number(params, key: str, default: int, low: int, high: int) -> int:
    raw = _one(params, key, str(default)).strip()
    if not _DIGITS.fullmatch(raw):
        raise QueryError(f"'{key}' must be a whole number from {low} to {high}, not '{raw[:20]}'.", key)
    value = int(raw)
    if not low <= value <= high:
        raise QueryError(f"'{key}' must be from {low} to {high}; {value} is out of range.", key)
    return value


def _date(params, key: str) -> str | None:
    raw = _one(params, key).strip()
    if not raw:
        return None
    try:
        return PartialDate.parse(raw).iso()
    except InvalidDate:
        pass
    raise QueryError(f"'{key}' must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not '{raw[:20]}'.", key)


@dataclass(frozen=True)
class SearchRequest:
    q: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    date_from: str | None = None
    date_to: str | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10

    @classmethod
    def from_params(cls, params: Mapping[str, Sequence[str]]) -> "SearchRequest":
        q = " ".join(_CONTROL.sub(" ", _one(params, "q")).split())
        if len(q) > MAX_QUERY_CHARS:
            raise QueryError(f"The query is {len(q)} characters long; keep it under {MAX_QUERY_CHARS}.", "q")
        filters = {}
        for facet in FILTERS:
            values = tuple(dict.fromkeys(str(v).strip() for v in params.get(facet) or [] if str(v).strip()))
            if len(values) > MAX_FILTER_VALUES:
                raise QueryError(f"At most {MAX_FILTER_VALUES} values for '{facet}'.", facet)
            if facet == "year" and any(not (_DIGITS.fullmatch(v) and len(v) == 4) for v in values):
                raise QueryError("'year' must be a year such as 2013.", "year")
            if facet == "ocr":
                values = tuple(dict.fromkeys(_OCR_ANSWERS.get(v.lower(), v) for v in values))
                if any(v not in OCR_VALUES for v in values):
                    raise QueryError("'ocr' must be 'ja' (text recognised by OCR) or 'nee'.", "ocr")
            if values:
                filters[facet] = values
        sort = _one(params, "sort", "relevance")
        if sort not in SORTS:
            raise QueryError(f"'sort' must be one of {', '.join(SORTS)}, not '{sort[:20]}'.", "sort")
        request = cls(
            q=q,
            filters=filters,
            date_from=_date(params, "from"),
            date_to=_date(params, "to"),
            sort=sort,
            page=_number(params, "page", 1, 1, MAX_PAGE),
            per_page=_number(params, "per_page", 10, 1, MAX_PER_PAGE),
        )
        if request.date_from and request.date_to and request.date_from > request.date_to:
            raise QueryError(f"'from' ({request.date_from}) lies after 'to' ({request.date_to}).", "from")
        return request

    def to_params(self, **changes) -> list[tuple[str, str]]:
        """The request as URL parameters (defaults left out); `changes` replace single values."""
        state: dict[str, list[str]] = {"q": [self.q] if self.q else []}
        for facet in FILTERS:
            state[facet] = list(self.filters.get(facet, ()))
        state["from"] = [self.date_from] if self.date_from else []
        state["to"] = [self.date_to] if self.date_to else []
        state["sort"] = [self.sort] if self.sort != "relevance" else []
        state["per_page"] = [str(self.per_page)] if self.per_page != 10 else []
        state["page"] = [str(self.page)] if self.page != 1 else []
        for key, value in changes.items():
            key = key.rstrip("_")
            state[key] = [] if value in (None, "", []) else (list(value) if isinstance(value, (list, tuple)) else [str(value)])
        return [(key, value) for key, values in state.items() for value in values]

    def toggled(self, facet: str, value: str) -> list[tuple[str, str]]:
        """Parameters with one facet value switched on or off, back on page 1."""
        values = list(self.filters.get(facet, ()))
        values = [v for v in values if v != value] if value in values else values + [value]
        return self.to_params(**{facet: values, "page": None})
