"""What can stand in the way of a search or a write, whichever engine serves."""
from __future__ import annotations

__all__ = ["EngineChanged", "IndexLocked", "IndexUnavailable"]


class IndexLocked(Exception):
    """Another process is writing the index."""


class IndexUnavailable(Exception):
    """No index yet, or one built with another schema; .message says what to run."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class EngineChanged(IndexUnavailable):
    """The live generation was built by another engine than the one asked (a rebuild switched)."""

    def __init__(self):
        super().__init__("The search index was rebuilt with another engine; try again.")
