"""Kinds of files we recognise but do not read, each with the failure it gets and what to do."""
from __future__ import annotations

import csv
import json
import mmap
import os
import re
from pathlib import Path

from indexer.extract.decoding import bom_encoding, decode_bytes, looks_like_text
from indexer.extract.html_file import HTML_ELEMENTS
from indexer.extract.registry import Refusal
from indexer.extract.xmlsafe import Root, read_root
from indexer.extract.zipguard import ZIP_MAGIC, zip_member_names

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A password-protected DOCX/XLSX is not a ZIP at all but an OLE2 file with this stream in it.
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


def _magic(*prefixes: bytes):
    return lambda head, path: head.startswith(prefixes)


def _encrypted_office(head: bytes, path: Path) -> bool:
    if not head.startswith(_OLE2):
        return False
    with open(path, "rb") as fp, mmap.mmap(fp.fileno(), 0, access=mmap.ACCESS_READ) as data:
        return data.find(_ENCRYPTED_PACKAGE) != -1


def _zip_with(*prefixes: str):
    return lambda head, path: any(name.startswith(prefixes) for name in zip_member_names(head, path))


_XHTML = "http://www.w3.org/1999/xhtml"
_TAIL_BYTES = 1024
# JSON small enough to parse whole while sniffing; larger files are judged by their first bytes.
_JSON_PARSE_BYTES = 4 * 1024 * 1024
_JSON_START = re.compile(r'^\s*(?:\{\s*"(?:[^"\\\n]|\\.)*"\s*:|\[\s*[\[{])')
_CSV_DELIMITERS = (",", ";", "\t")
_CSV_MIN_ROWS = 3
_CSV_MAX_ROWS = 30
_CSV_MANY_ROWS = 10
_CSV_MAX_FIELD = 40  # average characters per field


def _text_start(head: bytes) -> str | None:
    if not looks_like_text(head):
        return None
    return head.decode(bom_encoding(head) or "utf-8", errors="replace").lstrip("\ufeff")


def _xml_root(head: bytes, path: Path) -> Root | None:
    """The root of a file that is XML but not HTML: it has an XML declaration or a namespace, or
    it ends with the end tag of its root."""
    if _text_start(head) is None:
        return None
    root = read_root(head)
    if root is None:
        return None
    if root.name.lower() in HTML_ELEMENTS and root.namespace in ("", _XHTML):
        return None  # a page or a fragment of one
    if root.declared or root.namespace:
        return root
    qualified = f"{root.prefix}:{root.name}" if root.prefix else root.name
    with open(path, "rb") as fp:
        fp.seek(max(0, os.fstat(fp.fileno()).st_size - _TAIL_BYTES))
        tail = fp.read()
    return root if f"</{qualified}".encode() in tail else None


def _feed(head: bytes, path: Path) -> bool:
    root = _xml_root(head, path)
    return root is not None and (root.name in ("rss", "feed") or (root.name == "RDF" and b"/rss/" in head))


def _svg(head: bytes, path: Path) -> bool:
    root = _xml_root(head, path)
    return root is not None and root.name == "svg"


def _xml_data(head: bytes, path: Path) -> bool:
    return _xml_root(head, path) is not None


def _json(head: bytes, path: Path) -> bool:
    start = _text_start(head)
    if start is None or start.lstrip()[:1] not in ("{", "["):
        return False
    first_line = start.lstrip().split("\n", 1)[0]
    try:  # JSON Lines: one object per line
        if isinstance(json.loads(first_line), (dict, list)) and first_line.rstrip().endswith(("}", "]")):
            return True
    except ValueError:
        pass
    if os.stat(path).st_size <= _JSON_PARSE_BYTES:
        try:
            json.loads(decode_bytes(Path(path).read_bytes())[0].lstrip("\ufeff"))
            return True
        except ValueError:
            return False
    return bool(_JSON_START.match(start))


def _rows(start: str, delimiter: str) -> list[list[str]]:
    lines = [line for line in start.splitlines() if line.strip()]
    if len(lines) > 1 and not start.endswith(("\n", "\r")):
        lines = lines[:-1]  # cut off in the middle by the head
    return list(csv.reader(lines[:_CSV_MAX_ROWS], delimiter=delimiter))


def _csv(head: bytes, path: Path) -> bool:
    """Rows with one and the same number of fields, at least three rows. With commas or
    semicolons, prose and lists could do that by chance, so short fields are asked for as well, and
    three or more columns, or two columns over many rows."""
    start = _text_start(head)
    if start is None or start.lstrip().startswith("<"):
        return False
    for delimiter in _CSV_DELIMITERS:
        rows = _rows(start, delimiter)
        widths = {len(row) for row in rows}
        if len(rows) < _CSV_MIN_ROWS or len(widths) != 1 or widths == {1}:
            continue
        if delimiter == "\t":
            return True
        fields = [field for row in rows for field in row]
        short = sum(len(field) for field in fields) / len(fields) <= _CSV_MAX_FIELD
        if short and (len(rows[0]) >= 3 or len(rows) >= _CSV_MANY_ROWS):
            return True
    return False


def _refuse(name: str, sniff, message: str, code: str = "unsupported_format") -> Refusal:
    return Refusal(name=name, sniff=sniff, code=code, message=message)


ENCRYPTED_OFFICE = _refuse(
    "encrypted-office",
    _encrypted_office,
    "This Office document is protected with a password. Open it in Word, remove the password "
    "(File > Info > Protect document), save it, and add it again.",
    code="encrypted",
)
LEGACY_OFFICE = _refuse(
    "ole2",
    _magic(_OLE2),
    "This is an old Office 97-2003 file (.doc, .xls or .ppt), which cannot be read. "
    "Open it in Word or LibreOffice, save it as DOCX or PDF, and add that file.",
)
SPREADSHEET_OR_SLIDES = _refuse(
    "office-other",
    _zip_with("xl/", "ppt/"),
    "This is a spreadsheet or presentation (XLSX/PPTX); only documents are read. "
    "Save it as PDF if its text should be searchable.",
)
OTHER_ODF = _refuse(
    "odf-other",
    lambda head, path: head[30:38] == b"mimetype" and b"opendocument" in head[38:100],
    "This is an OpenDocument spreadsheet, presentation or drawing; only text documents are read. "
    "Save it as PDF if its text should be searchable.",
)
ZIP = _refuse(
    "zip",
    _magic(ZIP_MAGIC, b"PK\x05\x06"),
    "This is a ZIP archive (or a document inside one that is damaged beyond recognition). "
    "Unpack it and add the files it contains.",
)
ARCHIVE = _refuse(
    "archive",
    _magic(b"\x1f\x8b", b"7z\xbc\xaf\x27\x1c", b"Rar!\x1a\x07", b"BZh"),
    "This is a compressed archive (gzip, 7-Zip, RAR or bzip2). Unpack it and add the files it contains.",
)
IMAGE = _refuse(
    "image",
    # PNG, JPEG and TIFF are read by OCR (image_file); these are web graphics rather than scans.
    lambda head, path: head.startswith((b"GIF87a", b"GIF89a")) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"),
    "This is a GIF or WebP image, which has no text layer. If it is a scanned document, save it as "
    "PNG, JPEG, TIFF or PDF and add that: its text is then read by OCR (text recognition).",
)
PROGRAM = _refuse(
    "program",
    # "MZ" also starts ordinary words, so a program must look binary too
    lambda head, path: head.startswith((b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe"))
    and not looks_like_text(head),
    "This is a program or library, not a document. Leave it out of the archive.",
)
RTF = _refuse(
    "rtf",
    _magic(b"{\\rtf"),
    "This is an RTF file, which cannot be read. Open it in Word or LibreOffice, save it as DOCX or PDF, and add that.",
)
FEED = _refuse(
    "feed",
    _feed,
    "This is a news feed (RSS or Atom), not a document. Add the documents or pages it links to instead.",
)
SVG = _refuse(
    "svg",
    _svg,
    "This is an SVG drawing, not a document. If it shows a document, add that document as PDF.",
)
XML = _refuse(
    "xml",
    _xml_data,
    "This is an XML data file, not a document format that is read (CVDR, officiële bekendmakingen and "
    "Rechtspraak XML are). If it belongs to a publication, add the publication's PDF or HTML version.",
)
JSON = _refuse(
    "json",
    _json,
    "This is a JSON data file, not a document. If the data belongs to a document, add the document itself "
    "(PDF, DOCX, ODT, HTML or text).",
)
CSV = _refuse(
    "csv",
    _csv,
    "This is a table of data (CSV or TSV), not a document. Add the document it belongs to, or save the "
    "table as PDF if it must be searchable.",
)
