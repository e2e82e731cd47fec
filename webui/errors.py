"""Errors as Dutch pages, or as {"error": {"code", "message"}} under /api/ and for .json/.csv
exports; never a stack trace."""
from __future__ import annotations

from flask import Flask, render_template, request
from werkzeug.exceptions import HTTPException

from indexer.service import (MAX_EXPANDED_TERMS, MAX_FILTER_VALUES, MAX_PAGE, MAX_PER_PAGE, MAX_QUERY_CHARS,
                             FusiearchiefError)

TITLES = {
    400: "Ongeldige vraag",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    413: "Verzoek te groot",
    431: "Verzoek te groot",
    500: "Er ging iets mis",
    503: "Nog niet beschikbaar",
}
HTTP_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 413: "too_large",
              431: "headers_too_large", 500: "internal", 503: "unavailable"}
HTTP_MESSAGES = {
    404: "Deze pagina bestaat niet. Controleer het adres of begin opnieuw bij Zoeken.",
    405: "Deze methode is hier niet toegestaan; het archief kan alleen gelezen worden.",
    413: "Het verzoek is te groot.",
    431: "De kopregels (headers) van het verzoek zijn te groot; verwijder bijvoorbeeld oude cookies voor dit adres.",
    500: "Er ging iets mis aan onze kant. Probeer het later opnieuw; blijft het misgaan, meld het dan "
         "bij de beheerder.",
}


_DATES = "Geef de datums als JJJJ, JJJJ-MM of JJJJ-MM-DD, en 'van' niet later dan 'tot'."
# A bad parameter is named by the error's param; its Dutch message by this table.
PARAMETER_MESSAGES = {
    "page": f"Het paginanummer moet een heel getal van 1 tot en met {MAX_PAGE} zijn.",
    "per_page": f"Het aantal resultaten per pagina moet een heel getal van 1 tot en met {MAX_PER_PAGE} zijn.",
    "sort": "Sorteer op relevantie (relevance), datum oplopend (date) of datum aflopend (-date).",
    "from": _DATES,
    "to": _DATES,
    "year": "Een jaar bestaat uit vier cijfers (0-9), bijvoorbeeld 2013.",
    "q": "De zoekvraag kon niet gelezen worden. Controleer aanhalingstekens en haakjes.",
    **{facet: f"Kies hoogstens {MAX_FILTER_VALUES} waarden per filter."
       for facet in ("municipality", "organisation", "type", "language")},
}
SEARCH_TIMEOUT_MESSAGE = ("Deze zoekvraag kostte te veel tijd (meer dan {seconds:g} seconden) en is afgebroken. "
                          "Maak de zoekvraag specifieker: minder jokertekens (*, ?) of OF-termen, of kies een filter.")
# Every FusiearchiefError code the web can meet: (HTTP status, API code, Dutch message). The errors'
# own messages are English (they serve the CLI); the page and the API speak Dutch only.
ERRORS: dict[str, tuple[int, str, str]] = {
    "leading_wildcard": (400, "query_too_broad", "Een zoekterm in de tekst mag niet met * of ? beginnen: zet er "
                                                 "minstens één letter of cijfer voor, bijvoorbeeld besluit*."),
    "too_many_terms": (400, "query_too_broad", f"De jokertekens (*, ?) in de zoekvraag staan samen voor meer dan "
                                               f"{MAX_EXPANDED_TERMS} woorden. Maak de zoektermen langer of gebruik "
                                               "er minder."),
    "bad_parameter": (400, "bad_parameter", PARAMETER_MESSAGES["q"]),
    "unknown_municipality": (400, "bad_parameter", "Deze gemeente is onbekend: geef een CBS-code (zoals GM0363) of "
                                                   "de naam van een gemeente."),
    "unknown_organisation": (400, "bad_parameter", "Deze fusieorganisatie is onbekend: geef een sleutel (zoals bar) "
                                                   "of de naam van een fusieorganisatie."),
    "not_found": (404, "not_found", "Er is geen document met dit kenmerk in het archief."),
    "no_archive": (503, "no_archive", "Er is nog geen archief in deze gegevensmap. Laat de beheerder eerst documenten "
                                      "inlezen met 'fusiearchief ingest'."),
    "index_building": (503, "index_building", "De zoekindex wordt nu opgebouwd: de eerste documenten worden "
                                              "ingelezen. Probeer het over enkele minuten opnieuw."),
    "index_missing": (503, "no_index", "Er is nog geen zoekindex. Laat de beheerder 'fusiearchief ingest' of "
                                       "'fusiearchief reindex' uitvoeren; probeer het daarna opnieuw."),
    "index_outdated": (503, "no_index", "De zoekindex is gemaakt door een andere versie van Fusiearchief. Laat de "
                                        "beheerder 'fusiearchief reindex' uitvoeren."),
    "no_index": (503, "no_index", "De zoekindex is (nog) niet beschikbaar. Laat de beheerder 'fusiearchief "
                                  "reindex' uitvoeren."),
    "index_locked": (503, "index_building", "De zoekindex wordt nu bijgewerkt. Probeer het over enkele ogenblikken "
                                            "opnieuw."),
    "search_timeout": (503, "search_timeout", SEARCH_TIMEOUT_MESSAGE),
    "catalog": (503, "unavailable", "Het archief kan nu niet gelezen worden. Probeer het later opnieuw."),
}
ERRORS["engine_missing"] = ERRORS["no_index"]


class Problem(FusiearchiefError):
    """An error only the web meets: HTTP status, a stable code for the API, a Dutch message."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message, code=code)
        self.status = status


def as_problem(error: FusiearchiefError) -> Problem:
    """The Dutch answer to an error, by its code (and, for a bad parameter, the parameter)."""
    if isinstance(error, Problem):
        return error
    status, code, message = ERRORS.get(error.code, ERRORS["catalog"])
    if error.code == "bad_parameter":
        if error.param == "q" and len(request.args.get("q", "")) > MAX_QUERY_CHARS:
            message = f"De zoekvraag is te lang: gebruik hoogstens {MAX_QUERY_CHARS} tekens."
        else:
            message = PARAMETER_MESSAGES.get(error.param or "", message)
    elif error.code == "search_timeout":
        message = message.format(seconds=getattr(error, "seconds", 0))
    return Problem(status, code, message)


def wants_json() -> bool:
    path = request.path
    return path.startswith("/api/") or path == "/api" or path.endswith((".json", ".csv", ".xlsx"))


def render_problem(status: int, code: str, message: str, headers: list[tuple[str, str]] | None = None):
    if wants_json():
        return {"error": {"code": code, "message": message}}, status, headers or []
    title = TITLES.get(status, "Fout")
    return render_template("error.html", status=status, title=title, message=message), status, headers or []


def register(app: Flask) -> None:
    @app.errorhandler(FusiearchiefError)
    def known(error: FusiearchiefError):
        problem = as_problem(error)
        if error.code not in ERRORS or error.code == "catalog":
            app.logger.warning("%s: %s", error.code, error)
        return render_problem(problem.status, problem.code, problem.message)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        message = HTTP_MESSAGES.get(status) or TITLES.get(status, "Fout")
        # Allow (405) and the like belong to the answer whichever way it is rendered.
        kept = [(name, value) for name, value in error.get_headers() if name.lower() != "content-type"]
        return render_problem(status, HTTP_CODES.get(status, "error"), message, kept)

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        app.logger.exception("unexpected error on %s", request.path)
        return render_problem(500, "internal", HTTP_MESSAGES[500])
