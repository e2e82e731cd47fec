"""Dutch text analysis: tokenizer, lowercase, accent folding, stopwords, a mended Snowball stemmer
and compound splitting against a word list.

Everything per word is decided once and cached (`index_terms`, `query_terms`), and one fused
tokenizer applies it: Whoosh's chain of filter generators costs more per token than the work
itself, and analysis is what dominates indexing time. Every engine indexes these terms (Whoosh
through its field type, tantivy as pre-tokenized text), so both find the same documents.

The Snowball stemmer, stopword list and accent map are Whoosh's (a core dependency), reached
through indexer.search.whoosh.lang so that only that package imports whoosh.
"""
from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path

from indexer.search.whoosh.lang import accent_map, stemmer_for_language, stopwords_for_language

__all__ = [
    "ANALYSIS_FINGERPRINT", "TOKEN", "TOKEN_PATTERN", "field_terms", "field_tokens", "fold", "index_terms", "prefix_terms",
    "query_terms",
    "split_compound", "stem", "word_spans",
]

_snowball = stemmer_for_language("nl")
# Hyphens split ("BAR-organisatie" must match "organisatie"); dotted numbers and codes stay whole
# (09.04.2013, GM0363); a possessive or plural "'s" stays on its word (nota's).
TOKEN_PATTERN = r"\w+(?:\.\w+)*(?:['\u2019]s\b)?"
TOKEN = re.compile(TOKEN_PATTERN)
STOPWORDS = frozenset(stopwords_for_language("nl"))
_DOUBLE_VOWEL_END = re.compile(r"([aeou])\1([^aeiouy])$")
_DOUBLE_CONSONANT_END = re.compile(r"([bdfgklmnprt])\1$")
_MIN_PART = 3
_CACHE = 500_000


@lru_cache(maxsize=_CACHE)
def fold(word: str) -> str:
    """Lowercase without accents: 'Súdwest' -> 'sudwest', 'geëvalueerd' -> 'geevalueerd'."""
    return word.lower().translate(accent_map)


@lru_cache(maxsize=_CACHE)
def stem(word: str) -> str:
    """Snowball's Dutch stem, mended where it leaves forms apart that readers expect together.

    Snowball keeps fusie/fusies, organisatie/organisaties apart (it strips -s only after a
    consonant), plan/plannen (no undoubling after -en) and sociaal/sociale, bedrijf/bedrijven.
    """
    if word[-2:] in ("'s", "\u2019s"):
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
    # Longest first, so "bedrijfsvoering" wins over shorter tails.
    return tuple(sorted({stem(w) for w in words}, key=lambda part: (-len(part), part)))


PARTS = _load_parts()
_PART_SET = frozenset(PARTS)


@lru_cache(maxsize=_CACHE)
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


@lru_cache(maxsize=_CACHE)
def query_terms(word: str) -> tuple[str, ...]:
    """The terms one word of a query stands for: its stem, or nothing for a stopword."""
    folded = fold(word)
    return () if folded in STOPWORDS else (stem(folded),)


@lru_cache(maxsize=_CACHE)
def index_terms(word: str) -> tuple[str, ...]:
    """The terms one word of a document is indexed under: its stem plus its compound parts."""
    terms = query_terms(word)
    return terms + split_compound(terms[0]) if terms else ()


def word_spans(text: str):
    """(start, end, word) of every word, as the analyzers see them."""
    for match in TOKEN.finditer(text):
        yield match.start(), match.end(), match.group(0)


# A shorter common start would stand for too many terms to be a useful prefix.
MIN_PREFIX = 3


def prefix_terms(start: str) -> tuple[str, ...]:
    """The term a prefix or wildcard pattern ("gemeen*", "sociaa*") is matched against the stemmed
    index with: its stem is no start of the indexed stems (gemeen -> gemen, but gemeente -> gemeent),
    and the folded text alone misses words whose stem undoubles a letter (sociaal -> social), so
    the part both share, less a doubled last letter (sociaa -> socia)."""
    folded = fold(start)
    common = os.path.commonprefix([folded, stem(folded)])
    if len(common) >= 2 and common[-1] == common[-2]:
        common = common[:-1]
    return (common if len(common) >= MIN_PREFIX else folded,)


def folded_terms(word: str) -> tuple[str, ...]:
    """The terms of a word in the unstemmed fields (names, file names, the spelling vocabulary)."""
    return (fold(word),)


def field_tokens(value: str, stemming: bool = True) -> list[tuple[int, str]]:
    """(position, term) of a text as the index holds it. Stopwords take no position (so a phrase
    with stopwords matches the text it was copied from); compound parts share their word's."""
    terms_of = index_terms if stemming else folded_terms
    tokens: list[tuple[int, str]] = []
    append = tokens.append
    pos = 0
    for word in TOKEN.findall(value):
        terms = terms_of(word)
        if terms:
            for term in terms:
                append((pos, term))
            pos += 1
    return tokens


def field_terms(value: str, stemming: bool = True) -> set[str]:
    """The distinct terms of a text (for fields that keep only whether a term occurs)."""
    terms_of = index_terms if stemming else folded_terms
    return {term for word in set(TOKEN.findall(value)) for term in terms_of(word)}


def _fingerprint() -> str:
    """Changes whenever analysis would index differently, so an index built otherwise is rebuilt."""
    material = "|".join([TOKEN_PATTERN, ",".join(sorted(STOPWORDS)), ",".join(PARTS), "stem-v1", "stopword-positions"])
    return hashlib.sha256(material.encode()).hexdigest()[:12]


ANALYSIS_FINGERPRINT = _fingerprint()
