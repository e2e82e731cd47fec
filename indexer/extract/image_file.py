"""Scanned pages delivered as images (PNG, JPEG, TIFF): all their text comes from OCR.

Extraction only opens the image and counts its frames (a multi-page TIFF is one page per frame);
the text is recognised afterwards by the OCR step, which gets the pages from `render`.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PIL import Image, ImageOps
from PIL import __version__ as PILLOW_VERSION

from indexer.extract.limits import Limits
from indexer.extract.registry import Format

# PNG, JPEG, TIFF (little- and big-endian): what scanners deliver.
_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
# A larger scan is scaled down for OCR; Pillow refuses images far beyond its own limit outright
# (a decompression bomb), which reads as a damaged file.
MAX_PAGE_PIXELS = 40_000_000


def sniff(head: bytes, path: Path) -> bool:
    return head.startswith(_MAGIC)


def extract(path: Path, limits: Limits) -> dict:
    with Image.open(path) as image:
        image.load()  # a truncated or damaged image fails here rather than during OCR
        frames = getattr(image, "n_frames", 1)
        mime = Image.MIME.get(image.format or "", "application/octet-stream")
        native = {}
        dpi = image.info.get("dpi")
        if dpi and dpi[0]:
            native["dpi"] = round(float(dpi[0]))
    return {"text": "\f".join([""] * frames), "pages": frames, "native": native, "mime": mime}


def render(path: Path, indexes: list[int]) -> Iterator[tuple[int, Image.Image]]:
    with Image.open(path) as image:
        for index in indexes:
            image.seek(index)
            # A photo taken on its side carries its orientation in EXIF rather than in its pixels.
            page = ImageOps.exif_transpose(image.copy())
            pixels = page.width * page.height
            if pixels > MAX_PAGE_PIXELS:
                factor = (MAX_PAGE_PIXELS / pixels) ** 0.5
                page = page.resize((max(1, int(page.width * factor)), max(1, int(page.height * factor))))
            yield index, page


FORMAT = Format(
    name="image",
    mime="image/*",
    extensions=(".png", ".jpg", ".jpeg", ".tif", ".tiff"),
    sniff=sniff,
    extract=extract,
    extractor="pillow",
    extractor_version=PILLOW_VERSION,
    empty_message="The image holds no text layer.",
    render=render,
)
