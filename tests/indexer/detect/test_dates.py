"""Dates: written and numeric Dutch forms, roles, file-name codes and the document date rule."""
from __future__ import annotations

from indexer.detect.dates import document_date, filename_dates, text_dates


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
