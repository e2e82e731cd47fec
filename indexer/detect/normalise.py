"""Text normalisation for matching names: NFC, mojibake repair, folded diacritics and apostrophes.

Folding is for matching only; names are always shown as the register spells them.
"""
from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_MOJIBAKE_MARKERS = ("Ã", "â€")


def repair(text: str) -> str:
    """NFC, curly apostrophes made straight, and UTF-8 read as cp1252 ("SÃºdwest") undone."""
    text = unicodedata.normalize("NFC", text)
    if any(marker in text for marker in _MOJIBAKE_MARKERS):
        try:
            text = text.encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return text.translate(_APOSTROPHES)


def fold(text: str) -> str:
    """Accents off and apostrophes straight, same length as the input, so offsets in the folded
    text match the original."""
    text = text.translate(_APOSTROPHES)
    out = []
    for char in text:
        base = unicodedata.normalize("NFD", char)[0]
        out.append(base if len(base) == 1 else char)
    return "".join(out)


def name_key(text: str) -> str:
    """A lookup key: "'s-Gravenhage", "’s Gravenhage" and "s-Gravenhage" share one; so do
    "Bergen (NH.)" and "Bergen NH"."""
    text = fold(repair(text)).casefold()
    text = text.replace("&", " en ")
    text = re.sub(r"['.()]", "", text)
    text = re.sub(r"[-/,\s]+", " ", text)
    return text.strip()
