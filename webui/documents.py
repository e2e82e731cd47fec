"""One document as the page and the API show it: public metadata with where each value came from,
and the provenance; internal catalog columns stay out."""
from __future__ import annotations

import mimetypes
import re
import unicodedata

from archive import Catalog
from indexer.detect.taxonomy import type_label
from indexer.export import archive_name

_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f/\\\"<>:|?*;]+")
# Invisible characters that change how a name reads: bidirectional overrides and isolates make
# "rapport\u202efdp.exe" show as "rapportexe.pdf"; zero-width and other format characters too.
_INVISIBLE_CATEGORIES = {"Cf", "Zl", "Zp"}
MAX_NAME = 150


def document_view(catalog: Catalog, ref: str, *, with_text: bool = False) -> dict:
    doc = catalog.get(ref)
    provenance = catalog.provenance(doc["id"])
    view = {
        "id": doc["id"],
        "sha256": doc["sha256"],
        "title": doc["title"] or "",
        "type": doc["doc_type"],
        "type_label": type_label(doc["doc_type"]) if doc["doc_type"] else None,
        "date": doc["doc_date"],
        "date_precision": doc["date_precision"],
        "language": doc["language"],
        "issuer": doc["issuer"],
        "municipalities": [
            {"code": m.get("code"), "name": m.get("name"), "role": m.get("role")} for m in doc["municipalities"]
        ],
        "organisations": [{"key": o.get("key"), "name": o.get("name")} for o in doc["organisations"]],
        "origins": doc["origins"],
        "format": doc["format"],
        "mime": doc["mime"],
        "ext": doc["ext"],
        "pages": doc["pages"],
        "size": doc["size"],
        "status": doc["status"],
        "failure": (
            {"code": doc["failure_code"], "message": doc["failure_message"]} if doc["status"] == "failed" else None
        ),
        "provenance": [
            {"path": p["path"], "filename": p["filename"], "size": p["size"], "run_id": p["run_id"],
             "seen_at": p["seen_at"]}
            for p in provenance
        ],
        "download_name": download_name(doc, provenance),
        "ocr": ocr_view(doc),
    }
    if with_text:
        view["text"] = doc.get("text") or ""
    return view


def ocr_view(doc: dict) -> dict | None:
    """How the text was recognised, when OCR read any of it (None for a text layer)."""
    if not doc.get("ocr_pages"):
        return None
    return {"pages": doc["ocr_pages"], "engine": doc.get("ocr_engine"), "languages": doc.get("ocr_languages"),
            "confidence": doc.get("ocr_confidence")}


def download_name(doc: dict, provenance: list[dict]) -> str:
    """The name the original first arrived under, made safe for a header and a file system."""
    original = provenance[0]["filename"] if provenance else ""
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
