"""Text and native metadata out of one file: PDF, DOCX, ODT, HTML, Markdown, plain text and the XML
of official publications (CVDR, officielebekendmakingen, Rechtspraak).

The format is judged by content (magic bytes, ZIP members, text heuristics), never by the file
name. Every problem with the input becomes an ExtractionError with a code from FAILURE_CODES;
nothing else escapes. Pure: a path in, a JSON-serialisable dict out, so worker processes can run it.
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from indexer.extract import (
    cvdr_file,
    docx_file,
    html_file,
    image_file,
    markdown_file,
    oep_file,
    odt_file,
    pdf_file,
    rechtspraak_file,
    refusals,
    text_file,
)
from indexer.extract.cleanup import normalise_text
from indexer.extract.errors import FAILURE_CODES, ExtractionError
from indexer.extract.limits import DeadlinePassed, Limits, deadline
from indexer.extract.ocr_step import empty_message, run_ocr
from indexer.extract.registry import HEAD_BYTES, Format, Refusal, identify

__all__ = [
    "FAILURE_CODES",
    "FORMATS",
    "ExtractionError",
    "Limits",
    "extract_file",
    "sniff_format",
]

# Most specific first: PDFs may carry junk before their header, Office files are ZIPs or OLE2
# files, and publication XML, HTML, data files and Markdown are also text. Markdown may hold HTML,
# so a page without <html> around it is only recognised after Markdown.
KNOWN: tuple[Format | Refusal, ...] = (
    pdf_file.FORMAT,
    refusals.ENCRYPTED_OFFICE,
    refusals.LEGACY_OFFICE,
    docx_file.FORMAT,
    odt_file.FORMAT,
    refusals.SPREADSHEET_OR_SLIDES,
    refusals.OTHER_ODF,
    refusals.ZIP,
    refusals.ARCHIVE,
    image_file.FORMAT,
    refusals.IMAGE,
    refusals.PROGRAM,
    refusals.RTF,
    cvdr_file.FORMAT,
    oep_file.FORMAT,
    rechtspraak_file.FORMAT,
    html_file.FORMAT,
    refusals.FEED,
    refusals.SVG,
    refusals.XML,
    refusals.JSON,
    refusals.CSV,
    markdown_file.FORMAT,
    html_file.FRAGMENT,
    text_file.FORMAT,
)
FORMATS: dict[str, Format] = {}
for _known in KNOWN:
    if isinstance(_known, Format):
        FORMATS.setdefault(_known.name, _known)


_READ_ERRNOS = {errno.EACCES, errno.EPERM, errno.EIO, errno.ENOENT, errno.EISDIR, errno.ENXIO, errno.ESTALE, errno.ENODEV}


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.1f} MB"


def _unreadable(path: Path, why: str) -> ExtractionError:
    return ExtractionError("unreadable", f"The file {path} cannot be read: {why}. Check that it exists and that you may read it.")


def _stat_regular_file(path: Path) -> os.stat_result:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.lexists(path):
            raise _unreadable(path, "it is a link to a file that does not exist") from None
        raise _unreadable(path, "it does not exist") from None
    except OSError as error:
        raise _unreadable(path, error.strerror or str(error)) from None
    if stat.S_ISDIR(info.st_mode):
        raise _unreadable(path, "it is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        # Opening a named pipe or device would block or never end.
        raise _unreadable(path, "it is not a regular file (a pipe, socket or device)")
    return info


def _read_head(path: Path) -> bytes:
    try:
        with open(path, "rb") as fp:
            return fp.read(HEAD_BYTES)
    except OSError as error:
        raise _unreadable(path, error.strerror or str(error)) from None


def _identify(path: Path, head: bytes) -> Format | Refusal | None:
    return identify(head, path, KNOWN)


def sniff_format(path: str | os.PathLike) -> str | None:
    """The name of the format we would extract `path` as ("pdf", "docx", "odt", "html", "md",
    "txt", "cvdr", "oep", "rechtspraak", "image").

    None for anything we do not read (including known-but-refused kinds such as .doc or GIF)
    and for files that cannot be opened.
    """
    try:
        path = Path(path)
        _stat_regular_file(path)
        found = _identify(path, _read_head(path))
    except (ExtractionError, OSError):
        return None
    return found.name if isinstance(found, Format) else None


def _run(found: Format, path: Path, limits: Limits) -> tuple[str, dict]:
    """(normalised text, raw result); the deadline covers parsing and normalising alike."""
    try:
        with deadline(limits.timeout_s):
            raw = found.extract(path, limits)
            return normalise_text(raw["text"]), raw
    except ExtractionError:
        raise
    except DeadlinePassed:
        raise ExtractionError(
            "timeout",
            f"Reading this {found.name.upper()} took longer than {limits.timeout_s:g} s and was stopped. "
            f"Retry with a longer time limit, or check whether the file is unusually large or damaged.",
        ) from None
    except MemoryError:
        raise ExtractionError(
            "too_large", f"Reading this {found.name.upper()} needed more memory than is available "
            "(an ingest worker may use what --max-memory allows)."
        ) from None
    except OSError as error:
        # Only errors of the file system mean "cannot read"; parsers raise OSError for bad content
        # too (a seek to a negative offset read from a damaged header gives EINVAL).
        if error.errno in _READ_ERRNOS:
            raise _unreadable(path, error.strerror or str(error)) from None
        raise _corrupt(found, error) from None
    except Exception as error:  # the parsing libraries raise all sorts; to us they all mean "damaged"
        raise _corrupt(found, error) from None


def _corrupt(found: Format, error: BaseException) -> ExtractionError:
    detail = str(error).strip() or type(error).__name__
    return ExtractionError(
        "corrupt",
        f"The file looks like {found.name.upper()} but could not be read: {detail}. "
        f"It is probably damaged; open and save it again, or fetch the original again.",
    )


def extract_file(path: str | os.PathLike, limits: Limits = Limits()) -> dict:
    """The text and native metadata of one file, or ExtractionError(code, message).

    Returns {"format", "mime", "text", "pages", "native", "extractor", "extractor_version", "ocr"};
    native holds only keys that have a value. Text beyond limits.max_text_chars is cut off and
    native["truncated"] is then True. Pages without a usable text layer are read by OCR as
    limits.ocr says; "ocr" is then {"engine", "languages", "pages" (1-based), "confidence"}, else None.
    """
    path = Path(path)
    size = _stat_regular_file(path).st_size
    if size == 0:
        raise ExtractionError("empty_text", "The file is empty (0 bytes). Check whether it was copied completely.")
    if size > limits.max_bytes:
        raise ExtractionError(
            "too_large",
            f"The file is {_mb(size)}, more than the limit of {_mb(limits.max_bytes)}. "
            f"Split it, or raise the size limit if it really belongs in the archive.",
        )
    head = _read_head(path)
    found = _identify(path, head)
    if found is None:
        raise ExtractionError(
            "unsupported_format",
            "The kind of file is not recognised (it is not PDF, DOCX, ODT, HTML, Markdown, plain text "
            "or publication XML). "
            "Save it as PDF or DOCX if it is a document.",
        )
    if isinstance(found, Refusal):
        raise ExtractionError(found.code, found.message)

    text, raw = _run(found, path, limits)
    native = {key: value for key, value in raw.get("native", {}).items() if value not in (None, "", [], {})}
    recognised = run_ocr(found, path, text.split("\f"), limits)
    if recognised.record:
        text = normalise_text("\f".join(recognised.pages))
    if not text.strip():
        raise ExtractionError("empty_text", empty_message(found, recognised))
    if len(text) > limits.max_text_chars:
        text = text[: limits.max_text_chars]
        native["truncated"] = True
    return {
        "format": found.name,
        "mime": raw.get("mime") or found.mime,
        "text": text,
        "pages": raw.get("pages"),
        "native": native,
        "extractor": found.extractor,
        "extractor_version": found.extractor_version,
        "ocr": recognised.record,
    }
