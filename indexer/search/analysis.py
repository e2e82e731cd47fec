"""Dutch text analysis: tokenizer, lowercase, accent folding, stopwords, a mended Snowball stemmer
and compound splitting against a word list.

Two analyzers: `dutch` (stemmed, compounds split) for relevance, and `exact` (only lowercased and
accent-folded) for phrases, codes and spelling suggestions.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer, StopFilter
from whoosh.lang import stemmer_for_language, stopwords_for_language
from whoosh.support.charset import accent_map

__all__ = ["ANALYSIS_FINGERPRINT", "dutch_analyzer", "exact_analyzer", "stem", "split_compound"]

_snowball = stemmer_for_language("nl")
# Hyphens split ("BAR-organisatie" must match "organisatie"); dotted numbers and codes stay whole
# (09.04.2013, GM0363); a possessive or plural "'s" stays on its word (nota's).
TOKEN_PATTERN = r"\w+(?:\.\w+)*(?:['’]s\b)?"
STOPWORDS = frozenset(stopwords_for_language("nl"))
_DOUBLE_VOWEL_END = re.compile(r"([aeou])\1([^aeiouy])$")
_DOUBLE_CONSONANT_END = re.compile(r"([bdfgklmnprt])\1$")
_MIN_PART = 3


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball's Dutch stem, mended where it leaves forms apart that readers expect together.

    Snowball keeps fusie/fusies, organisatie/organisaties apart (it strips -s only after a
    consonant), plan/plannen (no undoubling after -en) and sociaal/sociale, bedrijf/bedrijven.
    """
    if word[-2:] in ("'s", "’s"):
        word = word[:-2]
    if not word.isalpha():
        return word
    if word.endswith("ies"):
        word = word[:-1]
    result = _snowball(word)
    result = _DOUBLE_CONSONANT_END.sub(r"\1", result)
    result = _DOUBLE_VOWEL_END.sub(r"\1\2", result)
    if result.endswith("v"):
        result = result[:-1] + "f"
    elif result.endswith("z") and len(result) > 3:
        result = result[:-1] + "s"
    return result


def _load_parts() -> tuple[str, ...]:
    lines = (Path(__file__).parent / "data" / "compound_parts.txt").read_text(encoding="utf-8").splitlines()
    words = [line.strip().lower() for line in lines if line.strip() and not line.startswith("#")]
    # Longest first, so "bedrijfsvoering" wins over "voering"-like shorter tails.
    return tuple(sorted({stem(w) for w in words}, key=len, reverse=True))


PARTS = _load_parts()
_PART_SET = frozenset(PARTS)


@lru_cache(maxsize=200_000)
def split_compound(stemmed: str) -> tuple[str, ...]:
    """The known parts of a stemmed compound (head and, when known, modifier); () when none."""
    if len(stemmed) < 2 * _MIN_PART or not stemmed.isalpha():
        return ()
    for head in PARTS:
        if stemmed.endswith(head) and len(stemmed) - len(head) >= _MIN_PART:
            modifier = stemmed[: -len(head)]
            found = [head]
            for candidate in (modifier, modifier[:-1] if modifier.endswith("s") else None):
                if candidate and stem(candidate) in _PART_SET:
                    found.append(stem(candidate))
                    break
            return tuple(found)
    return ()


class DutchStemFilter(Filter):
    """Stems each token and, when indexing, adds the parts of compounds at the same position."""

    def __call__(self, tokens):
        for token in tokens:
            if token.stopped:
                yield token
                continue
            token.text = stem(token.text)
            yield token
            if token.mode == "index":
                for part in split_compound(token.text):
                    token.text = part
                    yield token


def _base():
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | CharsetFilter(accent_map)


def dutch_analyzer():
    return _base() | StopFilter(stoplist=STOPWORDS, minsize=1) | DutchStemFilter()


def exact_analyzer():
    return _base()


def _fingerprint() -> str:
    """Changes whenever analysis would index differently, so an index built otherwise is rebuilt."""
    material = "|".join([TOKEN_PATTERN, ",".join(sorted(STOPWORDS)), ",".join(PARTS), "stem-v1"])
    return hashlib.sha256(material.encode()).hexdigest()[:12]


ANALYSIS_FINGERPRINT = _fingerprint()
