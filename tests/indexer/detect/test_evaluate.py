"""Scoring of `fusiearchief evaluate`: which cells count, micro-averaged sets, issuer counting, JSON shape.

Detection itself is replaced by fixed answers per file name, so each figure here is worked out by
hand from the labels; the files and labels CSVs are real files in a temporary folder.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli import main
from indexer.detect import evaluate as evaluation
from indexer.extract import extract_file

HEADER = "file,title,issuer,municipalities,organisation,type,date,language,expect_failure\n"


def _muni(code: str, role: str) -> dict:
    return {"code": code, "name": code, "role": role, "source": "test", "confidence": 1.0}


ANSWERS = {
    "a.txt": {"municipalities": [_muni("GM0001", "issuer"), _muni("GM0002", "mentioned"), _muni("GM0003", "participant")],
              "issuer": "GM0001", "organisations": [{"key": "bar", "name": "BAR"}],
              "type": {"value": "raadsbesluit"}, "date": {"value": "2013-09-26"}, "language": {"value": "nl"}},
    "b.txt": {"municipalities": [_muni("GM0004", "participant")], "issuer": "GM0004",
              "organisations": [], "type": {"value": "overig"}, "date": {"value": "2013"},
              "language": {"value": "nl"}},
}


@pytest.fixture
def fixed_detection(monkeypatch):
    monkeypatch.setattr(evaluation, "detect", lambda text, filename, native: ANSWERS[filename])


def _write(tmp_path, labels: str, name="labels.csv", encoding="utf-8"):
    (tmp_path / "docs").mkdir(exist_ok=True)
    for filename in ANSWERS:
        (tmp_path / "docs" / filename).write_text("Een korte tekst.\n", encoding="utf-8")
    path = tmp_path / name
    path.write_text(labels, encoding=encoding)
    return path


def test_sets_are_micro_averaged_over_codes_and_mentioned_ones_do_not_count(tmp_path, fixed_detection):
    labels = _write(tmp_path, HEADER
                    + "docs/a.txt,,GM0001,GM0001;GM0002,bar,raadsbesluit,2013-09-26,nl,\n"
                    + "docs/b.txt,,,GM0004,,,,,\n")
    result = evaluation.evaluate(labels, extract_file)
    # Predicted {1, 3} and {4} against expected {1, 2} and {4}: 2 right of 3 predicted, of 3 expected.
    assert result["municipalities"] == {"precision": 0.6667, "recall": 0.6667, "f1": 0.6667}
    misses = [(m["file"], m["field"]) for m in result["misses"]]
    assert misses == [("docs/a.txt", "municipalities")]


def test_empty_cells_are_not_checked(tmp_path, fixed_detection):
    labels = _write(tmp_path, HEADER
                    + "docs/a.txt,,,,,,,,\n"
                    + "docs/b.txt,,,,,besluit,2013-01-02,,\n")
    result = evaluation.evaluate(labels, extract_file)
    assert result["issuer"] == {"precision": None, "recall": None, "f1": None}
    assert result["organisation"] == {"accuracy": None}
    assert result["type"] == {"accuracy": 0.0} and result["date"] == {"accuracy": 0.0}
    assert result["counts"]["type"] == {"rows": 1, "correct": 0}
    assert {m["field"] for m in result["misses"]} == {"type", "date"}


def test_a_wrong_issuer_is_a_false_positive_and_a_false_negative(tmp_path, fixed_detection):
    labels = _write(tmp_path, HEADER
                    + "docs/a.txt,,GM0001,,,,,,\n"
                    + "docs/b.txt,,GM0009,,,,,,\n")
    result = evaluation.evaluate(labels, extract_file)
    assert result["counts"]["issuer"] == {"rows": 2, "tp": 1, "predicted": 2, "expected": 2}
    assert result["issuer"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}


def test_an_issuer_on_an_unchecked_row_is_not_counted(tmp_path, fixed_detection):
    labels = _write(tmp_path, HEADER
                    + "docs/a.txt,,GM0001,,,,,,\n"
                    + "docs/b.txt,,,GM0004,,,,,\n")
    result = evaluation.evaluate(labels, extract_file)
    assert result["issuer"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_dates_must_agree_exactly(tmp_path, fixed_detection):
    labels = _write(tmp_path, HEADER
                    + "docs/a.txt,,,,,,2013-09-26,,\n"
                    + "docs/b.txt,,,,,,2013-01-01,,\n")
    result = evaluation.evaluate(labels, extract_file)
    assert result["date"] == {"accuracy": 0.5}  # a detected year is not the labelled day


def test_paths_are_relative_to_the_labels_file_and_a_missing_file_is_a_miss(tmp_path, fixed_detection):
    labels = _write(tmp_path, HEADER + "docs/a.txt,,,,,,,nl,\ndocs/gone.txt,,,,,,,nl,\n")
    result = evaluation.evaluate(labels, extract_file)
    assert result["documents"] == 2
    assert result["language"] == {"accuracy": 0.5}
    assert {"file": "docs/gone.txt", "field": "file"}.items() <= result["misses"][0].items()


def test_spreadsheet_csv_with_semicolons_and_byte_order_mark_is_read(tmp_path, fixed_detection):
    labels = _write(tmp_path, 'File;Municipalities;Type\ndocs/a.txt;"GM0001;gm0003";RAADSBESLUIT\ndocs/b.txt;4;\n',
                    encoding="utf-8-sig")
    result = evaluation.evaluate(labels, extract_file)
    # "4" is GM0004 with its zeros dropped by a spreadsheet; codes and keys are compared case-blind.
    assert result["municipalities"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert result["type"] == {"accuracy": 1.0}


def test_a_labels_file_without_file_column_is_a_clear_error(tmp_path):
    labels = _write(tmp_path, "name,type\na.txt,besluit\n")
    with pytest.raises(evaluation.LabelsError, match="no 'file' column"):
        evaluation.evaluate(labels, extract_file)
    outcome = CliRunner().invoke(main, ["evaluate", str(labels)])
    assert outcome.exit_code != 0 and "no 'file' column" in outcome.output
    assert "Traceback" not in outcome.output


def test_json_output_is_the_specified_object(tmp_path):
    # Real detection on a real file: only the shape is fixed here.
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "besluit.txt").write_text(
        "Raadsbesluit\n\nDe raad van de gemeente Utrecht;\n\nbesluit:\n\nde verordening vast te stellen.\n\n"
        "Aldus vastgesteld in de openbare vergadering van 12 maart 2015.\n", encoding="utf-8")
    labels = tmp_path / "labels.csv"
    labels.write_text(HEADER + "docs/besluit.txt,,GM0344,GM0344,,raadsbesluit,2015-03-12,nl,\n", encoding="utf-8")
    outcome = CliRunner().invoke(main, ["evaluate", str(labels), "--format", "json"])
    assert outcome.exit_code == 0, outcome.output
    result = json.loads(outcome.output)
    for field in ("municipalities", "issuer"):
        assert set(result[field]) == {"precision", "recall", "f1"}
    for field in ("organisation", "type", "date", "language"):
        assert set(result[field]) == {"accuracy"}
    assert isinstance(result["misses"], list)
    assert result["municipalities"]["f1"] == 1.0 and result["language"]["accuracy"] == 1.0
    # Added keys: the facet level, issuer accuracy and the negatives.
    assert set(result["facet"]) == {"precision", "recall", "f1"} and result["facet"]["f1"] == 1.0
    assert result["issuer_accuracy"] == {"accuracy": 1.0}
    assert result["negatives"] == {"documents": 0, "municipalities": 0, "facet": 0, "files": []}


NEGATIVE_ANSWERS = {
    "national.txt": {"municipalities": [_muni("GM0518", "mentioned")], "issuer": None, "organisations": [],
                     "type": {"value": "overig"}, "date": None, "language": {"value": "nl"}},
    "belgian.txt": {"municipalities": [_muni("GM0344", "issuer")], "issuer": "GM0344", "organisations": [],
                    "type": {"value": "overig"}, "date": None, "language": {"value": "nl"}},
}


@pytest.fixture
def negative_detection(monkeypatch, tmp_path):
    answers = {**ANSWERS, **NEGATIVE_ANSWERS}
    monkeypatch.setattr(evaluation, "detect", lambda text, filename, native: answers[filename])
    (tmp_path / "docs").mkdir(exist_ok=True)
    for filename in answers:
        (tmp_path / "docs" / filename).write_text("Een korte tekst.\n", encoding="utf-8")


def test_a_dash_expects_no_municipality_and_counts_what_was_found_as_false_positives(tmp_path, negative_detection):
    labels = tmp_path / "labels.csv"
    labels.write_text(HEADER + "docs/a.txt,,GM0001,GM0001;GM0003,,,,,\n"
                      + "docs/national.txt,,-,-,,,,,\n" + "docs/belgian.txt,,-,-,,,,,\n", encoding="utf-8")
    result = evaluation.evaluate(labels, extract_file)
    # Issuer/participant level: {1, 3} right, plus GM0344 on the Belgian document wrong.
    assert result["counts"]["municipalities"] == {"rows": 3, "tp": 2, "predicted": 3, "expected": 2}
    # "Expected none, found none" is right: the national document is no miss at this level.
    assert result["issuer_accuracy"] == {"accuracy": 0.6667}
    misses = {(m["file"], m["field"]): (m["expected"], m["detected"]) for m in result["misses"]}
    assert ("docs/national.txt", "municipalities") not in misses
    assert ("docs/national.txt", "issuer") not in misses
    assert misses[("docs/belgian.txt", "issuer")] == ("-", "GM0344")


def test_the_facet_level_counts_what_reaches_the_index_and_the_negatives_that_carry_one(tmp_path,
                                                                                         negative_detection):
    labels = tmp_path / "labels.csv"
    labels.write_text(HEADER + "docs/a.txt,,GM0001,GM0001;GM0003,,,,,\n"
                      + "docs/national.txt,,-,-,,,,,\n" + "docs/belgian.txt,,-,-,,,,,\n", encoding="utf-8")
    result = evaluation.evaluate(labels, extract_file)
    facet = result["counts"]["facet"]
    # The facet shows what the index files a document under; a mentioned municipality is not in it.
    assert facet == {"rows": 3, "tp": 2, "predicted": 3, "expected": 2}
    assert result["negatives"] == {"documents": 2, "municipalities": 1, "facet": 1, "files": ["docs/belgian.txt"]}
    assert "with one as issuer/participant 1, in the facet 1" in evaluation.format_report(result)


def test_misses_are_written_as_csv_for_review(tmp_path, negative_detection):
    import csv

    labels = tmp_path / "labels.csv"
    labels.write_text(HEADER + "docs/belgian.txt,,-,-,,,,,\n", encoding="utf-8")
    target = tmp_path / "misses.csv"
    outcome = CliRunner().invoke(main, ["evaluate", str(labels), "--misses", str(target)])
    assert outcome.exit_code == 0, outcome.output
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [(r["file"], r["field"], r["expected"], r["detected"]) for r in rows] == [
        ("docs/belgian.txt", "municipalities", "-", "GM0344"), ("docs/belgian.txt", "issuer", "-", "GM0344")]
    unwritable = CliRunner().invoke(main, ["evaluate", str(labels), "--misses", str(tmp_path / "no" / "m.csv")])
    assert unwritable.exit_code != 0 and "Cannot write the misses" in unwritable.output
    assert "Traceback" not in unwritable.output
