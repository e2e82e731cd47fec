"""The work done per new original, in a worker process: extract text, then detect metadata.

Pure: a stored original's path and its arrival name in, a plain dict out.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import resource
import signal
import sys

from indexer.detect import detect
from indexer.extract import ExtractionError, Limits, extract_file


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


def process_original(path: str, filename: str, limits: Limits) -> dict:
    extraction = None
    failure = None
    try:
        extraction = extract_file(path, limits)
    except ExtractionError as error:
        failure = {"stage": "extract", "code": error.code, "message": error.message}
    text = extraction["text"] if extraction else ""
    native = extraction.get("native", {}) if extraction else {}
    try:
        detected = detect(text, filename, native)
    except Exception as error:  # detection must never cost us the document
        detected = {}
        if failure is None:
            failure = {"stage": "detect", "code": "detection_error", "message": f"{type(error).__name__}: {error}"}
    return {"extraction": extraction, "failure": failure, "detected": detected}
