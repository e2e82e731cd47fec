"""Exports of a set of documents: manifest rows (CSV, XLSX, JSON) and a ZIP of originals with manifests.

Shared by 'fusiearchief export' and the web UI's /export.* routes. The ZIP is produced as a stream
of byte chunks (iter_zip), so the web can send a large export without building it in memory or on
disk first; write_zip writes that same stream to a file.
"""
from __future__ import annotations

import io
import json
import re
import time
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from typing import BinaryIO, TextIO, cast

from archive import Catalog, OriginalStore
from archive.records import MANIFEST_COLUMNS, Document
from indexer.tables import DEFAULT_CSV_DIALECT, write_csv_table, write_xlsx_table

__all__ = ["COLUMNS", "archive_name", "manifest_rows", "iter_zip", "write_zip", "write_csv", "write_json",
           "write_xlsx"]

COLUMNS = MANIFEST_COLUMNS
MAX_SLUG = 60
_CHUNK = 1 << 20
# Formats that are zip or deflate containers already: storing them again compressed only costs CPU.
_PRECOMPRESSED = {"pdf", "docx", "odt", "xlsx", "ods", "pptx", "odp", "zip", "png", "jpg", "jpeg", "gif"}
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_SAFE_PART = re.compile(r"[^A-Za-z0-9-]+")


def slugify(text: str, limit: int = MAX_SLUG) -> str:
    """ASCII words joined by hyphens, cut at a word boundary within limit characters."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        cut = slug[:limit + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:limit]
    return slug.strip("-")


def archive_name(doc: Document, taken: set[str] | None = None) -> str:
    """A readable, file-system-safe name such as GM1982_2013-04-09_mandaatbesluit_<slug>.pdf.

    Made of the issuer (CBS code), date, type and a slug of the title (or the first file name);
    parts that are unknown are left out. When `taken` is given the name is made unique against it
    (by adding the document id) and then added to it.
    """
    doc_type = doc.type or ""
    title_source = doc.title or next(iter(doc.filenames), "").rsplit(".", 1)[0]
    slug = slugify(title_source)
    type_slug = slugify(doc_type.replace("_", " "))
    if type_slug and slug.startswith(type_slug):
        # "mandaatbesluit_mandaatbesluit-dinkelland" reads badly; the type is in the name already.
        slug = slug[len(type_slug):].strip("-")
    parts = [doc.issuer or "", doc.date_iso or "", doc_type.replace("_", "-"), slug]
    stem = "_".join(p for p in (_SAFE_PART.sub("", str(p)) for p in parts) if p) or doc.id
    ext = _SAFE_PART.sub("", doc.ext or "bin")[:8] or "bin"
    name = f"{stem}.{ext}"
    if taken is not None:
        if name.lower() in taken:
            name = f"{stem}_{doc.id}.{ext}"
        taken.add(name.lower())
    return name


def _ordered_documents(catalog: Catalog, ids: Iterable[str]) -> list[Document]:
    """Documents in the order of ids (the search's order), unknown ids left out."""
    ids = list(dict.fromkeys(ids))
    found: dict[str, Document] = {}
    for start in range(0, len(ids), 500):
        found.update(catalog.get_many(ids[start:start + 500]))
    return list(catalog.with_filenames(found[i] for i in ids if i in found))


def manifest_rows(catalog: Catalog, ids: Iterable[str]) -> list[dict]:
    """One row per document (in the order given) with the names its originals get in a ZIP."""
    taken: set[str] = set()
    return [doc.manifest_row(archive_name(doc, taken)) for doc in _ordered_documents(catalog, ids)]


def write_csv(text_out: TextIO, rows: list[dict], dialect: str = DEFAULT_CSV_DIALECT) -> None:
    """CSV with a header; list values joined by ';' (see indexer.tables for the dialects)."""
    write_csv_table(text_out, rows, COLUMNS, dialect)


def write_xlsx(out_binary_file: BinaryIO, rows: list[dict]) -> None:
    write_xlsx_table(out_binary_file, rows, COLUMNS)


def write_json(text_out: TextIO, rows: list[dict]) -> None:
    json.dump(rows, text_out, ensure_ascii=False, indent=2)
    text_out.write("\n")


class _Chunks:
    """A write-only, non-seekable file that hands what was written to the caller in pieces."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data, self.parts = b"".join(self.parts), []
        return data


def iter_zip(catalog: Catalog, store: OriginalStore, ids: Iterable[str],
             csv_dialect: str = DEFAULT_CSV_DIALECT) -> Iterator[bytes]:
    """The ZIP (manifest.csv, manifest.xlsx, manifest.json, then the originals) as a stream of byte chunks.

    zipfile writes data descriptors when its file cannot seek, so no chunk is ever revisited and
    at most about one read buffer of an original is held in memory at a time.
    """
    rows = manifest_rows(catalog, ids)
    sink = _Chunks()
    # _Chunks is the write-only file zipfile asks for; typeshed's protocol wants more than zipfile uses.
    with zipfile.ZipFile(cast(BinaryIO, sink), "w", compression=zipfile.ZIP_DEFLATED) as archive:
        stamp = time.localtime()[:6]
        csv_text = io.StringIO(newline="")
        write_csv(csv_text, rows, csv_dialect)
        xlsx = io.BytesIO()
        write_xlsx(xlsx, rows)
        json_text = io.StringIO()
        write_json(json_text, rows)
        manifests = (("manifest.csv", csv_text.getvalue().encode("utf-8")), ("manifest.xlsx", xlsx.getvalue()),
                     ("manifest.json", json_text.getvalue().encode("utf-8")))
        for name, data in manifests:
            archive.writestr(zipfile.ZipInfo(name, date_time=stamp), data, compress_type=zipfile.ZIP_DEFLATED)
        yield sink.take()
        for row in rows:
            path = store.find(row["sha256"])
            if path is None:
                continue  # the manifest still lists it; nothing to copy
            info = zipfile.ZipInfo(row["archive_name"], date_time=time.localtime(path.stat().st_mtime)[:6])
            info.file_size = path.stat().st_size  # decides ZIP64 up front, as the stream cannot go back
            info.compress_type = zipfile.ZIP_STORED if path.suffix.lstrip(".") in _PRECOMPRESSED else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with open(path, "rb") as source, archive.open(info, "w") as target:
                while chunk := source.read(_CHUNK):
                    target.write(chunk)
                    yield sink.take()
            yield sink.take()
    yield sink.take()


def write_zip(out_binary_file: BinaryIO, catalog: Catalog, store: OriginalStore, ids: Iterable[str],
              csv_dialect: str = DEFAULT_CSV_DIALECT) -> int:
    """Write the export ZIP to a binary file (seekable or not); returns the bytes written."""
    written = 0
    for chunk in iter_zip(catalog, store, ids, csv_dialect):
        if chunk:
            out_binary_file.write(chunk)
            written += len(chunk)
    return written
