"""The work done per new original, in a worker process: extract text, then detect metadata.

Pure: a stored original's path and its arrival name in, a plain dict out.
"""
from __future__ import annotations

import signal

from indexer.detect import detect
from indexer.extract import ExtractionError, Limits, extract_file


def init_worker() -> None:
    # Ctrl-C is handled once, by the parent, which then shuts the pool down in order.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


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
