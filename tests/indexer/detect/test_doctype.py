"""Document types from titles, headings and formulas: the pitfalls of form words versus subjects."""
from __future__ import annotations

import pytest

from indexer.detect import detect
from indexer.detect.doctype import detect_type


@pytest.mark.parametrize("title,expected", [
    ("Notitie evaluatie samenwerking Kempen", "nota"),           # the form comes first, the subject after
    ("Evaluatie sociaal statuut Drechtsteden", "rapport"),
    ("Raadsbesluit toestemming GR Werkorganisatie", "raadsbesluit"),
    ("Sociaal statuut en plan", "sociaal_statuut"),
    ("Collegebesluit vaststelling mandaatregister 2019", "mandaatbesluit"),  # a mandate decision of the college
    ("Zelfevaluatie werkorganisatie 2021", "rapport"),           # compounds count
    ("Tussenevaluatie Servicepunt", "rapport"),
    ("Intentieverklaring ambtelijke samenwerking", "convenant"),
])
def test_title_form_words(title, expected):
    assert detect_type("", "x.pdf", title)["value"] == expected


def test_a_subject_line_does_not_outrank_the_heading():
    text = ("COLLEGEBESLUIT DIENSTVERLENING\n\nOnderwerp: evaluatie van de dienstverlening door de "
            "centrumgemeente\n\nHet college besluit:\n1. kennis te nemen van de evaluatie.\n")
    result = detect(text, "besluit.txt", {})
    assert result["title"]["source"] == "text:onderwerp"
    assert result["type"]["value"] == "collegebesluit"
    # Without a form word in the heading, the subject line still decides.
    assert detect_type("Gemeente Epe\n\nOnderwerp: evaluatie", "x.txt", "evaluatie", "text:onderwerp")["value"] == "rapport"
