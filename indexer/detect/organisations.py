"""Fusion organisations named in a document, or inferred from the municipalities it concerns.

Acronyms that are also words (BAR, BEL, OVER, UW, AA, A2) count only next to "organisatie",
"gemeenten", "samenwerking", "Combinatie"... ("BAR-organisatie", "BEL Combinatie"), never alone.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from indexer.detect import reference
from indexer.detect.names import candidate, find_names, mentions
from indexer.detect.normalise import unaccent

_GUARD_AFTER = r"[-\s]?(?:organisatie|gemeenten|samenwerking|Samenwerking|Combinatie|combinatie|werkorganisatie|regeling)\b"
# Look-behinds must have a fixed width, so each introducing word gets its own.
_GUARD_BEFORE = "|".join(f"(?<={word} )" for word in (
    "Werkorganisatie", "werkorganisatie", "GR", "Gemeenschappelijke regeling", "gemeenschappelijke regeling",
    "Samenwerking", "samenwerking", "openbaar lichaam"))


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[reference.Organisation, re.Pattern, str, tuple[str, ...]]]:
    """(organisation, pattern, source, literals): a pattern can only match where one of its literals
    occurs (names in lower case, acronyms as written), which a plain substring test rules out fast."""
    out = []
    for org in reference.organisations():
        names = sorted({unaccent(n) for n in (org.name, *org.variants)}, key=len, reverse=True)
        out.append((org, re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)", re.I), "name",
                    tuple(n.lower() for n in names)))
        for acronym in org.acronyms:
            out.append((org, re.compile(rf"(?<![\w-]){re.escape(acronym)}(?!\w)"), "acronym", (acronym,)))
        for acronym in org.guarded_acronyms:
            word = re.escape(acronym)
            out.append((org, re.compile(rf"(?<![\w-])(?:{word}(?={_GUARD_AFTER})|(?:{_GUARD_BEFORE}){word}(?!\w))"),
                        "acronym", (acronym,)))
    return out


def named(text: str) -> dict[str, tuple[int, str]]:
    """{key: (number of mentions, source)} for organisations named in text."""
    folded = unaccent(text)
    lowered = folded.lower()
    counts: dict[str, tuple[int, str]] = {}
    for org, pattern, source, literals in _patterns():
        haystack = lowered if source == "name" else folded
        if not any(literal in haystack for literal in literals):
            continue
        hits = len(pattern.findall(folded))
        if hits:
            before = counts.get(org.key, (0, source))
            counts[org.key] = (before[0] + hits, before[1] if before[0] else source)
    return counts


# "De ambtelijke fusie van de gemeenten Dantumadiel, Dongeradeel, Ferwerderadiel en Kollumerland
# c.a." names an organisation by its members without its name.
_BY_MEMBERS = re.compile(r"\bambtelijke\s+(?:fusie|samenwerking|organisatie|werkorganisatie)\s+(?:van\s+)?(?:de\s+)?"
                         r"gemeenten\s+(?P<names>[^.;:()\n]{3,200})", re.I)
# Documents that are instruments of the organisation itself concern all its members.
FUSION_TYPES = {"gemeenschappelijke_regeling", "dienstverleningsovereenkomst", "sociaal_statuut", "sociaal_plan",
                "bedrijfsplan", "convenant", "mandaatbesluit"}
# A document about an organisation names it in its title or opening, not only deep in the body.
SUBJECT_CHARS = 3000


def by_members(text: str, on_date: str | None) -> list[str]:
    """Keys of organisations named by the list of their member municipalities after "ambtelijke
    fusie/samenwerking van de gemeenten"; all members must be named."""
    keys: list[str] = []
    for match in _BY_MEMBERS.finditer(text):
        fragment = match.group("names")
        codes = set()
        for _, _, written in find_names(fragment):
            # The list names the members as the fusion knew them, often before a later herindeling
            # merged them: resolve the names as such, not as on the (later) document's date.
            found = candidate(written, None, text)
            if found:
                codes.add(found.code)
        for org in reference.organisations():
            if len(org.members) >= 2 and set(org.members) <= codes and org.key not in keys:
                keys.append(org.key)
    return keys


def is_subject(organisation: dict, text: str, filename: str, title: str, doc_type: str | None) -> bool:
    """Whether the document is about the organisation (so all its members take part in it) rather
    than naming it in passing ("in BEL Combinatie-verband opgesteld", deep in a plan)."""
    source = organisation.get("source") or ""
    if source == "inferred:members" or doc_type in FUSION_TYPES:
        return True
    head = f"{title}\n{filename}\n{text[:SUBJECT_CHARS]}"
    if source == "inferred:issuer":
        if not text.strip():
            return True  # a scan without text: as with its issuer, the organisation is the best guess
        # Unnamed, but the opening speaks of the partners too ("dienstverlening Purmerend aan Beemster").
        org = next((o for o in reference.organisations() if o.key == organisation["key"]), None)
        named_codes = {item["code"] for item in mentions(head)}
        return org is not None and set(org.members) <= named_codes
    return organisation["key"] in named(head)


def _active(org: reference.Organisation, on_date: str | None) -> bool:
    if not on_date:
        return True
    year = int(on_date[:4])
    # Documents about a fusion appear a few years before it starts and after it ends.
    return (org.start is None or year >= org.start - 3) and (org.end is None or year <= org.end + 3)


def detect_organisations(text: str, filename: str, core_codes: list[str], on_date: str | None,
                         issuer: str | None = None) -> list[dict]:
    """[{key, name, source, confidence}], most likely first. core_codes: issuer and participants
    from the text's formulas, used to infer an organisation nobody names; failing that, the one
    organisation the issuer belonged to at the time (this is an archive of fusion documents)."""
    found = named(text)
    for key, (hits, _) in named(filename or "").items():
        if key not in found:
            found[key] = (hits, "filename")
    for key in by_members(text, on_date):
        found.setdefault(key, (1, "members_named"))
    result: list[dict[str, Any]] = []
    for key, (hits, source) in sorted(found.items(), key=lambda item: -item[1][0]):
        org = next(o for o in reference.organisations() if o.key == key)
        confidence = min(0.95, 0.6 + 0.1 * hits)
        result.append({"key": key, "name": org.name, "source": source, "confidence": round(confidence, 2)})
    if not result:
        core = set(core_codes)
        for org in reference.organisations():
            shared = core & set(org.members)
            if len(shared) >= 2 and _active(org, on_date):
                result.append({"key": org.key, "name": org.name, "source": "inferred:members",
                               "confidence": round(0.4 + 0.1 * len(shared), 2)})
        result.sort(key=lambda item: -item["confidence"])
    if not result and issuer:
        candidates = [o for o in reference.organisations() if issuer in o.members and _active(o, on_date)]
        if len(candidates) == 1:
            result.append({"key": candidates[0].key, "name": candidates[0].name, "source": "inferred:issuer",
                           "confidence": 0.35})
    return result
