"""Bulk ingest: walk, skip what is unchanged, archive originals, extract and detect in worker processes.

The parent process owns the catalog (the only writer) and the store; workers (local processes, or
tasks on a Dask cluster: see executors.py) only read originals and return plain dicts. Every input
file ends as exactly one of: new, duplicate, unchanged or failed.
"""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from archive import ArchiveWriteError, Catalog, DataDir, OriginalStore
from archive.records import Document
from archive.store import safe_extension, sha256_file
from indexer.extract import FORMATS, Limits
from indexer.ingest.executors import Executor, LocalExecutor
from indexer.ingest.live_index import EVERY, LiveIndex
from indexer.ingest.manifest import Manifest
from indexer.ingest.progress import Progress
from indexer.ingest.walker import display_path, filesystem_path, iter_input_files, readable_name


@dataclass
class Arrival:
    path: str
    size: int
    mtime_ns: int

    def as_provenance(self, run_id: int) -> dict:
        return {"path": self.path, "size": self.size, "mtime_ns": self.mtime_ns, "run_id": run_id}


@dataclass
class Summary:
    files: int = 0
    new: int = 0
    duplicate: int = 0
    unchanged: int = 0
    failed: int = 0
    retried: int = 0
    reextracted: int = 0
    ocr_pages: int = 0
    failed_by_code: Counter = field(default_factory=Counter)
    failures: list[dict] = field(default_factory=list)
    indexed: int = 0
    interrupted: bool = False
    index_message: str | None = None
    archive_error: str | None = None

    def note_index(self, message: str) -> None:
        self.index_message = message

    def as_dict(self) -> dict:
        return {
            "files": self.files,
            "new": self.new,
            "duplicate": self.duplicate,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "failed_by_code": dict(sorted(self.failed_by_code.items())),
            "retried": self.retried,
            "reextracted": self.reextracted,
            "ocr_pages": self.ocr_pages,
            "indexed": self.indexed,
            "interrupted": self.interrupted,
            "index_message": self.index_message,
            "archive_error": self.archive_error,
            "failures": self.failures,
        }


@dataclass
class _Pending:
    sha256: str
    size: int
    ext: str
    stored: Path
    filename: str
    arrivals: list[Arrival]
    # Set when an archived document is extracted again from its stored original: its catalog id
    # and what the summary counts it as ("retried" or "reextracted").
    document_id: str | None = None
    redo: str = ""


class Ingest:
    def __init__(
        self,
        data: DataDir,
        catalog: Catalog,
        *,
        jobs: int | None = None,
        limits: Limits = Limits(),
        progress: bool | None = None,
        cluster: str | None = None,
        index_every: int = EVERY,
        index_task: Callable[[], int] | None = None,
    ):
        """index_task: picklable, commits what the catalog marks dirty to the index (every
        index_every new documents, in a process of its own); None: the caller indexes afterwards."""
        self.data = data
        self.index_every = index_every if index_task else 0
        self.index_task = index_task
        self.live: LiveIndex | None = None
        self.catalog = catalog
        self.store = OriginalStore(data.originals)
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.limits = limits
        self.cluster = cluster
        self.show_progress = progress
        self.summary = Summary()
        self.run_id = 0

    # -- entry point -------------------------------------------------------------------------
    def run(
        self,
        paths: Iterable[str | os.PathLike],
        *,
        retry_failed: bool = False,
        reextract: str | None = None,
        manifest: Manifest | None = None,
        options: dict | None = None,
    ) -> Summary:
        """reextract: "all" or "outdated" (extracted by another extractor version, or failed)."""
        with self._executor() as executor:
            return self._run(executor, paths, retry_failed=retry_failed, reextract=reextract, manifest=manifest,
                             options=options)

    def _executor(self) -> Executor:
        if self.cluster:
            from indexer.ingest.cluster import DaskExecutor  # Dask is an extra, loaded only when asked for

            return DaskExecutor(self.cluster, self.limits)
        return LocalExecutor(self.jobs, self.limits)

    def _run(self, executor: Executor, paths, *, retry_failed, reextract, manifest, options) -> Summary:
        self.run_id = self.catalog.start_run(options or {})
        status = "failed"
        try:
            files = list(iter_input_files(paths, exclude=[self.data.root]))
            known = self.catalog.known_paths()
            todo: list[Path] = []
            for path in files:
                self.summary.files += 1
                if not retry_failed and known.get(display_path(path)) == self._identity(path):
                    self.summary.unchanged += 1
                    continue
                todo.append(path)
            if retry_failed:
                todo += self._unread_failures(skip={display_path(p) for p in todo})
            redo = self._documents_to_redo(retry_failed, reextract)
            progress = Progress(len(todo) + len(redo), enabled=self.show_progress, label=executor.label or "Ingest ")
            self._run_workers(iter(redo), progress, executor)
            self._process_indexing(todo, progress, executor)
            progress.finish()
            if manifest is not None:
                manifest.apply(self.catalog)
            status = "ok"
        except KeyboardInterrupt:
            self.summary.interrupted = True
            status = "interrupted"
        except ArchiveWriteError as error:
            # Not the inputs' fault: nothing is charged to them, and the next run takes them up.
            self.summary.archive_error = str(error)
        finally:
            try:
                self.catalog.finish_run(self.run_id, self.summary.as_dict(), status)
            except ArchiveWriteError:
                pass  # the catalog's disk is full; the next writer marks this run interrupted
        return self.summary

    # -- per file ----------------------------------------------------------------------------
    @staticmethod
    def _identity(path: Path) -> tuple[int, int] | tuple[None, None]:
        """(size, mtime) of the path itself, so that even a dangling link is recognised next time."""
        for stat in (path.stat, path.lstat):
            try:
                result = stat()
                return result.st_size, result.st_mtime_ns
            except OSError:
                continue
        return None, None

    def _stat(self, path: Path) -> Arrival | None:
        shown = display_path(path)
        try:
            stat = path.stat()
        except OSError as error:
            known_size, mtime_ns = self._identity(path)
            self._fail_unread(shown, known_size, mtime_ns, "unreadable",
                              f"Cannot read {shown}: {error.strerror or error}")
            return None
        if not path.is_file():
            self._fail_unread(shown, stat.st_size, stat.st_mtime_ns, "unreadable", f"{shown} is not a regular file.")
            return None
        return Arrival(shown, stat.st_size, stat.st_mtime_ns)

    def _fail_unread(self, path: str, size, mtime_ns, code: str, message: str) -> None:
        self.catalog.record_failure(
            path=path, document_id=None, size=size, mtime_ns=mtime_ns, stage="read",
            code=code, message=message, run_id=self.run_id,
        )
        self._count_failure(path, None, code, message)

    def _count_failure(self, path: str, sha256: str | None, code: str, message: str) -> None:
        self.summary.failed += 1
        self.summary.failed_by_code[code] += 1
        self.summary.failures.append({"path": path, "sha256": sha256, "code": code, "message": message})

    def _count_arrival(self, arrival: Arrival, doc: Document, *, new: bool) -> None:
        if doc.failure:
            self._count_failure(arrival.path, doc.sha256, doc.failure.code, doc.failure.message)
        elif new:
            self.summary.new += 1
        else:
            self.summary.duplicate += 1

    def _archive(self, path: Path) -> tuple[str, int, Path] | None:
        """Hash and store the original; None (with a failure recorded) when it cannot be read."""
        try:
            sha256, size = sha256_file(path)
            stored = self.store.put(path, sha256, safe_extension(path.name))
            return sha256, size, stored
        except OSError as error:
            shown = display_path(path)
            known_size, mtime_ns = self._identity(path)
            self._fail_unread(shown, known_size, mtime_ns, "unreadable",
                              f"Cannot read {shown}: {error.strerror or error}")
            return None

    def _process_indexing(self, todo: list[Path], progress: Progress, executor: Executor) -> None:
        """_process with the index committed in batches meanwhile (unless index_every is 0)."""
        if not self.index_every:
            return self._process(todo, progress, executor)
        assert self.index_task is not None
        self.live = LiveIndex(self.index_task, every=self.index_every)
        try:
            self._process(todo, progress, executor)
        finally:
            self.live.stop()
            self.summary.indexed += self.live.indexed
            if self.live.message:
                self.summary.note_index(self.live.message)
        if self.live.error is not None:
            raise self.live.error

    def _process(self, todo: list[Path], progress: Progress, executor: Executor) -> None:
        pending: dict[str, _Pending] = {}

        def new_originals() -> Iterator[_Pending]:
            for path in todo:
                arrival = self._stat(path)
                if arrival is None:
                    progress.advance()
                    continue
                archived = self._archive(path)
                if archived is None:
                    progress.advance()
                    continue
                sha256, size, stored = archived
                arrival.size = size
                name = readable_name(path)
                if sha256 in pending:
                    pending[sha256].arrivals.append(arrival)
                    continue
                if self.catalog.has_sha256(sha256):
                    self._add_arrival(sha256, arrival)
                    progress.advance(note=name)
                    continue
                yield _Pending(sha256, size, stored.suffix.lstrip("."), stored, name, [arrival])

        self._run_workers(new_originals(), progress, executor, pending)

    def _run_workers(self, items: Iterator[_Pending], progress: Progress, executor: Executor,
                     pending: dict[str, _Pending] | None = None) -> None:
        """Extract every item through the executor; before each submit, take results back while it
        has enough in flight (new arrivals of a pending original join it through `pending`)."""
        pending = {} if pending is None else pending

        def finish(sha256: str, result: dict) -> None:
            self._finish(pending.pop(sha256), result, progress)

        try:
            for item in items:
                pending[item.sha256] = item
                while executor.full():
                    for done_key, result in executor.completed():
                        finish(done_key, result)
                executor.submit(item.sha256, item.stored, item.filename)
            for sha256, result in executor.drain():
                finish(sha256, result)
        except BaseException:
            executor.close()
            raise

    def _finish(self, item: _Pending, result: dict, progress: Progress) -> None:
        ocr_pages = len(((result["extraction"] or {}).get("ocr") or {}).get("pages") or [])
        self.summary.ocr_pages += ocr_pages
        if item.document_id:
            self._finish_again(item, result)
            progress.advance(note=item.filename, pages=ocr_pages)
            return
        doc_id = self.catalog.add_document(
            sha256=item.sha256,
            size=item.size,
            ext=item.ext,
            extraction=result["extraction"],
            failure=result["failure"],
            detected=result["detected"],
            arrivals=[a.as_provenance(self.run_id) for a in item.arrivals],
        )
        doc = self.catalog.get(doc_id)
        for number, arrival in enumerate(item.arrivals):
            self._count_arrival(arrival, doc, new=number == 0)
            progress.advance(note=item.filename, pages=ocr_pages if number == 0 else 0)
        if self.live is not None:
            self.live.added()

    def _add_arrival(self, sha256: str, arrival: Arrival) -> None:
        doc = self.catalog.get(sha256)
        self.catalog.add_provenance(doc.id, **arrival.as_provenance(self.run_id))
        self._count_arrival(arrival, doc, new=False)

    # -- retry -------------------------------------------------------------------------------
    def _unread_failures(self, skip: set[str]) -> list[Path]:
        """Paths that could not even be read last time: they go through ingest again."""
        paths = [filesystem_path(f["path"]) for f in self.catalog.failures() if not f["document_id"] and f["path"] not in skip]
        self.summary.files += len(paths)
        self.summary.retried += len(paths)
        return paths

    def _documents_to_redo(self, retry_failed: bool, reextract: str | None) -> list[_Pending]:
        """Archived documents to extract again from their stored originals (never the input folders)."""
        chosen: dict[str, str] = {}
        if reextract:
            for doc in self.catalog.iter_documents():
                current = FORMATS.get(doc.format or "")
                if reextract == "all" or current is None or doc.extractor_version != current.extractor_version:
                    chosen[doc.id] = "reextracted"
        if retry_failed:
            for failure in self.catalog.failures():
                if failure["document_id"]:
                    chosen.setdefault(failure["document_id"], "retried")
        items = []
        for doc_id, redo in chosen.items():
            doc = self.catalog.get(doc_id)
            arrivals = self.catalog.provenance(doc_id)
            filename = arrivals[0].filename if arrivals else f"{doc_id}.{doc.ext}"
            stored = self.store.find(doc.sha256)
            if stored is None:
                self._count_failure(arrivals[0].path if arrivals else doc_id, doc.sha256, "unreadable",
                                    "The stored original is missing from the archive; ingest the file again.")
                continue
            items.append(_Pending(doc.sha256, doc.size, doc.ext, stored, filename, [],
                                  document_id=doc_id, redo=redo))
        return items

    def _finish_again(self, item: _Pending, result: dict) -> None:
        """Overrides (supplied or corrected values) live apart from extraction and so survive it."""
        assert item.document_id is not None  # only archived documents are extracted again
        self.catalog.replace_extraction(
            item.document_id, extraction=result["extraction"], failure=result["failure"], detected=result["detected"]
        )
        doc = self.catalog.get(item.document_id)
        paths = [arrival.path for arrival in self.catalog.provenance(item.document_id)]
        if item.redo == "retried":
            self.summary.files += len(paths)
            self.summary.retried += len(paths)
            if not doc.failure:
                self.summary.new += len(paths)
        else:
            self.summary.reextracted += 1
        if doc.failure:
            for path in paths:
                self._count_failure(path, doc.sha256, doc.failure.code, doc.failure.message)
