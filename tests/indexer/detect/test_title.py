"""Titles: the document's own first heading, without markup or boilerplate; native titles only
when the text agrees."""
from __future__ import annotations

import pytest

from indexer.detect.title import agrees_with_text, clean_line, detect_title


def title(text: str, native: dict | None = None) -> str | None:
    return detect_title(text, "x.pdf", native or {})["value"]


def test_a_stale_native_title_loses_to_the_text():
    text = "Mandaatbesluit werkorganisatie 2019\n\nHet college besluit de bevoegdheden te mandateren.\n"
    assert title(text, {"title": "Sjabloon nota afdeling Financiën 2008"}) == "Mandaatbesluit werkorganisatie 2019"
    assert detect_title(text, "x.pdf", {"title": "Mandaatbesluit werkorganisatie"}) == {
        "value": "Mandaatbesluit werkorganisatie", "source": "native"}
    assert detect_title("", "x.pdf", {"title": "Mandaatbesluit 2019"})["source"] == "native"  # nothing to disagree


def test_agreement_counts_the_titles_words():
    assert agrees_with_text("Beleidsregels parkeren Kampen", "Beleidsregels parkeren\nIn Kampen gelden ...")
    assert not agrees_with_text("Raadpleegomgeving Open Data", "Besluitenlijst gemeenteraad\n1. Opening")


@pytest.mark.parametrize("line,expected", [
    ("# **Motie: Wij geloven in de stad**", "Motie: Wij geloven in de stad"),
    ("#### **Bestemmingsplan locatie 'De Oude Boomgaert'**", "Bestemmingsplan locatie 'De Oude Boomgaert'"),
    ("Hallum \\- Memerdastate 16\\-18: Toelichting", "Hallum - Memerdastate 16-18: Toelichting"),
    ("‘Toezeggingen  commissie  04-12-2024", "Toezeggingen commissie 04-12-2024"),
    ("| Plan: | Centrum 2018 |", "Plan: Centrum 2018"),
])
def test_markup_is_removed(line, expected):
    assert clean_line(line) == expected


@pytest.mark.parametrize("boilerplate", [
    "Hieronder bevindt zich een afdrukvoorbeeld van deze pagina.",
    "> Retouradres Postbus 20011 2500 EA Den Haag",
    "From: Jansen, P. <p.jansen@example.nl>",
    "Van: Jansen, P.",
    "Pagina 1 van 3",
    "GEMEENTEBLAD",
    "Officiële uitgave van de gemeente Oldambt",
    "<meta http-equiv='Content-Type' content='text/html; charset=utf-8' />",
    "Typ tekstTyp",
    "**Bestemmingsplan | Toelichting**",
    "Inhoudsopgave van de toelichting",
    "Status: vastgesteld",
    "Stuknummer:",
    "GEMEENTERAAD",
    "Startpagina Kalender Bekendmakingen Zoeken",
    "De voorzitter opent de vergadering om 20.00 uur.",
    "Raadhuisplein 1\n7811 AP Emmen",
])
def test_boilerplate_is_never_the_title(boilerplate):
    assert title(boilerplate + "\n\nVerordening afvalstoffenheffing 2020\n\nArtikel 1\n") == "Verordening afvalstoffenheffing 2020"


def test_a_subject_label_on_its_own_line_names_the_letter():
    text = "Gemeente Emmen\n\nons kenmerk\n123\n\nonderwerp\nToezeggingen commissie financiën\n\nGeachte leden,\n"
    assert detect_title(text, "x.pdf", {}) == {"value": "Toezeggingen commissie financiën", "source": "text:onderwerp"}


def test_a_long_official_title_is_cut_at_a_word():
    heading = "Besluit van 9 maart 2018, houdende vaststelling van de bestanddelen van de beeldenaar " * 3
    found = title("Staatsblad\nvan het Koninkrijk der Nederlanden\n" + heading.strip() + "\n\nArtikel 1\n")
    assert found.startswith("Besluit van 9 maart 2018, houdende") and found.endswith(" …") and len(found) <= 202


def test_a_template_title_naming_another_year_or_a_gazette_page_loses():
    text = "Gemeente Epe\n\nBeleidsregel parkeren centrum\n\nHet college van Epe stelt deze beleidsregel vast in 2021.\n"
    assert title(text, {"title": "Sjabloon brief gemeente Epe 2008"}) == "Beleidsregel parkeren centrum"
    page = "Gemeenteblad van Epe\nBesluit aanwijzing parkeerzones\nHet college besluit.\n"
    assert title(page, {"title": "Gemeenteblad 2025, 1234 | Overheid.nl > Officiële bekendmakingen"}) == "Besluit aanwijzing parkeerzones"


def test_a_replys_subject_loses_its_prefixes():
    mail = "Van: Jansen, P.\nVerzonden: maandag 7 februari 2021 10:00\nOnderwerp: RE: FW: planning overleg\n\nHoi,\n"
    assert detect_title(mail, "mail.pdf", {}) == {"value": "planning overleg", "source": "text:onderwerp"}


def test_a_heading_set_over_short_lines_is_read_whole():
    text = "Vergadering\ngemeenteraad Den Haag\ngehouden op\nvrijdag 29 november 2024\n(Geopend te 0.20 uur)\n\nVoorzitter: R. Sluijs\n"
    assert title(text) == "Vergadering gemeenteraad Den Haag gehouden op vrijdag 29 november 2024"
    # A title followed by a sentence in upper case stays alone.
    assert title("Besluitenlijst\n\nRaad\n\nDatum en tijd\n") == "Besluitenlijst"
