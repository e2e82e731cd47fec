"""The document type (a taxonomy key) from the title, file name, opening and closing formulas.

A title or file name that names the type decides (first rule that matches); otherwise the
formulas in the text are scored.
"""
from __future__ import annotations

import re

from indexer.detect.taxonomy import DOC_TYPES
from indexer.detect.title import MASTHEAD, clean_line

# Title/file-name rules. The form word that comes first in a title names the document ("Notitie
# evaluatie ..." is a nota about an evaluation, "Raadsbesluit toestemming GR" a raadsbesluit); on a
# tie the rule listed first wins. Compounds count ("Zelfevaluatie", "Tussenrapportage", "Contourennota").
TITLE_RULES: tuple[tuple[str, re.Pattern], ...] = tuple(
    (key, re.compile(pattern, re.I))
    for key, pattern in (
        # "Voorstel van het college inzake ...": the college's proposal to the council.
        ("raadsvoorstel", r"\b(raadsvoorstel|voorstel aan de raad|raadsnota|voorgesteld raadsbesluit|"
                          r"voorstel van (het college|burgemeester en wethouders))"),
        ("raadsbesluit", r"\b(raadsbesluit|besluit van de (gemeente)?raad|toestemmingsbesluit)"),
        ("mandaatbesluit", r"(mandaat|mandatering|volmacht|machtigingsbesluit|machtigingsregeling)"),
        ("sociaal_statuut", r"\bsociaal\s+statuut"),
        ("sociaal_plan", r"\bsociaal\s+(plan|beleidskader)\b|plaatsingsprocedure"),
        # A beschikking and beleidsregels are decisions of the college (or taken in its mandate).
        ("collegebesluit", r"\b(collegebesluit|b\s*&\s*w[- ]besluit|besluit van (het college|burgemeester en wethouders)|"
                           r"beschikking|beleidsregels?)\b"),
        ("verordening", r"verordening\b"),
        # "GR 22 april 2024" is a Flemish council meeting (gemeenteraad), not a regulation.
        ("gemeenschappelijke_regeling", r"\b(gemeenschappelijke\s+regeling|centrumregeling|GR\b(?!\s+\d))"),
        ("dienstverleningsovereenkomst", r"\b(dienstverleningsovereenkomst|DVO)\b"),
        ("convenant", r"\b(convenant|samenwerkingsovereenkomst|intentieovereenkomst|bestuursovereenkomst|intentieverklaring|samenwerkingsverklaring)"),
        ("bedrijfsplan", r"\b(bedrijfsplan|business\s*case|inrichtingsplan|plan van aanpak|organisatieplan|fijnstructuur|hoofdstructuur)"),
        # Municipalities merged or their borders changed; "herindeling van departementale taken" is not.
        ("herindeling", r"\b(herindeling\w*(?!\s+van\s+(de\s+)?(departement|taken|minister))|"
                        r"(samenvoeging|opheffing) van de gemeenten?\b|grenscorrectie|grenswijziging)"),
        ("vergaderstuk", r"\b(agenda|besluitenlijst|notulen|verslag|vergaderstuk|besluitvormingsvergadering|motie|amendement)\b"),
        ("rapport", r"\b(rapport|rapportage|\w*evaluatie|\w*onderzoek|analyse|quickscan|monitor)"),
        ("nota", r"\b(\w*nota|notitie|memo|beleidsnota|startnotitie|raadsinformatiebrief|preadvies)\b"),
        # A notice in a gazette reports a decision or application; it is not the decision.
        ("overig", r"^(bekendmaking|kennisgeving|zakelijke mededeling|ter inzage)\b"),
        # The explanation of a spatial plan (its toelichting) is neither the plan's decision nor a nota.
        ("overig", r"\btoelichting\b.{0,80}\b\w*plan\b|\b\w*(bestemmings|omgevings|wijzigings|uitwerkings|inpassings)plan\b.{0,80}\btoelichting\b"),
    )
)

# Formulas in the body: (type, pattern, weight). A field label alone ("Onderwerp") says nothing of
# the form: letters, notes and e-mails have one too.
BODY_RULES = tuple(
    (key, re.compile(pattern, re.I), weight)
    for key, pattern, weight in (
        ("raadsbesluit", r"(?:^|\n)\s*de\s+(?:gemeente)?raad\s+van\s+(?:de\s+gemeente\s+)?[^\n;,]{2,40}(;|\s*\n)", 3),
        ("raadsbesluit", r"vastgesteld\s+in\s+de\s+(?:openbare\s+)?(?:raads)?vergadering", 3),
        ("raadsbesluit", r"\bgelezen\s+het\s+voorstel\s+van\s+(burgemeester\s+en\s+wethouders|het\s+college)", 3),
        ("raadsbesluit", r"\bde\s+griffier\b", 1),
        ("raadsvoorstel", r"(?:^|\n)\s*(registratienr|portefeuillehouder|beslispunten|voorgesteld (raads)?besluit)\b", 2),
        ("raadsvoorstel", r"(?:^|\n)\s*(voorstel aan de (gemeente)?raad)", 2),
        ("collegebesluit", r"(?:^|\n)\s*(het\s+college\s+van\s+)?burgemeester\s+en\s+wethouders\s+van\s+[^\n;]{2,40};", 3),
        ("collegebesluit", r"\bhet college besluit\b", 2),
        ("collegebesluit", r"\bburgemeester\s+en\s+wethouders\s+van\s+[^\n,]{2,40},\s*namens\s+dezen", 3),
        ("mandaatbesluit", r"afdeling\s+10\.1\.1|ondermandaat|mandaatregister", 3),
        ("sociaal_statuut", r"georganiseerd\s+overleg|plaatsingsadviescommissie|mens volgt werk", 2),
        ("gemeenschappelijke_regeling", r"wet\s+gemeenschappelijke\s+regelingen", 1),
        ("gemeenschappelijke_regeling", r"\b(openbaar\s+lichaam|bedrijfsvoeringsorganisatie|algemeen\s+bestuur)\b", 1),
        ("dienstverleningsovereenkomst", r"\bopdrachtnemer\b|\bcentrumgemeente\b", 2),
        ("verordening", r"\bciteertitel\b|aangehaald als", 1),
        ("vergaderstuk", r"(?:^|\n)\s*(aanwezig|afwezig|agendapunt|opening en mededelingen)\b", 2),
        # A motion or amendment: the council "in vergadering bijeen" asks or decides something.
        ("vergaderstuk", r"\bin\s+vergadering\s+bijeen\b|(?:^|\n)\s*(verzoekt|draagt)\s+het\s+college\b", 3),
        ("bedrijfsplan", r"\bfrictiekosten|\bformatie\b|\bfte\b", 1),
        ("nota", r"(?:^|\n)\s*(inleiding|aanleiding)\s*\n", 1),
        # A letter (to the council, a committee, anyone) is a note in this taxonomy.
        ("nota", r"(?:^|\n)\s*>?\s*retouradres\b|(?:^|\n)\s*geachte\s+\w+|(?:^|\n)\s*(met vriendelijke groet|hoogachtend)\b", 3),
        # An e-mail: its header block ("Van: ... Verzonden: ...", "From: ... Sent: ...").
        ("nota", r"(?:^|\n)\s*(van|from)\s*:[^\n]*\n\s*(verzonden|sent|date|datum)\s*:", 3),
    )
)
LETTER_RULES = tuple(rule for rule in BODY_RULES if rule[0] == "nota" and rule[2] >= 3)
# National legislation and rulings (a royal or ministerial formula): their body formulas are not
# municipal forms, so only a title names their type.
_NATIONAL = re.compile(r"bij de gratie gods|(?:^|\n)\s*(de minister|de staatssecretaris)\s+van\b|"
                       r"(?:^|\n)\W*(wet|besluit|regeling van de minister\w*) van \d", re.I)
# Native metadata of official publications: the kind of regulation or notice, and the body that
# adopted it. A gazette's rubric for notices ("zakelijke mededeling", "Beschikkingen") names a
# notice, not the decision it reports.
_NATIVE_KIND = (
    ("overig", re.compile(r"zakelijke mededeling|bekendmaking|kennisgeving|beschikkingen", re.I)),
    ("collegebesluit", re.compile(r"\bbeleidsregel", re.I)),
    ("mandaatbesluit", re.compile(r"mandaat|mandatering", re.I)),
    ("verordening", re.compile(r"verordening", re.I)),
    ("gemeenschappelijke_regeling", re.compile(r"gemeenschappelijke regeling", re.I)),
)
_NATIVE_AUTHORITY = (
    ("mandaatbesluit", re.compile(r"\bmandaat", re.I)),
    ("collegebesluit", re.compile(r"college|burgemeester en wethouders|gemandateerd", re.I)),
    ("raadsbesluit", re.compile(r"\b(gemeente)?raad\b", re.I)),
)


def _title_type(line: str) -> str | None:
    matches = []
    for order, (key, pattern) in enumerate(TITLE_RULES):
        found = pattern.search(line)
        if found:
            matches.append((found.start(), order, key))
    if not matches:
        return None
    keys = {key for _, _, key in matches}
    # A mandate decision is taken by the college (or raad): "Collegebesluit mandaatregister" is a mandaatbesluit.
    if "mandaatbesluit" in keys and keys & {"collegebesluit", "raadsbesluit"}:
        return "mandaatbesluit" if "collegebesluit" in keys else min(matches)[2]
    return min(matches)[2]


def _native_type(native: dict) -> str | None:
    """The type an official publication's metadata names: its kind of regulation or notice, else
    the body that adopted it (a CVDR regulation adopted by the college or in its mandate is a
    college decision)."""
    kind = native.get("regulation_type")
    if isinstance(kind, str):
        key = next((key for key, pattern in _NATIVE_KIND if pattern.search(kind)), None)
        if key:
            return key
    for field in ("adopted_by", "authority"):
        value = native.get(field)
        if isinstance(value, str) and not re.search(r"/tooi/|^gm\d{4}$", value, re.I):
            for key, pattern in _NATIVE_AUTHORITY:
                if pattern.search(value):
                    return key
    return None


def detect_type(text: str, filename: str, title: str | None, title_source: str | None = None,
                native: dict | None = None) -> dict:
    """{value, source, confidence}; value is always a DOC_TYPES key ("overig" when unsure).
    title_source "text:onderwerp": the title is the subject line, which names the matter rather than
    the form ("Onderwerp: evaluatie ..." in a collegebesluit), so the heading goes first."""
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", (filename or "").replace("\\", "/").rsplit("/", 1)[-1])
    lines = [clean_line(line) for line in text[:1500].splitlines()]
    lines = [line for line in lines if line and not MASTHEAD.match(line) and not line.startswith("<")
             and not re.match(r"^(kenmerk|ons kenmerk|zaaknummer|stuknummer|ris-nummer|datum)\b", line, re.I)][:4]
    order = [("title", title or ""), ("heading", " ".join(lines[:2])), ("filename", stem)]
    if title_source == "text:onderwerp":
        order[0], order[1] = order[1], order[0]
    for source, candidate in order[:2]:
        key = _title_type(candidate)
        if key:
            return {"value": key, "source": source, "confidence": 0.9}
    native_key = _native_type(native or {})
    if native_key:
        return {"value": native_key, "source": "native", "confidence": 0.8}
    key = _title_type(order[2][1])
    if key:
        return {"value": key, "source": "filename", "confidence": 0.7}
    head, tail = text[:8000], text[-3000:]
    # A minister's letter is still a letter; its other formulas are not municipal forms.
    rules = LETTER_RULES if _NATIONAL.search(head[:3000]) else BODY_RULES
    scores: dict[str, int] = {}
    for key, pattern, weight in rules:
        if pattern.search(head) or pattern.search(tail):
            scores[key] = scores.get(key, 0) + weight
    if scores.get("mandaatbesluit") and scores.get("collegebesluit"):
        scores["mandaatbesluit"] += 3  # a mandaat is a college decision with mandate content
    if scores:
        best = max(scores, key=lambda k: scores[k])
        if scores[best] >= 2:
            return {"value": best, "source": "formulas", "confidence": round(min(0.85, 0.4 + 0.1 * scores[best]), 2)}
    return {"value": "overig", "source": "default", "confidence": 0.2}


assert all(key in DOC_TYPES for key, _ in TITLE_RULES) and all(key in DOC_TYPES for key, _, _ in BODY_RULES)
