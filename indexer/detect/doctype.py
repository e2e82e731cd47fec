"""The document type (a taxonomy key) from the title, file name, opening and closing formulas.

A title or file name that names the type decides (first rule that matches); otherwise the
formulas in the text are scored.
"""
from __future__ import annotations

import re

from indexer.detect.taxonomy import DOC_TYPES

# Title/file-name rules. The form word that comes first in a title names the document ("Notitie
# evaluatie ..." is a nota about an evaluation, "Raadsbesluit toestemming GR" a raadsbesluit); on a
# tie the rule listed first wins. Compounds count ("Zelfevaluatie", "Tussenrapportage").
TITLE_RULES: tuple[tuple[str, re.Pattern], ...] = tuple(
    (key, re.compile(pattern, re.I))
    for key, pattern in (
        ("raadsvoorstel", r"\b(raadsvoorstel|voorstel aan de raad|raadsnota|voorgesteld raadsbesluit)"),
        ("raadsbesluit", r"\b(raadsbesluit|besluit van de (gemeente)?raad|toestemmingsbesluit)"),
        ("mandaatbesluit", r"(mandaat|volmacht|machtigingsbesluit|machtigingsregeling)"),
        ("sociaal_statuut", r"\bsociaal\s+statuut"),
        ("sociaal_plan", r"\bsociaal\s+(plan|beleidskader)\b|plaatsingsprocedure"),
        ("collegebesluit", r"\b(collegebesluit|b\s*&\s*w[- ]besluit|besluit van (het college|burgemeester en wethouders))"),
        ("verordening", r"verordening\b"),
        ("gemeenschappelijke_regeling", r"\b(gemeenschappelijke\s+regeling|centrumregeling|GR)\b"),
        ("dienstverleningsovereenkomst", r"\b(dienstverleningsovereenkomst|DVO)\b"),
        ("convenant", r"\b(convenant|samenwerkingsovereenkomst|intentieovereenkomst|bestuursovereenkomst|intentieverklaring|samenwerkingsverklaring)"),
        ("bedrijfsplan", r"\b(bedrijfsplan|business\s*case|inrichtingsplan|plan van aanpak|organisatieplan|fijnstructuur|hoofdstructuur)"),
        ("herindeling", r"\b(herindeling|herindelingsadvies|herindelingsontwerp)"),
        ("vergaderstuk", r"\b(agenda|besluitenlijst|notulen|verslag|vergaderstuk|besluitvormingsvergadering)\b"),
        ("rapport", r"\b(rapport|rapportage|\w*evaluatie|\w*onderzoek|analyse|quickscan|monitor)"),
        ("nota", r"\b(nota|notitie|memo|beleidsnota|startnotitie|raadsinformatiebrief)\b"),
    )
)

# Formulas in the body: (type, pattern, weight).
BODY_RULES = tuple(
    (key, re.compile(pattern, re.I), weight)
    for key, pattern, weight in (
        ("raadsbesluit", r"(?:^|\n)\s*de\s+(?:gemeente)?raad\s+van\s+(?:de\s+gemeente\s+)?[^\n;]{2,40};", 3),
        ("raadsbesluit", r"vastgesteld\s+in\s+de\s+(?:openbare\s+)?(?:raads)?vergadering", 3),
        ("raadsbesluit", r"\bde\s+griffier\b", 1),
        ("raadsvoorstel", r"(?:^|\n)\s*(onderwerp|registratienr|portefeuillehouder|beslispunten|voorgesteld besluit)\b", 2),
        ("raadsvoorstel", r"(?:^|\n)\s*(aan de (gemeente)?raad|voorstel aan)", 2),
        ("collegebesluit", r"(?:^|\n)\s*(het\s+college\s+van\s+)?burgemeester\s+en\s+wethouders\s+van\s+[^\n;]{2,40};", 3),
        ("collegebesluit", r"\bhet college besluit\b", 2),
        ("mandaatbesluit", r"afdeling\s+10\.1\.1|ondermandaat|mandaatregister", 3),
        ("sociaal_statuut", r"georganiseerd\s+overleg|plaatsingsadviescommissie|mens volgt werk", 2),
        ("gemeenschappelijke_regeling", r"wet\s+gemeenschappelijke\s+regelingen", 1),
        ("gemeenschappelijke_regeling", r"\b(openbaar\s+lichaam|bedrijfsvoeringsorganisatie|algemeen\s+bestuur)\b", 1),
        ("dienstverleningsovereenkomst", r"\bopdrachtnemer\b|\bcentrumgemeente\b", 2),
        ("verordening", r"\bciteertitel\b|aangehaald als", 1),
        ("vergaderstuk", r"(?:^|\n)\s*(aanwezig|afwezig|agendapunt|opening en mededelingen)\b", 2),
        ("bedrijfsplan", r"\bfrictiekosten|\bformatie\b|\bfte\b", 1),
        ("nota", r"(?:^|\n)\s*(inleiding|aanleiding)\s*\n", 1),
    )
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


def detect_type(text: str, filename: str, title: str | None, title_source: str | None = None) -> dict:
    """{value, source, confidence}; value is always a DOC_TYPES key ("overig" when unsure).
    title_source "text:onderwerp": the title is the subject line, which names the matter rather than
    the form ("Onderwerp: evaluatie ..." in a collegebesluit), so the heading goes first."""
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", (filename or "").replace("\\", "/").rsplit("/", 1)[-1])
    lines = [line.strip() for line in text[:1500].splitlines() if line.strip()][:4]
    order = [("title", title or ""), ("heading", " ".join(lines[:2])), ("filename", stem)]
    if title_source == "text:onderwerp":
        order[0], order[1] = order[1], order[0]
    for source, candidate in order:
        key = _title_type(candidate)
        if key:
            return {"value": key, "source": source, "confidence": 0.9 if source != "filename" else 0.7}
    head, tail = text[:8000], text[-3000:]
    scores: dict[str, int] = {}
    for key, pattern, weight in BODY_RULES:
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
