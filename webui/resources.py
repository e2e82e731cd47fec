"""What the views read: one search index per app (its searcher is reused and refreshed inside
SearchIndex), and a read-only catalog connection per request, closed when the request ends."""
from __future__ import annotations

import threading
from pathlib import Path

from flask import current_app, g

from archive import Catalog, DataDir, OriginalStore
from archive.lock import lock_holder
from webui.errors import Problem


class Resources:
    def __init__(self, root: str | Path, search_seconds: float | None = None):
        self.data = DataDir(Path(root))
        self.store = OriginalStore(self.data.originals)
        self.search_seconds = search_seconds
        self._index = None
        self._lock = threading.Lock()

    def index(self):
        """The search index, or 503 while there is none (or an outdated one) yet."""
        if self._index is None:
            with self._lock:
                if self._index is None:
                    from indexer.sync import open_index

                    self._index = open_index(self.data, search_seconds=self.search_seconds)
        status = self._index.schema_status()
        if status == "missing":
            if lock_holder(self.data.ingest_lock):
                # Advising 'reindex' now would only meet the lock the running ingest holds.
                raise Problem(503, "index_building", "De zoekindex wordt nu opgebouwd: de eerste documenten worden "
                                                     "ingelezen. Probeer het over enkele minuten opnieuw.")
            raise Problem(503, "no_index", "Er is nog geen zoekindex. Laat de beheerder 'fusiearchief ingest' "
                                           "of 'fusiearchief reindex' uitvoeren; probeer het daarna opnieuw.")
        if status == "outdated":
            raise Problem(503, "no_index", "De zoekindex is gemaakt door een andere versie van Fusiearchief. "
                                           "Laat de beheerder 'fusiearchief reindex' uitvoeren.")
        return self._index

    def open_catalog(self) -> Catalog:
        """A new read-only connection (the caller closes it); 503 when there is no archive yet."""
        if not self.data.exists():
            raise Problem(503, "no_archive", "Er is nog geen archief in deze gegevensmap. Laat de beheerder "
                                             "eerst documenten inlezen met 'fusiearchief ingest'.")
        return Catalog(self.data.catalog_path, readonly=True)

    @staticmethod
    def close_catalog(_exc: BaseException | None = None) -> None:
        catalog = g.pop("catalog", None)
        if catalog is not None:
            catalog.close()


def resources() -> Resources:
    return current_app.extensions["fusiearchief"]


def catalog() -> Catalog:
    """This request's catalog connection (SQLite connections are not shared between threads)."""
    if "catalog" not in g:
        g.catalog = resources().open_catalog()
    return g.catalog


def index():
    return resources().index()
