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
from collections.abc import Callable
from functools import lru_cache
from itertools import chain
from pathlib import Path

from indexer.search.whoosh.lang import accent_map, stemmer_for_language, stopwords_for_language

__all__ = [
    "ANALYSIS_FINGERPRINT", "TOKEN", "TOKEN_PATTERN", "field_terms", "field_tokens", "fold", "folded_terms", "index_terms",
    "positioned_terms", "prefix_terms", "query_terms", "split_compound", "stem", "word_spans",
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
# Stretches of text between spaces: more distinct than words (punctuation), so fewer are kept.
_CHUNK_CACHE = 200_000


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


class _ChunkTerms(dict):
    """The terms of each word in a stretch of text between spaces, cached: text splits on spaces in
    C, and a stretch ("besluit," or "raadsvoorstel.") recurs as often as its word, so the regular
    expression and the per-word analysis run once per distinct stretch rather than once per word.
    No word spans a space, so the words found stretch by stretch are the words of the whole text.
    A full cache is emptied: common stretches come back within a few documents."""

    def __init__(self, terms_of: Callable[[str], tuple[str, ...]], limit: int = _CHUNK_CACHE):
        super().__init__()
        self.terms_of = terms_of
        self.limit = limit

    def __missing__(self, chunk: str) -> tuple[tuple[str, ...], ...]:
        if len(self) >= self.limit:
            self.clear()
        found = self[chunk] = tuple(filter(None, map(self.terms_of, TOKEN.findall(chunk))))
        return found


_STEMMED_CHUNKS = _ChunkTerms(index_terms)
_FOLDED_CHUNKS = _ChunkTerms(folded_terms)


def positioned_terms(value: str, stemming: bool = True) -> list[tuple[str, ...]]:
    """The terms of a text as the index holds them, one tuple per position: a word's stem and its
    compound parts share one; stopwords take none (so a phrase with stopwords matches the text it
    was copied from)."""
    chunks = _STEMMED_CHUNKS if stemming else _FOLDED_CHUNKS
    return list(chain.from_iterable(map(chunks.__getitem__, value.split())))


def field_tokens(value: str, stemming: bool = True) -> list[tuple[int, str]]:
    """(position, term) of a text as the index holds it (positioned_terms, one pair per term)."""
    return [(pos, term) for pos, terms in enumerate(positioned_terms(value, stemming)) for term in terms]


def field_terms(value: str, stemming: bool = True) -> set[str]:
    """The distinct terms of a text (for fields that keep only whether a term occurs)."""
    chunks = _STEMMED_CHUNKS if stemming else _FOLDED_CHUNKS
    return set(chain.from_iterable(chain.from_iterable(map(chunks.__getitem__, set(value.split())))))


def _fingerprint() -> str:
    """Changes whenever analysis would index differently, so an index built otherwise is rebuilt."""
    material = "|".join([TOKEN_PATTERN, ",".join(sorted(STOPWORDS)), ",".join(PARTS), "stem-v1", "stopword-positions"])
    return hashlib.sha256(material.encode()).hexdigest()[:12]


ANALYSIS_FINGERPRINT = _fingerprint()
