"""A measured fix to Whoosh 2.7 (whoosh-reloaded 2.7.5), applied on import of the search package.

W3PerDocReader._cached_reader caches a column reader only when the column exists. For a field
without lengths (not scorable, like our spelling field) it asks the file system again for every
posting written: 380,000 stat calls for 2,000 documents, a third of the index build. Remembering
the absence too changes nothing else.
"""
from __future__ import annotations

from whoosh.codec import whoosh3

_ABSENT = object()


def _cached_reader(self, fieldname, column):
    reader = self._readers.get(fieldname, _ABSENT)
    if reader is _ABSENT:
        reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
        self._readers[fieldname] = reader
    return reader


def apply() -> None:
    whoosh3.W3PerDocReader._cached_reader = _cached_reader
