"""The archive: originals stored by content, and the SQLite catalog that is the source of truth.

The Whoosh index is derived from what lives here and can be rebuilt at any time.
"""
from archive.catalog import Catalog, CatalogError, DocumentNotFound, FIELDS_WITH_ORIGIN
from archive.datadir import DataDir, resolve_data_dir
from archive.store import OriginalStore
from archive.write_errors import ArchiveWriteError

__all__ = [
    "ArchiveWriteError",
    "Catalog",
    "CatalogError",
    "DataDir",
    "DocumentNotFound",
    "FIELDS_WITH_ORIGIN",
    "OriginalStore",
    "resolve_data_dir",
]
