"""Whoosh's field types for the shared Dutch analysis, and the Whoosh schema of an index document
(indexer.search.schema.index_fields)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from whoosh import columns, fields, formats
from whoosh.analysis import Token, Tokenizer
from whoosh.system import pack_uint

from indexer.search.analysis import TOKEN, field_tokens, fold, folded_terms, index_terms, prefix_terms, query_terms

__all__ = ["DutchText", "DutchTokenizer", "MultiKeyword", "make_schema"]


class DutchTokenizer(Tokenizer):
    """Tokenize, fold, drop stopwords, stem and (when indexing) add compound parts, in one pass."""

    def __init__(self, stemming: bool = True):
        self.stemming = stemming

    def __eq__(self, other):
        return type(other) is type(self) and other.stemming == self.stemming

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        terms_of = (index_terms if mode == "index" else query_terms) if self.stemming else folded_terms
        if not tokenize and self.stemming:
            terms_of = prefix_terms  # the text of a prefix or wildcard is the start of a word, not a word
        # Stopwords take no position, so the phrase "raad van de gemeente" (queried as "raad
        # gemeente") matches the text it was copied from.
        pos = start_pos - 1
        for match in TOKEN.finditer(value) if tokenize else [_Whole(value)]:
            terms = terms_of(match.group(0))
            if not terms and not removestops:
                terms = (fold(match.group(0)),)
                token.stopped = True
            else:
                token.stopped = False
            if terms:
                pos += 1
            for term in terms:
                token.text = term
                token.boost = 1.0
                if keeporiginal:
                    token.original = match.group(0)
                if positions:
                    token.pos = pos
                if chars:
                    token.startchar = start_char + match.start()
                    token.endchar = start_char + match.end()
                yield token


class _Whole:
    """A match-like view of an untokenized value."""

    def __init__(self, value: str):
        self.value = value

    def group(self, _):
        return self.value

    def start(self):
        return 0

    def end(self):
        return len(self.value)


class DutchText(fields.TEXT):
    """A TEXT field that indexes straight from the cached per-word terms, without Token objects."""

    format: formats.Format  # set by TEXT.__init__; declared here because whoosh has no type hints

    def __init__(self, stemming: bool = True, existence: bool = False, **kwargs):
        super().__init__(analyzer=DutchTokenizer(stemming), **kwargs)
        self.stemming = stemming
        if existence:  # only "does the word occur": all that spelling suggestions need
            self.format = formats.Existence(self.format.field_boost)
            self.scorable = False

    def index(self, value: str, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        positions: dict[str, list[int]] = defaultdict(list)
        for pos, term in field_tokens(value, self.stemming):
            positions[term].append(pos)
        boost = self.format.field_boost
        if isinstance(self.format, formats.Positions):
            encode = self.format.encode
        elif isinstance(self.format, formats.Existence):
            encode = _nothing
        else:
            encode = _frequency
        for term, where in positions.items():
            yield term.encode("utf-8"), len(where), len(where) * boost, encode(where)


def _frequency(where: list[int]) -> bytes:
    return pack_uint(len(where))


def _nothing(where: list[int]) -> bytes:
    return b""



class MultiKeyword(fields.KEYWORD):
    """A multi-valued keyword whose values are also kept per document in a column, so facet counts
    over several municipalities per document are right and cheap to read."""

    def __init__(self, **kwargs):
        super().__init__(lowercase=False, commas=False, scorable=False, **kwargs)
        self.column_type = columns.VarBytesListColumn()

    def to_column_value(self, value):
        return [v.encode("utf-8") for v in value]

    def from_column_value(self, value):
        return [v.decode("utf-8") for v in value]


def make_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        title=DutchText(phrase=False),
        # Title (twice, which weighs it in the ranking) and text: the one field searched by default,
        # so a query word is one posting list rather than a union over fields.
        content=DutchText(phrase=True),
        # Unstemmed words, only whether they occur: the vocabulary for "bedoelde u …?".
        spell=DutchText(stemming=False, existence=True),
        # Names of the issuer and participants (gemeente:); names and codes of municipalities the
        # text only mentions (genoemd:) are a field of their own, outside the facet and filters.
        places=DutchText(stemming=False, phrase=True),
        mentioned=DutchText(stemming=False, phrase=True),
        filename=DutchText(stemming=False, phrase=True),
        municipality=MultiKeyword(),
        organisation=MultiKeyword(),
        type=fields.ID(sortable=True),
        year=fields.ID(sortable=True),
        language=fields.ID(sortable=True),
        ocr=fields.ID(sortable=True),
        format=fields.ID(),
        status=fields.ID(),
        date=fields.NUMERIC(int, bits=32, sortable=True, signed=False),
        meta=fields.STORED(),
    )
