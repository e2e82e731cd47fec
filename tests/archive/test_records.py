"""The named data: partial dates, municipality references and a document's views."""
from __future__ import annotations

from datetime import date

import pytest

from archive.records import Document, InvalidDate, MunicipalityRef, PartialDate


@pytest.mark.parametrize("text, iso, precision, start, end, dutch", [
    ("2013-04-09", "2013-04-09", "day", date(2013, 4, 9), date(2013, 4, 9), "9 april 2013"),
    ("2016-2", "2016-02", "month", date(2016, 2, 1), date(2016, 2, 29), "februari 2016"),
    ("2013-12", "2013-12", "month", date(2013, 12, 1), date(2013, 12, 31), "december 2013"),
    ("2013", "2013", "year", date(2013, 1, 1), date(2013, 12, 31), "2013"),
])
def test_a_partial_date_knows_its_precision_period_and_dutch_name(text, iso, precision, start, end, dutch):
    found = PartialDate.parse(text)
    assert (found.iso(), found.precision, found.start, found.end, found.dutch()) == (iso, precision, start, end, dutch)


def test_dutch_day_month_year_only_where_asked_and_impossible_dates_refused():
    assert PartialDate.parse("9-4-2013", dutch=True).iso() == "2013-04-09"
    with pytest.raises(InvalidDate, match="not understood"):
        PartialDate.parse("9-4-2013")
    with pytest.raises(InvalidDate, match="does not exist"):
        PartialDate.parse("2013-02-30")
    with pytest.raises(InvalidDate):
        PartialDate.parse("２０１３")  # full-width digits: int() reads them, no stored date holds them


def test_partial_dates_order_by_their_start():
    assert sorted(PartialDate.parse(t) for t in ("2014", "2013-05", "2013")) == [
        PartialDate(2013), PartialDate(2013, 5), PartialDate(2014)]


def test_a_document_keeps_mentioned_municipalities_apart_and_names_one_vocabulary():
    doc = Document(id="ab" * 8, type="nota", date="2016-02", municipalities=[
        {"code": "GM1774", "name": "Dinkelland", "role": "issuer"},
        {"code": "GM0183", "name": "Tubbergen"},
        {"code": "GM0153", "name": "Enschede", "role": "mentioned"}])
    assert [m.code for m in doc.concerned] == ["GM1774", "GM0183"]
    assert doc.mentioned == (MunicipalityRef("GM0153", "Enschede", "mentioned"),)
    meta = doc.metadata()
    assert (meta["type"], meta["date"], meta["date_precision"]) == ("nota", "2016-02", "month")
    row = doc.manifest_row("x.pdf")
    assert (row["municipalities"], row["mentioned_municipalities"]) == (["GM1774", "GM0183"], ["GM0153"])
