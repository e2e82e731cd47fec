"""Dates: written and numeric Dutch forms, roles, file-name codes and the document date rule."""
from __future__ import annotations

import pytest

from indexer.detect.dates import document_date, filename_dates, native_dates, text_dates


def values(text: str) -> list[str]:
    return [item["value"] for item in text_dates(text)]


def test_written_and_numeric_forms_are_day_first():
    text = "op dinsdag 9 april 2013, op 9 apr. 2013, op 9-4-2013, op 09.04.2013, op 9/4/2013 en 9-4-'13"
    assert values(text) == ["2013-04-09"] * 6


def test_impossible_dates_are_dropped():
    assert values("31-02-2013 en 12.13.2014 en 45 maart 2013") == []


def test_roles_from_the_phrase_before_the_date():
    text = ("x" * 2000 + "\nDit besluit treedt in werking met ingang van 1 januari 2014.\n"
            "Aldus vastgesteld in de openbare vergadering van 26 september 2013.\n")
    roles = {item["value"]: item["role"] for item in text_dates(text)}
    assert roles == {"2014-01-01": "inwerkingtreding", "2013-09-26": "vaststelling"}
    assert document_date(text_dates(text), "raadsbesluit")["value"] == "2013-09-26"


def test_yymmdd_file_names_give_a_day():
    found = filename_dates("Mandaatbesluit, 130409 : Dinkelland, Tubbergen.pdf")
    assert found[0] == {"value": "2013-04-09", "precision": "day", "role": "filename", "source": "filename:yymmdd"}
    assert filename_dates("Ten Boer raad 051026.pdf")[0]["value"] == "2005-10-26"


def test_year_only_file_names_never_invent_a_day():
    assert filename_dates("Sociaal statuut en plan, 13.pdf") == [
        {"value": "2013", "precision": "year", "role": "filename", "source": "filename:yy"}]
    assert filename_dates("Mandaatregister 2016.pdf")[0]["precision"] == "year"
    assert document_date(filename_dates("Sociaal statuut en plan, 13.pdf"), "sociaal_statuut")["value"] == "2013"


def test_future_file_codes_are_rejected():
    assert filename_dates("nota 991231.pdf") == [] or filename_dates("nota 991231.pdf")[0]["value"] != "2099-12-31"


def test_a_raadsvoorstel_is_dated_by_the_college_decision_not_the_council_meeting():
    text = ("Raadsvoorstel verlenging samenwerking\nOnderwerp\tSamenwerking\nB&W-besluit d.d.\t3 februari 2020\n"
            "Raadsvergadering\t12 maart 2020\nVoorgesteld raadsbesluit\n1. In te stemmen.\n")
    found = text_dates(text)
    assert [d["role"] for d in found] == ["college", "vergadering"]
    assert document_date(found, "raadsvoorstel")["value"] == "2020-02-03"
    # The council's own decision on it is still dated by its meeting.
    assert document_date(found, "raadsbesluit")["value"] == "2020-03-12"


def test_a_meeting_document_is_dated_by_its_labelled_date_not_earlier_minutes():
    text = ("Besluitenlijst van de raad van Zaanstad\nDatum: dinsdag 4 juni 2019, aanvang 19.30 uur\n"
            "1. Opening\n2. Besluitenlijst van de vergadering van 7 mei 2019\nVastgesteld.\n")
    found = text_dates(text)
    assert found[0]["role"] == "datum"
    assert document_date(found, "vergaderstuk")["value"] == "2019-06-04"


def test_the_start_of_a_period_is_no_decision_date_also_in_frisian():
    text = ("Kolleezjebeslút\nsjoen dat de gemeenten sûnt 1 jannewaris 2018 gearwurkje;\nbeslute: ...\n"
            "Sa besletten yn de gearkomste fan it kolleezje fan 6 maart 2018.\n")
    roles = {d["value"]: d["role"] for d in text_dates(text)}
    assert roles == {"2018-01-01": "mentioned", "2018-03-06": "vaststelling"}
    assert document_date(text_dates(text), "mandaatbesluit")["value"] == "2018-03-06"
    assert text_dates("Wij werken samen sinds 1 januari 2015.")[0]["role"] == "mentioned"


# Dates with roles on real-world shapes: each rule with its own short example.

PAD = "Inleiding.\n" + "Dit plan maakt de bouw van woningen mogelijk. " * 40 + "\n"


def test_the_cue_after_a_date_counts_and_an_earlier_plan_is_a_reference():
    text = ("Bestemmingsplan Dorpskern\n" + PAD +
            "Ter plaatse geldt het bestemmingsplan Buitengebied, vastgesteld op 27 oktober 2003.\n"
            "Het bestemmingsplan is op 29 mei 2017 door de raad van de gemeente Haren vastgesteld.\n")
    roles = {d["value"]: d["role"] for d in text_dates(text)}
    assert roles == {"2003-10-27": "reference", "2017-05-29": "vaststelling"}
    assert document_date(text_dates(text), "overig")["value"] == "2017-05-29"


def test_a_plan_in_force_named_just_before_is_a_reference():
    text = (PAD + "Voor het plangebied is het bestemmingsplan 'Waalbos' van kracht. Dit plan is door de "
            "gemeenteraad vastgesteld op 26 juni 2008.\n")
    assert text_dates(text)[0]["role"] == "reference"


def test_another_named_document_adopted_in_the_body_is_a_reference():
    text = PAD + "De Structuurvisie Infrastructuur en Ruimte is op 22 november 2011 door de Tweede Kamer vastgesteld.\n"
    assert text_dates(text)[0]["role"] == "reference"


def test_minutes_are_dated_by_their_heading_not_the_previous_meeting():
    text = ("GEMEENTERAAD VAN 27 MEI 2024\n\nDe voorzitter opent de vergadering om 20.00 uur.\n\n"
            "1. Goedkeuring notulen van de zitting van 29 april 2024\nGoedgekeurd.\n")
    roles = {d["value"]: d["role"] for d in text_dates(text)}
    assert roles == {"2024-05-27": "heading", "2024-04-29": "reference"}
    assert document_date(text_dates(text), "vergaderstuk")["value"] == "2024-05-27"


def test_a_signature_place_date_beats_a_publication_timestamp():
    text = ("Gepubliceerd op 6 november 2025 10:12\n\nBesluit parkeervergunningen\n" + PAD +
            "Utrecht, 4 november 2025\n\nBurgemeester en wethouders van Utrecht\n")
    found = text_dates(text)
    assert [d["role"] for d in found] == ["publicatie", "ondertekening"]
    assert document_date(found, "collegebesluit")["value"] == "2025-11-04"
    assert document_date(found, "overig")["value"] == "2025-11-04"


def test_a_split_day_in_a_signature_is_joined():
    assert text_dates(PAD + "Bergen, 2 3 december 2015\n\nBurgemeester en wethouders\n")[0] == {
        "value": "2015-12-23", "precision": "day", "role": "ondertekening", "source": "text:written"}


@pytest.mark.parametrize("header,expected,role", [
    ("From: J. Jansen\nSent: Sun 2/7/2021 6:51 PM\nTo: Raad", "2021-02-07", "datum"),  # Sunday 7 February
    ("Date: Mon 9/21/2020\nSubject: planning", "2020-09-21", "datum"),  # month-first, the weekday says so
    ("Van: J. Jansen\nVerzonden: maandag 7 februari 2021\nAan: Raad", "2021-02-07", "datum"),
    ("Besluitenlijst Gemeenteraad\nma 13/05/2024 - 20:00", "2024-05-13", "heading"),
])
def test_mail_headers_and_weekdays_decide_the_order(header, expected, role):
    found = text_dates(header + "\n\nGeachte raad,\nHierbij het stuk.\n")
    assert (found[0]["value"], found[0]["role"]) == (expected, role)
    assert document_date(found, "nota")["value"] == expected


def test_english_dates():
    assert values("Regulation of 27 April 2016 and the letter of April 27, 2016") == ["2016-04-27"] * 2


def test_a_file_name_number_is_no_date_when_the_text_has_one():
    dates = text_dates(PAD + "Het college heeft dit op 3 maart 2018 besproken.\n") + filename_dates("brief_180419_v2.pdf")
    assert filename_dates("brief_180419_v2.pdf")[0]["value"] == "2018-04-19"
    assert document_date(dates, "nota")["value"] == "2018-03-03"
    # Without any date in the text the code is all there is.
    assert document_date(filename_dates("brief_180419_v2.pdf"), "nota")["value"] == "2018-04-19"


def test_a_native_decision_date_comes_first_and_a_publication_date_never_decides():
    text = PAD + "Deze regeling treedt in werking op 1 januari 2020.\n"
    native = native_dates({"adopted": "2019-05-28", "issued": "2019-08-29"})
    assert document_date(text_dates(text) + native, "collegebesluit") == {
        "value": "2019-05-28", "precision": "day", "role": "adopted", "source": "native:adopted"}
    published = text_dates("Besluit\n" + PAD + "Gemeente Epe, 3 juni 2019\n") + native_dates({"issued": "2019-08-29"})
    assert document_date(published, "collegebesluit")["value"] == "2019-06-03"


def test_a_law_is_dated_by_its_heading_and_a_cited_law_is_a_reference():
    text = ("Wet van 4 juni 2015 tot samenvoeging van de gemeenten Bussum, Muiden en Naarden\n\n"
            "Wij Willem-Alexander, bij de gratie Gods, Koning der Nederlanden.\n" + PAD +
            "Artikel 3. Op deze wet is de Wet van 24 oktober 1984 van toepassing.\n")
    roles = {d["value"]: d["role"] for d in text_dates(text)}
    assert roles == {"2015-06-04": "heading", "1984-10-24": "reference"}
    assert document_date(text_dates(text), "herindeling")["value"] == "2015-06-04"


def test_a_council_proposal_with_its_adopted_decision_is_dated_by_the_adoption():
    text = ("Datum\n13 mei 2025\n\nVoorstel van het college inzake zienswijze begroting\n" + PAD +
            "Aldus besloten in de openbare raadsvergadering van 12 juni 2025.\n\nDe griffier, De voorzitter,\n")
    assert document_date(text_dates(text), "raadsvoorstel")["value"] == "2025-06-12"


def test_a_labelled_meeting_date_on_the_next_line():
    found = text_dates("Besluitenlijst\n\nRaad\n\nDatum en tijd\n\n23 januari 2025, 13.30 uur\n\n"
                       "1. Vaststelling van de besluitenlijst van de vergadering van 19 december 2024\n")
    assert [d["role"] for d in found] == ["datum", "reference"]
    assert document_date(found, "vergaderstuk")["value"] == "2025-01-23"


def test_a_named_decision_adopted_and_in_force_later_is_neither_this_documents_adoption():
    text = (PAD + "Het Besluit algemene regels ruimtelijke ordening (Barro) is vastgesteld op 22 augustus 2011 "
            "en is op 30 december 2011 in werking getreden.\n")
    roles = [d["role"] for d in text_dates(text)]
    assert roles == ["reference", "inwerkingtreding"]


def test_a_slash_date_that_cannot_be_day_first_is_month_first():
    assert values("Zie de mail van 9/21/2020.") == ["2020-09-21"]
    assert values("Zie de mail van 9/11/2020.") == ["2020-11-09"]  # both possible: Dutch order


def test_a_status_line_dates_the_document_also_when_the_date_wraps():
    text = ("Herindelingsontwerp Noord\nVastgesteld door de raden van Aadorp, Beedorp en Ceedorp op\n"
            "28 maart 2017, op grond van artikel 5 van de Wet arhi.\n\n1 Voorstel\n")
    assert text_dates(text)[0]["role"] == "vaststelling"
    assert document_date(text_dates(text), "herindeling")["value"] == "2017-03-28"


def test_a_short_footer_with_its_adoption_date_is_the_documents_own():
    text = PAD + "Herindelingsontwerp, vastgesteld 28 maart 2017\n\npagina 1\n"
    assert text_dates(text)[0]["role"] == "vaststelling"


def test_an_adoption_told_in_a_letter_is_no_date_of_the_letter():
    text = ("Datum 3 maart 2021\nOnderwerp voortgang\n\nGeachte leden,\n\nOp 12 januari 2021 heeft het college "
            "het uitvoeringsplan vastgesteld. Hierbij informeer ik u over de voortgang.\n")
    assert document_date(text_dates(text), "nota")["value"] == "2021-03-03"
