"""What can stand in the way of a search or a write, whichever engine serves."""
from __future__ import annotations

from archive.errors import FusiearchiefError

__all__ = ["EngineChanged", "IndexLocked", "IndexUnavailable"]


class IndexLocked(FusiearchiefError):
    """Another process is writing the index."""

    code = "index_locked"


class IndexUnavailable(FusiearchiefError):
    """No index yet, or one built with another schema; .message says what to run."""

    code = "no_index"


class EngineChanged(IndexUnavailable):
    """The live generation was built by another engine than the one asked (a rebuild switched)."""

    def __init__(self):
        super().__init__("The search index was rebuilt with another engine; try again.")
