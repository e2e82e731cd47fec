"""HTML: the visible text via the standard library's html.parser, plus title and Dublin Core meta tags.

Dublin Core tags are how Dutch government sites (OWMS, officielebekendmakingen.nl) describe a
publication, so DC.title wins over <title>, which usually carries the site name as well.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from indexer.extract.cleanup import versioned
from indexer.extract import owms
from indexer.extract.dates import iso_date
from indexer.extract.decoding import bom_encoding, decode_bytes, looks_like_text
from indexer.extract.limits import Limits
from indexer.extract.registry import Format

VERSION = "1.1"  # bump when the text this module produces changes, so stored text can be re-made

_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)
_HTML_TAG = re.compile(r"<(?:html|head|body)[\s>]", re.I)
# The elements a fragment of a page (no <html> around it) can start with or be made of.
HTML_ELEMENTS = frozenset({
    "a", "abbr", "address", "article", "aside", "b", "blockquote", "body", "br", "caption", "center",
    "code", "dd", "del", "details", "div", "dl", "dt", "em", "figure", "font", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "i", "img", "ins", "li", "link", "main",
    "meta", "nav", "ol", "p", "pre", "section", "small", "span", "strong", "style", "sub", "sup", "table",
    "tbody", "td", "th", "thead", "title", "tr", "u", "ul",
})
_ELEMENT_NAMES = "|".join(sorted(HTML_ELEMENTS, key=len, reverse=True))
_FRAGMENT_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:" + _ELEMENT_NAMES + r")(?:\s[^<>]*)?/?>", re.I | re.S
)
_END_TAG = re.compile(r"</(?:" + _ELEMENT_NAMES + r")\s*>", re.I)
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
# Elements whose content is never shown as text on the page.
_HIDDEN = {"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "head", "select"}
_BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tr", "ul",
}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_META_NAMES = {
    "dc.title": "title", "dcterms.title": "title",
    "dc.creator": "author", "dcterms.creator": "author", "author": "author",
    "dc.subject": "subject", "dcterms.subject": "subject",
    "description": "description", "dc.description": "description", "dcterms.description": "description",
    "keywords": "keywords",
    "dcterms.issued": "issued", "dc.date.issued": "issued",
    "dcterms.created": "created", "dc.date": "created", "dc.date.created": "created",
    "dcterms.modified": "modified", "dc.date.modified": "modified",
    "dc.publisher": "publisher", "dcterms.publisher": "publisher",
    "dcterms.spatial": "spatial", "dc.coverage": "spatial",
    "dc.language": "language", "dcterms.language": "language",
    "dc.identifier": "identifier", "dcterms.identifier": "identifier",
    "dc.type": "type", "dcterms.type": "type",
    "generator": "generator",
}
_DATES = ("issued", "created", "modified")


def _start(head: bytes) -> str | None:
    if not looks_like_text(head):
        return None
    return head.decode(bom_encoding(head) or "latin-1", errors="replace").lstrip("\ufeff")


def sniff(head: bytes, path: Path) -> bool:
    """A whole page: a doctype, <html>, or <head>/<body> near the start."""
    start = _start(head)
    return start is not None and bool(_HTML_START.match(start[:2048]) or _HTML_TAG.search(start[:2048]))


def sniff_fragment(head: bytes, path: Path) -> bool:
    """Part of a page without <html> around it: it starts with an HTML element, and an end tag of
    one follows. Plain text that merely mentions a tag does not start with one, and a lone "<p>"
    at the start of a note has no end tag."""
    start = _start(head)
    if start is None or not _FRAGMENT_START.match(start):
        return False
    return bool(_END_TAG.search(start))


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden: list[str] = []  # open hidden elements
        self.pre = 0
        self.title: list[str] | None = None
        self.titles: list[str] = []
        self.meta: dict[str, str] = {}
        self.owms: dict[str, str] = {}  # the native keys every format shares, see owms.py

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.title = []
        elif tag == "meta":
            self._meta(dict(attrs))
        if tag == "body" or (tag in _BLOCKS and self.hidden == ["head"]):
            # </head> may be left out; the body (or anything visible) ends the head anyway
            self.hidden = [open_tag for open_tag in self.hidden if open_tag != "head"]
        if tag in _HIDDEN:
            self.hidden.append(tag)
        elif tag == "pre":
            self.pre += 1
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        # <br/>, <meta .../>: never leave a hidden element open because of a self-closing tag
        if tag == "meta":
            self._meta(dict(attrs))
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "title" and self.title is not None:
            self.titles.append(" ".join("".join(self.title).split()))
            self.title = None
        if tag in _HIDDEN and tag in self.hidden:
            # close up to the matching element, so one unclosed <svg> does not hide the rest
            while self.hidden and self.hidden.pop() != tag:
                pass
        elif tag == "pre" and self.pre:
            self.pre -= 1
        if tag in ("td", "th"):
            self.parts.append("\t")
        elif tag in _BLOCKS and tag not in _VOID:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.title is not None:
            self.title.append(data)
            return
        if self.hidden:
            return
        self.parts.append(data if self.pre else re.sub(r"\s+", " ", data))

    def _meta(self, attrs: dict) -> None:
        name = (attrs.get("name") or attrs.get("property") or "").strip().lower()
        content = (attrs.get("content") or "").strip()
        key = _META_NAMES.get(name)
        if key and content and key not in self.meta:
            self.meta[key] = content
        owms.add(self.owms, name, content)

    def text(self) -> str:
        lines = "".join(self.parts).split("\n")
        return "\n".join(line.strip(" ") for line in lines)


def _native(parser: _VisibleText, encoding: str) -> dict:
    native = dict(parser.meta)
    page_title = next((t for t in parser.titles if t), None)
    if page_title:
        native.setdefault("title", page_title)
        if native["title"] != page_title:
            native["html_title"] = page_title
    for key in _DATES:
        if key in native:
            native[key] = iso_date(native[key]) or native[key]
    if "created" not in native and iso_date(native.get("issued")):
        native["created"] = native["issued"]
    for key, value in parser.owms.items():
        native.setdefault(key, value)
    native["encoding"] = encoding
    return native


def visible_text(source: str) -> str:
    """The text a browser would show for a piece of HTML, blocks on lines of their own."""
    parser = _VisibleText()
    parser.feed(source)
    parser.close()
    return parser.text()


def extract(path: Path, limits: Limits) -> dict:
    data = Path(path).read_bytes()
    declared = _CHARSET.search(data[:4096])
    source, encoding = decode_bytes(data, declared.group(1).decode("ascii") if declared else None)
    parser = _VisibleText()
    parser.feed(source)
    parser.close()
    return {"text": parser.text(), "pages": None, "native": _native(parser, encoding)}


FORMAT = Format(
    name="html",
    mime="text/html",
    extensions=(".html", ".htm", ".xhtml"),
    sniff=sniff,
    extract=extract,
    extractor="html",
    extractor_version=versioned(VERSION),
    empty_message="The web page has no visible text (perhaps it is built by JavaScript). Save the page as PDF instead.",
)
# Read exactly as a page; declared apart so it can come after the formats that may hold HTML
# fragments themselves (Markdown).
FRAGMENT = Format(
    name="html",
    mime="text/html",
    extensions=(".html", ".htm"),
    sniff=sniff_fragment,
    extract=extract,
    extractor="html",
    extractor_version=versioned(VERSION),
    empty_message=FORMAT.empty_message,
)
