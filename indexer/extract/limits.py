"""Resource limits per file, and the wall-clock deadline that enforces `timeout_s`."""
from __future__ import annotations

import ctypes
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
    # OCR: "auto" reads pages without a usable text layer, "always" every page, "never" none.
    ocr: str = "auto"
    # Per page OCR'd, on top of timeout_s: recognising a page takes seconds where parsing takes less.
    ocr_timeout_s: float = 60.0
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


_thread_state = threading.local()


@contextmanager
def deadlines_in_this_thread() -> Iterator[None]:
    """Arm deadline() in the calling thread too, where it would otherwise run unlimited.

    For hosts that run extraction in threads of their own: a Dask worker runs its tasks in a thread
    pool, yet the per-file time limit must hold there as it does in a local worker process.
    """
    _thread_state.armed = True
    try:
        yield
    finally:
        _thread_state.armed = False


@contextmanager
def deadline(seconds: float) -> Iterator[bool]:
    """Raise DeadlinePassed inside the block once `seconds` of wall time have passed.

    Yields whether the deadline is actually armed. In the main thread of a process it is armed with
    SIGALRM; the ingest runs extraction in worker processes, in their main thread, so there it is
    always armed. Another thread runs unlimited (a web request, say) unless it asked for deadlines
    with deadlines_in_this_thread(); then a timer raises DeadlinePassed in it. Either way the
    exception arrives between Python bytecodes, so one long call into C (a huge zlib member)
    finishes first. A previous handler and a previously armed timer are restored afterwards.
    """
    if not (seconds and seconds > 0):
        yield False
    elif threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        with _alarm(seconds):
            yield True
    elif getattr(_thread_state, "armed", False):
        with _thread_timer(seconds):
            yield True
    else:
        yield False


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    started = time.monotonic()
    previous_handler = signal.signal(signal.SIGALRM, _raise_deadline)
    previous_delay, previous_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay:
            remaining = previous_delay - (time.monotonic() - started)
            # An outer timer that ran out meanwhile fires as soon as possible rather than never.
            signal.setitimer(signal.ITIMER_REAL, max(remaining, 0.001), previous_interval)


def _set_async_exception(thread_id: int, exception: type[BaseException] | None) -> None:
    # None (NULL) withdraws an exception set earlier that the thread has not raised yet.
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exception) if exception else None
    )


@contextmanager
def _thread_timer(seconds: float) -> Iterator[None]:
    target = threading.get_ident()
    lock = threading.Lock()
    block_open = [True]

    def expire() -> None:
        with lock:
            if block_open[0]:
                _set_async_exception(target, DeadlinePassed)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        # Under the lock, so that a timer firing just now cannot hit the code after the block.
        with lock:
            block_open[0] = False
            _set_async_exception(target, None)
