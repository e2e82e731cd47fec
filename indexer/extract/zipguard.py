"""Opening the ZIP container of DOCX/ODT with a zip-bomb guard, before any parser sees it."""
from __future__ import annotations

import zipfile
from pathlib import Path

from indexer.extract.errors import ExtractionError
from indexer.extract.limits import Limits


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.1f} MB"


def check_zip(path: Path, limits: Limits, kind: str) -> zipfile.ZipFile:
    """An open ZipFile whose members together unpack to at most `limits.max_unpacked_bytes`.

    The declared sizes are enough to trust: zipfile stops reading a member at its declared size
    (and fails on the CRC), so a member that lies about its size cannot unpack to more.
    """
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise ExtractionError(
            "corrupt",
            f"This {kind} file is damaged: it is not a readable ZIP container ({error}). "
            f"Open and save it again in the office program, or fetch the original again.",
        ) from None
    unpacked = sum(member.file_size for member in archive.infolist())
    if unpacked > limits.max_unpacked_bytes:
        archive.close()
        raise ExtractionError(
            "too_large",
            f"This {kind} file would unpack to {_mb(unpacked)}, more than the limit of "
            f"{_mb(limits.max_unpacked_bytes)} (it may be a zip bomb). "
            f"Check the file; raise the unpack limit only if it is genuine.",
        )
    return archive


ZIP_MAGIC = b"PK\x03\x04"
_LOCAL_HEADER = 30  # fixed part of a ZIP local file header; name length at 26, extra length at 28


def zip_member_names(head: bytes, path: Path) -> list[str]:
    """Member names of a ZIP file ([] if it is not one), for sniffing.

    From the central directory when it is readable; otherwise (a truncated download) from the
    local headers inside `head`, so that a damaged DOCX is still known as a DOCX and reported as
    damaged instead of as an unknown format.
    """
    if not head.startswith(ZIP_MAGIC):
        return []
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.namelist()
    except Exception:  # any damage: fall back to the local headers
        pass
    names = []
    start = head.find(ZIP_MAGIC)
    while start != -1 and start + _LOCAL_HEADER <= len(head):
        name_length = int.from_bytes(head[start + 26 : start + 28], "little")
        names.append(head[start + _LOCAL_HEADER : start + _LOCAL_HEADER + name_length].decode("cp437", "replace"))
        start = head.find(ZIP_MAGIC, start + _LOCAL_HEADER)
    return names
