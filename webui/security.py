"""Response headers that keep the pages to themselves: own scripts and styles only, no framing,
no MIME sniffing, no referrer leaking search terms to other sites."""
from __future__ import annotations

from flask import Flask, Response, abort, request

CSP = ("default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
# An original is someone else's file: if a browser ever renders one (an HTML original), it runs nothing.
DOWNLOAD_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'"


# Request headers beyond this are refused by the app, so the answer has the API's JSON shape under
# /api/ and is a Dutch page elsewhere; waitress refuses far larger ones itself (see server.py).
MAX_HEADER_BYTES = 32 * 1024


def limit_headers() -> None:
    size = sum(len(name) + len(value) + 4 for name, value in request.headers.items())
    if size > MAX_HEADER_BYTES:
        abort(431)


def add_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    return response


def register(app: Flask) -> None:
    app.before_request(limit_headers)
    app.after_request(add_headers)
