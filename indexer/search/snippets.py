"""Highlighted snippets from the archive's stored text: everything HTML-escaped, only <mark> is markup."""
from __future__ import annotations

from html import escape

from whoosh import highlight
from whoosh import query as wq

from indexer.search.analysis import dutch_analyzer, stem

__all__ = ["query_terms", "snippet", "highlight_all"]

# Re-analysing a whole long text per hit is what makes highlighting slow; the opening of a
# document is where its matches are shown anyway.
SNIPPET_CHARS = 30_000
_ANALYZER = dutch_analyzer()


class _MarkFormatter(highlight.Formatter):
    between = " … "

    def _text(self, text):
        return escape(text, quote=False)

    def format_token(self, text, token, replace=False):
        return f"<mark>{escape(highlight.get_text(text, token, replace), quote=False)}</mark>"


def query_terms(q: wq.Query | None, reader) -> frozenset[str]:
    """The stemmed terms a query matched in the text fields, prefixes and wildcards expanded."""
    if q is None:
        return frozenset()
    found = set()
    pairs = set(q.iter_all_terms(phrases=True))
    for leaf in q.leaves():
        if isinstance(leaf, wq.MultiTerm):  # prefix*, wildcards: the words they matched
            pairs.update(leaf.existing_terms(reader, expand=True))
    for fieldname, term in pairs:
        word = term.decode("utf-8") if isinstance(term, bytes) else str(term)
        if fieldname in ("title", "content"):
            found.add(word)
        elif fieldname == "exact":
            found.add(stem(word))
    return frozenset(found)


def snippet(text: str, terms: frozenset[str], *, chars: int = 220) -> str:
    """Up to three fragments around matches, or the opening of the text when nothing matched."""
    text = text[:SNIPPET_CHARS]
    if terms:
        fragmenter = highlight.ContextFragmenter(maxchars=chars, surround=60, charlimit=SNIPPET_CHARS)
        marked = highlight.highlight(text, terms, _ANALYZER, fragmenter, _MarkFormatter(), top=3, mode="index")
        if marked:
            return marked
    opening = " ".join(text[: chars + 40].split())
    return escape(opening[:chars] + ("…" if len(opening) > chars else ""), quote=False)


def highlight_all(text: str, terms: frozenset[str]) -> str:
    """The whole text escaped, with every match marked (for the document page)."""
    if not terms or not text:
        return escape(text or "", quote=False)
    marked = highlight.highlight(text, terms, _ANALYZER, highlight.WholeFragmenter(charlimit=None),
                                 _MarkFormatter(), top=1, mode="index")
    return marked or escape(text, quote=False)
