"""Bytes to str for the text formats: which encoding, and whether the bytes are text at all."""
from __future__ import annotations

import codecs

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: same first two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Bytes that never occur in text in any encoding we read: C0 controls other than
# \t \n \v \f \r, ESC (ANSI colours in logs) and SUB (DOS end of file).
_BINARY_BYTES = bytes(set(range(32)) - {9, 10, 11, 12, 13, 26, 27})


def bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def looks_like_text(head: bytes) -> bool:
    """Whether the first bytes of a file are text: a BOM, or hardly any binary control bytes."""
    if not head:
        return False
    if bom_encoding(head):
        return True
    if b"\x00" in head:
        return False
    binary = len(head) - len(head.translate(None, _BINARY_BYTES))
    return binary <= len(head) // 100


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding name). BOM first, then a declared charset, then UTF-8, cp1252, latin-1.

    cp1252 before latin-1 because Windows files written in Dutch use its curly quotes and euro
    sign, which latin-1 would turn into invisible C1 controls; latin-1 only for the five bytes that
    cp1252 leaves undefined. A declared "iso-8859-1" is read as cp1252, as browsers do.
    """
    encoding = bom_encoding(data)
    if encoding:
        return data.decode(encoding, errors="replace"), encoding.removesuffix("-sig")
    candidates = []
    if declared:
        try:
            name = codecs.lookup(declared).name
        except LookupError:
            name = None
        if name in ("latin-1", "iso8859-1", "ascii"):
            name = "cp1252"
        if name:
            candidates.append(name)
    candidates += ["utf-8", "cp1252"]
    for candidate in candidates:
        try:
            return data.decode(candidate), candidate
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"
