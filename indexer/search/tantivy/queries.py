"""The engine-neutral query tree as a tantivy query. Prefixes, wildcards and ranges are expanded
against the index's own term dictionary, within the same budgets as the Whoosh engine's."""
from __future__ import annotations

import fnmatch
import re

import tantivy
from tantivy import Occur, Query

from indexer.search import query as tree
from indexer.search.budget import (CHECK_EVERY, MAX_EXPANDED_TERMS, TEXT_FIELDS, Deadline, leading_wildcard,
                                   literal_prefix, too_many_terms)

__all__ = ["Expander", "to_query"]


def _shown(leaf) -> str:
    if isinstance(leaf, tree.Prefix):
        return f"{leaf.text}*"
    if isinstance(leaf, tree.Wildcard):
        return leaf.pattern
    return f"{leaf.field}:[{leaf.start or ''} TO {leaf.end or ''}]"


class Expander:
    """The terms each pattern of one query stands for, read once per search and counted against
    MAX_EXPANDED_TERMS; leading wildcards in the text fields are refused before anything is read."""

    def __init__(self, searcher: tantivy.Searcher, deadline: Deadline, limit: int = MAX_EXPANDED_TERMS):
        self.searcher = searcher
        self.deadline = deadline
        self.limit = limit
        self.total = 0
        self._found: dict = {}

    def check(self, node: tree.Node | None) -> None:
        if node is None:
            return
        for leaf in tree.leaves(node):
            if isinstance(leaf, tree.Wildcard) and leaf.field in TEXT_FIELDS and not literal_prefix(leaf.pattern):
                raise leading_wildcard(leaf.pattern)
        for leaf in tree.leaves(node):
            if isinstance(leaf, (tree.Prefix, tree.Wildcard, tree.Range)):
                self(leaf)

    def __call__(self, leaf) -> list[str]:
        found = self._found.get(leaf)
        if found is not None:
            return found
        if isinstance(leaf, tree.Prefix):
            keep, start = None, leaf.text
        elif isinstance(leaf, tree.Wildcard):
            keep, start = re.compile(fnmatch.translate(leaf.pattern)).match, literal_prefix(leaf.pattern)
        else:
            keep, start = _in_range(leaf), ""
        found = []
        try:
            candidates = self.searcher.terms_with_prefix(leaf.field, start)
        except ValueError:
            candidates = []
        for count, (term, _) in enumerate(candidates, 1):
            if count % CHECK_EVERY == 0:
                self.deadline.check()
            if keep is None or keep(term):
                found.append(term)
                if self.total + len(found) > self.limit:
                    raise too_many_terms(self.limit, _shown(leaf))
        self.total += len(found)
        self._found[leaf] = found
        return found


def _in_range(leaf: tree.Range):
    def keep(term: str) -> bool:
        if leaf.start is not None and (term < leaf.start or (leaf.start_excl and term == leaf.start)):
            return False
        if leaf.end is not None and (term > leaf.end or (leaf.end_excl and term == leaf.end)):
            return False
        return True

    return keep


def to_query(node: tree.Node, schema: tantivy.Schema, expand: Expander) -> Query:
    if isinstance(node, tree.Term):
        return Query.term_query(schema, node.field, node.text)
    if isinstance(node, tree.Phrase):
        if not node.words:
            return Query.empty_query()
        if len(node.words) == 1:
            return Query.term_query(schema, node.field, node.words[0])
        return Query.phrase_query(schema, node.field, list(node.words))
    if isinstance(node, (tree.Prefix, tree.Wildcard, tree.Range)):
        terms = expand(node)
        return Query.term_set_query(schema, node.field, terms) if terms else Query.empty_query()
    if isinstance(node, tree.All):
        return Query.all_query()
    if isinstance(node, tree.Not):
        return Query.boolean_query([(Occur.Must, Query.all_query()), (Occur.MustNot, to_query(node.child, schema, expand))])
    if isinstance(node, tree.And):
        clauses = [(Occur.MustNot, to_query(c.child, schema, expand)) if isinstance(c, tree.Not)
                   else (Occur.Must, to_query(c, schema, expand)) for c in node.children]
        if all(occur == Occur.MustNot for occur, _ in clauses):
            clauses.append((Occur.Must, Query.all_query()))
        return Query.boolean_query(clauses)
    if isinstance(node, tree.Or):
        return Query.boolean_query([(Occur.Should, to_query(c, schema, expand)) for c in node.children])
    raise TypeError(f"not a query tree node: {node!r}")
