"""The whole job behind 'fusiearchief ingest': take the writer's lock, archive and extract (the ingest
package), keep the index current meanwhile, and bring it up to date at the end."""
from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from archive import ArchiveWriteError, DataDir
from indexer.extract import Limits
from indexer.ingest import Ingest, Manifest, Summary
from indexer.ingest.live_index import EVERY
from indexer.search import IndexLocked

if TYPE_CHECKING:
    from indexer.service.core import Fusiearchief

__all__ = ["ingest", "run_ingest"]


def ingest(
    core: Fusiearchief,
    paths: Iterable[str | os.PathLike],
    *,
    jobs: int | None = None,
    limits: Limits = Limits(),
    retry_failed: bool = False,
    reextract: str | None = None,
    manifest: Manifest | None = None,
    progress: bool | None = None,
    options: dict | None = None,
    cluster: str | None = None,
    index_every: int = EVERY,
) -> Summary:
    """`cluster` (a Dask scheduler address) runs extraction and detection on that cluster instead of
    local worker processes; everything else, the catalog and index writes included, stays here."""
    with core.write("ingest") as writer:
        summary = Ingest(core.data, writer.catalog, jobs=jobs, limits=limits, progress=progress, cluster=cluster,
                         index_every=index_every, index_task=writer.live_index_task()).run(
            paths, retry_failed=retry_failed, reextract=reextract, manifest=manifest, options=options
        )
        # Also after an archive error: what was stored becomes searchable if the index can be written.
        try:
            summary.indexed += writer.sync(notify=summary.note_index)
        except IndexLocked as error:
            summary.note_index(f"not updated: {error}")
        except ArchiveWriteError as error:
            summary.note_index(f"not updated: {error}")
            summary.archive_error = summary.archive_error or str(error)
    return summary


def run_ingest(data: DataDir, paths: Iterable[str | os.PathLike], **options: Any) -> Summary:
    """ingest() on the data folder `data` (what tests and scripts call)."""
    from indexer.service.core import Fusiearchief

    return ingest(Fusiearchief(data.root), paths, **options)
