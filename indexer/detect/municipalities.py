"""Municipalities of a document, each with a role: issuer, participant or mentioned.

The issuer comes from issuer.py; participants from the formulas that name several councils (a
joint opening, the parties of an agreement, the municipalities a herindeling joins); every other
accepted name is a mention (names.py).
"""
from __future__ import annotations

import re

from indexer.detect import reference
from indexer.detect.issuer import WEIGHTS, choose_issuer, foreign, under_other_authority
from indexer.detect.names import LIST_GAP, candidate, codes_in, existed, find_names, flatten, mentions

AGREEMENTS = {"gemeenschappelijke_regeling", "convenant", "dienstverleningsovereenkomst"}
# Formulas that name the participants (several municipalities).
_NAME = r"(?P<names>(?-i:[A-Z'])[^;:\n]{1,160}?)"  # a name starts with a capital, also in re.I formulas
# The municipalities a herindeling joins: "herindelingsadvies Groningen, Haren en Ten Boer",
# "herindelingsontwerp voor de samenvoeging van Huizen, Blaricum en Laren".
HERINDELING_FORMULA = re.compile(
    r"\b(?:herindeling\w*|samenvoeging|grenscorrectie)\s+(?:(?:van|voor|de|samenvoeging|gemeenten)\s+){0,4}"
    r"(?P<names>(?-i:[A-Z'])[^;:\n(]{1,120}?)\s*(?:[;:(.]|\bvast\b|\bte\b|\bper\b|\bop\b|\n|$)", re.I)
PARTICIPANT_FORMULAS = (
    re.compile(r"colleges?\s+van\s+burgemeester\s+en\s+wethouders\s+van\s+de\s+gemeenten\s+" + _NAME + r"\s*[;:,(]\s*(?:ieder|elk|\n|$)", re.I),
    re.compile(r"(?:raden|colleges|burgemeesters)\s+van\s+(?:burgemeester\s+en\s+wethouders\s+van\s+)?(?:de\s+gemeenten\s+)?" + _NAME + r"\s*(?:[;:(]|eveneens|,\s*(?:ieder|elk)\b|\n)", re.I),
    HERINDELING_FORMULA,
    re.compile(r"onder\s+de\s+voorwaarde\s+dat\s+de\s+ra(?:ad|den)\s+van\s+" + _NAME + r"\s+(?:daartoe\s+)?eveneens", re.I),
    re.compile(r"deelnemers?\s*:\s*(?:de\s+gemeenten?\s+)?" + _NAME + r"\s*[;.\n]", re.I),
    re.compile(r"(?:^|\n)\s*gemeenten\s+" + _NAME + r"\s*(?:\n|$)", re.I),
)



# The parties to an agreement, numbered after "Partijen:" / "De ondergetekenden:".
_PARTIES = re.compile(r"(?:^|\n)\s*(?:partijen|de\s+ondergetekenden|ondergetekenden)\s*:?[ \t]*\n\s*"
                      r"(?P<block>(?:[ \t]*\d{1,2}[.)][^\n]*(?:\n\s*|$)){1,12})", re.I)
_PARTY_GEMEENTE = re.compile(r"\bgemeente\s+(?P<one>[^,;:(\n]{2,40})", re.I)


def _parties(text: str, on_date: str | None) -> list[str]:
    codes: list[str] = []
    for block in _PARTIES.finditer(text[:8000]):
        for line in block.group("block").splitlines():
            named = _PARTY_GEMEENTE.search(line)
            if named:
                codes += [c for c in codes_in(named.group("one"), on_date, text) if c not in codes]
    return codes


def _name_list(fragment: str, on_date: str | None, full_text: str) -> list[str]:
    """The codes of the list of names the fragment starts with ("Bussum, Muiden en Naarden"), up
    to the first word that is neither a name nor a list separator ("… en wijziging van de grens met
    de gemeente Weesp" stops after Naarden)."""
    codes: list[str] = []
    previous_end = None
    for start, end, written in find_names(fragment):
        gap = fragment[previous_end:start] if previous_end is not None else fragment[:start]
        if previous_end is None and gap.strip(" \t\n'\"(") or previous_end is not None and not LIST_GAP.match(gap):
            break
        municipality = candidate(written, on_date, full_text)
        if municipality and municipality.code not in codes:
            codes.append(municipality.code)
        previous_end = end
    return codes


# Participant formulas stand in the opening or the closing; a herindeling that makes its members
# parties is named in the title or the first paragraphs (further on it is history: "na de
# herindeling van de gemeenten Appingedam, Delfzijl en Loppersum zullen …").
_PARTICIPANT_HEAD = 8000
_HERINDELING_HEAD = 4000


def _participants(text: str, on_date: str | None) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = [(code, "parties") for code in _parties(text, on_date)]
    # Under a court's or ministry's heading councils are litigants or addressees; only the
    # municipalities a herindeling law joins take part.
    formulas = (HERINDELING_FORMULA,) if under_other_authority(text) else PARTICIPANT_FORMULAS
    for formula in formulas:
        if formula is HERINDELING_FORMULA:
            regions: tuple[str, ...] = (text[:_HERINDELING_HEAD],)
        elif len(text) <= _PARTICIPANT_HEAD + 4000:
            regions = (text,)
        else:
            regions = (text[:_PARTICIPANT_HEAD], text[-4000:])
        for region in regions:
            for match in formula.finditer(region):
                for code in _name_list(match.group("names"), on_date, text):
                    if code not in [c for c, _ in out]:
                        out.append((code, "formula"))
    # A municipality that did not exist on the document's date takes no part in it: the new
    # municipality a herindeling creates is its outcome ("Herindelingsadvies Land van Cuijk").
    return [(code, source) for code, source in out if existed(code, on_date)]


def detect_municipalities(text: str, filename: str, native: dict, on_date: str | None,
                          doc_type: str | None) -> tuple[list[dict], str | None]:
    """([{code, name, role, source, confidence}], issuer code or None)."""
    text = flatten(text)
    if foreign(text):
        return [], None
    issuer = choose_issuer(text, filename, native, on_date, agreement=doc_type in AGREEMENTS)
    participants = _participants(text, on_date)
    if issuer is None and not text.strip():
        # An empty text (a scan): a single municipality in the file name is the best guess at the issuer.
        codes = codes_in(filename or "", on_date, filename or "")
        if len(codes) == 1 and doc_type in ("raadsbesluit", "collegebesluit", "mandaatbesluit", "raadsvoorstel"):
            issuer = (codes[0], "filename")
    result: dict[str, dict] = {}

    def add(code: str, role: str, source: str, confidence: float) -> None:
        if code not in result:
            found = reference.municipality(code)
            result[code] = {"code": code, "name": found.name if found else code, "role": role,
                            "source": source, "confidence": confidence}

    if issuer:
        add(issuer[0], "issuer", issuer[1], 0.9 if WEIGHTS.get(issuer[1], 0) >= WEIGHTS["opening"] else 0.7)
    for code, source in participants:
        add(code, "participant", source, 0.8)
    for item in mentions(text, on_date):
        add(item["code"], "mentioned", "text", 0.6)
    for code in codes_in(filename or "", on_date, text or filename or ""):
        add(code, "mentioned", "filename", 0.5)
    return list(result.values()), issuer[0] if issuer else None
