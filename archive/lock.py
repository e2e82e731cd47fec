"""One writer at a time per data folder: an advisory lock file that dies with its process."""
from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from archive.errors import FusiearchiefError


class Busy(FusiearchiefError):
    """Another process holds the lock; the message says which and what to do."""

    code = "busy"


@contextmanager
def exclusive_lock(path: Path, what: str) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise Busy(
                f"Another {holder} is already writing to {path.parent}. "
                f"Wait for it to finish (or stop it) and run the {what} again."
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{what} (pid {os.getpid()})")
        handle.flush()
        yield
    finally:
        # The kernel drops a flock when its process dies, so kill -9 never leaves a stale lock.
        handle.close()


def lock_holder(path: Path) -> str | None:
    """Who holds the lock now ('ingest (pid 123)'), or None when nobody does; takes nothing."""
    try:
        handle = open(path)
    except FileNotFoundError:
        return None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return handle.read().strip() or "another process"
        fcntl.flock(handle, fcntl.LOCK_UN)
        return None
