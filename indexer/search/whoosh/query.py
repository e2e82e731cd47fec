"""Query parsing: words (all must match), OR/OF, NOT/NIET/-, "phrases", prefix*, field:value with
Dutch field names; read by Whoosh's parser, searched by Whoosh as its own query objects and by the
other engines as the engine-neutral tree (indexer.search.query)."""
from __future__ import annotations

from whoosh import query as wq
from whoosh.qparser import (
    AndGroup,
    FieldAliasPlugin,
    OperatorsPlugin,
    PlusMinusPlugin,
    QueryParser,
)

from indexer.search import query as tree
from indexer.search.request import QueryError

__all__ = ["make_parser", "parse", "parse_tree", "to_tree", "FIELD_ALIASES"]

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
        raise QueryError(f"The query could not be read ({type(error).__name__}); check quotes and brackets.", "q") from error
    unknown = sorted(_fieldnames(q) - SEARCHABLE)
    if unknown:
        fields = ", ".join(f"{aliases[0]}:" for aliases in FIELD_ALIASES.values())
        raise QueryError(f"Unknown field '{unknown[0]}:' in the query; use one of {fields}.", "q")
    q = q.normalize()
    if q is wq.NullQuery:
        return None
    return q


_PARSER: QueryParser | None = None


def _shared_parser() -> QueryParser:
    global _PARSER
    if _PARSER is None:
        from indexer.search.whoosh.fields import make_schema

        _PARSER = make_parser(make_schema())
    return _PARSER


def to_tree(q: wq.Query) -> tree.Node:
    """The engine-neutral tree of a parsed (normalized) Whoosh query."""
    if isinstance(q, wq.Term):
        return tree.Term(q.fieldname, _text(q.text))
    if isinstance(q, wq.Phrase):
        return tree.Phrase(q.fieldname, tuple(_text(w) for w in q.words))
    if isinstance(q, wq.Prefix):
        return tree.Prefix(q.fieldname, _text(q.text))
    if isinstance(q, wq.Wildcard):
        return tree.Wildcard(q.fieldname, _text(q.text))
    if isinstance(q, wq.Every):
        return tree.All()
    if isinstance(q, wq.TermRange):
        return tree.Range(q.fieldname, q.start and _text(q.start), q.end and _text(q.end), q.startexcl, q.endexcl)
    if isinstance(q, wq.Not):
        return tree.Not(to_tree(q.query))
    if type(q) is wq.AndNot:
        return tree.And((to_tree(q.a), tree.Not(to_tree(q.b))))
    if type(q) is wq.AndMaybe:
        return to_tree(q.a)
    if isinstance(q, wq.And):
        return tree.And(tuple(to_tree(c) for c in q.subqueries))
    if isinstance(q, wq.Or):
        return tree.Or(tuple(to_tree(c) for c in q.subqueries))
    raise QueryError(f"This kind of query ({type(q).__name__}) is not supported; use words, \"phrases\", "
                     "prefixes* and AND/OR/NOT.", "q")


def _text(value) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def parse_tree(text: str) -> tree.Node | None:
    q = parse(_shared_parser(), text)
    return None if q is None else to_tree(q)
