"""The OCR step of extraction: which pages need recognising, recognising them, and the record of it.

It runs after the format's own extraction, on the pages that extraction left without a usable text
layer (`--ocr auto`) or on every page (`--ocr always`), each page within `limits.ocr_timeout_s`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from indexer.extract import ocr
from indexer.extract.errors import ExtractionError
from indexer.extract.limits import DeadlinePassed, Limits, deadline
from indexer.extract.registry import Format

# Rendering a page (outside Tesseract's own per-page limit) gets this much on top of the pages' time.
RENDER_SLACK_S = 10.0


@dataclass
class OcrOutcome:
    pages: list[str]
    record: dict | None = None  # {"engine", "languages", "pages", "confidence"} when OCR ran
    skipped_because: str | None = None  # why pages that needed OCR were not recognised
    needed: list[int] = field(default_factory=list)


def pages_to_read(pages: list[str], mode: str) -> list[int]:
    if mode == "never":
        return []
    if mode == "always":
        return list(range(len(pages)))
    return [index for index, text in enumerate(pages) if not ocr.usable_text(text)]


def run_ocr(found: Format, path: Path, pages: list[str], limits: Limits) -> OcrOutcome:
    """The pages with recognised text put in; the original file is only read."""
    if limits.ocr not in ocr.OCR_MODES:
        raise ValueError(f"unknown OCR mode {limits.ocr!r}")
    if found.render is None:
        return OcrOutcome(pages)
    needed = pages_to_read(pages, limits.ocr)
    outcome = OcrOutcome(list(pages), needed=needed)
    if limits.ocr == "never":
        outcome.needed = pages_to_read(pages, "auto")
        outcome.skipped_because = "OCR was switched off (--ocr never); 'fusiearchief ingest --retry-failed' reads it by OCR."
        return outcome
    if not needed:
        return outcome
    try:
        engine = ocr.engine()
    except ocr.OcrUnavailable as error:
        outcome.skipped_because = str(error)
        return outcome

    read: list[ocr.PageText] = []
    done: list[int] = []
    budget = limits.ocr_timeout_s * len(needed) + RENDER_SLACK_S
    try:
        with deadline(budget):
            for index, image in found.render(path, needed):
                page = ocr.recognise(image, limits.ocr_timeout_s, what=f"page {index + 1}")
                # A blank page read as blank does not make the document's text OCR'd; with "always"
                # a page keeps its text layer when OCR reads less of it.
                letters = sum(ch.isalpha() for ch in page.text)
                if letters and letters >= sum(ch.isalpha() for ch in outcome.pages[index]):
                    outcome.pages[index] = page.text
                    read.append(page)
                    done.append(index)
    except (ocr.OcrTimeout, DeadlinePassed) as error:
        detail = str(error) if isinstance(error, ocr.OcrTimeout) else f"OCR of {len(needed)} pages took longer than {budget:g} s"
        raise ExtractionError(
            "timeout",
            f"Text recognition (OCR) was stopped: {detail}. Retry with a longer limit per page "
            f"(--ocr-timeout), or check whether the scan is unusually large.",
        ) from None
    except ocr.OcrFailed as error:
        raise ExtractionError("ocr_failed", f"Text recognition (OCR) failed: {error}. The original is kept; "
                              "retry with 'fusiearchief ingest --retry-failed'.") from None
    except ExtractionError:
        raise
    except Exception as error:  # the page could not be rendered: pdfium or Pillow gave up on it
        raise ExtractionError(
            "ocr_failed",
            f"A page could not be turned into an image for text recognition (OCR): "
            f"{str(error).strip() or type(error).__name__}.",
        ) from None
    if done:
        outcome.record = {
            "engine": engine.name,
            "languages": engine.languages,
            "pages": [index + 1 for index in done],
            "confidence": ocr.mean_confidence(read),
        }
    return outcome


def empty_message(found: Format, outcome: OcrOutcome) -> str:
    """Why a file ended without text, and what to do about it."""
    if outcome.skipped_because and outcome.needed:
        return f"{found.empty_message} Its text needs OCR (text recognition). {outcome.skipped_because}"
    if outcome.needed:
        return (f"{found.empty_message} Text recognition (OCR) found no text on it either: "
                "it may be a picture, an empty page, or too faint a scan.")
    return found.empty_message
