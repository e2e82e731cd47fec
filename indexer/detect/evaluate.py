"""Detection measured against a hand-labelled corpus (labels.csv; see corpus/).

Each labelled file is extracted and detected exactly as an ingest would (a file whose extraction
fails is detected from its name alone), then compared field by field.
"""
from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from indexer.detect import detect

FIELDS = ("issuer", "participants", "organisation", "type", "date", "language")


def _split(value: str | None) -> set[str]:
    return {part.strip().upper() for part in (value or "").split(";") if part.strip()}


def _run(path: Path, extract: Callable) -> tuple[str, dict, str | None]:
    from indexer.extract import ExtractionError, Limits

    try:
        extraction = extract(path, Limits())
    except ExtractionError as error:
        return "", {}, error.code
    return extraction.get("text") or "", extraction.get("native") or {}, None


def _predicted(detected: dict) -> dict:
    date = detected.get("date") or {}
    organisations = detected.get("organisations") or []
    return {
        "issuer": detected.get("issuer") or "",
        "participants": {m["code"] for m in detected.get("municipalities", []) if m["role"] in ("issuer", "participant")},
        "organisation": organisations[0]["key"] if organisations else "",
        "type": (detected.get("type") or {}).get("value") or "",
        "date": date.get("value") or "",
        "language": (detected.get("language") or {}).get("value") or "",
    }


def _expected(row: dict) -> dict:
    issuer = (row.get("issuer") or "").strip().upper()
    return {
        "issuer": issuer,
        "participants": _split(row.get("participants")) | ({issuer} if issuer else set()),
        "organisation": (row.get("organisation") or "").strip(),
        "type": (row.get("type") or "").strip(),
        "date": (row.get("date") or "").strip(),
        "language": (row.get("language") or "").strip(),
    }


def evaluate(labels_csv: Path, extract: Callable) -> dict:
    """{"documents", "fields": {field: {precision, recall, accuracy, ...}}, "errors": [...],
    "expected_failures": {"total", "matched"}}. Precision and recall count only non-empty values
    (for participants: over all codes); accuracy counts exact agreement, empty included."""
    labels_csv = Path(labels_csv)
    root = labels_csv.parent / "documents"
    with open(labels_csv, encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if (row.get("file") or "").strip()]
    tally = {field: {"tp": 0, "predicted": 0, "expected": 0, "agree": 0} for field in FIELDS}
    errors: list[dict] = []
    failures = {"total": 0, "matched": 0}
    for row in rows:
        path = root / row["file"].strip()
        if not path.exists():
            errors.append({"file": row["file"], "field": "file", "expected": "exists", "detected": "missing"})
            continue
        text, native, failure = _run(path, extract)
        wanted_failure = (row.get("expect_failure") or "").strip()
        if wanted_failure:
            failures["total"] += 1
            failures["matched"] += failure == wanted_failure
        if (failure or "") != wanted_failure:
            errors.append({"file": row["file"], "field": "failure", "expected": wanted_failure, "detected": failure or ""})
        got, want = _predicted(detect(text, path.name, native)), _expected(row)
        for field in FIELDS:
            counts = tally[field]
            if field == "participants":
                counts["tp"] += len(got[field] & want[field])
                counts["predicted"] += len(got[field])
                counts["expected"] += len(want[field])
            else:
                counts["tp"] += bool(got[field]) and got[field] == want[field]
                counts["predicted"] += bool(got[field])
                counts["expected"] += bool(want[field])
            counts["agree"] += got[field] == want[field]
            if got[field] != want[field]:
                show = (lambda v: ";".join(sorted(v))) if field == "participants" else str
                errors.append({"file": row["file"], "field": field, "expected": show(want[field]),
                               "detected": show(got[field])})
    documents = len(rows)
    fields = {}
    for field, counts in tally.items():
        fields[field] = {
            "precision": round(counts["tp"] / counts["predicted"], 3) if counts["predicted"] else None,
            "recall": round(counts["tp"] / counts["expected"], 3) if counts["expected"] else None,
            "accuracy": round(counts["agree"] / documents, 3) if documents else None,
            "correct": counts["agree"], "total": documents,
        }
    return {"documents": documents, "fields": fields, "errors": errors, "expected_failures": failures}


def format_report(result: dict) -> str:
    def pct(value: float | None) -> str:
        return "   -  " if value is None else f"{value * 100:5.1f}%"

    lines = [f"Documents: {result['documents']}", "", f"{'field':<14}{'precision':>10}{'recall':>10}{'accuracy':>10}"]
    for field, scores in result["fields"].items():
        lines.append(f"{field:<14}{pct(scores['precision']):>10}{pct(scores['recall']):>10}{pct(scores['accuracy']):>10}")
    failures = result.get("expected_failures", {})
    if failures.get("total"):
        lines.append(f"\nExpected extraction failures: {failures['matched']} of {failures['total']} as labelled")
    if result["errors"]:
        lines.append(f"\nDifferences ({len(result['errors'])}):")
        for error in result["errors"]:
            lines.append(f"  {error['file']} [{error['field']}]: expected {error['expected'] or '-'}, "
                         f"detected {error['detected'] or '-'}")
    return "\n".join(lines)
