"""Highlighted snippets from the archive's stored text: everything HTML-escaped, only <mark> is markup.

A word matches when any of the terms it is indexed under (its stem, its compound parts) is among the
query's terms, so "besluit" marks "mandaatbesluiten" as the index matched it. Done on the word spans
with cached per-word terms: re-running Whoosh's analyzer chain per hit was the largest cost of a
search page.
"""
from __future__ import annotations

from html import escape

from indexer.search.analysis import index_terms, word_spans

__all__ = ["snippet", "highlight_all"]

# The opening of a document is where its matches are shown; a 5 MB text is not scanned whole.
SNIPPET_CHARS = 50_000
MAX_FRAGMENTS = 3


def _matches(text: str, terms: frozenset[str]) -> list[tuple[int, int]]:
    return [(start, end) for start, end, word in word_spans(text) if not terms.isdisjoint(index_terms(word))]


def _marked(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    out, at = [], start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        out.append(escape(text[at:span_start], quote=False))
        out.append(f"<mark>{escape(text[span_start:span_end], quote=False)}</mark>")
        at = span_end
    out.append(escape(text[at:end], quote=False))
    return "".join(out)


def _widen(text: str, start: int, end: int, chars: int) -> tuple[int, int]:
    """A window of about `chars` around [start, end), cut at spaces."""
    room = max(0, chars - (end - start)) // 2
    left, right = max(0, start - room), min(len(text), end + room)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    return left, right


def snippet(text: str, terms: frozenset[str], *, chars: int = 220) -> str:
    """Up to three fragments around the most matches, or the opening of the text."""
    text = text[:SNIPPET_CHARS]
    spans = _matches(text, terms) if terms else []
    if not spans:
        opening = " ".join(text[: chars + 40].split())
        return escape(opening[:chars] + ("…" if len(opening) > chars else ""), quote=False)
    windows: list[tuple[int, int]] = []
    for start, end in spans:
        if windows and start < windows[-1][1]:
            continue
        windows.append(_widen(text, start, end, chars // MAX_FRAGMENTS * 2))
        if len(windows) == MAX_FRAGMENTS:
            break
    parts = [" ".join(_marked(text, left, right, spans).split()) for left, right in windows]
    return " … ".join(parts)


def highlight_all(text: str, terms: frozenset[str]) -> str:
    """The whole text escaped, with every match marked (for the document page)."""
    if not text:
        return ""
    return _marked(text, 0, len(text), _matches(text, terms) if terms else [])
