"""Content-Disposition with an ASCII fallback and the exact name as RFC 5987 filename*."""
from __future__ import annotations

import unicodedata
from urllib.parse import quote


def content_disposition(name: str, disposition: str = "attachment") -> str:
    fallback = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    fallback = "".join(c if c.isalnum() or c in " .-_()" else "_" for c in fallback).strip() or "document"
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
