"""Pages per fusion organisation and per municipality: who, since when, and their documents over time
by type (counted in the search index), linked from facets, result rows and the document page."""
from __future__ import annotations

from flask import render_template

from indexer.service import SearchRequest, reference
from indexer.service import FusiearchiefError
from webui.errors import Problem, as_problem
from webui.formatting import query_string
from webui.pages import feed_url, pages
from webui.resources import reader


def _facets(filters: dict[str, tuple[str, ...]]) -> tuple[int, dict]:
    result = reader().facets(SearchRequest(filters=filters, per_page=1))
    return result["total"], result["facets"]


def timeline(filters: dict[str, tuple[str, ...]]) -> dict:
    """{"total", "years": [{"year", "total", "types": [{"value", "label", "count", "url"}]}], "undated",
    "search_url"}: one search per document type present, each giving its year counts."""
    total, facets = _facets(filters)
    years: dict[str, dict] = {}
    for type_value in facets.get("type", []):
        with_type = {**filters, "type": (type_value["value"],)}
        _, by_year = _facets(with_type)
        for year in by_year.get("year", []):
            row = years.setdefault(str(year["value"]), {"year": str(year["value"]), "total": 0, "types": []})
            row["total"] += year["count"]
            params = [(k, v) for k, values in with_type.items() for v in values] + [("year", str(year["value"]))]
            row["types"].append({"value": type_value["value"], "label": type_value["label"], "count": year["count"],
                                 "url": "/" + query_string(params)})
    dated = sum(row["total"] for row in years.values())
    search_params = [(k, v) for k, values in filters.items() for v in values]
    return {"total": total, "years": [years[y] for y in sorted(years)], "undated": max(0, total - dated),
            "search_url": "/" + query_string(search_params),
            "feed_url": feed_url(SearchRequest(filters=filters))}


def _municipality_row(code: str) -> dict:
    found = reference.municipality(code)
    if found is None:
        return {"code": code, "name": code, "valid_to": None, "successor": None}
    successor = reference.municipality(found.successor) if found.successor else None
    return {"code": found.code, "name": found.name, "valid_to": found.valid_to,
            "successor": {"code": successor.code, "name": successor.name} if successor else None}


@pages.get("/organisaties")
def organisations_page():
    try:
        counts = {v["value"]: v["count"] for v in _facets({})[1].get("organisation", [])}
        index_message = None
    except FusiearchiefError as error:  # the register is worth showing without an index too
        counts, index_message = {}, as_problem(error).message
    rows = [{"key": o.key, "name": o.name, "start": o.start, "end": o.end, "documents": counts.get(o.key, 0),
             "members": [_municipality_row(code) for code in o.members]}
            for o in sorted(reference.organisations(), key=lambda o: o.name.casefold())]
    return render_template("organisations.html", organisations=rows, index_message=index_message)


@pages.get("/organisaties/<key>")
def organisation_page(key: str):
    found = reference.resolve_organisation(key)
    if found is None:
        raise Problem(404, "not_found", "Deze fusieorganisatie staat niet in het register. Kies er een uit de "
                                        "lijst met organisaties.")
    members = [_municipality_row(code) for code in found.members]
    return render_template("organisation.html", organisation=found, members=members,
                           timeline=timeline({"organisation": (found.key,)}))


@pages.get("/gemeenten/<code>")
def municipality_page(code: str):
    found = reference.resolve_municipality(code) if code[:2].upper() == "GM" else None
    if found is None:
        raise Problem(404, "not_found", "Deze gemeente staat niet in het register. Gebruik een CBS-code "
                                        "zoals GM1774.")
    successor = _municipality_row(found.successor) if found.successor else None
    predecessors = [_municipality_row(m.code) for m in reference.municipalities() if m.successor == found.code]
    organisations = [o for o in reference.organisations() if found.code in o.members]
    return render_template("municipality.html", municipality=found, successor=successor,
                           predecessors=sorted(predecessors, key=lambda m: m["name"]), organisations=organisations,
                           timeline=timeline({"municipality": (found.code,)}))
