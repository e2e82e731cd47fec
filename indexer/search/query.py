"""Query parsing: words (all must match), OR/OF, NOT/NIET/-, "phrases", prefix*, field:value with
Dutch field names."""
from __future__ import annotations

from whoosh import query as wq
from whoosh.qparser import (
    AndGroup,
    FieldAliasPlugin,
    OperatorsPlugin,
    PlusMinusPlugin,
    QueryParser,
)

from indexer.search.request import QueryError

__all__ = ["make_parser", "parse", "FIELD_ALIASES"]

# Dutch names first: they are what the UI's search tips show.
FIELD_ALIASES = {
    "title": ["titel"],
    "content": ["tekst"],
    "places": ["gemeente", "plaats"],
    "municipality": ["cbs", "gemeentecode"],
    "mentioned": ["genoemd"],
    "organisation": ["organisatie", "fusie"],
    "type": ["soort", "documentsoort"],
    "year": ["jaar"],
    "language": ["taal"],
    "filename": ["bestand", "bestandsnaam"],
    "format": ["formaat"],
    "ocr": ["ocr"],
}
SEARCHABLE = {name for name in FIELD_ALIASES} | {"id", "status"}


def make_parser(schema) -> QueryParser:
    parser = QueryParser("content", schema, group=AndGroup)
    parser.remove_plugin_class(OperatorsPlugin)
    parser.add_plugins([
        OperatorsPlugin(
            And=r"(?<=\s)(AND|EN)(?=\s)",
            Or=r"(?<=\s)(OR|OF)(?=\s)",
            AndNot=None,
            AndMaybe=None,
            Not=r"(^|(?<=(\s|[()])))(NOT|NIET)(?=\s)",
            Require=None,
        ),
        PlusMinusPlugin(),
        FieldAliasPlugin(FIELD_ALIASES),
    ])
    return parser


def _fieldnames(q: wq.Query) -> set[str]:
    names = set()
    for leaf in q.leaves():
        if leaf.field():
            names.add(leaf.field())
    return names


def parse(parser: QueryParser, text: str) -> wq.Query | None:
    """The parsed query, or None when nothing searchable is left (e.g. only stopwords or operators)."""
    try:
        q = parser.parse(text)
    except Exception as error:  # whoosh raises assorted errors on odd syntax: say so plainly
        raise QueryError(f"The query could not be read ({type(error).__name__}); check quotes and brackets.", "q")
    unknown = sorted(_fieldnames(q) - SEARCHABLE)
    if unknown:
        fields = ", ".join(f"{aliases[0]}:" for aliases in FIELD_ALIASES.values())
        raise QueryError(f"Unknown field '{unknown[0]}:' in the query; use one of {fields}.", "q")
    q = q.normalize()
    if q is wq.NullQuery:
        return None
    return q
