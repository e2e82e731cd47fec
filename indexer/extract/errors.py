"""The one exception extraction raises for bad input, with a machine-readable code."""
from __future__ import annotations

FAILURE_CODES = ("unsupported_format", "encrypted", "corrupt", "empty_text", "too_large", "timeout", "unreadable", "ocr_failed")


class ExtractionError(Exception):
    """A file whose text could not be read. `code` is one of FAILURE_CODES, `message` is for people."""

    def __init__(self, code: str, message: str):
        if code not in FAILURE_CODES:
            raise ValueError(f"unknown extraction failure code {code!r}")
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message

    def __reduce__(self):
        # Worker processes send these back to the parent; the default pickling would call
        # __init__ with the single formatted string.
        return (type(self), (self.code, self.message))
