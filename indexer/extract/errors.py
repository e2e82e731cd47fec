"""The one exception extraction raises for bad input, with a machine-readable code."""
from __future__ import annotations

from archive.errors import FusiearchiefError

FAILURE_CODES = ("unsupported_format", "encrypted", "corrupt", "empty_text", "too_large", "timeout", "unreadable", "ocr_failed")


class ExtractionError(FusiearchiefError):
    """A file whose text could not be read. `code` is one of FAILURE_CODES, `message` is for people."""

    def __init__(self, code: str, message: str):
        if code not in FAILURE_CODES:
            raise ValueError(f"unknown extraction failure code {code!r}")
        super().__init__(message, code=code)

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"
