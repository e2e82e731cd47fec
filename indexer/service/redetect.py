"""Detection again over the archive's stored text, without extracting anything again."""
from __future__ import annotations

import os

from archive import Catalog
from indexer.detect import detect
from indexer.processes import worker_pool


def _detect_one(item: tuple[str, str, str, dict]) -> tuple[str, dict]:
    doc_id, text, filename, native = item
    return doc_id, detect(text, filename, native)


def redetect_all(catalog: Catalog, *, jobs: int | None = None) -> tuple[int, int]:
    """Returns (documents whose detected values changed, documents looked at)."""

    def work():
        for doc in catalog.iter_documents(with_text=True):
            arrivals = catalog.provenance(doc.id)
            filename = arrivals[0].filename if arrivals else ""
            yield doc.id, doc.text or "", filename, dict(doc.native)

    previous = {doc.id: doc.detected for doc in catalog.iter_documents()}
    changed = 0
    with worker_pool(jobs or os.cpu_count() or 1) as pool:
        for doc_id, detected in pool.map(_detect_one, work(), chunksize=16):
            if detected != previous.get(doc_id):
                catalog.set_detected(doc_id, detected)
                changed += 1
    return changed, len(previous)
