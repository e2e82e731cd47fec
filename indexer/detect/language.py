"""The document language: langdetect (seeded, so the same text always gives the same answer) on a
bounded sample; Frisian, which langdetect does not know, from its own marker words."""
from __future__ import annotations

import re

SAMPLE_CHARS = 20_000
MIN_LETTERS = 60
MIN_PROBABILITY = 0.7
_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
# Frequent Frisian words that are not Dutch words.
FRISIAN = {
    "fan", "yn", "wurde", "wurdt", "binne", "hawwe", "hat", "dizze", "troch", "oer", "mei", "kinne", "wêze",
    "jannewaris", "febrewaris", "maaie", "desimber", "ús", "ek", "sa", "wy", "jo", "hjir", "no", "it",
    "gemeentebestjoer", "riedsútstel", "kolleezje", "boargemaster", "riede", "fryslân",
}


def detect_language(text: str) -> dict:
    """{value, reason}: value None when the text is too short or the sample is mixed."""
    sample = (text or "")[:SAMPLE_CHARS]
    words = _WORD.findall(sample)
    if sum(len(w) for w in words) < MIN_LETTERS:
        return {"value": None, "reason": "too_short"}
    lowered = [w.lower() for w in words]
    frisian_share = sum(w in FRISIAN for w in lowered) / len(lowered)
    if frisian_share > 0.08:
        return {"value": "fy", "reason": "frisian_markers"}
    try:
        from langdetect import DetectorFactory, detect_langs
        from langdetect.lang_detect_exception import LangDetectException

        DetectorFactory.seed = 0
        ranked = detect_langs(" ".join(words))
    except LangDetectException:
        return {"value": None, "reason": "undetectable"}
    best = ranked[0]
    if best.prob < MIN_PROBABILITY:
        return {"value": None, "reason": "mixed"}
    return {"value": best.lang, "reason": "langdetect"}
