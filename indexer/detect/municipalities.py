"""Municipalities named in a document, each with a role: issuer, participant or mentioned.

Names are matched on folded text (accents off, same offsets) with word boundaries, so "Ede" is
never found in "mede" and "Eemnes" not in "Eemnesser". Names that are also ordinary words (Best,
Buren, Duiven, Goes, plain Bergen...) count only with context: "gemeente X", "raad van X", or next
to another municipality in a list. Historical names resolve as they were on the document date.

The issuer is chosen by weighing evidence by where it stands (native metadata, identifiers, the
publication header, the opening formula, the letterhead, the title block, an adoption sentence,
web addresses), not by how often a name occurs. A place in a postal address, a publication place,
a surname and part of an institution's name are not municipalities at all. A document whose
enacting formula names a municipality the register does not know (a Belgian or fictional one), or
that speaks Flemish council language, gets no Dutch municipality.
"""
from __future__ import annotations

import re
from functools import lru_cache

from indexer.detect import reference, signals
from indexer.detect.normalise import fold, name_key

AGREEMENTS = {"gemeenschappelijke_regeling", "convenant", "dienstverleningsovereenkomst"}
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
_LIST_GAP = re.compile(r"^\s*(,|;|/|&|en|\+|-|–|\n)\s*$", re.IGNORECASE)
_PROVINCE_BEFORE = re.compile(r"(provincie|staten van|gedeputeerde staten van|provinciale)\s*$", re.IGNORECASE)
# "Bergen" without qualifier: which one? Decided from the rest of the document.
_PLAIN_BERGEN = "bergen"

# Openings and closings that name the issuer (one municipality) or the participants (several).
_NAME = r"(?P<names>(?-i:[A-Z'])[^;:\n]{1,160}?)"  # a name starts with a capital, also in re.I formulas
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


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    """One alternation of all folded names, longest first so "Bergen op Zoom" beats "Bergen"."""
    names = {fold(n) for m in reference.municipalities() for n in (m.name, *m.variants)}
    # "'s-Gravenhage" is also written "'s Gravenhage" (letterheads, old prints).
    names |= {n.replace("'s-", "'s ") for n in names if n.startswith("'s-")}
    names.add("Bergen")
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’-])(?:{alternation})(?![\w]|-[a-z])", re.IGNORECASE)


def find_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name as written) of every capitalised, word-bounded municipality name."""
    folded = fold(text)
    out = []
    for match in _pattern().finditer(folded):
        written = folded[match.start():match.end()]
        first = written.lstrip("'")[:1]
        if not first or not (first.isupper() or written.startswith(("'s", "het "))):
            continue
        out.append((match.start(), match.end(), written))
    return out


def _candidates(written: str, on_date: str | None, text: str) -> reference.Municipality | None:
    from indexer.detect.normalise import name_key

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
    found = []
    for start, end, written in find_names(text):
        if _PROVINCE_BEFORE.search(text[max(0, start - 40):start]):
            continue  # "provincie Groningen", "Provinciale Staten van Utrecht"
        if not_a_municipality(text, start, end):
            continue
        municipality = _candidates(written, on_date, text)
        if municipality is None:
            continue
        ambiguous = fold(written).lower().split(" (")[0] in AMBIGUOUS or written.isupper()
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
                    if _LIST_GAP.match(gap):
                        accepted[i] = changed = True
                        break
    return [item for item, ok in zip(found, accepted) if ok]


def _codes_in(fragment: str, on_date: str | None, full_text: str) -> list[str]:
    codes = []
    for _, _, written in find_names(fragment):
        municipality = _candidates(written, on_date, full_text)
        if municipality and municipality.code not in codes:
            codes.append(municipality.code)
    return codes


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


def _flatten(text: str) -> str:
    """Names broken over lines with a hyphen ("Leidschendam-\nVoorburg") joined again; and runs of
    spaces from PDF and OCR layout made single."""
    return re.sub(r"[ \t]{2,}", " ", re.sub(r"-\n(?=[A-Z])", "-", text))


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
                codes = _codes_in(match.group("one"), on_date, text)
                if len(codes) == 1:
                    votes.append((codes[0], source))
                    break
    lines = head.splitlines()[:_HEAD_LINES]
    for number, line in enumerate(lines):
        for source, pattern in (("letterhead", _LETTERHEAD), ("title", _TITLE_LINE)):
            match = pattern.match(line)
            if not match or (source == "title" and number >= 15):
                continue
            around = lines[max(0, number - 1):number] + lines[number + 1:number + 3]
            if source == "letterhead" and any(_ADDRESSEE.match(other) for other in around):
                continue
            codes = _codes_in(match.group("one"), on_date, text)
            if len(codes) == 1 and (codes[0], source) not in votes:
                votes.append((codes[0], source))
    # Several municipalities on letterhead-like lines: a distribution list, not a letterhead.
    for source in ("letterhead", "title"):
        if len({code for code, kind in votes if kind == source}) > 1:
            votes = [(code, kind) for code, kind in votes if kind != source]
    for pattern in _ADOPTION:
        for match in pattern.finditer(text):
            codes = _codes_in(match.group("one"), on_date, text)
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
        if _existed(code, on_date) or source.startswith(("identifier", "native")):
            evidence.setdefault(code, []).append(source)
    return evidence


def _issuer(text: str, filename: str, native: dict, on_date: str | None,
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
    if not match or _codes_in(match.group("one"), None, text) or name_key(match.group("one")) in reference.name_index():
        return False
    from difflib import get_close_matches

    return not get_close_matches(name_key(match.group("one")), list(reference.name_index()), n=1, cutoff=0.8)


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
                codes += [c for c in _codes_in(named.group("one"), on_date, text) if c not in codes]
    return codes


def _name_list(fragment: str, on_date: str | None, full_text: str) -> list[str]:
    """The codes of the list of names the fragment starts with ("Bussum, Muiden en Naarden"), up
    to the first word that is neither a name nor a list separator ("… en wijziging van de grens met
    de gemeente Weesp" stops after Naarden)."""
    codes: list[str] = []
    previous_end = None
    for start, end, written in find_names(fragment):
        gap = fragment[previous_end:start] if previous_end is not None else fragment[:start]
        if previous_end is None and gap.strip(" \t\n'\"(") or previous_end is not None and not _LIST_GAP.match(gap):
            break
        municipality = _candidates(written, on_date, full_text)
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
    return [(code, source) for code, source in out if _existed(code, on_date)]


def _existed(code: str, on_date: str | None) -> bool:
    found = reference.municipality(code)
    return not (on_date and found and len(on_date) == 10 and not found.valid_on(on_date))


def detect_municipalities(text: str, filename: str, native: dict, on_date: str | None,
                          doc_type: str | None) -> tuple[list[dict], str | None]:
    """([{code, name, role, source, confidence}], issuer code or None)."""
    text = _flatten(text)
    if foreign(text):
        return [], None
    issuer = _issuer(text, filename, native, on_date, agreement=doc_type in AGREEMENTS)
    participants = _participants(text, on_date)
    if issuer is None and not text.strip():
        # An empty text (a scan): a single municipality in the file name is the best guess at the issuer.
        codes = _codes_in(filename or "", on_date, filename or "")
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
    for code in _codes_in(filename or "", on_date, text or filename or ""):
        add(code, "mentioned", "filename", 0.5)
    return list(result.values()), issuer[0] if issuer else None
