"""Content-addressed storage of originals: originals/ab/cd/<sha256>.<ext>, written once, never changed."""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
from contextlib import suppress
from pathlib import Path

from archive.write_errors import writes_to

_CHUNK = 1 << 20
_SAFE_EXT = re.compile(r"^[a-z0-9]{1,8}$")


def sha256_file(path: str | os.PathLike) -> tuple[str, int]:
    """Hash a file in chunks so that large files do not have to fit in memory."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def safe_extension(name: str) -> str:
    ext = Path(name).suffix.lower().lstrip(".")
    # The extension only helps a person browsing the folder; an odd one is dropped, not trusted.
    return ext if _SAFE_EXT.match(ext) else "bin"


class OriginalStore:
    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    def path_for(self, sha256: str, ext: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / f"{sha256}.{ext}"

    def find(self, sha256: str) -> Path | None:
        folder = self.root / sha256[:2] / sha256[2:4]
        if folder.is_dir():
            for candidate in folder.glob(f"{sha256}.*"):
                if not candidate.name.endswith(".tmp"):
                    return candidate
        return None

    def put(self, source: str | os.PathLike, sha256: str, ext: str) -> Path:
        """Copy source into the store under its hash; a no-op when that content is already there.

        The copy goes to a temporary file in the target folder and is renamed into place, so a
        reader or a crash never sees a half-written original.
        """
        existing = self.find(sha256)
        if existing is not None:
            return existing
        target = self.path_for(sha256, ext)
        digest = hashlib.sha256()
        with writes_to("archive of originals", self.root):
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
        try:
            # Errors reading the source are the input's (OSError); errors writing are the archive's.
            out = os.fdopen(fd, "wb")
            try:
                with open(source, "rb") as src:
                    while chunk := src.read(_CHUNK):
                        digest.update(chunk)
                        with writes_to("archive of originals", self.root):
                            out.write(chunk)
                with writes_to("archive of originals", self.root):
                    out.flush()
                    os.fsync(out.fileno())
            finally:
                # After a failed write, closing would try to flush the rest and fail again.
                with suppress(OSError):
                    out.close()
            if digest.hexdigest() != sha256:
                raise OSError(f"{source} changed while it was being archived")
            with writes_to("archive of originals", self.root):
                os.chmod(tmp_name, 0o444)
                os.replace(tmp_name, target)
        except BaseException:
            try:
                os.unlink(tmp_name)
            except FileNotFoundError:
                pass
            raise
        return target

    def remove_leftovers(self) -> int:
        """Delete temporary files a killed run left behind; call only while holding the ingest lock."""
        removed = 0
        for leftover in self.root.glob("*/*/.*.tmp"):
            leftover.unlink(missing_ok=True)
            removed += 1
        return removed

    def verify(self, sha256: str) -> bool:
        path = self.find(sha256)
        return path is not None and sha256_file(path)[0] == sha256
