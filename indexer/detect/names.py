"""Municipality names in text: where they stand, which municipality they mean on a date, and
which of them are no municipality at all.

Names are matched on folded text (accents off, same offsets) with word boundaries, so "Ede" is
never found in "mede" and "Eemnes" not in "Eemnesser". Names that are also ordinary words (Best,
Buren, Duiven, Goes, plain Bergen...) count only with context: "gemeente X", "raad van X", or next
to another municipality in a list. Historical names resolve as they were on the document date. A
place in a postal address, a publication place, a surname and part of an institution's name are
not municipalities at all.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from indexer.detect import reference
from indexer.detect.normalise import name_key, unaccent

# Municipality names that are also common Dutch words or surnames; they need context.
AMBIGUOUS = {
    "best", "buren", "duiven", "echt", "weert", "beek", "bergen", "sluis", "goes", "waterland", "ede", "epe",
    "putten", "leek", "haren", "assen", "losser", "borne", "kampen", "leiden", "hulst", "huizen", "hoorn",
    "houten", "grave", "mill", "son", "laren", "stein", "delft", "vaals", "wierden", "voorst", "hengelo",
    "rijswijk", "middelburg", "nuenen", "heerde", "oss", "tiel", "uden", "baarn", "emmen", "beesel",
    "nuth", "kapelle", "schagen", "montfoort", "veere", "ommen", "urk", "texel", "lisse", "renkum",
}
_CONTEXT_BEFORE = re.compile(
    r"(gemeenten?|gemeentes|gemeenteraad van|raad van|raden van|college van|colleges van|burgemeester van|"
    r"wethouders van|inwoners van|gemeentebestuur van|griffie van|griffier van|gemeenteblad van|"
    r"gevestigd te|deelnemers?:?|gemeente:)\s*(?:de\s+)?$",
    re.IGNORECASE,
)
LIST_GAP = re.compile(r"^\s*(,|;|/|&|en|\+|-|–|\n)\s*$", re.IGNORECASE)
_PROVINCE_BEFORE = re.compile(r"(provincie|staten van|gedeputeerde staten van|provinciale)\s*$", re.IGNORECASE)
# "Bergen" without qualifier: which one? Decided from the rest of the document.
_PLAIN_BERGEN = "bergen"


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    """One alternation of all folded names, longest first so "Bergen op Zoom" beats "Bergen"."""
    names = {unaccent(n) for m in reference.municipalities() for n in (m.name, *m.variants)}
    # "'s-Gravenhage" is also written "'s Gravenhage" (letterheads, old prints).
    names |= {n.replace("'s-", "'s ") for n in names if n.startswith("'s-")}
    names.add("Bergen")
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’-])(?:{alternation})(?![\w]|-[a-z])", re.IGNORECASE)


def find_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name as written) of every capitalised, word-bounded municipality name."""
    folded = unaccent(text)
    out = []
    for match in _pattern().finditer(folded):
        written = folded[match.start():match.end()]
        first = written.lstrip("'")[:1]
        if not first or not (first.isupper() or written.startswith(("'s", "het "))):
            continue
        out.append((match.start(), match.end(), written))
    return out


def candidate(written: str, on_date: str | None, text: str) -> reference.Municipality | None:
    key = name_key(written)
    if key == _PLAIN_BERGEN:
        # Limburg's Bergen only when the document says Limburg; BUCH's Bergen otherwise needs its partners.
        if re.search(r"\bLimburg\b", text):
            return reference.municipality("GM0893")
        if re.search(r"\b(Uitgeest|Castricum|Heiloo|BUCH|Noord-Holland)\b", text):
            return reference.municipality("GM0373")
        return None
    return reference.choose(reference.name_index().get(key, ()), on_date)


# A name that is not the municipality: a place in a postal address ("2500 EH Den Haag", "Postbus
# 20301, Den Haag"), part of a person's name ("de heer Van Dongen", "mr. J. Leiden") or of an
# institution's ("Universiteit Leiden", "Utrecht Centre for European Research", a party such as
# "Hart voor Den Haag").
_POSTAL_BEFORE = re.compile(r"(?:\b\d{4}\s?[A-Z]{2}|\bPostbus\s+\d+\s*,?)\s*$")
_PERSON_BEFORE = re.compile(
    r"(?:\b(?:[Dd]e\s+heer|[Mm]evrouw|[Mm]evr\.|[Mm]w\.|[Dd]hr\.|[Mm]r\.|[Dd]r\.|[Dd]rs\.|[Ii]r\.|[Ii]ng\.|[Pp]rof\.)"
    r"\s+(?:[A-Z]\.\s*)*|\b[A-Z]\.\s*|\b(?:Van|Ter|Ten|Van\s+de[rn]?|Van\s+'t)\s+)"
    r"(?:(?:van|de|der|den|ter|ten|'t)\s+)*$")
_INSTITUTION_BEFORE = re.compile(
    r"\b(?:[Uu]niversiteit|[Hh]ogeschool|[Rr]echtbank|[Gg]erechtshof|[Mm]useum|[Ss]tichting|[Vv]ereniging|"
    r"Hart\s+voor|Leefbaar|Trots\s+op|Echt\s+voor|[Ss]tation|[Ll]uchthaven|[Hh]aven\s+van|[Zz]iekenhuis)\s+(?:van\s+)?$")
_INSTITUTION_AFTER = re.compile(
    r"^\s+(?:Centre|Center|University|Universiteit|Institute|Instituut|School|Airport|Business|Science|"
    r"Medical|Port|Marketing|Hogeschool|College)\b")
# A publication place on a title page: "'s-Gravenhage 2021" alone on its line.
_PUBLICATION_AFTER = re.compile(r"^,?[ \t]+(?:1[89]|20)\d\d[ \t]*(?:\n|$)")


def not_a_municipality(text: str, start: int, end: int) -> bool:
    """The name at text[start:end] is part of an address, a person's or institution's name, or a
    publication place, not the municipality acting or concerned."""
    before = text[max(0, start - 40):start]
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_POSTAL_BEFORE.search(before) or _PERSON_BEFORE.search(before)
                or _INSTITUTION_BEFORE.search(before) or _INSTITUTION_AFTER.match(text[end:end + 30])
                or (not text[line_start:start].strip() and _PUBLICATION_AFTER.match(text[end:end + 12])))


def mentions(text: str, on_date: str | None = None) -> list[dict]:
    """[{code, name, start, end, written}] for every accepted mention, in text order."""
    found: list[dict[str, Any]] = []
    for start, end, written in find_names(text):
        if _PROVINCE_BEFORE.search(text[max(0, start - 40):start]):
            continue  # "provincie Groningen", "Provinciale Staten van Utrecht"
        if not_a_municipality(text, start, end):
            continue
        municipality = candidate(written, on_date, text)
        if municipality is None:
            continue
        ambiguous = unaccent(written).lower().split(" (")[0] in AMBIGUOUS or written.isupper()
        found.append({"code": municipality.code, "name": municipality.name, "start": start, "end": end,
                      "written": written, "ambiguous": ambiguous})
    accepted = [not item["ambiguous"] or bool(_CONTEXT_BEFORE.search(text[max(0, item["start"] - 60):item["start"]]))
                for item in found]
    # Ambiguous names next to an accepted one in a list ("Best, Oirschot en Son") are accepted too.
    changed = True
    while changed:
        changed = False
        for i, item in enumerate(found):
            if accepted[i]:
                continue
            for j in (i - 1, i + 1):
                if 0 <= j < len(found) and accepted[j]:
                    gap = text[found[j]["end"]:item["start"]] if j < i else text[item["end"]:found[j]["start"]]
                    if LIST_GAP.match(gap):
                        accepted[i] = changed = True
                        break
    return [item for item, ok in zip(found, accepted, strict=True) if ok]


def codes_in(fragment: str, on_date: str | None, full_text: str) -> list[str]:
    codes = []
    for _, _, written in find_names(fragment):
        municipality = candidate(written, on_date, full_text)
        if municipality and municipality.code not in codes:
            codes.append(municipality.code)
    return codes


def flatten(text: str) -> str:
    """Names broken over lines with a hyphen ("Leidschendam-\nVoorburg") joined again; and runs of
    spaces from PDF and OCR layout made single."""
    return re.sub(r"[ \t]{2,}", " ", re.sub(r"-\n(?=[A-Z])", "-", text))


def existed(code: str, on_date: str | None) -> bool:
    found = reference.municipality(code)
    return not (on_date and found and len(on_date) == 10 and not found.valid_on(on_date))
