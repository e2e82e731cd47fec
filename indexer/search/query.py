"""A parsed query as a small engine-neutral tree: words, phrases, prefixes and wildcards in fields,
ranges, and AND/OR/NOT (also EN/OF/NIET, + and -). Terms are analysed as the index holds them
(stems for the text, folded words for names), so every engine looks up the same terms.

The syntax is read by Whoosh's query parser (indexer.search.whoosh.query, configured with the
Dutch operators and field names) and converted into this tree.
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["All", "And", "Node", "Not", "Or", "Phrase", "Prefix", "Range", "Term", "Wildcard", "parse_query",
           "leaves", "text_terms"]


@dataclass(frozen=True)
class Term:
    field: str
    text: str


@dataclass(frozen=True)
class Phrase:
    field: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Prefix:
    field: str
    text: str


@dataclass(frozen=True)
class Wildcard:
    field: str
    pattern: str


@dataclass(frozen=True)
class Range:
    field: str
    start: str | None
    end: str | None
    start_excl: bool = False
    end_excl: bool = False


@dataclass(frozen=True)
class And:
    children: tuple["Node", ...]


@dataclass(frozen=True)
class Or:
    children: tuple["Node", ...]


@dataclass(frozen=True)
class Not:
    child: "Node"


@dataclass(frozen=True)
class All:
    pass


Node = Term | Phrase | Prefix | Wildcard | Range | And | Or | Not | All


def leaves(node: Node):
    if isinstance(node, (And, Or)):
        for child in node.children:
            yield from leaves(child)
    elif isinstance(node, Not):
        yield from leaves(node.child)
    else:
        yield node


def parse_query(text: str) -> Node | None:
    """The query as a tree; None when nothing searchable is left (e.g. only stopwords or operators).
    QueryError for syntax that cannot be read or unknown fields."""
    from indexer.search.whoosh.query import parse_tree

    return parse_tree(text)


def text_terms(node: Node | None, expand, fields: tuple[str, ...] = ("title", "content")) -> frozenset[str]:
    """The terms a query looks for in the text fields (what snippets mark); expand(leaf) gives the
    index terms a prefix or wildcard stands for."""
    if node is None:
        return frozenset()
    found: set[str] = set()
    for leaf in leaves(node):
        if getattr(leaf, "field", None) not in fields:
            continue
        if isinstance(leaf, Term):
            found.add(leaf.text)
        elif isinstance(leaf, Phrase):
            found.update(leaf.words)
        elif isinstance(leaf, (Prefix, Wildcard)):
            found.update(expand(leaf))
    return frozenset(found)
