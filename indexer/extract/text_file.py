"""Plain text: the encoding is detected (BOM, UTF-8, cp1252, latin-1) and recorded."""
from __future__ import annotations

from pathlib import Path

from indexer.extract.cleanup import versioned
from indexer.extract.decoding import decode_bytes, looks_like_text
from indexer.extract.limits import Limits
from indexer.extract.registry import Format

VERSION = "1.0"  # bump when the text this module produces changes, so stored text can be re-made


def sniff(head: bytes, path: Path) -> bool:
    return looks_like_text(head)


def extract(path: Path, limits: Limits) -> dict:
    text, encoding = decode_bytes(Path(path).read_bytes())
    return {"text": text, "pages": None, "native": {"encoding": encoding}}


FORMAT = Format(
    name="txt",
    mime="text/plain",
    extensions=(".txt", ".text"),
    sniff=sniff,
    extract=extract,
    extractor="text",
    extractor_version=versioned(VERSION),
    empty_message="The text file contains only white space.",
)
