"""The bounded part of a document that detection looks at, so work per document has a ceiling."""
from __future__ import annotations

from indexer.detect.normalise import repair

HEAD_CHARS = 60_000
TAIL_CHARS = 5_000
SEPARATOR = "\n\n[…]\n\n"


def bounded(text: str | None) -> str:
    """The first HEAD_CHARS plus the last TAIL_CHARS (signatures and "Aldus vastgesteld" live at
    the end), repaired (NFC, apostrophes, mojibake) and without control characters."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if len(text) > HEAD_CHARS + TAIL_CHARS:
        text = text[:HEAD_CHARS] + SEPARATOR + text[-TAIL_CHARS:]
    text = repair(text)
    # NUL and other C0 controls come from binary junk and break regexes' notion of lines.
    return "".join(ch if ch >= " " or ch in "\n\t" else " " for ch in text)
