"""Dates in the text, the file name and native metadata, each with a role; then the document date.

Dutch numeric dates are day-first. File-name codes: YYMMDD ("130409") gives a day, a lone two-digit
year after a comma ("Sociaal statuut en plan, 13") or a four-digit year gives only a year — a day
is never invented.
"""
from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "januari": 1, "jan": 1, "jannewaris": 1, "februari": 2, "feb": 2, "febr": 2, "febrewaris": 2,
    "maart": 3, "mrt": 3, "mar": 3, "maaie": 5, "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6,
    "juny": 6, "juli": 7, "jul": 7, "july": 7, "augustus": 8, "aug": 8, "septimber": 9,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "oct": 10, "novimber": 11,
    "november": 11, "nov": 11, "desimber": 12, "december": 12, "dec": 12,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = r"(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\s+"
WRITTEN = re.compile(rf"(?<!\d)(\d{{1,2}})(?:e|ste|de)?\s+({_MONTH})\.?\s+(\d{{4}})(?!\d)", re.IGNORECASE)
NUMERIC = re.compile(r"(?<![\d.\-/])(\d{1,2})([-./])(\d{1,2})\2(\d{4}|'\d{2})(?![\d.\-/]*\d)")
ISO = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d])")

# Phrases just before a date that say what the date is. Checked in this order. Frisian forms
# ("Sa besletten yn de gearkomste fan ...") sit beside the Dutch ones.
ROLE_CUES = (
    # The college's decision on a proposal ("B&W-besluit d.d. 15 oktober 2013"): the date a
    # raadsvoorstel is made. First, because its window is tight and "collegevergadering" would
    # otherwise read as a meeting.
    ("college", re.compile(r"(b\s*&\s*w[- ]?besluit|b\s*en\s*w[- ]?besluit|collegebesluit|collegevergadering|"
                           r"datum\s+college)\b[^\n]{0,20}$", re.I)),
    ("vaststelling", re.compile(r"(vastgesteld|aldus besloten|besloten in|vaststelling|besletten|fêststeld)\b[^\n]{0,140}$", re.I)),
    ("ondertekening", re.compile(r"(ondertekend|getekend|getroffen|ondertekening|overeengekomen)\b[^.\n]{0,60}$", re.I)),
    ("inwerkingtreding", re.compile(r"(in werking|inwerkingtreding|met ingang van|werkt terug|m\.i\.v\.)[^.\n]{0,40}$", re.I)),
    ("publicatie", re.compile(r"(gepubliceerd|publicatie|bekendmaking|bekendgemaakt|uitgegeven)[^.\n]{0,40}$", re.I)),
    ("vergadering", re.compile(r"(vergadering|vergaderdatum|raadsvergadering|zitting)\b[^.\n]{0,40}$", re.I)),
    # An explicit label ("Datum: woensdag 28 oktober 2015") in a heading block.
    ("datum", re.compile(rf"(^|\n)\s*(datum|date|d\.d\.)\s*:?\s*(?:{_WEEKDAY})?$", re.I)),
)
HEADER_CHARS = 1500

# Per type: which roles give the document date, in order (see DOMAIN.md §4). "datum" is a labelled
# date, "header" any other date near the top.
DATE_RULES = {
    "raadsbesluit": ("vaststelling", "vergadering", "ondertekening", "datum", "header", "filename", "publicatie"),
    "raadsvoorstel": ("college", "datum", "vaststelling", "ondertekening", "header", "vergadering", "filename", "publicatie"),
    "collegebesluit": ("vaststelling", "ondertekening", "college", "vergadering", "datum", "header", "filename", "publicatie"),
    "mandaatbesluit": ("vaststelling", "ondertekening", "college", "datum", "header", "filename", "vergadering", "publicatie"),
    "gemeenschappelijke_regeling": ("ondertekening", "vaststelling", "datum", "header", "filename", "publicatie"),
    "dienstverleningsovereenkomst": ("ondertekening", "vaststelling", "datum", "header", "filename", "publicatie"),
    "convenant": ("ondertekening", "vaststelling", "datum", "header", "filename", "publicatie"),
    # A meeting document is dated by its own meeting, labelled at the top; "vergadering van ..."
    # further on often refers to an earlier meeting whose minutes are approved.
    "vergaderstuk": ("datum", "vergadering", "header", "vaststelling", "filename", "publicatie"),
}
DEFAULT_RULE = ("vaststelling", "ondertekening", "college", "vergadering", "datum", "header", "filename", "publicatie")
# Roles whose last occurrence counts (the closing formula), the others count from the first.
LAST_WINS = {"vaststelling", "ondertekening"}


def _valid(year: int, month: int, day: int) -> str | None:
    if not 1900 <= year <= dt.date.today().year + 5:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


# The end or start of a period ("tot en met 31 december 2015", "sinds 1 januari 2014", Frisian
# "sûnt"), not a decision.
_PERIOD_END = re.compile(r"(tot en met|t/m|tot|uiterlijk|voor|sinds|sûnt)\s*$", re.I)
MONTH_YEAR = re.compile(rf"(?<![\w])(?<!\d )({_MONTH})\.?\s+(\d{{4}})(?!\d)", re.IGNORECASE)


def _role(text: str, start: int) -> str:
    before = text[max(0, start - 200):start]
    if _PERIOD_END.search(before):
        return "mentioned"
    for role, cue in ROLE_CUES:
        if cue.search(before):
            return role
    return "header" if start < HEADER_CHARS else "mentioned"


def text_dates(text: str) -> list[dict]:
    found: list[tuple[int, dict]] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match, value: str | None, source: str) -> None:
        if value and not any(s < match.end() and match.start() < e for s, e in taken):
            taken.append((match.start(), match.end()))
            role = _role(text, match.start())
            found.append((match.start(), {"value": value, "precision": "day", "role": role, "source": source}))

    for match in WRITTEN.finditer(text):
        day, month, year = match.groups()
        add(match, _valid(int(year), MONTHS[month.lower()], int(day)), "text:written")
    for match in NUMERIC.finditer(text):
        day, _, month, year = match.groups()
        year_number = 2000 + int(year[1:]) if year.startswith("'") else int(year)
        add(match, _valid(year_number, int(month), int(day)), "text:numeric")
    for match in ISO.finditer(text):
        add(match, _valid(*(int(p) for p in match.groups())), "text:iso")
    # "november 2023" on a cover: month precision, only in the header area where it dates the document.
    for match in MONTH_YEAR.finditer(text[:HEADER_CHARS]):
        year, month = int(match.group(2)), MONTHS[match.group(1).lower()]
        if _valid(year, month, 1) and not any(s < match.end() and match.start() < e for s, e in taken):
            taken.append((match.start(), match.end()))
            found.append((match.start(), {"value": f"{year:04d}-{month:02d}", "precision": "month",
                                          "role": _role(text, match.start()), "source": "text:month"}))
    found.sort(key=lambda item: item[0])
    return [item for _, item in found]


_FILE_YMD = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})(?!\d)")
_FILE_ISO = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)")
_FILE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_FILE_YY = re.compile(r",\s*(\d{2})\s*(?:$|:|\s-)")


def filename_dates(filename: str) -> list[dict]:
    """Dates coded in a file name, most specific first. YYMMDD is tried before DDMMYY and a code
    in the future is rejected."""
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", (filename or "").replace("\\", "/").rsplit("/", 1)[-1])
    today = dt.date.today().isoformat()
    out = []
    for match in _FILE_ISO.finditer(stem):
        value = _valid(*(int(p) for p in match.groups()))
        if value and value <= today:
            out.append({"value": value, "precision": "day", "role": "filename", "source": "filename:yyyymmdd"})
    if not out:
        for match in _FILE_YMD.finditer(stem):
            a, b, c = (int(p) for p in match.groups())
            for value, source in ((_valid(2000 + a, b, c), "filename:yymmdd"), (_valid(2000 + c, b, a), "filename:ddmmyy")):
                if value and value <= today:
                    out.append({"value": value, "precision": "day", "role": "filename", "source": source})
                    break
    if not out:
        for match in _FILE_YEAR.finditer(stem):
            if match.group(1) <= today[:4]:
                out.append({"value": match.group(1), "precision": "year", "role": "filename", "source": "filename:year"})
        for match in _FILE_YY.finditer(stem):
            year = str(2000 + int(match.group(1)))
            if year <= today[:4]:
                out.append({"value": year, "precision": "year", "role": "filename", "source": "filename:yy"})
    return out


def native_dates(native: dict) -> list[dict]:
    """Publication dates from metadata (DCTERMS.issued). File creation/modification dates say when
    a file was made, not the decision, so they only serve as the very last fallback."""
    out = []
    for key, role in (("issued", "publicatie"), ("created", "metadata")):
        value = native.get(key) if isinstance(native, dict) else None
        if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}", value):
            if _valid(int(value[:4]), int(value[5:7]), int(value[8:10])):
                out.append({"value": value[:10], "precision": "day", "role": role, "source": f"native:{key}"})
    return out


def document_date(dates: list[dict], doc_type: str | None) -> dict | None:
    """The date by the type's rule; then the first header-area date; then metadata."""
    for role in DATE_RULES.get(doc_type or "", DEFAULT_RULE):
        candidates = [d for d in dates if d["role"] == role]
        if candidates:
            return dict(candidates[-1] if role in LAST_WINS else candidates[0])
    for role in ("mentioned", "metadata"):
        candidates = [d for d in dates if d["role"] == role]
        if candidates:
            return dict(candidates[0])
    return None
