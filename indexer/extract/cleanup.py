"""Text normalisation shared by every extractor, so the index sees one kind of text."""
from __future__ import annotations

import re
import unicodedata

# Bump when normalise_text changes what it makes of the same input: every extractor's version
# includes it, so stored text made by an older normalisation can be found and re-made.
VERSION = "2"  # 2: NFKC instead of NFC
_LINE_BREAKS = re.compile(r"\r\n|[\r\v\x85\u2028\u2029]")
_INVISIBLE = re.compile("[\u00ad\u200b\ufeff]")  # soft hyphen, zero-width space, stray BOM
_HORIZONTAL_RUN = re.compile(r"[^\S\t\n\f]{3,}")
_TRAILING = re.compile(r"[^\S\n\f]+(?=[\n\f]|$)")
_BLANK_LINES = re.compile(r"\n(?:[^\S\n\f]*\n){2,}")
# C0/C1 controls except \t \n \f, and lone surrogates left by broken UTF-16 (which could not even
# be written out as UTF-8 later).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def normalise_text(text: str) -> str:
    """NFKC; only \\n, \\t and \\f (page break) as controls; absurd whitespace runs collapsed.

    NFKC because compatibility characters hide words from search and detection: ligatures from
    InDesign or LaTeX PDFs ("ﬁnanciën"), the Dutch "ĳ" as one character, full-width letters,
    non-breaking spaces. The price: "m²" becomes "m2" and "½" becomes "1⁄2".

    Runs of three or more spaces become one space, more than one blank line becomes one blank
    line, trailing spaces go. Tabs are kept as they are: they separate table cells.
    """
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROLS.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    text = _HORIZONTAL_RUN.sub(" ", text)
    text = _TRAILING.sub("", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip("\n ")


def versioned(extractor_version: str) -> str:
    """The version an extractor reports: its own (or its library's) and this normalisation's."""
    return f"{extractor_version}+n{VERSION}"
