"""Which format a file is, judged by its content: the declarative list of formats we know.

Every extractor module declares one `Format`; formats we recognise but do not read declare a
`Refusal` with the failure they give. `identify` tries the sniffers in order (the most specific
first) and returns the first that claims the file.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from indexer.extract.limits import Limits

HEAD_BYTES = 8192

# sniff(head, path): head is the first HEAD_BYTES of the file; path is there for formats that
# must look further (the ZIP directory), never for the extension.
Sniffer = Callable[[bytes, Path], bool]


@dataclass(frozen=True)
class Format:
    name: str
    mime: str
    extensions: tuple[str, ...]
    sniff: Sniffer
    # extract(path, limits) -> {"text": str, "pages": int | None, "native": dict}
    extract: Callable[[Path, Limits], dict]
    extractor: str
    extractor_version: str
    # Said when the file holds no text at all: what the user should do about it.
    empty_message: str = "The file contains no text. Check whether it is the right file."
    # render(path, page indexes) -> (index, PIL image) per page, for OCR; None: nothing to OCR.
    render: Callable[[Path, list[int]], Iterator[tuple[int, object]]] | None = None


@dataclass(frozen=True)
class Refusal:
    """A kind of file we recognise and knowingly do not read; `code` and `message` are the failure."""

    name: str
    sniff: Sniffer
    code: str
    message: str


def identify(head: bytes, path: Path, known: tuple[Format | Refusal, ...]) -> Format | Refusal | None:
    for candidate in known:
        try:
            claimed = candidate.sniff(head, path)
        except Exception:  # a sniffer that trips over a damaged file simply does not claim it
            claimed = False
        if claimed:
            return candidate
    return None
