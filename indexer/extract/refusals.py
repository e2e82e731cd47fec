"""Kinds of files we recognise but do not read, each with the failure it gets and what to do."""
from __future__ import annotations

import mmap
from pathlib import Path

from indexer.extract.decoding import bom_encoding, looks_like_text
from indexer.extract.registry import Refusal
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


def _xml_not_html(head: bytes, path: Path) -> bool:
    if not looks_like_text(head):
        return False
    start = head.decode(bom_encoding(head) or "latin-1", errors="replace").lstrip("\ufeff \t\r\n")
    return start.startswith("<?xml")


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
XML = _refuse(
    "xml",
    _xml_not_html,
    "This is an XML data file, not a document. If it belongs to a publication, add the publication's PDF or HTML version.",
)
