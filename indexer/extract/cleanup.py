"""Text normalisation shared by every extractor, so the index sees one kind of text."""
from __future__ import annotations

import re
import unicodedata

# Typographic ligatures (common in PDFs from InDesign or LaTeX) would hide words like "financiën"
# from search; NFC leaves them alone, NFKC would also rewrite much that we want to keep.
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
_LINE_BREAKS = re.compile(r"\r\n|[\r\v\x85\u2028\u2029]")
_INVISIBLE = re.compile("[\u00ad\u200b\ufeff]")  # soft hyphen, zero-width space, stray BOM
_HORIZONTAL_RUN = re.compile(r"[^\S\t\n\f]{3,}")
_TRAILING = re.compile(r"[^\S\n\f]+(?=[\n\f]|$)")
_BLANK_LINES = re.compile(r"\n(?:[^\S\n\f]*\n){2,}")
# C0/C1 controls except \t \n \f, and lone surrogates left by broken UTF-16 (which could not even
# be written out as UTF-8 later).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def normalise_text(text: str) -> str:
    """NFC; only \\n, \\t and \\f (page break) as controls; absurd whitespace runs collapsed.

    Runs of three or more spaces become one space, more than one blank line becomes one blank
    line, trailing spaces go. Tabs are kept as they are: they separate table cells.
    """
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text.translate(_LIGATURES))
    text = _CONTROLS.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _HORIZONTAL_RUN.sub(" ", text)
    text = _TRAILING.sub("", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip("\n ")
