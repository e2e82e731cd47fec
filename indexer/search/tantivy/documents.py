"""The tantivy schema, and an index document (indexer.search.schema.index_fields) as a tantivy
document of pre-tokenized text: tantivy indexes the shared Dutch analysis's own terms and positions
(indexer.search.analysis.positioned_terms), so it finds what the Whoosh engine finds."""
from __future__ import annotations

import tantivy

from indexer.search.analysis import field_terms, positioned_terms
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
_POSITIONED_FIELDS = tuple(name for name, (_, option) in TEXT_FIELDS.items() if option == "position")
_PLAIN_FIELDS = tuple(name for name, (_, option) in TEXT_FIELDS.items() if option == "basic") + KEYWORD_FIELDS
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


def analyse(doc: dict) -> dict:
    """A catalog document as index fields with the text fields analysed: one tuple of terms per
    position (analysis.positioned_terms), or the distinct terms where only occurrence is kept.
    Pure and picklable, so worker processes can do it (analysis is what an index build spends its
    time on)."""
    fields = index_fields(doc)
    for name, (stemming, option) in TEXT_FIELDS.items():
        if option == "basic":
            fields[name] = list(field_terms(fields[name], stemming))
        else:
            fields[name] = positioned_terms(fields[name], stemming)
    return fields


def _tokens(positioned: list[tuple[str, ...]]) -> tantivy.PreTokenizedString:
    return tantivy.PreTokenizedString("", [Token(term, pos, 0, 0) for pos, terms in enumerate(positioned)
                                           for term in terms])


def to_document(fields: dict, schema: tantivy.Schema) -> tantivy.Document:
    """An analysed document (analyse) as a tantivy document: the positioned fields as pre-tokenized
    text, everything else in one from_dict (a value per term: the fields are raw-tokenized)."""
    start = fields["date"]
    values = {"date_start": start, "date_end": period_end(start) if start else 0,
              "date_asc": start or NO_DATE_LAST, "meta": fields["meta"].encode("utf-8")}
    for name in _PLAIN_FIELDS:
        found = fields[name]
        found = [value for value in found if value] if isinstance(found, list) else [found] if found else None
        if found:
            values[name] = found
    doc = tantivy.Document.from_dict(values, schema)
    for name in _POSITIONED_FIELDS:
        if fields[name]:
            doc.add_pre_tokenized_text(name, _tokens(fields[name]))
    return doc


def date_bounds(date_from: str | None, date_to: str | None) -> tuple[int | None, int | None]:
    """(lowest end, highest start) of the periods that overlap [date_from, date_to]."""
    return (date_number(date_from) if date_from else None,
            period_end(date_number(date_to)) if date_to else None)
