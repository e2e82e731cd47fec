"""The tantivy schema, and an index document (indexer.search.schema.index_fields) as a tantivy
document of pre-tokenized text: tantivy indexes the shared Dutch analysis's own terms and positions
(indexer.search.analysis.positioned_terms), so it finds what the Whoosh engine finds."""
from __future__ import annotations

from typing import NamedTuple

import tantivy

from archive.records import Document
from indexer.search.analysis import field_terms, positioned_terms
from indexer.search.schema import FACETS, date_number, index_fields, period_end

__all__ = ["Analysed", "analyse", "make_schema", "to_document", "TEXT_FIELDS", "KEYWORD_FIELDS", "NO_DATE_LAST"]

# field -> (stemmed?, index option)
TEXT_FIELDS = {
    "title": (True, "position"),
    "content": (True, "position"),
    "spell": (False, "basic"),
    "places": (False, "position"),
    "mentioned": (False, "position"),
    "filename": (False, "position"),
}
KEYWORD_FIELDS = ("id", "municipality", "organisation", "type", "year", "language", "ocr", "format", "status")
# Ascending date order puts undated documents last, as descending order does with 0.
NO_DATE_LAST = 99_999_999
_POSITIONED_FIELDS = tuple(name for name, (_, option) in TEXT_FIELDS.items() if option == "position")
_OCCURRENCE_FIELDS = tuple(name for name, (_, option) in TEXT_FIELDS.items() if option == "basic")
Token = tantivy.Token


def make_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    for name, (_, option) in TEXT_FIELDS.items():
        builder.add_text_field(name, tokenizer_name="raw", index_option=option)
    for name in KEYWORD_FIELDS:
        builder.add_text_field(name, stored=name == "id", tokenizer_name="raw", index_option="basic",
                               fast=name in FACETS)
    for name in ("date_start", "date_end", "date_asc"):
        builder.add_integer_field(name, indexed=True, fast=True)
    builder.add_bytes_field("meta", stored=True)
    return builder.build()


class Analysed(NamedTuple):
    """A document ready for tantivy: `plain` the values of the raw-tokenized, integer and bytes
    fields (Document.from_dict's input: a value per term), `positioned` one tuple of terms per
    position for each positioned text field (analysis.positioned_terms)."""
    plain: dict
    positioned: dict[str, list[tuple[str, ...]]]


def analyse(doc: Document) -> Analysed:
    """A catalog document (schema.index_fields) analysed for tantivy. Pure and picklable, so worker
    processes can do it: everything but what needs tantivy's own objects is done here."""
    fields = index_fields(doc)
    start = fields["date"]
    plain = {"date_start": start, "date_end": period_end(start) if start else 0,
             "date_asc": start or NO_DATE_LAST, "meta": fields["meta"].encode("utf-8")}
    for name in _OCCURRENCE_FIELDS:
        stemming, _ = TEXT_FIELDS[name]
        plain[name] = list(field_terms(fields[name], stemming))
    for name in KEYWORD_FIELDS:
        value = fields[name]
        plain[name] = [v for v in value if v] if isinstance(value, list) else [value] if value else []
    positioned = {name: positioned_terms(fields[name], TEXT_FIELDS[name][0]) for name in _POSITIONED_FIELDS}
    return Analysed({name: values for name, values in plain.items() if values != []}, positioned)


def _tokens(positioned: list[tuple[str, ...]]) -> tantivy.PreTokenizedString:
    return tantivy.PreTokenizedString("", [Token(term, pos, 0, 0) for pos, terms in enumerate(positioned)
                                           for term in terms])


def to_document(analysed: Analysed, schema: tantivy.Schema) -> tantivy.Document:
    """An analysed document as a tantivy document: one from_dict, then the positioned fields as
    pre-tokenized text (a field without terms is left out, as tantivy would leave it empty)."""
    doc = tantivy.Document.from_dict(analysed.plain, schema)
    for name, positioned in analysed.positioned.items():
        if positioned:
            doc.add_pre_tokenized_text(name, _tokens(positioned))
    return doc


def date_bounds(date_from: str | None, date_to: str | None) -> tuple[int | None, int | None]:
    """(lowest end, highest start) of the periods that overlap [date_from, date_to]."""
    return (date_number(date_from) if date_from else None,
            period_end(date_number(date_to)) if date_to else None)
