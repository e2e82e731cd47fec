"""The work done per new original, in a worker process: extract text, then detect metadata.

Pure: a stored original's path and its arrival name in, a plain dict out. On a Dask worker the
original arrives as bytes instead (process_bytes), and the same function does the work.
"""
from __future__ import annotations

import tempfile
from importlib import metadata
from pathlib import Path

from indexer.detect import detect
from indexer.extract import ExtractionError, Limits, extract_file
from indexer.extract.limits import deadlines_in_this_thread


CRASHED = "crashed"


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


def process_bytes(content: bytes, stored_name: str, filename: str, limits: Limits) -> dict:
    """process_original for an original sent over the network (a Dask task: no shared file system).

    The bytes are written under the name the archive stores them by, so the extractors see exactly
    what a local worker sees. Dask runs tasks in threads, hence the explicit thread deadlines.
    """
    with tempfile.TemporaryDirectory(prefix="fusiearchief-") as folder:
        path = Path(folder) / Path(stored_name).name
        path.write_bytes(content)
        with deadlines_in_this_thread():
            return process_original(str(path), filename, limits)


def crashed_result(message: str) -> dict:
    """The result recorded for a file whose extractor process died, however many times it was tried."""
    return {"extraction": None, "detected": {}, "failure": {"stage": "extract", "code": CRASHED, "message": message}}


def installed_version() -> str:
    """This machine's fusiearchief version: a cluster's workers must run the same one as the client."""
    try:
        return metadata.version("fusiearchief")
    except metadata.PackageNotFoundError:
        return "unknown"
