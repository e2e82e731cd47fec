"""What the views read: the app's application core (one per app: its search index reuses and
refreshes its searcher), and a Reader with its own read-only catalog connection per request, closed
when the request ends (as the Flask tutorial's get_db)."""
from __future__ import annotations

from flask import current_app, g

from indexer.service import Fusiearchief, Reader


def core() -> Fusiearchief:
    return current_app.extensions["fusiearchief"]


def reader() -> Reader:
    """This request's reader (SQLite connections are not shared between threads)."""
    if "reader" not in g:
        g.reader = core().read()
    return g.reader


def close_reader(_exc: BaseException | None = None) -> None:
    found = g.pop("reader", None)
    if found is not None:
        found.close()
