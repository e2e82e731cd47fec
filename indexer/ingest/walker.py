"""Finding the files to ingest: files and folders, recursively, without hidden files or the data folder."""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

MANIFEST_NAME = "metadata.csv"
# What a folder holds besides documents: its metadata manifest, and the manifests of an export ZIP
# unpacked there (read back with --metadata manifest.csv); never documents themselves.
METADATA_FILES = frozenset({MANIFEST_NAME, "manifest.csv", "manifest.json", "manifest.xlsx"})
_ESCAPED_BYTE = re.compile(r"\\x([89a-f][0-9a-f])")


def display_path(path: str | os.PathLike) -> str:
    """The path as valid text for the catalog, titles and output: unchanged when it is valid UTF-8.

    A name that is not (old Windows shares, extracted ZIPs) has its undecodable bytes written as
    backslash escapes, the way Python shows bytes: b'caf\\xe9.txt' becomes 'caf\\xe9.txt'.
    """
    text = os.fspath(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "backslashreplace")


def readable_name(path: str | os.PathLike) -> str:
    """The file name for people and for detection (a title from the name): a name that is not UTF-8
    is read as Windows-1252, where such names mostly come from (b'caf\\xe9' is 'café')."""
    raw = os.fsencode(Path(path).name)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace")


def filesystem_path(text: str) -> Path:
    """The file a display_path names: the text itself when that exists, else its escapes as bytes."""
    path = Path(text)
    if os.path.lexists(path) or not _ESCAPED_BYTE.search(text):
        return path
    raw = _ESCAPED_BYTE.sub(lambda m: chr(0xDC00 + int(m.group(1), 16)), text)
    return Path(raw)


def _hidden(name: str) -> bool:
    return name.startswith(".") or name.startswith("~$")  # ~$ = Office lock files


def iter_input_files(paths: Iterable[str | os.PathLike], *, exclude: Iterable[Path] = ()) -> Iterator[Path]:
    """Every file below paths, absolute, in a stable order; a path named explicitly is always taken,
    the metadata files of a folder (METADATA_FILES) are passed over.

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
                    if _hidden(name) or name in METADATA_FILES:
                        continue
                    candidate = base / name
                    if candidate not in seen:
                        seen.add(candidate)
                        yield candidate
        elif root not in seen:
            seen.add(root)
            yield root
