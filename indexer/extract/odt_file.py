"""ODT (OpenDocument text): content.xml, headers and footers from styles.xml, meta.xml.

Read with the standard library only; odfpy is a test-time dependency for making fixtures.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path

from indexer.extract.cleanup import versioned
from indexer.extract.dates import iso_date
from indexer.extract.errors import ExtractionError
from indexer.extract.limits import Limits
from indexer.extract.registry import Format
from indexer.extract.xmlsafe import parse_xml
from indexer.extract.zipguard import check_zip, zip_member_names

VERSION = "1.0"  # bump when the text this module produces changes, so stored text can be re-made
MIME = "application/vnd.oasis.opendocument.text"

_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
_DC = "{http://purl.org/dc/elements/1.1/}"

_PARAGRAPHS = {f"{_TEXT}p", f"{_TEXT}h"}
# Deleted text kept for change tracking, comments, and declarations hold no document text.
_SKIP = {
    f"{_TEXT}tracked-changes",
    f"{_OFFICE}annotation",
    f"{_TEXT}sequence-decls",
    f"{_TEXT}variable-decls",
    f"{_TEXT}note-citation",
    f"{_OFFICE}forms",
}
_INLINE = {f"{_TEXT}tab": "\t", f"{_TEXT}line-break": "\n"}
_MAX_REPEAT = 64  # number-columns-repeated can say 1024 for a blank filler cell
_META_KEYS = {
    f"{_DC}title": "title",
    f"{_DC}subject": "subject",
    f"{_DC}description": "description",
    f"{_META}initial-creator": "author",
    f"{_DC}creator": "last_modified_by",
    f"{_META}creation-date": "created",
    f"{_DC}date": "modified",
    f"{_META}generator": "generator",
}
_HEADERS_FOOTERS = ("header", "header-first", "header-left", "footer", "footer-first", "footer-left")


def sniff(head: bytes, path: Path) -> bool:
    # ODF puts an uncompressed "mimetype" member first, so the type is readable at a fixed offset.
    if head[30:38] == b"mimetype" and head[38:].startswith(MIME.encode()):
        return True
    if "content.xml" not in zip_member_names(head, path):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.read("mimetype").strip().decode("ascii", "replace").startswith(MIME)
    except (KeyError, zipfile.BadZipFile, OSError):
        return False


def _inline(element, out: list[str], notes: list[str]) -> None:
    out.append(element.text or "")
    for child in element:
        tag = child.tag
        if tag in _SKIP:
            pass
        elif tag == f"{_TEXT}s":
            out.append(" " * int(child.get(f"{_TEXT}c", "1") or 1))
        elif tag in _INLINE:
            out.append(_INLINE[tag])
        elif tag == f"{_TEXT}note-body":
            notes.extend(_blocks(child))
        elif tag in _PARAGRAPHS or tag == f"{_TABLE}table" or tag == f"{_TEXT}list":
            out.append("\n" + "\n".join(_blocks([child])) + "\n")  # inside a frame or text box
        else:
            _inline(child, out, notes)
        out.append(child.tail or "")


def _rows(table) -> Iterator[str]:
    for child in table:
        if child.tag == f"{_TABLE}table-row":
            cells = []
            for cell in child:
                if cell.tag != f"{_TABLE}table-cell":
                    continue  # covered cells (merged away) and others hold nothing of their own
                text = " ".join(line for line in _blocks(cell) if line.strip())
                repeat = int(cell.get(f"{_TABLE}number-columns-repeated", "1") or 1) if text else 1
                cells.extend([text] * min(repeat, _MAX_REPEAT))
            yield "\t".join(cells)
        elif child.tag.startswith(_TABLE) and child.tag.endswith(("-rows", "-row-group")):
            yield from _rows(child)


def _blocks(container) -> Iterator[str]:
    for child in container:
        tag = child.tag
        if tag in _SKIP:
            continue
        if tag in _PARAGRAPHS:
            out: list[str] = []
            notes: list[str] = []
            _inline(child, out, notes)
            yield "".join(out)
            yield from notes
        elif tag == f"{_TABLE}table":
            yield from _rows(child)
        else:  # lists, list items, sections, index bodies
            yield from _blocks(child)


def _read_xml(archive: zipfile.ZipFile, name: str) -> ET.Element | None:
    try:
        return parse_xml(archive.read(name))
    except KeyError:
        return None


def _header_footer_texts(styles: ET.Element | None) -> list[str]:
    texts: list[str] = []
    if styles is None:
        return texts
    for page in styles.iter(f"{_STYLE}master-page"):
        for kind in _HEADERS_FOOTERS:
            for part in page.findall(f"{_STYLE}{kind}"):
                text = "\n".join(_blocks(part)).strip()
                if text and text not in texts:
                    texts.append(text)
    return texts


def _metadata(meta: ET.Element | None) -> dict[str, str]:
    native: dict[str, str] = {}
    if meta is None:
        return native
    for key, name in _META_KEYS.items():
        element = meta.find(f"{_OFFICE}meta/{key}")
        value = (element.text or "").strip() if element is not None else ""
        if name in ("created", "modified"):
            value = iso_date(value) or ""
        if value:
            native[name] = value
    keywords = [word for k in meta.iter(f"{_META}keyword") if (word := (k.text or "").strip())]
    if keywords:
        native["keywords"] = ", ".join(keywords)
    if "author" not in native and "last_modified_by" in native:
        native["author"] = native["last_modified_by"]
    return native


def extract(path: Path, limits: Limits) -> dict:
    with check_zip(path, limits, "ODT") as archive:
        manifest = archive.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in archive.namelist() else b""
        if b"encryption-data" in manifest:
            raise ExtractionError(
                "encrypted",
                "The ODT document is protected with a password. Open it in LibreOffice, "
                "save it without a password, and add it again.",
            )
        content = _read_xml(archive, "content.xml")
        if content is None:
            raise ExtractionError("corrupt", "The ODT file has no content.xml; it is damaged or not a text document.")
        styles = _read_xml(archive, "styles.xml")
        meta = _read_xml(archive, "meta.xml")
    body = content.find(f"{_OFFICE}body/{_OFFICE}text")
    text = "\n".join(_blocks(body)) if body is not None else ""
    side = _header_footer_texts(styles)
    if side:
        text += "\n\n" + "\n\n".join(side)
    return {"text": text, "pages": None, "native": _metadata(meta)}


FORMAT = Format(
    name="odt",
    mime=MIME,
    extensions=(".odt", ".ott"),
    sniff=sniff,
    extract=extract,
    extractor="odt-xml",
    extractor_version=versioned(VERSION),
)
