"""The one error model: every problem a user can act on is a FusiearchiefError.

It carries a stable machine-readable `code` (the API's error code; the CLI chooses its exit status
by it in one place, the web UI its Dutch message in one table), an English `message` that says
what was wrong and what to do, and optionally the `param` (option, URL parameter, field) concerned.
"""
from __future__ import annotations

__all__ = ["FusiearchiefError"]


class FusiearchiefError(Exception):
    code = "error"

    def __init__(self, message: str, *, param: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.param = param
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return self.message

    def __reduce__(self):
        # Raised in worker processes and handed back to the parent: keep code and param on the way.
        return (_rebuild, (type(self), self.message, self.__dict__.copy()))


def _rebuild(cls: type[FusiearchiefError], message: str, state: dict) -> FusiearchiefError:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    return error
