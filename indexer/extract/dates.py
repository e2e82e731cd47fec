"""Dates found in document metadata, turned into ISO 8601 strings (or None when unusable)."""
from __future__ import annotations

import datetime as dt
import re

# PDF 1.7 section 7.9.4: D:YYYYMMDDHHmmSSOHH'mm' with everything after the year optional.
# Seen in the wild and accepted here: no "D:", "Z00'00'", a missing final apostrophe, "+0200".
_PDF_DATE = re.compile(
    r"^\s*(?:D:)?(?P<Y>\d{4})(?P<m>\d{2})?(?P<d>\d{2})?(?P<H>\d{2})?(?P<M>\d{2})?(?P<S>\d{2})?"
    r"(?:(?P<z>[Zz])|(?P<sign>[+-])(?P<oh>\d{2})'?(?P<om>\d{2})?'?)?"
)
_ISO_DATE = re.compile(
    r"^\s*(?P<Y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?"
    r"(?:(?P<z>Z)|(?P<sign>[+-])(?P<oh>\d{2}):?(?P<om>\d{2})?)?)?)?)?\s*$"
)


def _from_match(match: re.Match | None) -> str | None:
    if not match:
        return None
    part = match.groupdict()
    try:
        day = dt.date(int(part["Y"]), int(part["m"] or 1), int(part["d"] or 1))
        if part["H"] is None:
            return day.isoformat()
        tz = None
        if part["z"]:
            tz = dt.timezone.utc
        elif part["sign"]:
            offset = dt.timedelta(hours=int(part["oh"]), minutes=int(part["om"] or 0))
            tz = dt.timezone(-offset if part["sign"] == "-" else offset)
        moment = dt.datetime.combine(
            day, dt.time(int(part["H"]), int(part["M"] or 0), int(part["S"] or 0)), tzinfo=tz
        )
    except ValueError:  # month 13, hour 25, offset beyond a day: a broken date, not a date
        return None
    return moment.isoformat()


def pdf_date_to_iso(value: str | None) -> str | None:
    """'D:20130409101500+02'00'' -> '2013-04-09T10:15:00+02:00'; 'D:20130409' -> '2013-04-09'."""
    return _from_match(_PDF_DATE.match(value)) if value else None


def iso_date(value: str | None) -> str | None:
    """An ISO/W3CDTF date as written in XMP, meta.xml or HTML meta tags, normalised; else None."""
    return _from_match(_ISO_DATE.match(value)) if value else None


def any_date_to_iso(value: str | None) -> str | None:
    return iso_date(value) or pdf_date_to_iso(value)
