"""The tantivy schema, and an index document (indexer.search.schema.index_fields) as a tantivy
document of pre-tokenized text: tantivy indexes the shared Dutch analysis's own terms and positions
(indexer.search.analysis.field_tokens), so it finds what the Whoosh engine finds."""
from __future__ import annotations

import tantivy

from indexer.search.analysis import field_terms, field_tokens
from indexer.search.schema import FACETS, date_number, index_fields, period_end

__all__ = ["analyse", "make_schema", "to_document", "TEXT_FIELDS", "KEYWORD_FIELDS", "NO_DATE_LAST"]

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


def analyse(doc: dict) -> dict:
    """A catalog document as index fields with the text fields analysed: (position, term) pairs, or
    distinct terms where only occurrence is kept. Pure and picklable, so worker processes can do
    it (analysis is what an index build spends its time on)."""
    fields = index_fields(doc)
    for name, (stemming, option) in TEXT_FIELDS.items():
        if option == "basic":
            fields[name] = sorted(field_terms(fields[name], stemming))
        else:
            fields[name] = field_tokens(fields[name], stemming)
    return fields


def to_document(fields: dict) -> tantivy.Document:
    """An analysed document (analyse) as a tantivy document."""
    doc = tantivy.Document()
    for name, (_, option) in TEXT_FIELDS.items():
        found = fields[name]
        if not found:
            continue
        if option == "basic":
            tokens = [tantivy.Token(term, 0, 0, 0) for term in found]
        else:
            tokens = [tantivy.Token(term, pos, 0, 0) for pos, term in found]
        doc.add_pre_tokenized_text(name, tantivy.PreTokenizedString("", tokens))
    for name in KEYWORD_FIELDS:
        values = fields[name]
        for value in values if isinstance(values, list) else [values]:
            if value:
                doc.add_text(name, value)
    start = fields["date"]
    doc.add_integer("date_start", start)
    doc.add_integer("date_end", period_end(start) if start else 0)
    doc.add_integer("date_asc", start or NO_DATE_LAST)
    doc.add_bytes("meta", fields["meta"].encode("utf-8"))
    return doc


def date_bounds(date_from: str | None, date_to: str | None) -> tuple[int | None, int | None]:
    """(lowest end, highest start) of the periods that overlap [date_from, date_to]."""
    return (date_number(date_from) if date_from else None,
            period_end(date_number(date_to)) if date_to else None)
