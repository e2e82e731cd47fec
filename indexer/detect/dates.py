"""Dates in the text, the file name and native metadata, each with a role; then the document date.

Dutch numeric dates are day-first. File-name codes: YYMMDD ("130409") gives a day, a lone two-digit
year after a comma ("Sociaal statuut en plan, 13") or a four-digit year gives only a year — a day
is never invented.
"""
from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "januari": 1, "jan": 1, "jannewaris": 1, "january": 1, "februari": 2, "feb": 2, "febr": 2,
    "febrewaris": 2, "february": 2, "maart": 3, "mrt": 3, "mar": 3, "march": 3, "maaie": 5, "april": 4,
    "apr": 4, "mei": 5, "may": 5, "juni": 6, "jun": 6, "june": 6, "juny": 6, "juli": 7, "jul": 7,
    "july": 7, "augustus": 8, "aug": 8, "august": 8, "septimber": 9, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10, "novimber": 11, "november": 11, "nov": 11,
    "desimber": 12, "december": 12, "dec": 12,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = r"(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\s+"
# The day may come split in two by a layout ("Bergen, 2 3 december 2015": two bold runs).
WRITTEN = re.compile(rf"(?<![\d.,])(\d{{1,2}}|\d \d)(?:e|ste|de|st|nd|rd|th)?\s+({_MONTH})\.?,?\s+(\d{{4}})(?!\d)", re.IGNORECASE)
# English order ("April 27, 2016"), as in mail headers and English texts: found by its tail, the
# month checked just before it (a month alternation tried at every position costs too much).
MDY_TAIL = re.compile(r"(?<!\d)(\d{1,2}),\s+(\d{4})(?!\d)")
_MONTH_BEFORE = re.compile(rf"(?<![\w])({_MONTH})\.?\s+$", re.IGNORECASE)
NUMERIC = re.compile(r"(?<![\d.\-/])(\d{1,2})([-./])(\d{1,2})\2(\d{4}|'\d{2})(?![\d.\-/]*\d)")
ISO = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d])")
# A weekday just before a numeric date decides its order: "Sun 2/7/2021" in a mail header of an
# English mail program is 7 February, "ma 13/05/2024" is 13 May.
_WEEKDAYS = (
    ("monday", "mon", "maandag", "ma"), ("tuesday", "tue", "tues", "dinsdag", "di"),
    ("wednesday", "wed", "woensdag", "wo"), ("thursday", "thu", "thur", "thurs", "donderdag", "do"),
    ("friday", "fri", "vrijdag", "vr"), ("saturday", "sat", "zaterdag", "za"), ("sunday", "sun", "zondag", "zo"),
)
WEEKDAY_NUMBER = {name: number for number, names in enumerate(_WEEKDAYS) for name in names}
_ANY_WEEKDAY = "(?:" + "|".join(sorted(WEEKDAY_NUMBER, key=len, reverse=True)) + ")"
_WEEKDAY_BEFORE = re.compile(rf"\b({_ANY_WEEKDAY[3:-1]})\.?,?\s*$", re.I)

# Phrases just before a date that say what the date is. Checked in this order. Frisian forms
# ("Sa besletten yn de gearkomste fan ...") sit beside the Dutch ones.
ROLE_CUES = (
    # The college's decision on a proposal ("B&W-besluit d.d. 15 oktober 2013"): the date a
    # raadsvoorstel is made. First, because its window is tight and "collegevergadering" would
    # otherwise read as a meeting.
    ("college", re.compile(r"(b\s*&\s*w[- ]?besluit|b\s*en\s*w[- ]?besluit|collegebesluit|collegevergadering|"
                           r"datum\s+college)\b[^\n]{0,20}$", re.I)),
    # The date may wrap to the next line after "op"/"van" ("Vastgesteld door de raden ... op\n28 maart").
    ("vaststelling", re.compile(r"(vastgesteld|aldus besloten|besloten in|vaststelling|besletten|fêststeld)\b"
                                r"([^\n]{0,140}|[^\n]{0,140}\b(op|van|d\.d\.)[ \t]*\n[ \t]*)$", re.I)),
    ("ondertekening", re.compile(r"(ondertekend|getekend|getroffen|ondertekening|overeengekomen)\b[^.\n]{0,60}$", re.I)),
    ("inwerkingtreding", re.compile(r"(in werking|inwerkingtreding|met ingang van|werkt terug|m\.i\.v\.)[^.\n]{0,40}$", re.I)),
    ("publicatie", re.compile(r"(gepubliceerd|publicatie\w*|bekendmaking|bekendgemaakt|uitgegeven)[^.\n]{0,40}$", re.I)),
    ("vergadering", re.compile(r"(vergadering|vergaderdatum|raadsvergadering|zitting)\b[^.\n]{0,40}$", re.I)),
    # An explicit label ("Datum: woensdag 28 oktober 2015", "Datum en tijd", a mail's "Verzonden:"
    # or "Sent:") in a heading block.
    ("datum", re.compile(rf"(^|\n)\s*(datum(\s+en\s+tijd|\s+vergadering)?|date|d\.d\.|verzonden|sent|"
                         rf"vestiging,\s+datum)\s*:?\s*(?:{_ANY_WEEKDAY}\.?,?\s+)?$", re.I)),
)
# The same roles named after the date, in the same clause: "is op 29 mei 2017 door de raad ...
# vastgesteld", "op 3 maart 2020 ondertekend".
ROLE_CUES_AFTER = (
    ("vaststelling", re.compile(r"^[^.;\n\d]{0,90}?\b(vastgesteld|besloten|vast te stellen)\b", re.I)),
    ("ondertekening", re.compile(r"^[^.;\n\d]{0,60}?\b(ondertekend|getekend)\b", re.I)),
    ("inwerkingtreding", re.compile(r"^[^.;\n\d]{0,40}?\bin werking\b", re.I)),
)
# A signature line: place and date alone on a line ("Utrecht, 4 november 2025",
# "Gegeven te Wassenaar, 9 maart 2018"), also after a cover label ("vestiging, datum Nuenen, ...").
_PLACE_DATE = re.compile(
    rf"(?:^|\n)[ \t*#>_]*(?:(?:gegeven|gedaan)\s+te\s+|done\s+at\s+|datum:?\s+)?[A-Z'][\w'’.()-]*(?:[ -][\w'’.()-]+){{0,3}},\s*"
    rf"(?:{_WEEKDAY})?$")
_LINE_END = re.compile(r"^[ \t*_]*\.?[ \t*_]*(\n|$)")
# Sentences about other documents: the date is theirs, not this document's. The minutes of an
# earlier meeting and the proposal a decision was read with count even in the title lines.
_EARLIER_MEETING = re.compile(
    r"(\b(notulen|verslag|besluitenlijst|vorige|voorgaande|volgende)\b[^.\n]{0,40}\b(vergadering|zitting)\s+(van|d\.d\.|op|is\s+op)\s*$)"
    r"|(\bgelezen\b[^.\n]{0,100}$)", re.I)
# A cited law, decision or letter ("bij besluit van 26 april 2018", "Wet van 24 oktober 1984"), or
# a participle after another document's name ("..., vastgesteld op 12 december 2013").
_CITED = re.compile(
    r"((?<![-\w&])(wet|besluit|regeling|verordening|brief|beschikking|uitspraak|arrest|vonnis|circulaire|"
    r"kamerbrief|raadsbesluit|koninklijk besluit)\s+(van|d\.d\.|dd\.?)\s*$)"
    r"|([,(]\s*(zoals\s+)?(vastgesteld|goedgekeurd|gewijzigd|herzien|onherroepelijk)\s*(op|d\.d\.|per|bij besluit van)?\s*$)"
    r"|(\bzoals\s+(vastgesteld|goedgekeurd|gewijzigd)\b[^.\n]{0,40}$)",
    re.I)
# A sentence that tells of a plan or decision in force before this one (the date it was adopted is
# its own): "het bestemmingsplan 'Waalbos' van kracht. Dit plan is ... vastgesteld op 26 juni 2008".
_EARLIER = re.compile(r"\b(vigerend\w*|geldend\w*|van kracht|voorheen|voorgaande|vorige|eerdere?|oude|"
                      r"moederplan|herzien\w*|ingetrokken)\b", re.I)
# The adopted thing is this document: "het bestemmingsplan is ... vastgesteld", "dit besluit",
# not a named other one ("De SVIR is ... vastgesteld", "de Beleidsregel Wonen en Vliegen vastgesteld").
_OWN_DOCUMENT = re.compile(
    r"\b(dit|het|deze|onderhavige?|voorliggende?)\s+(?-i:(\w*plan|\w*besluit|\w*regeling|\w*verordening|\w*beleidsregels?|"
    r"\w*nota|document|\w*statuut|\w*overeenkomst|convenant|wijziging))\b(?!\s*['‘\"“]|\s+(?-i:[A-Z]))", re.I)
# A status line of this document: "Vastgesteld door de raden van A en B op ...", "Versie vastgesteld
# door de stuurgroep op ...", "Status: vastgesteld ... Datum: ..." (no named subject before the verb).
_STATUS_LINE = re.compile(r"(^|\n)[ \t*_#]*([^\s]+[ \t]+){0,2}(vastgesteld|goedgekeurd|status)\b[^\n]{0,160}"
                          r"(\n[ \t]*)?$", re.I)
# The closing formula of an adopting body is about this document by its form.
_ADOPTION_FORMULA = re.compile(
    r"\b(aldus\s+)?(besloten|vastgesteld|besletten)\s+(en\s+\w+\s+)?(in|yn|door|troch|bij)\s+(de|het)\s+"
    r"[^.\n]{0,60}?(vergadering|zitting|gearkomste|raad|college|bestuur)\b[^.\n]{0,40}$", re.I)
HEADER_CHARS = 1500
HEADING_LINES = 6
HEADING_CHARS = 500

# Per type: which roles give the document date, in order (see DOMAIN.md §4). "datum" is a labelled
# date, "heading" a date in the title lines ("Wet van 4 juni 2015 ...", "GEMEENTERAAD VAN 27 MEI
# 2024"), "header" any other date near the top. A native decision date from official metadata
# ("adopted") goes before them all.
DATE_RULES = {
    "raadsbesluit": ("vaststelling", "vergadering", "ondertekening", "datum", "heading", "header", "filename", "publicatie"),
    "raadsvoorstel": ("vaststelling", "college", "datum", "ondertekening", "heading", "header", "vergadering", "filename", "publicatie"),
    "collegebesluit": ("vaststelling", "ondertekening", "college", "vergadering", "datum", "heading", "header", "filename", "publicatie"),
    "mandaatbesluit": ("vaststelling", "ondertekening", "college", "datum", "heading", "header", "filename", "vergadering", "publicatie"),
    "gemeenschappelijke_regeling": ("ondertekening", "vaststelling", "datum", "heading", "header", "filename", "publicatie"),
    "dienstverleningsovereenkomst": ("ondertekening", "vaststelling", "datum", "heading", "header", "filename", "publicatie"),
    "convenant": ("ondertekening", "vaststelling", "datum", "heading", "header", "filename", "publicatie"),
    # A meeting document is dated by its own meeting, labelled at the top or in its heading;
    # "vergadering van ..." further on often refers to an earlier meeting whose minutes are approved.
    "vergaderstuk": ("datum", "heading", "vergadering", "header", "vaststelling", "filename", "publicatie"),
    # A letter, note or report is dated by its own date line or signature; a decision it tells
    # of ("Op 12 januari heeft het college het plan vastgesteld") comes after.
    "nota": ("datum", "ondertekening", "heading", "vaststelling", "college", "header", "vergadering", "filename", "publicatie"),
    "rapport": ("datum", "ondertekening", "heading", "vaststelling", "college", "header", "vergadering", "filename", "publicatie"),
}
DEFAULT_RULE = ("vaststelling", "ondertekening", "college", "datum", "heading", "header", "vergadering", "filename", "publicatie")
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
_PERIOD_END = re.compile(r"(tot en met|t/m|tot|uiterlijk|voor|sinds|sûnt|vanaf)\s*$", re.I)
MONTH_YEAR = re.compile(rf"(?<![\w])(?<!\d )({_MONTH})\.?\s+(\d{{4}})(?!\d)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<![A-Z])[.!?](?=\s)|\n\s*\n")


def _sentence(text: str, start: int, end: int) -> tuple[str, str]:
    """The sentence around a date, and the sentence before it."""
    window_start = max(0, start - 400)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, window_start, start)]
    begin = ends[-1] if ends else window_start
    previous_begin = ends[-2] if len(ends) > 1 else window_start
    after = _SENTENCE_END.search(text, end, end + 300)
    return text[begin:after.start() if after else end + 300], text[previous_begin:begin]


def _heading_end(text: str) -> int:
    """Where the document's title lines end: the title line and the short lines after it, up to
    the first sentence (a line ending in punctuation or running on into the next), markup aside."""
    lines = text[:HEADING_CHARS].splitlines(keepends=True)
    count, position = 0, 0
    for index, line in enumerate(lines):
        stripped = line.strip()
        if re.search(r"[^\W\d_]{2,}", stripped) and not stripped.startswith("<"):
            following = next((later.strip() for later in lines[index + 1:] if later.strip()), "")
            if count and (len(stripped) > 80 or re.search(r"[.;:,]$", stripped) or (following[:1].islower() and len(stripped) > 40)):
                return position
            count += 1
            if count > HEADING_LINES:
                return position
        position += len(line)
    return position


def _own_adoption(text: str, start: int, end: int, role: str) -> bool:
    """A vaststelling or signing date is this document's when a closing formula or the sentence
    says so and nothing marks it as the date of an earlier or other document."""
    sentence, previous = _sentence(text, start, end)
    if _EARLIER.search(sentence):
        return False
    own = _OWN_DOCUMENT.search(sentence)
    if _EARLIER.search(previous) and (not own or own.group(1).lower() in ("dit", "deze")) \
            and re.search(r"\b(dit|dat|deze|die|het)\b", sentence[:40], re.I):
        return False  # "Dit plan is ... vastgesteld" points back at the plan in force named just before
    before = text[max(0, start - 200):start]
    if role == "ondertekening" or _ADOPTION_FORMULA.search(before) or re.search(r"\b(aldus|sa)\b[^.\n]{0,160}$", before, re.I) \
            or _STATUS_LINE.search(before):
        return True
    return bool(own)


def _role(text: str, start: int, end: int, heading_end: int) -> str:
    before = text[max(0, start - 200):start]
    if _PERIOD_END.search(before):
        return "mentioned"
    if _EARLIER_MEETING.search(before[-140:]):
        return "reference"
    in_heading = start < heading_end
    cited = _CITED.search(before[-80:])
    # "Herindelingsontwerp, vastgesteld 28 maart 2017" as a short footer or cover line is this
    # document's own; the same participle in running text follows another document's name.
    line = before.rsplit("\n", 1)[-1]
    if cited and not in_heading and not (cited.group(4) and len(line.split()) <= 5):
        return "reference"
    if _PLACE_DATE.search(before[-80:]) and _LINE_END.match(text[end:end + 8]):
        return "ondertekening"
    after = text[end:end + 120]
    role = next((role for role, cue in ROLE_CUES if cue.search(before)), None)
    after_role = next((role for role, cue in ROLE_CUES_AFTER if cue.search(after)), None)
    if role is None or (role == "vergadering" and after_role == "vaststelling") or after_role == "inwerkingtreding":
        role = after_role  # "in hun vergadering van ... het plan X vastgesteld" is an adoption
    if role in ("vaststelling", "ondertekening") and not _own_adoption(text, start, end, role):
        return "reference"
    if role:
        return role
    if in_heading:
        return "heading"
    return "header" if start < HEADER_CHARS else "mentioned"


def _numeric_value(text: str, match: re.Match) -> str | None:
    day, _, month, year = match.groups()
    year_number = 2000 + int(year[1:]) if year.startswith("'") else int(year)
    weekday = _WEEKDAY_BEFORE.search(text[max(0, match.start() - 12):match.start()])
    if weekday:
        wanted = WEEKDAY_NUMBER[weekday.group(1).lower()]
        for first, second in ((int(day), int(month)), (int(month), int(day))):
            value = _valid(year_number, second, first)
            if value and dt.date.fromisoformat(value).weekday() == wanted:
                return value
    value = _valid(year_number, int(month), int(day))
    if value is None and match.group(2) == "/":
        value = _valid(year_number, int(day), int(month))  # "9/21/2020" can only be month-first
    return value


def text_dates(text: str) -> list[dict]:
    found: list[tuple[int, dict]] = []
    taken: list[tuple[int, int]] = []
    heading_end = _heading_end(text)

    def add(match: re.Match, value: str | None, source: str) -> None:
        if value and not any(s < match.end() and match.start() < e for s, e in taken):
            taken.append((match.start(), match.end()))
            role = _role(text, match.start(), match.end(), heading_end)
            found.append((match.start(), {"value": value, "precision": "day", "role": role, "source": source}))

    for match in WRITTEN.finditer(text):
        day, month, year = match.groups()
        add(match, _valid(int(year), MONTHS[month.lower()], int(day.replace(" ", ""))), "text:written")
    for match in MDY_TAIL.finditer(text):
        month = _MONTH_BEFORE.search(text[max(0, match.start() - 12):match.start()])
        if month:
            day, year = match.groups()
            add(match, _valid(int(year), MONTHS[month.group(1).lower()], int(day)), "text:written")
    for match in NUMERIC.finditer(text):
        add(match, _numeric_value(text, match), "text:numeric")
    for match in ISO.finditer(text):
        add(match, _valid(*(int(p) for p in match.groups())), "text:iso")
    # "november 2023" on a cover: month precision, only in the header area where it dates the document.
    for match in MONTH_YEAR.finditer(text[:HEADER_CHARS]):
        year, month = int(match.group(2)), MONTHS[match.group(1).lower()]
        if _valid(year, month, 1) and not any(s < match.end() and match.start() < e for s, e in taken):
            taken.append((match.start(), match.end()))
            role = _role(text, match.start(), match.end(), heading_end)
            if role == "ondertekening":  # a signature carries a day; "Nota X, juni 2015" is a footer
                role = "heading" if match.start() < heading_end else "header"
            found.append((match.start(), {"value": f"{year:04d}-{month:02d}", "precision": "month",
                                          "role": role, "source": "text:month"}))
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
    """Dates from metadata. A decision date from official metadata ("adopted", e.g. a CVDR
    regulation's besluit date or a ruling's date) is the strongest date there is; a publication
    date ("issued", DCTERMS.issued) is never the decision. File creation/modification dates say when
    a file was made, not the decision, so they only serve as the very last fallback."""
    out = []
    for key, role in (("adopted", "adopted"), ("in_force", "inwerkingtreding"), ("issued", "publicatie"),
                      ("created", "metadata")):
        value = native.get(key) if isinstance(native, dict) else None
        if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}", value):
            if _valid(int(value[:4]), int(value[5:7]), int(value[8:10])):
                out.append({"value": value[:10], "precision": "day", "role": role, "source": f"native:{key}"})
    return out


def document_date(dates: list[dict], doc_type: str | None) -> dict | None:
    """The native decision date; else the date by the type's rule; then any date in the text;
    then metadata. A file-name code that no date in the text confirms comes only when the text has
    no date at all: a document number ("..._180419_...") often looks like one."""
    text_values = {d["value"] for d in dates if d["source"].startswith("text:")}
    confirmed = [d for d in dates if d["role"] != "filename" or d["value"] in text_values
                 or not text_values or d["precision"] != "day"]
    for role in ("adopted",) + DATE_RULES.get(doc_type or "", DEFAULT_RULE):
        candidates = [d for d in confirmed if d["role"] == role]
        if candidates:
            return dict(candidates[-1] if role in LAST_WINS else candidates[0])
    for role in ("mentioned", "reference", "filename", "metadata"):
        candidates = [d for d in dates if d["role"] == role]
        if candidates:
            return dict(candidates[0])
    return None
