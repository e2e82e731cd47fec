"""PDF: text per page with pdfminer.six, pages separated by form feeds; info dict and XMP metadata."""
from __future__ import annotations

import io
import logging
import math
import os
from collections.abc import Iterator
from pathlib import Path
import xml.etree.ElementTree as ET

import pdfminer
import pdfminer.pdftypes
from pdfminer.converter import TextConverter
from pdfminer.layout import LAParams
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFStream, resolve1
from pdfminer.psparser import PSLiteral
from pdfminer.utils import decode_text

from indexer.extract.cleanup import versioned
from indexer.extract.dates import any_date_to_iso, pdf_date_to_iso
from indexer.extract.errors import ExtractionError
from indexer.extract.inflate import InflateBudgetExceeded, bounded, budget
from indexer.extract.limits import Limits
from indexer.extract.registry import Format
from indexer.extract.xmlsafe import parse_xml

# pdfminer logs a warning for every oddity it repairs in a damaged file; a worker would flood the
# ingest's terminal with them. What matters is reported as the file's failure instead.
logging.getLogger("pdfminer").setLevel(logging.ERROR)
bounded(pdfminer.pdftypes)

_INFO_KEYS = {
    "Title": "title",
    "Author": "author",
    "Subject": "subject",
    "Keywords": "keywords",
    "Creator": "generator",  # the application that made it; "creator" is the organisation
    "Producer": "producer",
    "CreationDate": "created",
    "ModDate": "modified",
}
_DATE_KEYS = ("created", "modified")
_TAIL_BYTES = 2048

_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_XMP_KEYS = {
    "{http://purl.org/dc/elements/1.1/}title": "title",
    "{http://purl.org/dc/elements/1.1/}creator": "author",
    "{http://purl.org/dc/elements/1.1/}description": "subject",
    "{http://purl.org/dc/elements/1.1/}subject": "keywords",
    "{http://ns.adobe.com/pdf/1.3/}Keywords": "keywords",
    "{http://ns.adobe.com/pdf/1.3/}Producer": "producer",
    "{http://ns.adobe.com/xap/1.0/}CreatorTool": "generator",
    "{http://ns.adobe.com/xap/1.0/}CreateDate": "created",
    "{http://ns.adobe.com/xap/1.0/}ModifyDate": "modified",
}


def sniff(head: bytes, path: Path) -> bool:
    # The header may follow some junk, which readers accept within the first kilobyte.
    return b"%PDF-" in head[:1024]


def _check_complete(path: Path) -> None:
    # pdfminer rebuilds a missing cross-reference table and then quietly returns whatever pages it
    # could find; a file without its end marker was cut off, and half a text should not pass as
    # the whole document.
    with open(path, "rb") as fp:
        fp.seek(max(0, os.fstat(fp.fileno()).st_size - _TAIL_BYTES))
        if b"%%EOF" not in fp.read():
            raise ExtractionError(
                "corrupt",
                "The PDF is incomplete (its end-of-file marker is missing); it was probably cut off "
                "while downloading or copying. Fetch or copy the original again.",
            )


def _value(obj) -> str | None:
    obj = resolve1(obj)
    if isinstance(obj, bytes):
        obj = decode_text(obj)
    elif isinstance(obj, PSLiteral):
        obj = str(obj.name)
    if not isinstance(obj, str):
        return None
    return obj.replace("\x00", "").strip() or None


def _info_metadata(document: PDFDocument) -> dict:
    native = {}
    for info in document.info:
        for key, name in _INFO_KEYS.items():
            if name not in native and key in info:
                value = _value(info[key])
                if value and name in _DATE_KEYS:
                    value = pdf_date_to_iso(value)
                if value:
                    native[name] = value
    return native


def _xmp_value(element: ET.Element) -> str | None:
    items = [(li, text) for li in element.iter(f"{_RDF}li") if (text := (li.text or "").strip())]
    if items:
        texts = [text for _, text in items]
        defaults = [text for li, text in items if li.get("{http://www.w3.org/XML/1998/namespace}lang") == "x-default"]
        if element.find(f"{_RDF}Alt") is not None:
            return (defaults or texts)[0]
        return "; ".join(texts)
    return (element.text or "").strip() or None


def _xmp_metadata(document: PDFDocument) -> dict:
    stream = resolve1(document.catalog.get("Metadata"))
    if not isinstance(stream, PDFStream):
        return {}
    try:
        root = parse_xml(stream.get_data())
    except Exception:  # a broken XMP packet costs us its metadata, never the document's text
        return {}
    native = {}
    for description in root.iter(f"{_RDF}Description"):
        pairs: list[tuple[str, str | None]] = [(key, value) for key, value in description.attrib.items()]
        pairs += [(child.tag, _xmp_value(child)) for child in description]
        for key, value in pairs:
            name = _XMP_KEYS.get(key)
            if name and value and name not in native:
                native[name] = any_date_to_iso(value) if name in _DATE_KEYS else value.strip()
    return {key: value for key, value in native.items() if value}


def _open_document(parser: PDFParser) -> PDFDocument:
    try:
        return PDFDocument(parser, password="")
    except PDFPasswordIncorrect:
        raise ExtractionError(
            "encrypted",
            "The PDF is protected with a password that is needed to open it. "
            "Ask the sender for an unprotected copy, or remove the password and add the file again.",
        ) from None
    except PDFEncryptionError as error:
        raise ExtractionError(
            "encrypted",
            f"The PDF is encrypted in a way that cannot be read ({error}). "
            "Save an unprotected copy (print to PDF) and add that instead.",
        ) from None


# Tesseract reads body text best at about 300 dpi, but rendering a 200 dpi scan at more than its
# own resolution only makes OCR slower (about twice as slow) without adding detail. A poster-sized
# page is scaled down so that one page image stays within a few tens of megabytes.
OCR_DPI = 300
MIN_OCR_DPI = 150
MAX_PAGE_PIXELS = 40_000_000


def _scan_dpi(page) -> float | None:
    """The resolution of the largest picture on the page (the scan), in dots per inch."""
    import pypdfium2.raw as pdfium_c

    best = None
    for image in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=1):
        left, bottom, right, top = image.get_bounds()
        width_px, _ = image.get_px_size()
        if right - left > 72 and (best is None or right - left > best[0]):
            best = (right - left, width_px / ((right - left) / 72))
    return best[1] if best else None


def render(path: Path, indexes: list[int]) -> Iterator[tuple[int, object]]:
    """The pages as greyscale PIL images for OCR (pdfium applies each page's rotation)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        for index in indexes:
            page = document[index]
            try:
                width, height = page.get_size()
                dpi = min(OCR_DPI, max(MIN_OCR_DPI, _scan_dpi(page) or OCR_DPI))
                scale = min(dpi / 72, math.sqrt(MAX_PAGE_PIXELS / max(width * height, 1.0)))
                yield index, page.render(scale=scale, grayscale=True).to_pil()
            finally:
                page.close()
    finally:
        document.close()


def extract(path: Path, limits: Limits) -> dict:
    try:
        with budget(limits.max_unpacked_bytes):
            return _extract(path, limits)
    except InflateBudgetExceeded as exceeded:
        raise ExtractionError(
            "too_large",
            f"The PDF's compressed streams unpack to more than {exceeded.limit // (1024 * 1024)} MB "
            "(it may be a decompression bomb); it was not read further.",
        ) from None


def _extract(path: Path, limits: Limits) -> dict:
    _check_complete(path)
    with open(path, "rb") as fp:
        document = _open_document(PDFParser(fp))
        native = _info_metadata(document)
        for key, value in _xmp_metadata(document).items():
            native.setdefault(key, value)

        output = io.StringIO()
        resources = PDFResourceManager(caching=True)
        converter = TextConverter(resources, output, laparams=LAParams())
        interpreter = PDFPageInterpreter(resources, converter)
        pages: list[str] = []
        count = 0
        collected = 0
        for page in PDFPage.create_pages(document):
            count += 1
            # Beyond the text limit the rest is only counted, which is cheap; reading it is not.
            if collected > limits.max_text_chars:
                continue
            interpreter.process_page(page)
            # TextConverter ends each page with a form feed; we put exactly one between pages.
            pages.append(output.getvalue().rstrip("\f"))
            collected += len(pages[-1])
            output.seek(0)
            output.truncate()
        converter.close()
    if count == 0:
        raise ExtractionError(
            "corrupt", "The PDF has no pages that can be found. It is damaged; fetch the original again."
        )
    return {"text": "\f".join(pages), "pages": count, "native": native}


FORMAT = Format(
    name="pdf",
    mime="application/pdf",
    extensions=(".pdf",),
    sniff=sniff,
    extract=extract,
    extractor="pdfminer.six",
    extractor_version=versioned(pdfminer.__version__),
    empty_message="The PDF has no text layer (probably a scan or only images).",
    render=render,
)
