"""The document title: its own first heading; the native title only when it means something and
agrees with the text (a Title field left over from a template must lose); never markup or
boilerplate (mastheads, letterheads, field labels, mail headers, page headers)."""
from __future__ import annotations

import re

from indexer.detect.normalise import unaccent

_PRODUCER_PREFIX = re.compile(r"^\s*(microsoft\s+(word|powerpoint|excel)\s*-\s*|word\s*-\s*)", re.I)
_MEANINGLESS = re.compile(
    r"^(untitled|naamloos|document\d*|doc\d*|titel|title|no title|geen titel|presentatie\d*|sjabloon|template|"
    r"\(?anonymous\)?|\W*)$", re.I)
_FILE_LIKE = re.compile(r"(\.(docx?|pdf|odt|rtf|txt|html?|xlsx?)$)|^[\w.-]+$")
# Lines that are labels, addresses, mail headers or page furniture, not a title.
_SKIP_LINE = re.compile(
    r"^(datum|date|kenmerk|pagina|page|ons kenmerk|uw kenmerk|bijlage|aan|van|cc|bcc|from|to|sent|verzonden|"
    r"zaaknummer|stuknummer|ris-?nummer|uitslag|locatie|contactpersoon|behandeld door|telefoon|telefoonnummer|"
    r"e-?mail|e-mailadres|fax|dienst|afdeling|team|bezoekadres|postadres|retouradres|postbus|voorzitter|griffier|"
    r"aanwezig|afwezig|indiener|hieronder bevindt zich|klik hier|printversie|afdrukvoorbeeld|"
    r"gepubliceerd|inhoud|inhoudsopgave|direct naar|startpagina|home|menu|terug|zoeken|inloggen|wij\s+\w+,|"
    r"xml version|tekst)\b"
    r"|^\d|.*[:;,]$|^typ tekst"
    # "Label: value" lines (a plan's "Status: vastgesteld"), unless the label is a form word.
    r"|^(?!(motie|amendement|besluit|raadsbesluit|raadsvoorstel|collegebesluit|notitie|nota|memo|agenda|verslag|"
    r"notulen|voorstel|onderwerp|betreft|regeling|verordening|beschikking|bekendmaking|kennisgeving)\b)"
    r"[^\W\d]+( [^\W\d]+)?:\s"
    # A sentence ("De voorzitter opent de vergadering om 20.00 uur.")
    r"|^(\S+\s+){4,}.*[^\W\d]{2}\.$", re.I)
# Mastheads of gazettes and letterheads above a title.
MASTHEAD = re.compile(
    r"^((gemeenteblad|staatscourant|staatsblad|provinciaal blad|waterschapsblad|blad gemeenschappelijke regeling)"
    r"(\s+(van|der|nr\.?)\b.*|\s+\d{4}\b.*)?|"
    r"officiële uitgave\b.*|van het koninkrijk der nederlanden\b.*|gemeenten?(\s.*)?|"
    r"((gemeente|minister|provincie)raad|vergadering|college|raad|gemeente)(\s+(gemeente|raad|gemeenteraad))*)$", re.I)
# Section names that head a part of a document, not the document.
_SECTION = re.compile(r"^(toelichting|inhoud|inhoudsopgave|colofon|voorwoord|samenvatting|bijlagen?|regels|"
                      r"verbeelding|bestemmingsplan|inleiding|tekst)$", re.I)
_ADDRESS = re.compile(r"\b\d{4}\s?[A-Z]{2}\b|^postbus\b")
_MARKUP = re.compile(r"^\s*(#{1,6}|>|[-*+]\s|\|)\s*|\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)|\\(?=[-.()#*_\[\]='\"])")
# "Onderwerp: X", or the label alone with its value on the next line (two words at least: a
# table's column headers "Onderwerp" / "Besluit" are no subject).
_ONDERWERP = re.compile(r"(?:^|\n)[ \t*#>_]*(onderwerp|subject)\s*(?::\s*([^\n]{4,200})|\n\s*(\S+[ \t]+\S[^\n]{2,200}))", re.I)
MAX_TITLE = 200


def _meaningful(title: str) -> bool:
    if not title or _MEANINGLESS.match(title):
        return False
    if _FILE_LIKE.search(title) and not re.search(r"\s", title.strip()):
        return False
    if re.search(r"\.(docx?|pdf|odt)$", title, re.I) or _PAGE_TITLE.search(title):
        return False
    return sum(c.isalpha() for c in title) >= 4


# Words every municipal document has: they say nothing about whether a title belongs to the text.
_GENERIC_WORDS = {"gemeente", "gemeenten", "college", "raad", "besluit", "brief", "notitie", "document",
                  "sjabloon", "template", "versie", "concept", "definitief", "overheid", "nederland"}
# A gazette's or site's page title ("Gemeenteblad 2025, 1234 | Overheid.nl"), not the document's.
_PAGE_TITLE = re.compile(r"^(gemeenteblad|staatscourant|staatsblad|provinciaal blad|waterschapsblad|"
                         r"blad gemeenschappelijke regeling)\s+\d{4}\b|\|\s*overheid\.nl|officiële bekendmakingen", re.I)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{4,}", unaccent(text).lower())) - _GENERIC_WORDS


def agrees_with_text(title: str, text: str) -> bool:
    """Most of the title's own words stand in the opening of the text and any year it names does
    too (or there is no text to disagree with): a Title field left from an old template does not."""
    opening = text[:5000]
    head = _words(opening)
    if not head:
        return True
    if any(year not in opening for year in re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", title)):
        return False
    words = _words(title)
    return not words or len(words & head) >= 0.6 * len(words)


def clean_line(line: str) -> str:
    """A line without Markdown markup, table pipes or surrounding quotes, whitespace collapsed."""
    line = _MARKUP.sub("", line)
    line = " ".join(line.replace("|", " ").split()).strip(" :")
    # A quote around the whole line goes; a quote that closes a name inside it stays.
    for quote in "'\"‘’“”":
        if line.startswith(quote) and line.count(quote) % 2:
            line = line[1:]
        if line.endswith(quote) and line.count(quote) % 2 and "‘" not in line and "“" not in line:
            line = line[:-1]
    return line.strip()


def _title_line(line: str) -> bool:
    if not 4 <= len(line) <= 2 * MAX_TITLE or line.startswith("<") or "»" in line:
        return False
    if len(line) > MAX_TITLE and re.search(r"[.!?]$", line):  # a paragraph, not a long title
        return False
    if _SKIP_LINE.match(line) or MASTHEAD.match(line) or _SECTION.match(line) or _ADDRESS.search(line):
        return False
    words = re.findall(r"[^\W\d_]+", line)
    if words and all(_SECTION.match(word) for word in words):
        return False  # "Bestemmingsplan | Toelichting"
    return sum(c.isalpha() for c in line) >= 0.6 * len(line.replace(" ", ""))


def _whole_heading(lines: list[str], index: int) -> str:
    """A heading set over short lines ("Vergadering" / "gemeenteraad Den Haag" / "gehouden op" /
    "vrijdag 29 november 2024"): a line that starts in lower case continues the one above it."""
    parts = [lines[index]]
    if parts[0][:1].islower() and index and 0 < len(lines[index - 1]) <= 40 and lines[index - 1][:1].isupper():
        parts.insert(0, lines[index - 1])
    for later in lines[index + 1:index + 4]:  # an empty line ends the heading
        if not later[:1].islower() or len(later) > 60 or _SKIP_LINE.match(later) or len(" ".join(parts)) > MAX_TITLE:
            break
        parts.append(later)
    return " ".join(parts)


def detect_title(text: str, filename: str, native: dict) -> dict:
    raw = native.get("title") if isinstance(native, dict) else None
    if isinstance(raw, str):
        title = " ".join(_PRODUCER_PREFIX.sub("", raw).split())
        if _meaningful(title) and not _PRODUCER_PREFIX.match(raw) and agrees_with_text(title, text):
            return {"value": title[:MAX_TITLE], "source": "native"}
    onderwerp = _ONDERWERP.search(text[:3000])
    if onderwerp:
        value = clean_line(onderwerp.group(2) or onderwerp.group(3))
        value = re.sub(r"^((re|fw|fwd|aw|antw|doorst|wg)\s*:\s*)+", "", value, flags=re.I)  # a reply's prefixes
        if _title_line(value) or len(value) >= 4 and not _SKIP_LINE.match(value):
            return {"value": value, "source": "text:onderwerp"}
    lines = [clean_line(line) for line in text[:3000].splitlines()[:40]]
    for index, line in enumerate(lines):
        following = next((later for later in lines[index + 1:] if later), "")
        # A street line above a postcode line is an address ("Raadhuisplein 1" / "7811 AP Emmen").
        if _title_line(line) and not _ADDRESS.search(following):
            line = _whole_heading(lines, index)
            if len(line) > MAX_TITLE:  # a long official title ("Wet van ..., houdende ...") cut at a word
                line = line[:MAX_TITLE].rsplit(" ", 1)[0] + " …"
            return {"value": line, "source": "text:heading"}
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", (filename or "").replace("\\", "/").rsplit("/", 1)[-1])
    stem = " ".join(re.sub(r"[_]+", " ", stem).split())
    return {"value": stem or None, "source": "filename"}
