"""Detection measured against a hand-labelled file list (e.g. corpus/labels.csv).

The labels file is a CSV with the columns `file` (path relative to the labels file), `issuer` (a
CBS code), `municipalities` (CBS codes separated by `;`), `organisation`, `type` (a taxonomy key),
`date` (YYYY-MM-DD) and `language` (ISO 639-1). An empty cell means "not checked": that field is
not scored for that row. `-` in `issuer` or `municipalities` means "no Dutch municipality expected"
(a hard negative: a Belgian, national or EU document): the row is checked, every code detected on
it is a false positive. Other columns (title, expect_failure, ...) are ignored for the scores.
`expect_failure` may say `empty_text_without_ocr`: a scan that fails as empty_text only where
OCR (Tesseract with the Dutch model) is not installed.

Each file is extracted and detected exactly as an ingest would (a file whose extraction fails is
detected from its name alone); no data folder is read or written.

Scoring:
- municipalities: the detected municipalities with role issuer or participant (not "mentioned")
  against the cell's codes; precision, recall and F1 micro-averaged over codes, over the rows whose
  cell is non-empty.
- issuer: the same over single codes, over the rows whose issuer cell is non-empty. A detected
  issuer that equals the label is a true positive; a different one counts once as a false positive
  and once as a false negative (the right one was missed); no detected issuer is a false negative.
  On a row with an empty issuer cell a detected issuer is not counted at all.
- issuer_accuracy: the detected issuer (or none) equals the cell, over the rows whose issuer cell
  is non-empty (`-` is right only when no issuer was detected).
- facet: what a user sees: the municipality codes the search index files the document under (the
  facet and the `-m`/`cbs:` filters, taken from indexer.search.schema.index_fields itself), scored
  against the `municipalities` cell like municipalities.
- negatives: on the `-` rows, how many documents still carry a Dutch municipality at the issuer/
  participant level and at the facet level, with their files.
- organisation (the first detected organisation's key), type, date and language: accuracy = exact
  agreement over the rows whose cell is non-empty. A date is compared as written, so a labelled day
  needs the exact day (a labelled `YYYY-MM` needs exactly that month).
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from archive.errors import FusiearchiefError
from indexer.detect import detect
from indexer.tables import csv_delimiter

SET_FIELDS = ("municipalities", "issuer", "facet")
# The facet is scored against the municipalities column: what the user should see there.
LABEL_COLUMN = {"facet": "municipalities"}
NONE_EXPECTED = "-"
MISSES_COLUMNS = ("file", "field", "expected", "detected", "expected_failure")
ACCURACY_FIELDS = ("organisation", "type", "date", "language")
FIELDS = SET_FIELDS + ACCURACY_FIELDS


class LabelsError(FusiearchiefError, ValueError):
    """The labels file cannot be read as one (its message is meant for the user)."""

    code = "bad_labels"


def _code(value: str) -> str:
    # "344" and "gm0344" both mean GM0344: spreadsheets drop leading zeros and case.
    value = value.strip().upper()
    if value.isdigit():
        return f"GM{int(value):04d}"
    return value


def _codes(value: str | None) -> set[str]:
    return {_code(part) for part in re.split(r"[;,]", value or "") if part.strip()}


def _cell(row: dict, field: str) -> str:
    value = (row.get(field) or "").strip()
    return value if field in ("date", "file") else value.lower()


def _read_rows(labels_csv: Path) -> list[dict[str, str]]:
    try:
        # utf-8-sig: a file saved by a spreadsheet program starts with a byte-order mark.
        with open(labels_csv, encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        raise LabelsError(f"Cannot read {labels_csv}: {error}") from None
    # Dutch spreadsheet programs write ';' between columns; the codes inside a cell are then quoted.
    reader = csv.DictReader(io.StringIO(text), delimiter=csv_delimiter(text.split("\n", 1)[0]))
    fieldnames = [(name or "").strip().lower() for name in reader.fieldnames or []]
    if "file" not in fieldnames:
        raise LabelsError(f"{labels_csv} has no 'file' column (columns: {', '.join(fieldnames) or 'none'})")
    rows = []
    for raw in reader:
        row = {(key or "").strip().lower(): value or "" for key, value in raw.items() if isinstance(value, str)}
        if row.get("file", "").strip():
            rows.append(row)
    return rows


def _run(path: Path, extract: Callable) -> tuple[str, dict, str | None]:
    from indexer.extract import ExtractionError, Limits

    try:
        extraction = extract(path, Limits())
    except ExtractionError as error:
        return "", {}, error.code
    return extraction.get("text") or "", extraction.get("native") or {}, None


def _facet(detected: dict) -> set[str]:
    from archive.records import Document, MunicipalityRef
    from indexer.search.schema import index_fields

    found = tuple(MunicipalityRef.from_mapping(m) for m in detected.get("municipalities") or [])
    return set(index_fields(Document(id="-", municipalities=found))["municipality"])


def _predicted(detected: dict) -> dict:
    organisations = detected.get("organisations") or []
    issuer = detected.get("issuer") or ""
    return {
        "municipalities": {m["code"] for m in detected.get("municipalities") or []
                           if m.get("role") in ("issuer", "participant")},
        "issuer": {issuer} if issuer else set(),
        "facet": _facet(detected),
        "organisation": organisations[0]["key"] if organisations else "",
        "type": (detected.get("type") or {}).get("value") or "",
        "date": (detected.get("date") or {}).get("value") or "",
        "language": (detected.get("language") or {}).get("value") or "",
    }


def _expected(row: dict) -> dict:
    """Only the fields whose cell is non-empty: the others are not checked."""
    wanted: dict = {}
    for field in SET_FIELDS:
        cell = (row.get(LABEL_COLUMN.get(field, field)) or "").strip()
        if cell == NONE_EXPECTED:
            wanted[field] = set()
        elif _codes(cell):
            wanted[field] = _codes(cell)
    for field in ACCURACY_FIELDS:
        value = _cell(row, field)
        if value:
            wanted[field] = value
    return wanted


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _scores(counts: dict) -> dict:
    if not counts["rows"]:
        return {"precision": None, "recall": None, "f1": None}
    precision = counts["tp"] / counts["predicted"] if counts["predicted"] else 0.0
    recall = counts["tp"] / counts["expected"] if counts["expected"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _show(value) -> str:
    if isinstance(value, set):
        return ";".join(sorted(value)) or NONE_EXPECTED
    return str(value)


WITHOUT_OCR = "empty_text_without_ocr"


def expected_failure(row: dict) -> str:
    """The failure code a labelled row should get on this machine ("" for none)."""
    wanted = (row.get("expect_failure") or "").strip()
    if wanted == WITHOUT_OCR:
        from indexer.extract import ocr

        return "" if ocr.available() else "empty_text"
    return wanted


def evaluate(labels_csv: Path, extract: Callable) -> dict:
    """{"municipalities": {precision, recall, f1}, "issuer": {...}, "facet": {...},
    "issuer_accuracy": {"accuracy"}, "organisation": {"accuracy"}, "type": {...}, "date": {...},
    "language": {...}, "negatives": {"documents", "municipalities", "facet", "files"}, "misses":
    [{file, field, expected, detected, expected_failure}], "documents": n, "counts": {field: {...}},
    "expected_failures": {...}}. A score is None when no row checks its field. Raises LabelsError
    for an unreadable labels file."""
    labels_csv = Path(labels_csv)
    root = labels_csv.parent
    rows = _read_rows(labels_csv)
    counts = {field: {"rows": 0, "tp": 0, "predicted": 0, "expected": 0} for field in SET_FIELDS}
    counts.update({field: {"rows": 0, "correct": 0} for field in ACCURACY_FIELDS + ("issuer_accuracy",)})
    negatives: dict = {"documents": 0, "municipalities": 0, "facet": 0, "files": []}
    misses: list[dict] = []
    failures: dict[str, Any] = {"total": 0, "matched": 0, "mismatched": []}
    for row in rows:
        name = row["file"].strip()
        wanted_failure = expected_failure(row)
        path = root / name
        if path.is_file():
            text, native, failure = _run(path, extract)
            got = _predicted(detect(text, path.name, native))
        else:
            # A missing file scores as a document where nothing was found, and says so.
            failure, got = "missing", _predicted({})
            misses.append({"file": name, "field": "file", "expected": "exists", "detected": "missing",
                           "expected_failure": bool(wanted_failure)})
        if wanted_failure:
            failures["total"] += 1
            failures["matched"] += failure == wanted_failure
        if (failure or "") != wanted_failure:
            failures["mismatched"].append({"file": name, "expected": wanted_failure, "detected": failure or ""})
        wanted = _expected(row)
        if "issuer" in wanted:
            counts["issuer_accuracy"]["rows"] += 1
            counts["issuer_accuracy"]["correct"] += got["issuer"] == wanted["issuer"]
        if wanted.get("municipalities") == set():
            negatives["documents"] += 1
            for field in ("municipalities", "facet"):
                negatives[field] += bool(got[field])
            if got["municipalities"] or got["facet"]:
                negatives["files"].append(name)
        for field, want in wanted.items():
            have = got[field]
            tally = counts[field]
            tally["rows"] += 1
            if field in SET_FIELDS:
                tally["tp"] += len(have & want)
                tally["predicted"] += len(have)
                tally["expected"] += len(want)
            else:
                tally["correct"] += have == want
            # The facet repeats the municipalities miss unless what reaches it differs from the roles.
            if have != want and not (field == "facet" and have == got["municipalities"]):
                misses.append({"file": name, "field": field, "expected": _show(want), "detected": _show(have),
                               "expected_failure": bool(wanted_failure)})
    result: dict = {field: _scores(counts[field]) for field in SET_FIELDS}
    for field in ACCURACY_FIELDS:
        tally = counts[field]
        result[field] = {"accuracy": _ratio(tally["correct"], tally["rows"]) if tally["rows"] else None}
    tally = counts["issuer_accuracy"]
    result["issuer_accuracy"] = {"accuracy": _ratio(tally["correct"], tally["rows"]) if tally["rows"] else None}
    result["negatives"] = negatives
    result["misses"] = misses
    result["documents"] = len(rows)
    result["counts"] = counts
    result["expected_failures"] = failures
    return result


def format_report(result: dict) -> str:
    def pct(value: float | None) -> str:
        return "-" if value is None else f"{value * 100:.1f}%"

    counts = result.get("counts", {})
    names = {"municipalities": "municipalities (issuer+participant)", "facet": "facet (what -m/cbs: finds)",
             "issuer_accuracy": "issuer"}
    lines = [f"Documents: {result['documents']}", "",
             f"{'field':<36}{'precision':>10}{'recall':>10}{'F1':>10}{'checked':>9}"]
    for field in SET_FIELDS:
        scores = result[field]
        lines.append(f"{names.get(field, field):<36}{pct(scores['precision']):>10}{pct(scores['recall']):>10}"
                     f"{pct(scores['f1']):>10}{counts.get(field, {}).get('rows', 0):>9}")
    lines += ["", f"{'field':<36}{'accuracy':>10}{'checked':>9}"]
    for field in ("issuer_accuracy",) + ACCURACY_FIELDS:
        lines.append(f"{names.get(field, field):<36}{pct(result[field]['accuracy']):>10}"
                     f"{counts.get(field, {}).get('rows', 0):>9}")
    negatives = result.get("negatives") or {}
    if negatives.get("documents"):
        lines.append(f"\nNo Dutch municipality expected ('-'): {negatives['documents']} documents; with one "
                     f"as issuer/participant {negatives['municipalities']}, in the facet {negatives['facet']}")
    failures = result.get("expected_failures") or {}
    if failures.get("total"):
        lines.append(f"\nExpected extraction failures: {failures['matched']} of {failures['total']} as labelled")
    elif failures.get("mismatched"):
        lines.append("\nExtraction outcomes other than labelled:")
    for item in failures.get("mismatched") or []:
        lines.append(f"  {item['file']} [extraction]: expected {item['expected'] or 'success'}, "
                     f"got {item['detected'] or 'success'}")

    def miss_lines(title: str, misses: list[dict]) -> list[str]:
        if not misses:
            return []
        return [f"\n{title} ({len(misses)}):"] + [
            f"  {m['file']} [{m['field']}]: expected {m['expected'] or '-'}, detected {m['detected'] or '-'}"
            for m in misses]

    misses = result["misses"]
    lines += miss_lines("Misses", [m for m in misses if not m.get("expected_failure")])
    lines += miss_lines("Misses on files labelled as failing extraction",
                        [m for m in misses if m.get("expected_failure")])
    return "\n".join(lines)


def write_misses(result: dict, path: Path) -> int:
    """The misses as a CSV for review (one row per file and field); returns how many were written."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=MISSES_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(result["misses"])
    return len(result["misses"])
