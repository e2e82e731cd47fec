"""Failures to write the data folder (disk full, read-only, no permission): the archive's problem,
never the input's, so ingest stops instead of blaming file after file."""
from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from archive.errors import FusiearchiefError

_WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO, errno.EFBIG}
# SQLITE_IOERR, SQLITE_FULL, SQLITE_READONLY and SQLITE_CANTOPEN (primary result codes).
_SQLITE_WRITE_CODES = {10: "an I/O error", 13: "the disk is full", 8: "it is read-only", 14: "it cannot be opened"}


class ArchiveWriteError(FusiearchiefError):
    """Part of the data folder could not be written; the message is one line saying what to do."""

    code = "archive_write"

    def __init__(self, part: str, where: str | os.PathLike, reason: str):
        self.part = part
        self.where = where
        self.reason = reason
        super().__init__(
            f"Cannot write the {part} in {where}: {reason}. Free space (or fix the permissions) and "
            "run the same command again; files not yet archived are taken up then."
        )


def is_write_failure(error: OSError) -> bool:
    return error.errno in _WRITE_ERRNOS


def from_os_error(part: str, where: str | os.PathLike, error: OSError) -> ArchiveWriteError:
    return ArchiveWriteError(part, where, error.strerror or str(error))


@contextmanager
def writes_to(part: str, where: str | os.PathLike) -> Iterator[None]:
    """A full disk (or a read-only one) while writing `part` becomes ArchiveWriteError; other errors pass."""
    try:
        yield
    except OSError as error:
        if is_write_failure(error):
            raise from_os_error(part, where, error) from None
        raise


def from_sqlite_error(where: str | os.PathLike, error: sqlite3.Error) -> ArchiveWriteError | None:
    """The catalog's write failure, or None when the error is something else (a bug, a constraint)."""
    code = getattr(error, "sqlite_errorcode", None)
    reason = _SQLITE_WRITE_CODES.get(code & 0xFF) if code is not None else None
    return ArchiveWriteError("catalog", where, reason) if reason else None
