"""Text with its structure out of a legal-publication XML tree: one line per paragraph, headings
on their own line after a blank one, list and article numbers before their text, table rows as
tab-separated cells.

The publication schemas (CVDR, officielebekendmakingen, Rechtspraak) differ in names but share the
shape: paragraphs of mixed text, inline mark-up inside them, and containers around them. Every
element not named as inline here is a block, so an element we have never seen still gets its own
line instead of being glued to its neighbour.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from indexer.extract.xmlsafe import local_name

# Mark-up inside a paragraph: it changes the look of words, not the structure.
INLINE = frozenset({
    "nadruk", "vet", "cursief", "onderstreept", "extref", "intref", "emphasis", "sup", "sub", "inf",
    "redactie", "abbrev", "acronym", "link", "ulink", "xref", "span", "a", "b", "i", "u", "strong",
    "em", "citation", "quote", "afkorting", "term",
})
# Inline pieces that are words of their own: "Artikel" "1" "Begrippen", "M." "Snel".
SPACED = frozenset({
    "label", "nr", "li.nr", "lidnr", "titel", "voornaam", "achternaam", "tussenvoegsel", "plaats",
    "datum", "naam",
})
# A heading line: everything inside on one line, with a blank line before it.
HEADINGS = frozenset({"kop", "title", "titel", "intitule", "tussenkop", "bridgehead", "subtitle"})
# Whole lines made of words from several children: "Wassenaar, 9 maart 2018".
JOINED = frozenset({"dagtekening", "naam", "li.nr", "lidnr"})
NUMBERS = frozenset({"li.nr", "lidnr", "nr"})
NOTES = frozenset({"noot", "footnote", "voetnoot"})
ROWS = frozenset({"row"})
# Never text: pictures, column specs, the publication's own metadata blocks.
SKIPPED = frozenset({"plaatje", "illustratie", "mediaobject", "imageobject", "imagedata", "colspec", "spanspec",
                     "meta", "metadata", "RDF", "footnote-ref", "noot-ref"})
LINE_BREAKS = frozenset({"br", "sbr"})
MAX_DEPTH = 200  # deeper than any real publication; below it the rest becomes plain text
_SPACE = re.compile(r"\s+")
_BREAK = "\x00"  # a <br/>; line breaks in the source text itself are only white space


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _inline_parts(element: ET.Element, out: list[str], notes: list[str], depth: int) -> None:
    out.append(element.text or "")
    for child in element:
        name = local_name(child.tag)
        if not name or name in SKIPPED:
            pass
        elif name in NOTES:
            notes.extend(block_lines(child, depth + 1))
        elif name in LINE_BREAKS:
            out.append(_BREAK)
        elif depth > MAX_DEPTH:
            out.append(" " + "".join(child.itertext()) + " ")
        else:
            spaced = " " if name in SPACED else ""
            out.append(spaced)
            _inline_parts(child, out, notes, depth + 1)
            out.append(spaced)
        out.append(child.tail or "")


def inline_text(element: ET.Element, notes: list[str] | None = None, depth: int = 0) -> str:
    """The text of a paragraph on one line (a <br/> starts a new one), notes set aside."""
    out: list[str] = []
    _inline_parts(element, out, notes if notes is not None else [], depth)
    return "\n".join(_clean(line) for line in "".join(out).split(_BREAK))


def _is_paragraph(element: ET.Element) -> bool:
    return all(local_name(child.tag) in INLINE | SPACED | NOTES | LINE_BREAKS | SKIPPED or not local_name(child.tag)
               for child in element)


def _row(row: ET.Element, depth: int) -> str:
    cells = [_clean(" ".join(block_lines(cell, depth + 1))) for cell in row if local_name(cell.tag)]
    return "\t".join(cells)


def _heading(element: ET.Element, depth: int) -> list[str]:
    """A heading's own words on one line; a subtitle or picture inside it on lines of their own."""
    words: list[str] = []
    after: list[str] = []
    notes: list[str] = []
    if (text := element.text or "").strip():
        words.append(text)
    for child in element:
        name = local_name(child.tag)
        if not name or name in SKIPPED:
            pass
        elif name in ("subtitel", "subtitle"):
            after.append(inline_text(child, notes, depth + 1))
        else:
            words.append(inline_text(child, notes, depth + 1))
        if (tail := child.tail or "").strip():
            words.append(tail)
    line = _clean(" ".join(words))
    return ["", line, *[a for a in after if a], *notes] if line or after else notes


def block_lines(element: ET.Element, depth: int = 0) -> list[str]:
    """The lines of an element and everything in it."""
    name = local_name(element.tag)
    if not name or name in SKIPPED:
        return []
    if depth > MAX_DEPTH:
        return [_clean("".join(element.itertext()))]
    if name in ROWS:
        return [_row(element, depth)]
    if name in HEADINGS:
        return _heading(element, depth)
    if name in JOINED or _is_paragraph(element):
        notes: list[str] = []
        return [inline_text(element, notes, depth), *notes]
    out: list[str] = []
    number = ""
    if (text := element.text or "").strip():
        out.append(_clean(text))
    for child in element:
        if local_name(child.tag) in NUMBERS and not number and not out:
            number = _clean("".join(child.itertext()))
        else:
            lines = block_lines(child, depth + 1)
            if number:
                # "1." before the first line of what it numbers: "1. De inspecteur heeft ..."
                lines = _prefix_first(number, lines)
                number = ""
            out.extend(lines)
        if (tail := child.tail or "").strip():
            out.append(_clean(tail))
    if number:
        out.append(number)
    return out


def _prefix_first(number: str, lines: list[str]) -> list[str]:
    for index, line in enumerate(lines):
        if line.strip():
            return [*lines[:index], f"{number} {line}", *lines[index + 1:]]
    return [*lines, number]


def text_of(elements: Iterable[ET.Element]) -> str:
    lines: list[str] = []
    for element in elements:
        lines.extend(block_lines(element))
    return "\n".join(lines).strip("\n")
