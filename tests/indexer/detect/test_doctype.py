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


# The form of real documents, not a single field label.

def test_a_subject_line_does_not_make_a_letter_or_mail_a_council_proposal():
    letter = ("Retouradres: Postbus 20011, 2500 EA Den Haag\n\nAan de Voorzitter van de Tweede Kamer\n\n"
              "Datum 3 maart 2021\nOnderwerp Voortgang samenwerking\n\nGeachte voorzitter,\n\nHierbij bericht ik u.\n\n"
              "Met vriendelijke groet,\n")
    assert detect(letter, "brief.pdf", {})["type"]["value"] == "nota"
    mail = ("Van: Jansen, P.\nVerzonden: maandag 7 februari 2021 09:12\nAan: Griffie\nOnderwerp: stukken raad\n\n"
            "Hoi, zie bijlage.\n")
    assert detect(mail, "mail.txt", {})["type"]["value"] != "raadsvoorstel"
    note = "Onderwerp: planning\n\nDe werkgroep komt in maart bijeen om de planning te bespreken.\n"
    assert detect_type(note, "x.txt", None)["value"] != "raadsvoorstel"


@pytest.mark.parametrize("heading,expected", [
    ("Voorstel van het college inzake Gemeenschappelijke regeling Veiligheidsregio", "raadsvoorstel"),
    ("Voorstel van het college inzake vaststellen herindelingsregeling grenscorrectie", "raadsvoorstel"),
    ("Motie: Wij geloven in de stad", "vergaderstuk"),
    ("Amendement: Grondbeleid ook voor voorzieningen", "vergaderstuk"),
    ("Vergaderingen » Gemeenteraad » GR 22 april 2024 20:00 (Agenda)", "vergaderstuk"),  # Flemish GR = gemeenteraad
    ("Wet van 4 juni 2015 tot samenvoeging van de gemeenten Bussum, Muiden en Naarden", "herindeling"),
    ("Besluit van 14 december 1996, houdende herindeling van departementale taken", None),
    ("Herindeling Haren, Groningen en Ten Boer: zienswijze", "herindeling"),
    ("Beleidsregels verkeersveiligheid en parkeren", "collegebesluit"),
    ("Beschikking Wet geluidhinder - hogere waarden", "collegebesluit"),
    ("Bekendmaking Wet op de kansspelen vergunning buurthuis", "overig"),
    ("Contourennota intrekking Spreidingswet", "nota"),
    ("Preadvies initiatiefvoorstel wijken aan zet", "nota"),
    ("Toelichting Bestemmingsplan 'Mill, Wanroijseweg 2 e.o.'", "overig"),   # a spatial plan's explanation
    ("Chw bestemmingsplan Stad Appingedam: Toelichting", "overig"),
])
def test_form_words_of_real_headings(heading, expected):
    from indexer.detect.doctype import _title_type
    assert _title_type(heading) == expected


def test_a_gazette_masthead_is_not_the_documents_form():
    text = ("BLAD GEMEENSCHAPPELIJKE REGELING\nOfficiële uitgave van de gemeenschappelijke regeling Regio Oost\n"
            "Regeling mandatering bevoegdheden van het dagelijks bestuur\nHet dagelijks bestuur besluit:\n")
    assert detect_type(text, "bgr.xml", None)["value"] == "mandaatbesluit"


def test_national_legislation_is_not_typed_by_municipal_formulas():
    text = ("Wet van 24 oktober 1984, houdende algemene regelen\n\nWij Beatrix, bij de gratie Gods, Koningin.\n\n"
            "Artikel 1. Het georganiseerd overleg wordt gehoord over de plaatsingsadviescommissie.\n")
    assert detect_type(text, "wet.md", None)["value"] == "overig"


def test_formulas_of_decisions_and_motions():
    raad = "Vaststelling omgevingsplan\n\nDe raad van de gemeente Zaltbommel\n\ngelezen het voorstel van burgemeester en wethouders van 26 juni 2019;\n\nbesluit:\n"
    assert detect_type(raad, "x.pdf", None)["value"] == "raadsbesluit"
    mandate = "Kenmerk 123\n\nWij besluiten:\nde hogere waarden vast te stellen.\n\nBurgemeester en wethouders van Den Haag, namens dezen,\n"
    assert detect_type(mandate, "x.pdf", None)["value"] == "collegebesluit"
    motion = "GEMEENTERAAD\n\nStuknummer:\n\nDe raad van de gemeente Den Haag, in vergadering bijeen op 23 januari 2025,\n\nverzoekt het college om ...\n"
    assert detect_type(motion, "x.pdf", None)["value"] == "vergaderstuk"


@pytest.mark.parametrize("native,expected", [
    ({"regulation_type": "regeling", "adopted_by": "college van burgemeester en wethouders"}, "collegebesluit"),
    ({"regulation_type": "regeling", "adopted_by": "gemandateerde functionaris"}, "collegebesluit"),
    ({"regulation_type": "zakelijke mededeling"}, "overig"),
    ({"regulation_type": "Beschikkingen | afhandeling"}, "overig"),
])
def test_native_metadata_of_official_publications(native, expected):
    assert detect_type("Lijst van afnemers\n\nDe volgende afdelingen hebben toegang.\n", "x.xml", None, None, native)["value"] == expected


def test_a_ministers_letter_is_a_note_not_legislation():
    text = ("> Retouradres Postbus 20011 2500 EA Den Haag\n\nDatum 3 maart 2021\nOnderwerp Voortgang\n\n"
            "Geachte voorzitter,\n\nHierbij informeer ik u.\n\nDe Minister van Binnenlandse Zaken,\n")
    assert detect_type(text, "brief.md", None)["value"] == "nota"
