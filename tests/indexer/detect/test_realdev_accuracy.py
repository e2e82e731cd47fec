"""Detection on real documents that municipalities and other public bodies wrote (../shared/realdev).

The set sits beside the project's root (in CI too) and is never copied into the repository. The
floors are the targets of the issue on real-document detection; the figures measured when they were
set are in the README. Hard negatives (`-`: Flemish, national and EU documents) must not put any
Dutch municipality in the facet a user filters on.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from indexer.detect.evaluate import evaluate, format_report
from indexer.extract import extract_file

REALDEV = Path(__file__).resolve().parents[3].parent / "shared" / "realdev" / "labels.csv"

FLOORS = {
    ("municipalities", "f1"): 0.90,
    ("facet", "f1"): 0.90,
    ("issuer_accuracy", "accuracy"): 0.90,
    ("organisation", "accuracy"): 0.80,
    ("type", "accuracy"): 0.85,
    ("date", "accuracy"): 0.85,
    ("language", "accuracy"): 0.98,
}


@pytest.fixture(scope="module")
def result():
    assert REALDEV.exists(), f"{REALDEV} is missing: the real development set must sit beside the project root"
    return evaluate(REALDEV, extract_file)


@pytest.mark.parametrize("field,score", sorted(FLOORS))
def test_real_documents_reach_the_floor(result, field, score):
    measured = result[field][score]
    assert measured is not None and measured >= FLOORS[(field, score)], format_report(result)


def test_no_dutch_municipality_in_the_facet_of_a_negative(result):
    negatives = result["negatives"]
    assert negatives["documents"] >= 10
    assert negatives["facet"] == 0 and negatives["municipalities"] == 0, negatives["files"]


def test_every_real_document_is_read(result):
    assert result["documents"] >= 50
    assert result["expected_failures"]["total"] == 0
    assert not [m for m in result["misses"] if m["field"] == "extraction"], format_report(result)
