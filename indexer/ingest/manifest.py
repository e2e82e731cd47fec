"""Metadata manifests: values an indexer supplies per file, which detection never overwrites.

A manifest is CSV (a header row) or JSON (a list of objects). Each row names its file in a `file`
column — a path relative to the manifest, or a bare file name matching any folder — and any of:
title, municipalities (';'-separated codes or names), issuer, organisation(s), type, date, language.
CSV may be UTF-8 with or without a byte-order mark, with ',' ';' or tab between columns (told by the
header line). The manifest.csv of our own export is read too: `archive_name` names the file (as
unpacked from the ZIP), and its columns that are not metadata to supply are passed over.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from archive import Catalog
from archive.errors import FusiearchiefError
from indexer.ingest.walker import MANIFEST_NAME
from archive.records import MANIFEST_COLUMNS as EXPORT_COLUMNS
from indexer.detect.overrides import OverrideError, normalise_overrides
from indexer.tables import read_csv_records, restore_cell

COLUMNS = ("file", "title", "municipalities", "issuer", "organisations", "type", "date", "language")
ALIASES = {"organisation": "organisations", "municipality": "municipalities", "path": "file", "filename": "file",
           "archive_name": "file"}
# Columns of our own export's manifest that describe the archived copy (or mentions, which are
# detected, never supplied) rather than supply metadata: derived, so a new export column is skipped too.
EXPORT_ONLY = set(EXPORT_COLUMNS) - set(COLUMNS) - set(ALIASES)


class ManifestError(FusiearchiefError, ValueError):
    code = "bad_manifest"


@dataclass
class ManifestRow:
    target: str  # absolute path, or a bare file name
    values: dict
    line: int


class Manifest:
    def __init__(self, rows: list[ManifestRow], sources: list[Path]):
        self.rows = rows
        self.sources = sources

    @classmethod
    def load(cls, path: Path) -> "Manifest":
        path = Path(path)
        try:
            if path.suffix.lower() == ".json":
                records = json.loads(path.read_text(encoding="utf-8-sig"))
                if not isinstance(records, list):
                    raise ManifestError(f"{path}: a JSON manifest must be a list of objects.")
            else:
                with open(path, newline="", encoding="utf-8-sig") as handle:
                    records = [{key: restore_cell(value) if isinstance(value, str) else value
                                for key, value in record.items()} for record in read_csv_records(handle)]
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, csv.Error) as error:
            raise ManifestError(f"Cannot read manifest {path}: {error}") from None
        rows = []
        for number, record in enumerate(records, start=2):
            if not isinstance(record, dict):
                raise ManifestError(f"{path}, row {number}: expected an object with a 'file' field.")
            record = {ALIASES.get(k.strip().lower(), k.strip().lower()): v for k, v in record.items()
                      if k and k.strip().lower() not in EXPORT_ONLY}
            unknown = set(record) - set(COLUMNS)
            if unknown:
                raise ManifestError(
                    f"{path}: unknown column(s) {', '.join(sorted(unknown))}; allowed: {', '.join(COLUMNS)}."
                )
            name = (record.pop("file", "") or "").strip()
            if not name:
                raise ManifestError(f"{path}, row {number}: the 'file' column is empty.")
            try:
                values = normalise_overrides(record)
            except OverrideError as error:
                raise ManifestError(f"{path}, row {number} ({name}): {error}") from None
            target = str((path.parent / name).absolute()) if ("/" in name or "\\" in name) else name
            rows.append(ManifestRow(target, values, number))
        return cls(rows, [path])

    @classmethod
    def discover(cls, explicit: Path | None, inputs: Iterable[str]) -> "Manifest | None":
        """The --metadata file plus a metadata.csv at the top of each ingested folder."""
        paths = [Path(explicit)] if explicit else []
        paths += [Path(p) / MANIFEST_NAME for p in inputs if (Path(p) / MANIFEST_NAME).is_file()]
        if not paths:
            return None
        manifests = [cls.load(p) for p in paths]
        return cls([row for m in manifests for row in m.rows], [s for m in manifests for s in m.sources])

    def apply(self, catalog: Catalog) -> int:
        """Record the supplied values on every archived document the rows point to."""
        applied = 0
        for row in self.rows:
            if not row.values:
                continue
            by_path = row.target.startswith("/")
            for doc_id in catalog.arrived_as(path=row.target if by_path else None,
                                             filename=None if by_path else row.target):
                catalog.set_overrides(doc_id, row.values, origin="supplied", source=f"manifest line {row.line}")
                applied += 1
        return applied
