"""Errors as Dutch pages, or as {"error": {"code", "message"}} under /api/ and for .json/.csv
exports; never a stack trace."""
from __future__ import annotations

from flask import Flask, render_template, request
from werkzeug.exceptions import HTTPException

from indexer.search.budget import MAX_EXPANDED_TERMS

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


QUERY_TOO_BROAD = {
    "leading_wildcard": "Een zoekterm in de tekst mag niet met * of ? beginnen: zet er minstens één letter of "
                        "cijfer voor, bijvoorbeeld besluit*.",
    "too_many_terms": f"De jokertekens (*, ?) in de zoekvraag staan samen voor meer dan {MAX_EXPANDED_TERMS} "
                      "woorden. Maak de zoektermen langer of gebruik er minder.",
}
SEARCH_TIMEOUT_MESSAGE = ("Deze zoekvraag kostte te veel tijd (meer dan {seconds:g} seconden) en is afgebroken. "
                          "Maak de zoekvraag specifieker: minder jokertekens (*, ?) of OF-termen, of kies een filter.")


class Problem(Exception):
    """An error the user should see: HTTP status, a stable code for the API, a Dutch message."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def query_problem(error) -> Problem:
    """A QueryError in Dutch; the parameter tells what to say, the limits come from the request module."""
    from indexer.search.request import MAX_FILTER_VALUES, MAX_PAGE, MAX_PER_PAGE, MAX_QUERY_CHARS

    param = getattr(error, "param", None)
    messages = {
        "page": f"Het paginanummer moet een heel getal van 1 tot en met {MAX_PAGE} zijn.",
        "per_page": f"Het aantal resultaten per pagina moet een heel getal van 1 tot en met {MAX_PER_PAGE} zijn.",
        "sort": "Sorteer op relevantie (relevance), datum oplopend (date) of datum aflopend (-date).",
        "from": "Geef de datums als JJJJ, JJJJ-MM of JJJJ-MM-DD, en 'van' niet later dan 'tot'.",
        "to": "Geef de datums als JJJJ, JJJJ-MM of JJJJ-MM-DD, en 'van' niet later dan 'tot'.",
        "year": "Een jaar bestaat uit vier cijfers (0-9), bijvoorbeeld 2013.",
    }
    code = getattr(error, "code", None)
    if code in QUERY_TOO_BROAD:
        return Problem(400, "query_too_broad", QUERY_TOO_BROAD[code])
    if param == "q" and len(request.args.get("q", "")) > MAX_QUERY_CHARS:
        message = f"De zoekvraag is te lang: gebruik hoogstens {MAX_QUERY_CHARS} tekens."
    elif param in messages:
        message = messages[param]
    elif param in ("municipality", "organisation", "type", "language"):
        message = f"Kies hoogstens {MAX_FILTER_VALUES} waarden per filter."
    else:
        message = "De zoekvraag kon niet gelezen worden. Controleer aanhalingstekens en haakjes."
    # The QueryError's own text is English (it serves the CLI too); the page and the API speak Dutch only.
    return Problem(400, "bad_parameter", message)


def wants_json() -> bool:
    path = request.path
    return path.startswith("/api/") or path == "/api" or path.endswith((".json", ".csv", ".xlsx"))


def render_problem(status: int, code: str, message: str, headers: list[tuple[str, str]] | None = None):
    if wants_json():
        return {"error": {"code": code, "message": message}}, status, headers or []
    title = TITLES.get(status, "Fout")
    return render_template("error.html", status=status, title=title, message=message), status, headers or []


def register(app: Flask) -> None:
    from archive import CatalogError, DocumentNotFound
    from indexer.search import IndexUnavailable, QueryError, SearchTimeout

    @app.errorhandler(Problem)
    def problem(error: Problem):
        return render_problem(error.status, error.code, error.message)

    @app.errorhandler(QueryError)
    def bad_query(error):
        found = query_problem(error)
        return render_problem(found.status, found.code, found.message)

    @app.errorhandler(DocumentNotFound)
    def unknown_document(_error):
        return render_problem(404, "not_found", "Er is geen document met dit kenmerk in het archief.")

    @app.errorhandler(IndexUnavailable)
    def no_index(_error):
        return render_problem(503, "no_index", "De zoekindex is (nog) niet beschikbaar. Laat de beheerder "
                                               "'fusiearchief reindex' uitvoeren.")

    @app.errorhandler(SearchTimeout)
    def search_timeout(error):
        return render_problem(503, "search_timeout", SEARCH_TIMEOUT_MESSAGE.format(seconds=error.seconds))

    @app.errorhandler(CatalogError)
    def catalog_error(error):
        app.logger.warning("catalog: %s", error)
        return render_problem(503, "unavailable", "Het archief kan nu niet gelezen worden. Probeer het later opnieuw.")

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
