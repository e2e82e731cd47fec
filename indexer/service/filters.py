"""A search request from URL-style parameters, with municipality and organisation filters accepted by
name as well as by code: the CLI's options and the web's URL parameters take the same values."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from indexer.detect.reference import resolve_municipality, resolve_organisation
from indexer.search import QueryError, SearchRequest

__all__ = ["request_from_params"]


def _municipality_code(text: str) -> str:
    found = resolve_municipality(text)
    if found is None:
        raise QueryError(f"Municipality '{text}' not found: give a CBS code (GM0363) or a name.", "municipality",
                         code="unknown_municipality")
    return found.code


def _organisation_key(text: str) -> str:
    found = resolve_organisation(text)
    if found is None:
        raise QueryError(f"Fusion organisation '{text}' not found: give a key such as 'bar' or its name.",
                         "organisation", code="unknown_organisation")
    return found.key


def request_from_params(params: Mapping[str, Sequence[str]]) -> SearchRequest:
    """SearchRequest.from_params after names became codes (GM0363) and keys ('bar')."""
    resolved = dict(params)
    for key, resolve in (("municipality", _municipality_code), ("organisation", _organisation_key)):
        values = [str(v).strip() for v in params.get(key) or [] if str(v).strip()]
        resolved[key] = [resolve(v) for v in values]
    return SearchRequest.from_params(resolved)
