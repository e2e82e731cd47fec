"""One document as the page and the API show it: public metadata with where each value came from,
and the provenance; internal catalog columns stay out."""
from __future__ import annotations

import mimetypes
import re
import unicodedata
from dataclasses import asdict

from indexer.service import Arrival, Document, Reader, archive_name, type_label

_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f/\\\"<>:|?*;]+")
# Invisible characters that change how a name reads: bidirectional overrides and isolates make
# "rapport\u202efdp.exe" show as "rapportexe.pdf"; zero-width and other format characters too.
_INVISIBLE_CATEGORIES = {"Cf", "Zl", "Zp"}
MAX_NAME = 150


def document_view(read: Reader, ref: str, *, with_text: bool = False) -> dict:
    doc = read.document(ref, with_text=with_text)
    provenance = read.provenance(doc.id)
    view = {
        "id": doc.id,
        "sha256": doc.sha256,
        **doc.metadata(),
        "type_label": type_label(doc.type) if doc.type else None,
        "origins": dict(doc.origins),
        "format": doc.format,
        "mime": doc.mime,
        "ext": doc.ext,
        "pages": doc.pages,
        "size": doc.size,
        "status": doc.status,
        "failure": {"code": doc.failure.code, "message": doc.failure.message} if doc.failure else None,
        "provenance": [
            {"path": p.path, "filename": p.filename, "size": p.size, "run_id": p.run_id, "seen_at": p.seen_at}
            for p in provenance
        ],
        "download_name": download_name(doc, provenance),
        "ocr": asdict(doc.ocr) if doc.ocr else None,
    }
    if with_text:
        view["text"] = doc.text or ""
    return view


def download_name(doc: Document, provenance: list[Arrival]) -> str:
    """The name the original first arrived under, made safe for a header and a file system."""
    original = provenance[0].filename if provenance else ""
    visible = "".join(c for c in unicodedata.normalize("NFC", original)
                      if unicodedata.category(c) not in _INVISIBLE_CATEGORIES)
    name = _UNSAFE.sub("_", visible).strip(" ._")
    if not name:
        return archive_name(doc)
    if len(name) > MAX_NAME:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: MAX_NAME - len(ext) - 1] + dot + ext) if dot and len(ext) <= 8 else name[:MAX_NAME]
    return name


def mime_type(doc: dict, name: str) -> str:
    return doc.get("mime") or mimetypes.guess_type(name)[0] or "application/octet-stream"
