"""Finding the files to ingest: files and folders, recursively, without hidden files or the data folder."""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

MANIFEST_NAME = "metadata.csv"


def _hidden(name: str) -> bool:
    return name.startswith(".") or name.startswith("~$")  # ~$ = Office lock files


def iter_input_files(paths: Iterable[str | os.PathLike], *, exclude: Iterable[Path] = ()) -> Iterator[Path]:
    """Every file below paths, absolute, in a stable order; a path named explicitly is always taken.

    Dangling symlinks and unreadable entries are yielded too: ingest lists them as failures rather
    than dropping them silently.
    """
    excluded = [Path(e).resolve() for e in exclude]

    def is_excluded(path: Path) -> bool:
        return any(path == e or e in path.parents for e in excluded)

    seen: set[Path] = set()
    for given in paths:
        root = Path(given).absolute()
        if root.is_dir():
            for dirpath, dirnames, filenames in os.walk(root, onerror=None):
                base = Path(dirpath)
                dirnames[:] = sorted(d for d in dirnames if not _hidden(d) and not is_excluded((base / d).resolve()))
                for name in sorted(filenames):
                    if _hidden(name) or name == MANIFEST_NAME:
                        continue
                    candidate = base / name
                    if candidate not in seen:
                        seen.add(candidate)
                        yield candidate
        elif root not in seen:
            seen.add(root)
            yield root
