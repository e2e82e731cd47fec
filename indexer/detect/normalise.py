"""Text normalisation for matching names: NFC, mojibake repair, folded diacritics and apostrophes.

Folding is for matching only; names are always shown as the register spells them.
"""
from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_MOJIBAKE_MARKERS = ("Ã", "â€", "â\x80")


def repair(text: str) -> str:
    """NFC, curly apostrophes made straight, and UTF-8 read as cp1252 ("SÃºdwest") or as Latin-1
    ("â\x80\x98", whose C1 controls cp1252 cannot encode) undone."""
    text = unicodedata.normalize("NFC", text)
    if any(marker in text for marker in _MOJIBAKE_MARKERS):
        for codec in ("cp1252", "latin-1"):
            try:
                text = text.encode(codec).decode("utf-8")
                break
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
    return text.translate(_APOSTROPHES)


class _FoldTable(dict):
    """code point -> its first NFD character, worked out once per character str.translate meets."""

    def __missing__(self, code: int) -> str:
        base = unicodedata.normalize("NFD", chr(code))[0]
        self[code] = base
        return base


_FOLD = _FoldTable()


def unaccent(text: str) -> str:
    """Accents off and apostrophes straight, same length as the input, so offsets in the folded
    text match the original."""
    text = text.translate(_APOSTROPHES)
    return text if text.isascii() else text.translate(_FOLD)


def name_key(text: str) -> str:
    """A lookup key: "'s-Gravenhage", "’s Gravenhage" and "s-Gravenhage" share one; so do
    "Bergen (NH.)" and "Bergen NH"."""
    text = unaccent(repair(text)).casefold()
    text = text.replace("&", " en ")
    text = re.sub(r"['.()]", "", text)
    text = re.sub(r"[-/,\s]+", " ", text)
    return text.strip()
