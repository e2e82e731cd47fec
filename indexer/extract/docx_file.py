"""DOCX: body paragraphs and tables in document order, then headers, footers and notes.

python-docx opens the package (parts, relationships, core properties); the text itself is
collected by walking the WordprocessingML, because python-docx's paragraph and table objects skip
content controls (w:sdt, used throughout municipal templates) and text boxes, and repeat the text
of merged cells.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.package import OpcPackage
from docx.oxml.parser import parse_xml

from indexer.extract.cleanup import versioned
from indexer.extract.limits import Limits
from indexer.extract.registry import Format
from indexer.extract.zipguard import check_zip, zip_member_names

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Inline elements that carry no text of their own but whose children would look as if they do:
# paragraph/run properties hold tab-stop definitions (w:tab) and the compatibility fallback repeats
# a text box that its w:Choice already holds.
_SKIP = {f"{_W}pPr", f"{_W}rPr", f"{_W}sdtPr", _FALLBACK}
_INLINE = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}
# Headers and footers of all sections, then foot- and endnotes; in this order after the body.
_SIDE_PARTS = (RT.HEADER, RT.FOOTER, RT.FOOTNOTES, RT.ENDNOTES)
_CORE = ("title", "author", "subject", "keywords", "category", "last_modified_by", "created", "modified")
_APP = {"Application": "generator", "Company": "company"}
_APP_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"


def sniff(head: bytes, path: Path) -> bool:
    return any(name.startswith("word/") for name in zip_member_names(head, path))


def _inline_text(element, out: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag in _SKIP:
            continue
        if tag == f"{_W}t":
            out.append(child.text or "")
        elif tag in _INLINE:
            out.append(_INLINE[tag])
        elif tag == f"{_W}p":  # a paragraph inside a text box within this paragraph
            out.append("\n")
            _inline_text(child, out)
        elif tag == f"{_W}tbl":
            out.append("\n" + "\n".join(_table_rows(child)) + "\n")
        else:
            _inline_text(child, out)


def _paragraph(p) -> str:
    out: list[str] = []
    _inline_text(p, out)
    return "".join(out)


def _children(element, tag: str) -> Iterator:
    """Children with `tag`, also when wrapped in content controls or custom XML."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag not in _SKIP and child.tag != f"{_W}tbl":
            yield from _children(child, tag)


def _table_rows(tbl) -> Iterator[str]:
    for row in _children(tbl, f"{_W}tr"):
        cells = [" ".join(line for line in _blocks(cell) if line.strip()) for cell in _children(row, f"{_W}tc")]
        yield "\t".join(cells)


def _blocks(container) -> Iterator[str]:
    for child in container:
        if child.tag == f"{_W}p":
            yield _paragraph(child)
        elif child.tag == f"{_W}tbl":
            yield from _table_rows(child)
        elif child.tag not in _SKIP:  # content controls, custom XML, tracked insertions
            yield from _blocks(child)


def _part_root(part):
    element = getattr(part, "element", None)
    return element if element is not None else parse_xml(part.blob)


def _side_texts(main_part) -> list[str]:
    texts = []
    for reltype in _SIDE_PARTS:
        related = [rel.target_part for rel in main_part.rels.values() if rel.reltype == reltype and not rel.is_external]
        for part in sorted(related, key=lambda part: str(part.partname)):
            text = "\n".join(_blocks(_part_root(part))).strip()
            if text and text not in texts:  # first-page and even-page headers often repeat the default one
                texts.append(text)
    return texts


def _core_properties(package) -> dict:
    native = {}
    properties = package.core_properties
    for name in _CORE:
        try:
            value = getattr(properties, name)
        except ValueError:  # an unparseable date in docProps/core.xml
            continue
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        if isinstance(value, str) and value.strip():
            native[name] = value.strip()
    if properties.comments and properties.comments.strip():
        native["description"] = properties.comments.strip()
    return native


def _app_properties(package) -> dict:
    native = {}
    for part in package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            root = parse_xml(part.blob)
            for tag, name in _APP.items():
                element = root.find(f"{_APP_NS}{tag}")
                if element is not None and (element.text or "").strip():
                    native[name] = element.text.strip()
    return native


def extract(path: Path, limits: Limits) -> dict:
    check_zip(path, limits, "DOCX").close()
    package = OpcPackage.open(str(path))
    main_part = package.main_document_part
    body = _part_root(main_part).find(f"{_W}body")
    lines = list(_blocks(body)) if body is not None else []
    text = "\n".join(lines)
    side = _side_texts(main_part)
    if side:
        text += "\n\n" + "\n\n".join(side)
    native = _app_properties(package)
    native.update(_core_properties(package))
    return {"text": text, "pages": None, "native": native}


FORMAT = Format(
    name="docx",
    mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extensions=(".docx", ".docm", ".dotx"),
    sniff=sniff,
    extract=extract,
    extractor="python-docx",
    extractor_version=versioned(docx.__version__),
)
