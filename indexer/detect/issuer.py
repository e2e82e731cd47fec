"""The issuing municipality, chosen by weighing evidence by where it stands (native metadata,
identifiers, the publication header, the opening and closing formulas, the letterhead, the title
block, an adoption sentence, web addresses), not by how often a name occurs. A document whose
enacting formula names a municipality the register does not know (a Belgian or fictional one), or
that speaks Flemish council language, gets no Dutch municipality.
"""
from __future__ import annotations

import re
from difflib import get_close_matches

from indexer.detect import reference, signals
from indexer.detect.names import codes_in, existed
from indexer.detect.normalise import name_key

# Openings and closings that name the issuer (one municipality).
ISSUER_FORMULAS = (
    ("opening", re.compile(r"\b(?:de\s+)?(?:gemeente)?raad\s+van\s+de\s+gemeente\s+(?P<one>[^;,:\n]{2,40}?)\s*[;,:\n]", re.I)),
    ("opening", re.compile(r"(?:^|\n)\s*(?:namens\s+)?(?:het\s+college\s+van\s+)?burgemeester\s+en\s+wethouders\s+van\s+(?:de\s+gemeente\s+)?(?P<one>[^;,:\n]{2,40}?)\s*(?:[;,:\n]|$)", re.I)),
    ("opening", re.compile(r"(?:^|\n)\s*de\s+burgemeester\s+van\s+(?:de\s+gemeente\s+)?(?P<one>[^;,:\n]{2,40}?)\s*[;,:\n]", re.I)),
    ("opening", re.compile(r"(?:^|\n)\s*de\s+raad\s+van\s+(?P<one>[A-Z][^;,:\n]{1,40}?)\s*[;,:\n]")),
    # The heading of a meeting record names whose meeting it is: "Openbare besluitenlijst college
    # van burgemeester en wethouders van Beemster", "BESLUITENLIJST VAN DE RAADSVERGADERING VAN OOSTZAAN".
    ("opening", re.compile(r"(?:^|\n)[ \t]*(?:openbare\s+)?(?:besluitenlijst|notulen|verslag|agenda)\b[^\n]{0,60}?"
                           r"\b(?:college\s+van\s+(?:burgemeester\s+en\s+wethouders|b\s?&\s?w)|gemeenteraad|raad|raadsvergadering|"
                           r"collegevergadering)\s+van\s+(?:de\s+gemeente\s+)?"
                           # only a name (capitalised words and their particles) ends the line
                           r"(?P<one>(?-i:[A-Z'][\w'.-]*(?:[ -](?:[A-Z][\w'.-]*|aan|den|de|en|op|van))*))[ \t]*(?:\n|$)", re.I)),
    # A notice: "Burgemeester en wethouders van de gemeente Staphorst maken bekend dat …".
    ("opening", re.compile(r"(?:^|\n)\s*(?:het\s+college\s+van\s+|de\s+)?(?:burgemeester\s+en\s+wethouders|burgemeester|"
                           r"gemeenteraad|raad)\s+van\s+(?:de\s+gemeente\s+)?(?P<one>(?-i:[A-Z'])[^;,:\n]{1,40}?)\s+"
                           r"(?:maakt|maken)\s+bekend\b", re.I)),
    # "De gemeenteraad van Rotterdam bijeen op 29 januari 2026", "…, in vergadering bijeen op …"
    ("opening", re.compile(r"(?:^|\n)\s*(?:de\s+)?(?:gemeente)?raad\s+van\s+(?:de\s+gemeente\s+)?"
                           r"(?P<one>(?-i:[A-Z'])[^;,:\n]{1,40}?),?\s+(?:in\s+(?:openbare\s+)?vergadering\s+)?bijeen\b", re.I)),
    ("metadata", re.compile(r"gemeenteblad\s+van\s+(?:de\s+gemeente\s+)?(?P<one>[A-Z][^;,:\n]{1,40}?)\s*[;,:\n]", re.I)),
    ("metadata", re.compile(r"offici[eë]le\s+uitgave\s+van\s+(?:de\s+)?gemeente\s+(?P<one>(?-i:[A-Z'])[^;,:.\n]{1,40}?)\s*(?:[;,:.\n]|$)", re.I)),
    ("signature", re.compile(r"vergadering\s+van\s+(?:burgemeester\s+en\s+wethouders|de\s+raad|het\s+college)\s+van\s+(?:de\s+gemeente\s+)?(?P<one>[A-Z][^;,:\n]{1,40}?)\s+(?:op|d\.d\.|van)\b", re.I)),
)
# The line-anchored openings (B&W, burgemeester, raad van X) that also close a long document.
CLOSING_FORMULAS = ISSUER_FORMULAS[1:4]
# Evidence for the issuer, by where it stands. Metadata written by the publisher and identifiers are
# the surest; a web address of one municipality alone is too weak to decide.
WEIGHTS = {
    "native:creator": 10, "native:authority": 10, "native:creator_organisation": 9, "native:author": 8,
    "native:publisher": 6, "native:company": 6, "identifier:imro": 9, "identifier:code": 8, "metadata": 8, "opening": 7,
    "letterhead": 6, "title": 6, "signature": 5, "adoption": 4, "url:council": 4, "url": 2,
}
MIN_WEIGHT = 4
# Evidence that only counts when the head of the document shows no other authority as its author.
WEAK = {"adoption", "url", "url:council", "title"}
_OTHER_AUTHORITY = re.compile(
    r"(?:^|\n)[ \t#*]*(?:offici[eë]le\s+uitgave\s+van\s+|(?:regeling|besluit|beschikking|brief|circulaire)\s+van\s+)?"
    r"(?:het\s+|de\s+|wij\s+)?(?:Ministerie\s+van|Minister\s+van|Minister-President|Ministerraad|Staatssecretaris|Tweede\s+Kamer|Eerste\s+Kamer|"
    r"Gedeputeerde\s+Staten|Provinciale\s+Staten|Provinciaal\s+blad|provincie\s+[A-Z]|Staatsblad|Waterschapsblad|"
    r"Waterschap|Hoogheemraadschap|Rijksoverheid|Directoraat-generaal|Gerechtshof|Rechtbank|Raad\s+van\s+State|"
    r"Centrale\s+Raad\s+van\s+Beroep|Hoge\s+Raad|Willem-Alexander|Beatrix|Koning(?:in)?\s+der\s+Nederlanden)\b", re.I)
# Evidence that stands even under another authority's heading: what the publisher wrote.
PUBLISHER_KINDS = ("native", "identifier", "metadata")
# PDF extraction may put a first page's letterhead after its body text.
_HEAD_LINES = 80
# A letter to "de gemeenteraad" or "de leden van de raad" without naming the municipality is
# written inside it: a web or mail address of one municipality then says whose it is.
_TO_OWN_COUNCIL = re.compile(r"(?:^|\n)[ \t]*aan\s+(?:de\s+(?:leden\s+van\s+de\s+)?(?:gemeente)?raad|"
                             r"(?:de\s+)?(?:leden\s+van\s+de\s+)?raadscommissie\b[^\n]{0,40}|"
                             r"het\s+college)[ \t]*(?:\n|$)", re.I)
# "Gemeente 's Gravenhage" / "GEMEENTE EMMEN" alone on a line of the letterhead.
_LETTERHEAD = re.compile(r"^\s*gemeente\s+(?P<one>(?-i:[A-Z'’])[^\n]{1,40}?)\s*(?:\s[-–|]\s.*|,.*)?$", re.I)
# A title block line: "gemeenteraad Den Haag", "Raad van de gemeente Utrecht".
_TITLE_LINE = re.compile(r"^\s*(?:vergadering\s+(?:van\s+)?(?:de\s+)?)?(?:gemeenteraad|raad|college)\s+(?:van\s+)?"
                         r"(?:de\s+gemeente\s+)?(?P<one>(?-i:[A-Z'’])[\w'’ .()-]{1,40}?)\s*$", re.I)
# An address right after a formula makes it an addressee block: "Het college van burgemeester en
# wethouders van Utrecht\nPostbus 16200".
_POSTAL_LINE = re.compile(r"[ \t]*\n?[ \t]*(?:Postbus|Antwoordnummer|\d{4}\s?[A-Z]{2}\b)")
# Lines after a name block that make it an addressee, not the sender.
_ADDRESSEE = re.compile(r"^\s*(?:aan|aan:|t\.?\s?a\.?\s?v\.?|ter\s+attentie)\b", re.I)
# "… is op 29 mei 2017 door de raad van de gemeente Haren vastgesteld", "vastgesteld door de
# gemeenteraad van Ridderkerk".
_ADOPTION = (
    re.compile(r"\bdoor\s+de\s+(?:gemeente)?raad\s+van\s+(?:de\s+gemeente\s+)?(?P<one>(?-i:[A-Z'])[^;,:.\n]{1,40}?)"
               r"\s+(?:(?:is|zijn|gewijzigd|ongewijzigd)\s+)*vastgesteld\b", re.I),
    re.compile(r"\bvastgesteld\s+door\s+de\s+(?:gemeente)?raad\s+van\s+(?:de\s+gemeente\s+)?"
               r"(?P<one>(?-i:[A-Z'])[^;,:.\n]{1,40}?)\s*(?:[;,:.\n]|\bop\b|\bin\b|$)", re.I),
)
# The body that enacts the document, to see whether the register knows it at all.
_ENACTING = re.compile(r"(?:^|\n)\s*(?:de\s+raad|het\s+college\s+van\s+burgemeester\s+en\s+wethouders|"
                       r"burgemeester\s+en\s+wethouders|de\s+burgemeester)\s+van\s+de\s+gemeente\s+"
                       r"(?P<one>(?-i:[A-Z])[\w'-]{2,40})\s*[;,:\n]", re.I)


def _formula_votes(text: str, on_date: str | None) -> list[tuple[str, str]]:
    head = text[:6000]
    tail = text[-4000:]
    votes: list[tuple[str, str]] = []
    # The line-anchored opening formulas close a long document too: "Burgemeester en wethouders van
    # Bergen (NH)" under the dateline.
    searches = [(source, formula, (head, tail) if source == "signature" else (head,))
                for source, formula in ISSUER_FORMULAS]
    if len(text) > len(head):
        searches += [("signature", formula, (tail,)) for _, formula in CLOSING_FORMULAS]
    for source, formula, regions in searches:
        for region in regions:
            for match in formula.finditer(region):
                if re.search(r"\bgemeenten\b", match.group(0), re.I) or _POSTAL_LINE.match(region[match.end():]):
                    continue  # several councils, or an addressee block followed by its address
                codes = codes_in(match.group("one"), on_date, text)
                if len(codes) == 1:
                    votes.append((codes[0], source))
                    break
    lines = head.splitlines()[:_HEAD_LINES]
    for number, line in enumerate(lines):
        for source, pattern in (("letterhead", _LETTERHEAD), ("title", _TITLE_LINE)):
            line_match = pattern.match(line)
            if not line_match or (source == "title" and number >= 15):
                continue
            around = lines[max(0, number - 1):number] + lines[number + 1:number + 3]
            if source == "letterhead" and any(_ADDRESSEE.match(other) for other in around):
                continue
            codes = codes_in(line_match.group("one"), on_date, text)
            if len(codes) == 1 and (codes[0], source) not in votes:
                votes.append((codes[0], source))
    # Several municipalities on letterhead-like lines: a distribution list, not a letterhead.
    for source in ("letterhead", "title"):
        if len({code for code, kind in votes if kind == source}) > 1:
            votes = [(code, kind) for code, kind in votes if kind != source]
    for pattern in _ADOPTION:
        for match in pattern.finditer(text):
            codes = codes_in(match.group("one"), on_date, text)
            if len(codes) == 1 and (codes[0], "adoption") not in votes:
                votes.append((codes[0], "adoption"))
    return votes


def under_other_authority(text: str) -> bool:
    """A court, the government, parliament or a province heads the document (its first lines)."""
    return bool(_OTHER_AUTHORITY.search("\n".join([line for line in text[:3000].splitlines() if line.strip()][:8])))


def issuer_evidence(text: str, filename: str, native: dict, on_date: str | None,
                    agreement: bool = False) -> dict[str, list[str]]:
    """{code: [sources]}: every piece of evidence for each candidate issuer. An agreement is made by
    all its parties, so its formulas and letterhead name no issuer; who published it still can."""
    evidence: dict[str, list[str]] = {}
    votes = signals.native_codes(native, on_date) + signals.identifier_codes(text, filename)
    if not agreement:
        addresses = signals.url_codes(text)
        if _TO_OWN_COUNCIL.search(text[:6000]):
            addresses = [(code, "url:council") for code, _ in addresses]
        votes += _formula_votes(text, on_date) + addresses
    if under_other_authority(text):
        # A court ruling, a ministry's letter, a provincial decision: the municipality in its
        # formulas is a party, an addressee or a subject, not the author.
        votes = [(code, source) for code, source in votes if source.startswith(PUBLISHER_KINDS)]
    elif _OTHER_AUTHORITY.search(text[:1500]):
        # Cited council pages and adopted plans, and an addressee block ("Gemeente Utrecht /
        # Postbus 16200") that looks like a letterhead.
        votes = [(code, source) for code, source in votes if source not in WEAK and source != "letterhead"]
    for code, source in votes:
        if existed(code, on_date) or source.startswith(("identifier", "native")):
            evidence.setdefault(code, []).append(source)
    return evidence


def choose_issuer(text: str, filename: str, native: dict, on_date: str | None,
            agreement: bool = False) -> tuple[str, str] | None:
    """(code, strongest source) of the single issuing municipality: the candidate whose evidence
    weighs most, if it weighs enough and no other weighs as much."""
    evidence = issuer_evidence(text, filename, native, on_date, agreement)
    if not evidence:
        return None
    weight = {code: sum(WEIGHTS.get(source, 1) for source in set(sources)) for code, sources in evidence.items()}
    ranked = sorted(weight, key=lambda code: -weight[code])
    best = ranked[0]
    if weight[best] < MIN_WEIGHT or (len(ranked) > 1 and weight[ranked[1]] == weight[best]):
        return None
    return best, max(set(evidence[best]), key=lambda source: WEIGHTS.get(source, 1))


def foreign(text: str) -> bool:
    """The document is not by a Dutch municipality: it speaks Flemish council language, or its
    enacting formula names a municipality the register does not know (nor anything close to one,
    so an OCR slip in a Dutch name does not count)."""
    if signals.looks_belgian(text):
        return True
    match = _ENACTING.search(text[:6000])
    if not match or codes_in(match.group("one"), None, text) or name_key(match.group("one")) in reference.name_index():
        return False
    return not get_close_matches(name_key(match.group("one")), list(reference.name_index()), n=1, cutoff=0.8)
