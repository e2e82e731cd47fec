"""Resource limits per file, and the wall-clock deadline that enforces `timeout_s`."""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from collections.abc import Iterator


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 200 * 1024 * 1024
    timeout_s: float = 120.0
    max_unpacked_bytes: int = 500 * 1024 * 1024
    max_text_chars: int = 20_000_000
    # Address space of one ingest worker (RLIMIT_AS); 0 = unlimited. A worker with ~140 MB of
    # libraries loaded reads ordinary files well within it.
    max_memory_bytes: int = 2048 * 1024 * 1024


class DeadlinePassed(BaseException):
    """Raised from the SIGALRM handler.

    A BaseException on purpose: the parsing libraries have broad `except Exception` clauses in their
    recovery paths that would otherwise swallow the alarm and carry on parsing.
    """


def _raise_deadline(signum, frame):
    raise DeadlinePassed()


@contextmanager
def deadline(seconds: float) -> Iterator[bool]:
    """Raise DeadlinePassed inside the block once `seconds` of wall time have passed.

    Yields whether the deadline is actually armed. It is only armed in the main thread of a process
    (signals are delivered there and signal.signal refuses other threads); the ingest runs
    extraction in worker processes, in their main thread, so there it is always armed. Called from
    another thread (a web request, say) the block runs unlimited rather than failing. The alarm
    fires between Python bytecodes, so one long call into C (a huge zlib member) finishes first.
    A previous handler and a previously armed timer are restored afterwards.
    """
    usable = (
        seconds
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield False
        return
    started = time.monotonic()
    previous_handler = signal.signal(signal.SIGALRM, _raise_deadline)
    previous_delay, previous_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay:
            remaining = previous_delay - (time.monotonic() - started)
            # An outer timer that ran out meanwhile fires as soon as possible rather than never.
            signal.setitimer(signal.ITIMER_REAL, max(remaining, 0.001), previous_interval)
