"""Markdown: the text without its mark-up, parsed with markdown-it-py (CommonMark plus tables).

Headings stay lines of their own after a blank line (detection takes the first as the title);
links keep their text, images and HTML comments go, code keeps its content, table cells are
separated by tabs, ordered lists keep their numbers ("1." matters in articles of law), YAML front
matter goes and its title is kept as metadata. Markdown made by converters often writes "##Title"
without the space CommonMark wants, and tables with blank lines between the rows; both are read as
meant.
"""
from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from indexer.extract.cleanup import versioned
from indexer.extract.decoding import decode_bytes, looks_like_text
from indexer.extract.html_file import visible_text
from indexer.extract.limits import Limits
from indexer.extract.registry import Format

VERSION = "1.0"  # bump when the text this module produces changes, so stored text can be re-made

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<body>(?:[^\n]*\n){0,200}?)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)")
_FRONT_TITLE = re.compile(r"^title\s*:\s*(?P<title>.+?)\s*$", re.M | re.I)
_KEY_VALUE = re.compile(r"^[\w-]+\s*:", re.M)
_TIGHT_HEADING = re.compile(r"^( {0,3}#{2,6})(?=[^\s#])", re.M)
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
# A heading underline or rule that lost its heading (a blank line between): mark-up, not text.
_RULE = re.compile(r"^\s*(?:={3,}|-{3,}|\*{3,}|_{3,})\s*$")
_BREAK_TAG = re.compile(r"^<br\s*/?>$", re.I)

# What makes a text Markdown rather than plain text, counted in the first bytes of the file.
_SIGNALS = {
    "heading": re.compile(r"^ {0,3}(?:#{1,6}[ \t]+\S|#{2,6}[^\s#])", re.M),
    "underline": re.compile(r"^\S[^\n]*\n {0,3}(?:={3,}|-{3,})[ \t]*$", re.M),
    "table": re.compile(r"^\s*\|?\s*:?-{3,}:?\s*\|", re.M),
    "link": re.compile(r"!?\[[^\]\n]+\]\([^)\s]+(?:\s+\"[^\"\n]*\")?\)"),
    "emphasis": re.compile(r"\*\*[^*\s][^*\n]*\*\*"),  # not __x__: Python's __future__ looks like it
    "fence": re.compile(r"^ {0,3}(?:```|~~~)", re.M),
    "escape": re.compile(r"\\[\\`*_{}\[\]()#+\-.!=|]"),
}
_STRONG = ("heading", "underline", "table", "link", "fence")
# Source code and scripts have "# comments" that look like headings; they are no Markdown.
_CODE = re.compile(r"^(?:#!/|(?:from \S+ )?import \w|def \w+\(|class \w+[(:])", re.M)


def _parser() -> MarkdownIt:
    # Deeper nesting than this is dropped by the parser (which keeps it from recursing without
    # end); real documents nest lists and quotes a few levels, not a hundred.
    return MarkdownIt("commonmark", {"html": True, "maxNesting": 100}).enable(["table", "strikethrough"])


def sniff(head: bytes, path: Path) -> bool:
    """Two kinds of Markdown mark-up, two headings, three of the unmistakable kinds of mark-up,
    or YAML front matter."""
    if not looks_like_text(head):
        return False
    start, _ = decode_bytes(head)
    start = start.lstrip("\ufeff")
    if _front_matter(start)[0] is not None:
        return True
    if len(_CODE.findall(start)) >= 2:
        return False
    counts = {kind: len(pattern.findall(start)) for kind, pattern in _SIGNALS.items()}
    kinds = sum(1 for kind, count in counts.items() if count and (kind != "escape" or count >= 3))
    return kinds >= 2 or counts["heading"] >= 2 or sum(counts[kind] for kind in _STRONG) >= 3


def _front_matter(text: str) -> tuple[str | None, str]:
    """(front matter, the rest); None when there is none."""
    match = _FRONT_MATTER.match(text)
    if not match or not _KEY_VALUE.search(match.group("body")):
        return None, text
    return match.group("body"), text[match.end():]


def _inline(token: Token) -> str:
    out: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif child.type == "html_inline" and _BREAK_TAG.match(child.content.strip()):
            out.append("\n")
        # images, other inline HTML tags and the open/close marks of emphasis and links add nothing
    return "".join(out)


def _pipe_rows(lines: list[str]) -> list[str] | None:
    """A 'paragraph' of table rows that CommonMark did not see as a table (blank lines between)."""
    if not all(_PIPE_ROW.match(line) for line in lines):
        return None
    rows = []
    for line in lines:
        if not _PIPE_SEPARATOR.match(line):
            rows.append("\t".join(cell.strip() for cell in line.strip().strip("|").split("|")))
    return rows


def render(tokens: list[Token]) -> list[str]:
    lines: list[str] = []
    item_prefix: list[str] = []  # the number of each open list item, used once on its first line
    row: list[str] | None = None
    for token in tokens:
        kind = token.type
        if kind == "heading_open":
            lines.append("")
        elif kind == "list_item_open":
            item_prefix.append(f"{token.info}{token.markup} " if token.info else "")
        elif kind == "list_item_close":
            item_prefix.pop()
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            lines.append("\t".join(row))
            row = None
        elif kind == "inline":
            text = _inline(token)
            if row is not None:
                row.append(" ".join(text.split()))
                continue
            block = text.split("\n")
            rows = _pipe_rows(block)
            block = [line for line in (block if rows is None else rows) if not _RULE.match(line)]
            if not block:
                continue
            if item_prefix and item_prefix[-1]:
                block[0] = item_prefix[-1] + block[0]
                item_prefix[-1] = ""
            lines.extend(block)
        elif kind == "paragraph_close" and not item_prefix:
            lines.append("")
        elif kind in ("fence", "code_block"):
            lines.extend(token.content.rstrip("\n").split("\n"))
        elif kind == "html_block":
            lines.extend(visible_text(token.content).split("\n"))
    return lines


def extract(path: Path, limits: Limits) -> dict:
    source, encoding = decode_bytes(Path(path).read_bytes())
    front, body = _front_matter(source.lstrip("\ufeff"))
    native: dict = {"encoding": encoding}
    if front is not None and (title := _FRONT_TITLE.search(front)):
        native["title"] = title.group("title").strip("\"'")
    tokens = _parser().parse(_TIGHT_HEADING.sub(r"\1 ", body))
    return {"text": "\n".join(render(tokens)), "pages": None, "native": native}


FORMAT = Format(
    name="md",
    mime="text/markdown",
    extensions=(".md", ".markdown"),
    sniff=sniff,
    extract=extract,
    extractor="markdown-it",
    extractor_version=versioned(VERSION),
    empty_message="The Markdown file holds no text, only mark-up or white space.",
)
