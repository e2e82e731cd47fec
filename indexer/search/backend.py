"""The search index of a data folder, whichever engine built it: searches go to the engine of the
live generation, builds to the chosen engine (indexer.search.generations)."""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from archive.records import Document
from indexer.search.budget import SEARCH_SECONDS
from indexer.search.engine import Engine, engine_class
from indexer.search.generations import Generations
from indexer.search.errors import EngineChanged, IndexLocked, IndexUnavailable
from indexer.search.hits import Hit, Labels, SearchResult
from indexer.search.request import SearchRequest

__all__ = ["SearchIndex", "IndexLocked", "IndexUnavailable"]

Texts = Callable[[list[str]], dict[str, str]]


_OWN = frozenset({"dir", "generations", "labels", "lock_timeout", "search_seconds", "build_engine", "_engines", "_lock"})


def _default_label(facet: str, value: str) -> str:
    return value


class SearchIndex:
    def __init__(self, index_dir: str | Path, labels: Labels = _default_label, lock_timeout: float = 10.0,
                 search_seconds: float | None = SEARCH_SECONDS, engine: str | None = None):
        """search_seconds: the time budget of one search (None: no limit); past it SearchTimeout.
        engine: the engine new builds use (default: the one recorded in the index folder)."""
        self.dir = Path(index_dir)
        self.generations = Generations(self.dir)
        self.labels = labels
        self.lock_timeout = lock_timeout
        self.search_seconds = search_seconds
        self.build_engine = engine
        self._engines: dict[str, Engine] = {}
        self._lock = threading.Lock()

    def _engine(self, name: str) -> Engine:
        engine = self._engines.get(name)
        if engine is None:
            with self._lock:
                engine = self._engines.get(name)
                if engine is None:
                    engine = engine_class(name)(self.dir, labels=self.labels, lock_timeout=self.lock_timeout,
                                                search_seconds=self.search_seconds)
                    self._engines[name] = engine
        return engine

    @property
    def chosen_engine(self) -> str:
        return self.build_engine or self.generations.chosen_engine()

    @property
    def engine_name(self) -> str:
        """The engine of the live generation (the chosen one while there is none)."""
        return self.generations.current_engine() or self.chosen_engine

    @property
    def engine(self) -> Engine:
        return self._engine(self.engine_name)

    # -- state and writing -------------------------------------------------------------------------
    def schema_status(self) -> str:
        return self.generations.schema_status()

    def exists(self) -> bool:
        return self.schema_status() != "missing"

    def update(self, docs: Iterable[Document]) -> int:
        """Add or replace documents (by id). Creates the index (with the chosen engine) when there is none."""
        return self.engine.update(docs)

    def delete(self, ids: Iterable[str]) -> int:
        return self.engine.delete(ids) if self.exists() else 0

    def remove_leftovers(self) -> int:
        """What a killed or failed writer left behind; only for the holder of the writer lock."""
        return self.engine.remove_leftovers()

    def rebuild(self, docs: Iterable[Document], progress: Callable[[int], None] | None = None, procs: int = 1) -> int:
        """A new generation built by the chosen engine, switched to only when complete."""
        return self._engine(self.chosen_engine).rebuild(docs, progress=progress, procs=procs)

    # -- reading -----------------------------------------------------------------------------------
    def _read(self, call: Callable[[Engine], object]):
        """call(engine of the live generation); asked again when a rebuild switched engines meanwhile."""
        for _ in range(5):
            try:
                return call(self.engine)
            except EngineChanged:
                continue
        return call(self.engine)

    def search(self, request: SearchRequest, texts: Texts, facets: bool = True) -> SearchResult:
        return self._read(lambda engine: engine.search(request, texts, facets=facets))

    def matching_ids(self, request: SearchRequest, limit: int) -> list[str]:
        return self._read(lambda engine: engine.matching_ids(request, limit))

    def similar(self, doc_id: str, texts: Texts, limit: int = 10) -> list[Hit]:
        return self._read(lambda engine: engine.similar(doc_id, texts, limit=limit))

    def highlight(self, text: str, query: str) -> str:
        return self._read(lambda engine: engine.highlight(text, query))

    def suggest(self, text: str) -> str | None:
        return self._read(lambda engine: engine.suggest(text))

    def doc_count(self) -> int:
        return self._read(lambda engine: engine.doc_count())

    def __getattr__(self, name: str):
        # What only one engine has (its readers, for its own tests) is reached through the live one.
        if name.startswith("__") or name in _OWN:
            raise AttributeError(name)  # not set yet (e.g. while unpickling): never ask the engine for it
        return getattr(self.engine, name)
