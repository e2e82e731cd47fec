"""Evidence of the issuing municipality that is not a sentence: identifiers, native metadata, web
addresses, and the signs that a document is Belgian.

Each finder returns CBS codes (GM0518) with the kind of evidence, so municipalities.py can weigh
them by where they stand rather than count how often a name occurs.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from indexer.detect import reference
from indexer.detect.normalise import name_key

# An IMRO plan id carries the CBS number of the municipality that made the plan: NL.IMRO.0017.xxx.
_IMRO = re.compile(r"(?<![A-Za-z0-9])NL\.IMRO\.(\d{4})\.", re.I)
# A TOOI URI (…/tooi/id/gemeente/gm0344) or a bare code as written in identifiers (gm0518, GM0518).
_TOOI = re.compile(r"tooi/id/gemeente/gm(\d{4})\b", re.I)
_GM_CODE = re.compile(r"(?<![\w])gm(\d{4})(?!\w)", re.I)
_GEMEENTE_PREFIX = re.compile(r"^\s*(?:de\s+|het\s+)?(?:gemeente|griffie|gemeenteraad|raad|college)(?:\s+van)?"
                              r"(?:\s+de\s+gemeente)?\s+", re.I)
# Native metadata keys that name an issuing body; `author` and `company` of office files are mostly
# a person or a template's owner, so they count only as "Gemeente X" ("Griffie X", "Raad van X") or
# a TOOI URI.
NATIVE_KEYS = ("creator", "authority", "publisher", "author", "creator_organisation", "company")
_NATIVE_PLAIN = {"creator", "authority", "publisher", "creator_organisation"}
# Gazettes of other bodies: a bare creator there ("Utrecht", "Groningen") is a province or a water
# board of that name, not the municipality.
_OTHER_GAZETTES = re.compile(r"provinciaal\s+blad|staatsblad|tractatenblad|waterschapsblad|"
                             r"blad\s+gemeenschappelijke\s+regeling|rechtspraak", re.I)

_URL = re.compile(r"(?:https?://|www\.|@)([a-z0-9][a-z0-9.-]*\.nl)\b(/[^\s)\]>\"']*)?", re.I)
# Council information systems: every item on such a page belongs to the council in its address.
_COUNCIL_HOSTS = re.compile(r"raadsinformatie|notubiz|ibabs|connectedviews|gemeenteraad|^raad\.|\braad\.|"
                            r"bestuur\.|^ris\.|besluitvorming", re.I)
_HOST_NOISE = {"www", "gemeente", "gemeenteraad", "raad", "bestuur", "ris", "raadsinformatie", "notubiz",
               "ibabs", "connectedviews", "nl", "besluitvorming", "mail", "info"}
_COUNCIL_PATH = re.compile(r"/(?:HomeCityCouncil|gemeenteraad|raad)/([A-Za-z_'-]+)", re.I)

# Belgian documents: their council vocabulary and web addresses (Flemish place names may equal Dutch
# municipalities: Bergen, Hulst...).
_BELGIAN_STRONG = re.compile(r"\b(?:OCMW|schepen(?:en|college)?|burgemeester\s+en\s+schepenen|"
                             r"Vlaamse\s+(?:overheid|regering|Gemeenschap)|Belgisch\s+Staatsblad)\b", re.I)
_BELGIAN_URL = re.compile(r"(?:https?://|www\.|@)[a-z0-9.-]+\.be\b", re.I)


def _code(number: str) -> str | None:
    code = f"GM{int(number):04d}"
    return code if reference.municipality(code) else None


def identifier_codes(text: str, filename: str) -> list[tuple[str, str]]:
    """(code, source) from identifiers. An IMRO id in the file name names the plan's own
    municipality; in the text the clearly most frequent one does (older plans are cited too).
    TOOI URIs and literal codes count only when they name one municipality (a list names several)."""
    out: list[tuple[str, str]] = []
    for number in _IMRO.findall(filename or ""):
        code = _code(number)
        if code:
            out.append((code, "identifier:imro"))
            break
    imro = Counter(filter(None, map(_code, _IMRO.findall(text))))
    if imro:
        (code, hits), = imro.most_common(1)
        if hits * 3 >= 2 * sum(imro.values()) and (code, "identifier:imro") not in out:
            out.append((code, "identifier:imro"))
    literal = {c for c in map(_code, _TOOI.findall(text) + _GM_CODE.findall(text)) if c}
    if len(literal) == 1:
        out.append((literal.pop(), "identifier:code"))
    return out


def native_codes(native: dict, on_date: str | None) -> list[tuple[str, str]]:
    """(code, "native:key") for metadata that names one municipality: a TOOI URI, "Gemeente X", or
    (except for a file's author) the bare name as official publications write it ("Rheden")."""
    out: list[tuple[str, str]] = []
    plain_names = not _OTHER_GAZETTES.search(str(native.get("publication") or "")) if isinstance(native, dict) else False
    for key in NATIVE_KEYS:
        value = native.get(key) if isinstance(native, dict) else None
        if not isinstance(value, str) or not value.strip():
            continue
        codes: set[str] = set()
        for part in re.split(r"\s*;\s*", value.strip()):
            tooi = _TOOI.search(part)
            if tooi:
                codes.add(_code(tooi.group(1)) or "")
                continue
            prefixed = _GEMEENTE_PREFIX.match(part)
            if prefixed or (key in _NATIVE_PLAIN and plain_names):
                found = reference.resolve_municipality(part[prefixed.end():] if prefixed else part, on_date)
                if found and (prefixed or not part.strip().isdigit()):
                    codes.add(found.code)
        codes.discard("")
        if len(codes) == 1:
            out.append((codes.pop(), f"native:{key}"))
    return out


@lru_cache(maxsize=1)
def _compact_names() -> dict[str, str]:
    """Names as they appear in host names ("denhaag", "bergenopzoom") -> code, unambiguous ones only."""
    seen: dict[str, set[str]] = {}
    for municipality in reference.municipalities():
        if not municipality.current:
            continue
        for name in (municipality.name, *municipality.variants):
            seen.setdefault(re.sub(r"[^a-z]", "", name_key(name)), set()).add(municipality.code)
    return {key: codes.pop() for key, codes in seen.items() if len(codes) == 1 and len(key) > 2}


def _host_code(host: str) -> str | None:
    names = _compact_names()
    for label in host.lower().split(".")[:-1]:
        label = re.sub(r"^gemeente-?", "", label)
        if label in _HOST_NOISE:
            continue
        code = names.get(label.replace("-", ""))
        if code:
            return code
    return None


def url_codes(text: str) -> list[tuple[str, str]]:
    """(code, source) from web and mail addresses of one municipality: a council information system
    (notubiz, ibabs, gemeenteraad.x.nl, …/HomeCityCouncil/Den_Haag) is strong, a plain site weak.
    Addresses of several municipalities say nothing about the issuer."""
    council: set[str] = set()
    plain: set[str] = set()
    for match in _URL.finditer(text):
        host, path = match.group(1), match.group(2) or ""
        code = _host_code(host)
        in_path = _COUNCIL_PATH.search(path)
        if in_path:
            code = _compact_names().get(re.sub(r"[^a-z]", "", name_key(in_path.group(1).replace("_", " ")))) or code
        if not code:
            continue
        (council if _COUNCIL_HOSTS.search(host) or in_path else plain).add(code)
    if len(council | plain) != 1:
        return []
    code = next(iter(council | plain))
    return [(code, "url:council" if council else "url")]


_DUTCH_COUNCIL = re.compile(r"\b(?:wethouders?|B\s?&\s?W|gemeentesecretaris|griffier)\b", re.I)


def looks_belgian(text: str) -> bool:
    """Flemish council vocabulary (OCMW, schepenen) or Belgian web addresses, twice or more and more
    often than Dutch council words (a Dutch border municipality speaks of its Belgian neighbours)."""
    belgian = len(_BELGIAN_STRONG.findall(text)) + len(_BELGIAN_URL.findall(text))
    return belgian >= 2 and belgian > len(_DUTCH_COUNCIL.findall(text))
