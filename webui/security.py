"""Response headers that keep the pages to themselves: own scripts and styles only, no framing,
no MIME sniffing, no referrer leaking search terms to other sites."""
from __future__ import annotations

from flask import Flask, Response

CSP = ("default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
# An original is someone else's file: if a browser ever renders one (an HTML original), it runs nothing.
DOWNLOAD_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'"


def add_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    return response


def register(app: Flask) -> None:
    app.after_request(add_headers)
