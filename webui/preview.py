"""The document page's preview: which originals a browser may show inline, and the extracted text as
blocks (headings and paragraphs) for the formats it cannot show."""
from __future__ import annotations

import re
from html import escape

from markupsafe import Markup

# Only formats the browser renders without running anything of the file in our origin; HTML and SVG
# originals stay downloads (and their text is shown).
INLINE_MIMES = {
    "application/pdf": "pdf",
    "image/png": "image", "image/jpeg": "image", "image/gif": "image", "image/webp": "image",
}
# The inline original is sandboxed (a unique origin, no scripts), loads nothing, and may only be framed
# by our own pages; browsers' PDF viewers still show it (checked in Chromium by the browser tests).
INLINE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'self'"

MAX_HEADING_CHARS = 80
MAX_HEADING_WORDS = 10
_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+")
_TAG = re.compile(r"<[^>]*>")


def inline_kind(doc: dict) -> str | None:
    """'pdf' or 'image' when the browser can show the original in the page, else None."""
    return INLINE_MIMES.get((doc.get("mime") or "").split(";")[0].strip().lower())


def is_heading(line: str) -> bool:
    """A short line on its own without closing punctuation ('Artikel 1 Begrippen', 'Inleiding'): the
    extractors keep paragraphs as lines but drop their styles, so headings are recognised by shape."""
    line = line.strip()
    if not line or "\t" in line or len(line) > MAX_HEADING_CHARS or len(line.split()) > MAX_HEADING_WORDS:
        return False
    if line[-1] in ".,;:!?)-–" or not (line[0].isupper() or line[0].isdigit()):
        return False
    return sum(c.isalpha() for c in line) >= 3


def text_blocks(text: str, highlighted: str | None = None) -> list[dict]:
    """[{"kind": "heading"|"paragraph", "html": Markup}], from the text and, when there is a query,
    the same text escaped with its matches marked (highlight_all keeps every newline where it was)."""
    plain_lines = text.split("\n")
    marked_lines = highlighted.split("\n") if highlighted is not None else [escape(line, quote=False) for line in plain_lines]
    if len(marked_lines) != len(plain_lines):  # cannot happen with highlight_all; never mix up lines
        marked_lines = [escape(line, quote=False) for line in plain_lines]
    blocks: list[dict] = []
    paragraph: list[str] = []

    def close_paragraph() -> None:
        if paragraph:
            blocks.append({"kind": "paragraph", "html": Markup("<br>".join(paragraph))})
            paragraph.clear()

    for number, (plain, marked) in enumerate(zip(plain_lines, marked_lines, strict=False)):
        following = plain_lines[number + 1].lstrip() if number + 1 < len(plain_lines) else ""
        markdown = _MARKDOWN_HEADING.match(plain)
        if markdown:
            close_paragraph()
            hashes = len(markdown.group(1))
            # drop the leading '#'s from the marked line too (they carry no markup)
            blocks.append({"kind": "heading", "html": Markup(re.sub(r"^#{%d}\s+" % hashes, "", marked))})
        elif not plain.strip():
            close_paragraph()
        elif is_heading(plain) and not following[:1].islower():  # a line going on in lower case wraps
            close_paragraph()
            blocks.append({"kind": "heading", "html": Markup(marked)})
        else:
            paragraph.append(marked)
            # extractors write one paragraph a line (DOCX, ODT, HTML); plain text wraps its paragraphs
            if plain.rstrip()[-1:] in ".:;!?":
                close_paragraph()
    close_paragraph()
    return blocks
