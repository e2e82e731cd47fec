"""Worker processes (extraction, detection, indexing, analysis): spawned rather than forked, deaf to
Ctrl-C (the parent handles it), gone when their parent dies, and optionally bounded in memory.

A light module on purpose: each spawned worker imports it first, before whatever work it is given.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import resource
import signal
import sys
from concurrent.futures import ProcessPoolExecutor

__all__ = ["init_worker", "pool_context", "worker_pool"]

_PR_SET_PDEATHSIG = 1


def pool_context() -> multiprocessing.context.BaseContext:
    # Spawned, not forked: a forked worker would inherit the parent's ingest lock and keep it after
    # the parent was killed, blocking the next run.
    return multiprocessing.get_context("spawn")


def init_worker(max_memory_bytes: int = 0) -> None:
    # Ctrl-C is handled once, by the parent, which then shuts the pool down in order.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        # When the parent is killed (kill -9), workers go too instead of lingering as orphans.
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if max_memory_bytes:
        # A file that needs more (a decompression bomb) gets MemoryError, reported as too_large, or
        # kills only this worker (crashed); never the machine, where the OOM killer might pick the
        # web server instead.
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = max_memory_bytes if hard == resource.RLIM_INFINITY else min(max_memory_bytes, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def worker_pool(workers: int, max_memory_bytes: int = 0) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, initializer=init_worker, initargs=(max_memory_bytes,),
                               mp_context=pool_context())
