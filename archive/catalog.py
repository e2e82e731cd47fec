"""The SQLite catalog: documents with their text and metadata, provenance, failures, runs, overrides.

One connection per Catalog object; writes use short IMMEDIATE transactions so that a reader (the
web UI) never waits long and a killed writer leaves the database as of its last commit (WAL).
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import asdict
from datetime import datetime, timezone
from itertools import islice
from pathlib import Path
from typing import Any

from archive.errors import FusiearchiefError
from archive.records import Arrival, Document, Failure, InvalidDate, OcrInfo, PartialDate
from archive.migrations import MIGRATIONS, SCHEMA_VERSION
from archive.write_errors import from_sqlite_error

# Metadata fields whose value is detected, supplied (a manifest at ingest) or corrected (edit).
FIELDS_WITH_ORIGIN = ("title", "municipalities", "issuer", "organisations", "type", "date", "language")
ORIGINS = ("detected", "supplied", "corrected")
ID_LENGTH = 16
MIN_PREFIX = 6


class CatalogError(FusiearchiefError):
    """The catalog cannot be used as it is (missing, newer, needing a migration, a bad value)."""

    code = "catalog"


class DocumentNotFound(CatalogError):
    code = "not_found"


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def document_id(sha256: str) -> str:
    return sha256[:ID_LENGTH]


def _loads(value: str | None, default: Any) -> Any:
    return json.loads(value) if value else default


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _stored_date(value: str | None) -> PartialDate | None:
    try:
        return PartialDate.from_stored(value)
    except InvalidDate:  # written by an older version that checked less; shown as no date, not an error
        return None


def date_precision(value: str | None) -> str | None:
    found = _stored_date(value)
    return found.precision if found else None


def effective_metadata(detected: Mapping[str, Any], overrides: Mapping[str, tuple[Any, str]]) -> dict:
    """Merge detection with overrides: a supplied or corrected value always wins over detection."""

    def pick(field: str, detected_value: Any) -> tuple[Any, str]:
        if field in overrides:
            value, origin = overrides[field]
            return value, origin
        return detected_value, "detected"

    def value_of(key: str) -> Any:
        item = detected.get(key)
        return item.get("value") if isinstance(item, Mapping) else item

    result: dict[str, Any] = {}
    origins: dict[str, str] = {}
    for field, detected_value in (
        ("title", value_of("title")),
        ("type", value_of("type")),
        ("date", value_of("date")),
        ("language", value_of("language")),
        ("issuer", detected.get("issuer")),
        ("municipalities", detected.get("municipalities") or []),
        ("organisations", detected.get("organisations") or []),
    ):
        result[field], origins[field] = pick(field, detected_value)
    result["origins"] = origins
    return result


class Catalog:
    def __init__(self, path: str | Path, *, readonly: bool = False):
        self.path = Path(path)
        self.readonly = readonly
        if readonly:
            if not self.path.exists():
                raise CatalogError(
                    f"Geen archief gevonden in {self.path.parent} (no catalog). "
                    "Run 'fusiearchief ingest PATH' first, or pass --data-dir."
                )
            uri = f"file:{self.path}?mode=ro"
            self.db = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute("PRAGMA busy_timeout=30000")
        self._migrate()

    # -- lifecycle -------------------------------------------------------------------------
    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise CatalogError(
                f"The catalog {self.path} has schema version {version}, newer than this "
                f"fusiearchief understands ({SCHEMA_VERSION}). Upgrade fusiearchief."
            )
        if version == SCHEMA_VERSION:
            return
        if self.readonly:
            raise CatalogError(
                f"The catalog {self.path} needs a migration (version {version} → {SCHEMA_VERSION}); "
                "run any writing command such as 'fusiearchief init' first."
            )
        for number in range(version, SCHEMA_VERSION):
            with self.transaction():
                for statement in _split_sql(MIGRATIONS[number]):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version={number + 1}")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Catalog":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
                self.db.execute("COMMIT")
            except BaseException:
                # SQLite may have rolled back already (a full disk does that); a COMMIT that failed
                # leaves the transaction open.
                if self.db.in_transaction:
                    with suppress(sqlite3.Error):
                        self.db.execute("ROLLBACK")
                raise
        except sqlite3.DatabaseError as error:
            failure = from_sqlite_error(self.path.parent, error)
            if failure is None:
                raise
            raise failure from None

    def integrity_errors(self) -> list[str]:
        """Problems found by SQLite's own check plus the catalog's invariants; empty when sound."""
        errors = [row[0] for row in self.db.execute("PRAGMA integrity_check") if row[0] != "ok"]
        errors += [f"foreign key: {tuple(row)}" for row in self.db.execute("PRAGMA foreign_key_check")]
        orphans = self.db.execute(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS "
            "(SELECT 1 FROM provenance p WHERE p.document_id = d.id)"
        ).fetchone()[0]
        if orphans:
            errors.append(f"{orphans} documents without provenance")
        both = self.db.execute(
            "SELECT count(*) FROM failures f JOIN provenance p ON p.path = f.path WHERE f.document_id IS NULL"
        ).fetchone()[0]
        if both:
            errors.append(f"{both} paths both archived and failed unread")
        mismatched = self.db.execute(
            "SELECT count(*) FROM documents d WHERE (d.status = 'failed') != EXISTS "
            "(SELECT 1 FROM failures f WHERE f.document_id = d.id)"
        ).fetchone()[0]
        if mismatched:
            errors.append(f"{mismatched} documents whose status disagrees with their failure rows")
        return errors

    # -- documents -------------------------------------------------------------------------
    def has_sha256(self, sha256: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha256,)).fetchone() is not None

    def resolve_id(self, ref: str) -> str:
        """A full id, a unique prefix of at least MIN_PREFIX characters, or a full sha256."""
        ref = (ref or "").strip().lower()
        if len(ref) < MIN_PREFIX or not all(c in "0123456789abcdef" for c in ref):
            raise DocumentNotFound(
                f"'{ref}' is not a document id: use the id shown by 'fusiearchief search' "
                f"(hexadecimal, at least {MIN_PREFIX} characters)."
            )
        rows = self.db.execute(
            "SELECT id FROM documents WHERE id LIKE ? OR sha256 = ? LIMIT 2", (ref[:ID_LENGTH] + "%", ref)
        ).fetchall()
        if not rows:
            raise DocumentNotFound(f"No document with id '{ref}'.")
        if len(rows) > 1:
            raise DocumentNotFound(f"The id prefix '{ref}' is ambiguous: give more characters.")
        return rows[0]["id"]

    def get(self, ref: str) -> Document:
        doc_id = self.resolve_id(ref)
        row = self.db.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return self._document(row)

    def record(self, ref: str) -> dict[str, Any]:
        """The document as stored, column by column (JSON columns decoded), with its provenance and
        overrides: what 'fusiearchief show --format json' prints for inspection. Code reads get()."""
        doc_id = self.resolve_id(ref)
        row = dict(self.db.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone())
        for column, default in (("native", {}), ("detected", {}), ("municipalities", []), ("organisations", []),
                                ("origins", {})):
            row[column] = _loads(row.pop(f"{column}_json", None), default)
        row["provenance"] = [asdict(arrival) for arrival in self.provenance(doc_id)]
        row["overrides"] = self.overrides(doc_id)
        return row

    def get_many(self, ids: Iterable[str], *, with_text: bool = False) -> dict[str, Document]:
        ids = list(ids)
        if not ids:
            return {}
        columns = "*" if with_text else ", ".join(c for c in self._columns() if c != "text")
        marks = ",".join("?" * len(ids))
        rows = self.db.execute(f"SELECT {columns} FROM documents WHERE id IN ({marks})", ids)
        return {row["id"]: self._document(row) for row in rows}

    def texts(self, ids: Iterable[str]) -> dict[str, str]:
        ids = list(ids)
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.db.execute(f"SELECT id, text FROM documents WHERE id IN ({marks})", ids)
        return {row["id"]: row["text"] or "" for row in rows}

    def _columns(self) -> list[str]:
        if not hasattr(self, "_column_names"):
            self._column_names = [r[1] for r in self.db.execute("PRAGMA table_info(documents)")]
        return self._column_names

    def iter_documents(self, *, with_text: bool = False, where: str = "1", params: tuple = ()) -> Iterator[Document]:
        columns = "*" if with_text else ", ".join(c for c in self._columns() if c != "text")
        cursor = self.db.execute(f"SELECT {columns} FROM documents WHERE {where} ORDER BY id", params)
        for row in cursor:
            yield self._document(row)

    def count_documents(self, where: str = "1", params: tuple = ()) -> int:
        return self.db.execute(f"SELECT count(*) FROM documents WHERE {where}", params).fetchone()[0]

    def _document(self, row: sqlite3.Row) -> Document:
        keys = row.keys()
        failed = row["status"] == "failed"
        return Document(
            id=row["id"], sha256=row["sha256"], size=row["size"], ext=row["ext"], status=row["status"],
            title=row["title"] or "", type=row["doc_type"], date=_stored_date(row["doc_date"]),
            language=row["language"], issuer=row["issuer"],
            municipalities=_loads(row["municipalities_json"], []), organisations=_loads(row["organisations_json"], []),
            origins=_loads(row["origins_json"], {}), format=row["format"], mime=row["mime"], pages=row["pages"],
            failure=Failure(row["failure_stage"], row["failure_code"] or "", row["failure_message"] or "")
            if failed else None,
            extractor=row["extractor"], extractor_version=row["extractor_version"],
            ocr=OcrInfo(row["ocr_pages"], row["ocr_engine"], row["ocr_languages"], row["ocr_confidence"])
            if row["ocr_pages"] else None,
            native=_loads(row["native_json"], {}), detected=_loads(row["detected_json"], {}),
            text=row["text"] if "text" in keys else None,
            created_at=row["created_at"], updated_at=row["updated_at"], index_dirty=bool(row["index_dirty"]),
        )

    def with_filenames(self, docs: Iterable[Document], batch: int = 500) -> Iterator[Document]:
        """The documents with the names their originals arrived under, in order of arrival (what an
        index and an export show); one query per batch, as an index build reads thousands."""
        iterator = iter(docs)
        while chunk := list(islice(iterator, batch)):
            marks = ",".join("?" * len(chunk))
            names: dict[str, dict[str, None]] = {doc.id: {} for doc in chunk}
            for row in self.db.execute(f"SELECT document_id, filename FROM provenance WHERE document_id IN ({marks}) "
                                       "ORDER BY seen_at, path", [doc.id for doc in chunk]):
                names[row[0]][row[1]] = None
            yield from (doc.replace(filenames=tuple(names[doc.id])) for doc in chunk)

    def add_document(
        self,
        *,
        sha256: str,
        size: int,
        ext: str,
        extraction: Mapping[str, Any] | None,
        failure: Mapping[str, str] | None,
        detected: Mapping[str, Any] | None,
        arrivals: Iterable[Mapping[str, Any]] = (),
    ) -> str:
        """Insert a new document (extracted, or failed with failure={stage, code, message}).

        arrivals ({path, size, mtime_ns, run_id}) are written in the same transaction, so a killed
        run never leaves a document without provenance, nor a failed document without its failure rows.
        """
        doc_id = document_id(sha256)
        stamp = now_iso()
        with self.transaction():
            self.db.execute(
                "INSERT INTO documents (id, sha256, size, ext, status, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, 'failed', ?, ?)",
                (doc_id, sha256, size, ext, stamp, stamp),
            )
            self._write_extraction(doc_id, extraction, failure, detected)
            for arrival in arrivals:
                self._arrive(doc_id, **arrival)
        return doc_id

    def replace_extraction(
        self,
        doc_id: str,
        *,
        extraction: Mapping[str, Any] | None,
        failure: Mapping[str, str] | None,
        detected: Mapping[str, Any] | None,
    ) -> None:
        """After a retry: the original is the same, what we could read of it changed."""
        with self.transaction():
            self._write_extraction(doc_id, extraction, failure, detected)
            self.db.execute("DELETE FROM failures WHERE document_id=?", (doc_id,))
            if failure:
                self.db.execute(
                    "INSERT INTO failures (path, document_id, size, mtime_ns, stage, code, message, run_id, failed_at) "
                    "SELECT path, document_id, size, mtime_ns, ?, ?, ?, run_id, ? FROM provenance WHERE document_id=?",
                    (failure.get("stage"), failure.get("code"), failure.get("message"), now_iso(), doc_id),
                )

    def _write_extraction(self, doc_id, extraction, failure, detected) -> None:
        extraction = extraction or {}
        failure = failure or {}
        ocr = extraction.get("ocr") or {}
        self.db.execute(
            "UPDATE documents SET format=?, mime=?, pages=?, text=?, native_json=?, status=?, "
            "failure_stage=?, failure_code=?, failure_message=?, extractor=?, extractor_version=?, "
            "ocr_pages=?, ocr_engine=?, ocr_languages=?, ocr_confidence=?, updated_at=? WHERE id=?",
            (
                extraction.get("format"),
                extraction.get("mime"),
                extraction.get("pages"),
                extraction.get("text"),
                _dumps(extraction.get("native") or {}),
                "failed" if failure else "ok",
                failure.get("stage"),
                failure.get("code"),
                failure.get("message"),
                extraction.get("extractor"),
                extraction.get("extractor_version"),
                len(ocr.get("pages") or []),
                ocr.get("engine"),
                ocr.get("languages"),
                ocr.get("confidence"),
                now_iso(),
                doc_id,
            ),
        )
        self._set_detected(doc_id, detected or {})

    def set_detected(self, doc_id: str, detected: Mapping[str, Any]) -> None:
        with self.transaction():
            self._set_detected(doc_id, detected)

    def _set_detected(self, doc_id: str, detected: Mapping[str, Any]) -> None:
        self.db.execute("UPDATE documents SET detected_json=? WHERE id=?", (_dumps(detected), doc_id))
        self._refresh_effective(doc_id)

    def _refresh_effective(self, doc_id: str) -> None:
        row = self.db.execute("SELECT detected_json FROM documents WHERE id=?", (doc_id,)).fetchone()
        detected = _loads(row["detected_json"], {})
        overrides = {
            r["field"]: (json.loads(r["value_json"]), r["origin"])
            for r in self.db.execute("SELECT field, value_json, origin FROM overrides WHERE document_id=?", (doc_id,))
        }
        meta = effective_metadata(detected, overrides)
        self.db.execute(
            "UPDATE documents SET title=?, doc_type=?, doc_date=?, date_precision=?, language=?, issuer=?, "
            "municipalities_json=?, organisations_json=?, origins_json=?, index_dirty=1, updated_at=? WHERE id=?",
            (
                meta["title"],
                meta["type"],
                meta["date"],
                date_precision(meta["date"]),
                meta["language"],
                meta["issuer"],
                _dumps(meta["municipalities"]),
                _dumps(meta["organisations"]),
                _dumps(meta["origins"]),
                now_iso(),
                doc_id,
            ),
        )

    # -- overrides -------------------------------------------------------------------------
    def set_overrides(self, doc_id: str, values: Mapping[str, Any], *, origin: str, source: str = "") -> None:
        """Record supplied or corrected values; detection never overwrites them.

        A supplied value (from a manifest) does not replace a correction made by hand.
        """
        unknown = set(values) - set(FIELDS_WITH_ORIGIN)
        if unknown:
            raise CatalogError(f"Unknown metadata field(s): {', '.join(sorted(unknown))}")
        if origin not in ("supplied", "corrected"):
            raise CatalogError(f"Unknown origin {origin!r}")
        with self.transaction():
            for field, value in values.items():
                if origin == "supplied":
                    existing = self.db.execute(
                        "SELECT origin FROM overrides WHERE document_id=? AND field=?", (doc_id, field)
                    ).fetchone()
                    if existing and existing["origin"] == "corrected":
                        continue
                self.db.execute(
                    "INSERT OR REPLACE INTO overrides (document_id, field, value_json, origin, source, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (doc_id, field, _dumps(value), origin, source, now_iso()),
                )
            self._refresh_effective(doc_id)

    def reset_overrides(self, doc_id: str, fields: Iterable[str]) -> None:
        with self.transaction():
            self.db.executemany(
                "DELETE FROM overrides WHERE document_id=? AND field=?", [(doc_id, f) for f in fields]
            )
            self._refresh_effective(doc_id)

    def overrides(self, doc_id: str) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT field, value_json, origin, source, created_at FROM overrides WHERE document_id=? ORDER BY field",
            (doc_id,),
        )
        return [dict(r, value=json.loads(r["value_json"])) for r in rows]

    # -- provenance and incremental ingest -------------------------------------------------
    def add_provenance(self, doc_id: str, *, path: str, size: int, mtime_ns: int, run_id: int | None) -> bool:
        """Record that doc_id arrived under path; False when that pairing was known already."""
        with self.transaction():
            return self._arrive(doc_id, path=path, size=size, mtime_ns=mtime_ns, run_id=run_id)

    def _arrive(self, doc_id: str, *, path: str, size: int, mtime_ns: int, run_id: int | None) -> bool:
        known = self.db.execute(
            "SELECT 1 FROM provenance WHERE path=? AND document_id=?", (path, doc_id)
        ).fetchone()
        self.db.execute(
            "INSERT INTO provenance (document_id, path, filename, size, mtime_ns, run_id, seen_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (path, document_id) DO UPDATE SET "
            "size=excluded.size, mtime_ns=excluded.mtime_ns, run_id=excluded.run_id, seen_at=excluded.seen_at",
            (doc_id, path, Path(path).name, size, mtime_ns, run_id, now_iso()),
        )
        # A path is either archived or failed unread, never both; a failed document keeps a
        # failure row per path so that 'fusiearchief failures' lists every file that failed.
        self.db.execute("DELETE FROM failures WHERE path=?", (path,))
        row = self.db.execute(
            "SELECT status, failure_stage, failure_code, failure_message FROM documents WHERE id=?", (doc_id,)
        ).fetchone()
        if row["status"] == "failed":
            self.db.execute(
                "INSERT INTO failures (path, document_id, size, mtime_ns, stage, code, message, run_id, failed_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (path, doc_id, size, mtime_ns, row["failure_stage"], row["failure_code"],
                 row["failure_message"], run_id, now_iso()),
            )
        return known is None

    def arrived_as(self, *, path: str | None = None, filename: str | None = None) -> list[str]:
        """Ids of the documents that arrived under this path, or under this file name anywhere."""
        column, value = ("path", path) if path is not None else ("filename", filename)
        rows = self.db.execute(f"SELECT DISTINCT document_id FROM provenance WHERE {column}=?", (value,))
        return [r[0] for r in rows]

    def provenance(self, doc_id: str) -> list[Arrival]:
        rows = self.db.execute(
            "SELECT path, filename, size, mtime_ns, run_id, seen_at FROM provenance WHERE document_id=? ORDER BY seen_at, path",
            (doc_id,),
        )
        return [Arrival(**dict(r)) for r in rows]

    def known_paths(self) -> dict[str, tuple[int, int]]:
        """path -> (size, mtime_ns) of everything seen, for a fast incremental scan."""
        seen: dict[str, tuple[int, int]] = {}
        for table in ("failures", "provenance"):
            # Oldest first, so that the latest sighting of a path is the one kept.
            order = "failed_at" if table == "failures" else "seen_at"
            for row in self.db.execute(f"SELECT path, size, mtime_ns FROM {table} ORDER BY {order}"):
                seen[row["path"]] = (row["size"], row["mtime_ns"])
        return seen

    # -- failures --------------------------------------------------------------------------
    def record_failure(
        self,
        *,
        path: str,
        document_id: str | None,
        size: int | None,
        mtime_ns: int | None,
        stage: str,
        code: str,
        message: str,
        run_id: int | None,
    ) -> None:
        with self.transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO failures (path, document_id, size, mtime_ns, stage, code, message, run_id, failed_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (path, document_id, size, mtime_ns, stage, code, message, run_id, now_iso()),
            )

    def clear_failure(self, path: str) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM failures WHERE path=?", (path,))

    def failures(self, code: str | None = None) -> list[dict]:
        sql = (
            "SELECT f.path, d.sha256, f.document_id, f.stage, f.code, f.message, f.run_id, f.failed_at "
            "FROM failures f LEFT JOIN documents d ON d.id = f.document_id"
        )
        params: tuple = ()
        if code:
            sql += " WHERE f.code = ?"
            params = (code,)
        return [dict(r) for r in self.db.execute(sql + " ORDER BY f.path", params)]

    # -- runs ------------------------------------------------------------------------------
    def start_run(self, options: Mapping[str, Any]) -> int:
        with self.transaction():
            cursor = self.db.execute(
                "INSERT INTO runs (started_at, options_json) VALUES (?, ?)", (now_iso(), _dumps(dict(options)))
            )
            return cursor.lastrowid or 0

    def finish_run(self, run_id: int, counts: Mapping[str, Any], status: str) -> None:
        with self.transaction():
            self.db.execute(
                "UPDATE runs SET ended_at=?, counts_json=?, status=? WHERE id=?",
                (now_iso(), _dumps(dict(counts)), status, run_id),
            )

    def interrupt_stale_runs(self) -> int:
        """Runs still 'running' while the caller holds the writer lock were killed: say so."""
        with self.transaction():
            return self.db.execute(
                "UPDATE runs SET status='interrupted', ended_at=? WHERE status='running'", (now_iso(),)
            ).rowcount

    def runs(self, limit: int = 20) -> list[dict]:
        rows = self.db.execute("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (limit,))
        return [dict(r, options=_loads(r["options_json"], {}), counts=_loads(r["counts_json"], {})) for r in rows]

    # -- index bookkeeping -----------------------------------------------------------------
    def dirty_ids(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM documents WHERE index_dirty=1 ORDER BY id")]

    def mark_indexed(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        with self.transaction():
            self.db.executemany("UPDATE documents SET index_dirty=0 WHERE id=?", [(i,) for i in ids])

    def mark_all_dirty(self) -> None:
        with self.transaction():
            self.db.execute("UPDATE documents SET index_dirty=1")

    # -- statistics ------------------------------------------------------------------------
    def stats(self) -> dict:
        def grouped(sql: str) -> dict:
            return {(r[0] if r[0] is not None else "onbekend"): r[1] for r in self.db.execute(sql)}

        return {
            "documents": self.count_documents(),
            "provenance": self.db.execute("SELECT count(*) FROM provenance").fetchone()[0],
            "by_status": grouped("SELECT status, count(*) FROM documents GROUP BY status ORDER BY status"),
            "by_format": grouped("SELECT format, count(*) FROM documents GROUP BY format ORDER BY 2 DESC"),
            "failures": self.db.execute("SELECT count(*) FROM failures").fetchone()[0],
            "failures_by_code": grouped("SELECT code, count(*) FROM failures GROUP BY code ORDER BY 2 DESC"),
            "by_type": grouped("SELECT doc_type, count(*) FROM documents GROUP BY doc_type ORDER BY 2 DESC"),
            "by_language": grouped("SELECT language, count(*) FROM documents GROUP BY language ORDER BY 2 DESC"),
            "ocr": self.count_documents("ocr_pages > 0"),
            "unindexed": self.db.execute("SELECT count(*) FROM documents WHERE index_dirty=1").fetchone()[0],
        }


def _split_sql(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
