"""The document language: langdetect (seeded, so the same text always gives the same answer) on a
bounded sample; Frisian, which langdetect does not know, from its own marker words; plainly Dutch
text from its function words."""
from __future__ import annotations

import re

SAMPLE_CHARS = 2_500  # langdetect is settled well before this; its cost grows with the sample
MIN_LETTERS = 60
MIN_PROBABILITY = 0.7
_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
# A text full of the commonest Dutch function words and free of English ones is Dutch without
# asking langdetect, which cost more than the rest of detection together (36 of 74 ms a document).
DUTCH_FUNCTION = {
    "de", "het", "een", "van", "en", "op", "te", "voor", "met", "dat", "die", "wordt", "worden", "door",
    "bij", "aan", "niet", "als", "ook", "tot", "om", "zijn", "naar", "deze", "over",
}
ENGLISH_FUNCTION = {"the", "and", "to", "are", "for", "with", "this", "which", "be", "by", "from", "have", "were"}
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
    dutch_share = sum(w in DUTCH_FUNCTION for w in lowered) / len(lowered)
    english_share = sum(w in ENGLISH_FUNCTION for w in lowered) / len(lowered)
    if dutch_share >= 0.15 and english_share < 0.01:
        return {"value": "nl", "reason": "dutch_function_words"}
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


# Words that give a file name's language when there is no text to read (a scan, a refused or broken
# file): the names archives give their documents. Parts of compounds count ("Raadsbesluit").
NAME_WORDS = {
    "fy": re.compile(r"(beslút|kolleezje|riedsútstel|gemeentebestjoer|wurkmaatskippij)", re.I),
    "en": re.compile(r"\b(agreement|report|decision|council|factsheet|cooperation|minutes|english)\b", re.I),
    "nl": re.compile(r"(besluit|regeling|verordening|statuut|register|notulen|voorstel|overeenkomst|convenant|"
                     r"verslag|notitie|rapport|agenda|advies|herindeling|gemeente|mandaat|begroting|jaarstukken|"
                     r"zienswijze|raadsinformatiebrief|sociaal plan|bedrijfsplan)", re.I),
}


def language_from_name(name: str) -> dict:
    """{value, reason}: the language of a document name by its document words, or None when they
    are missing or point to both Dutch and English. Frisian words win: Frisian names share words
    like "mandaat" with Dutch, never the other way round."""
    found = [lang for lang, pattern in NAME_WORDS.items() if pattern.search(name or "")]
    if "fy" in found:
        return {"value": "fy", "reason": "name"}
    if len(found) == 1:
        return {"value": found[0], "reason": "name"}
    return {"value": None, "reason": "too_short"}
