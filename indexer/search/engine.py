"""The boundary between Fusiearchief and a search engine: what an engine does, which engines there
are, and a clear message when the chosen one's package is not installed."""
from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

from archive.records import Document
from indexer.search.errors import IndexUnavailable
from indexer.search.generations import Generations
from indexer.search.hits import Hit, SearchResult
from indexer.search.request import SearchRequest

__all__ = ["ENGINES", "Engine", "EngineBase", "EngineMissing", "engine_class"]

Texts = Callable[[list[str]], dict[str, str]]
ENGINES = ("whoosh", "tantivy")
# engine -> (module of its class, class, PyPI package it needs, the extra that installs it)
_WHERE = {
    "whoosh": ("indexer.search.whoosh.engine", "WhooshEngine", "whoosh", None),
    "tantivy": ("indexer.search.tantivy.engine", "TantivyEngine", "tantivy", "tantivy"),
}


class Engine(Protocol):
    """One engine over the generations of one index folder (indexer.search.generations)."""

    name: str

    def schema_status(self) -> str: ...
    def exists(self) -> bool: ...
    def update(self, docs: Iterable[Document]) -> int: ...
    def delete(self, ids: Iterable[str]) -> int: ...
    def remove_leftovers(self) -> int: ...
    def rebuild(self, docs: Iterable[Document], progress: Callable[[int], None] | None = None, procs: int = 1) -> int: ...
    def search(self, request: SearchRequest, texts: Texts, facets: bool = True) -> SearchResult: ...
    def matching_ids(self, request: SearchRequest, limit: int) -> list[str]: ...
    def similar(self, doc_id: str, texts: Texts, limit: int = 10) -> list[Hit]: ...
    def highlight(self, text: str, query: str) -> str: ...
    def suggest(self, text: str) -> str | None: ...
    def doc_count(self) -> int: ...


class EngineBase:
    """What every engine keeps the same way: its folder of generations, facet labels, the writer's
    lock timeout and the time budget of a search."""

    def __init__(self, index_dir: str | Path, labels: Callable[[str, str], str], lock_timeout: float,
                 search_seconds: float | None):
        self.dir = Path(index_dir)
        self.generations = Generations(self.dir)
        self.labels = labels
        self.lock_timeout = lock_timeout
        self.search_seconds = search_seconds

    def schema_status(self) -> str:
        """'missing', 'outdated' (built with another schema or analysis) or 'ok'."""
        return self.generations.schema_status()

    def exists(self) -> bool:
        return self.schema_status() != "missing"

    def _check_readable(self) -> None:
        self.generations.check_readable()


class EngineMissing(IndexUnavailable):
    """The chosen engine's package is not installed."""

    code = "engine_missing"


def engine_class(name: str) -> type:
    if name not in _WHERE:
        raise IndexUnavailable(f"Unknown search engine '{name}'; choose one of {', '.join(ENGINES)}.")
    module, cls, package, extra = _WHERE[name]
    try:
        importlib.import_module(package)
    except ImportError:
        how = f"pip install 'fusiearchief[{extra}]'" if extra else f"pip install {package}"
        raise EngineMissing(f"The {name} search engine needs the '{package}' package, which is not installed: "
                            f"run {how}, or choose another engine with 'fusiearchief reindex --engine whoosh'.") from None
    return getattr(importlib.import_module(module), cls)
