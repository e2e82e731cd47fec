"""Text recognition (OCR) of page images with Tesseract, through pytesseract.

pytesseract runs the `tesseract` program once per page and gives every word with its confidence
(image_to_data), which is what we record; the program runs as a child of the worker process, so a
page that hangs is killed by its own time limit. Tesseract's Dutch model (`nld`) is required;
Frisian (`fry`) and English (`eng`) are added when installed. Without Tesseract or the Dutch model
`engine()` says what to install and the files stay `empty_text` until a retry.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

OCR_MODES = ("auto", "always", "never")
REQUIRED_LANGUAGE = "nld"
EXTRA_LANGUAGES = ("fry", "eng")
# FUSIEARCHIEF_TESSERACT names another tesseract program (a path or a name on PATH).
TESSERACT_ENV = "FUSIEARCHIEF_TESSERACT"
INSTALL_HINT = (
    "Install Tesseract with the Dutch model (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-nld) "
    "and run 'fusiearchief ingest --retry-failed'."
)
# A page whose text layer holds fewer letters than this is treated as a scan: a scanner's stamp
# ("Ingekomen 12-03") or a page number is not the page's text.
MIN_LETTERS = 20
# Words Tesseract itself trusts this little are specks and lines read as letters, not text.
MIN_WORD_CONFIDENCE = 20
# Below this mean confidence (over every word read, specks included) a page may be upside down or
# sideways: its orientation is checked then. Upright print reads at 90 or more, sideways near 50.
ROTATION_CHECK_BELOW = 70.0


class OcrUnavailable(Exception):
    """Tesseract or its Dutch model is missing; the message says what to install."""


class OcrFailed(Exception):
    """Tesseract crashed or refused the image."""


class OcrTimeout(Exception):
    """One page took longer than its time limit; the tesseract process was killed."""


@dataclass(frozen=True)
class Engine:
    command: str
    version: str
    languages: str  # Tesseract's "nld+fry+eng"

    @property
    def name(self) -> str:
        return f"tesseract {self.version}"


@dataclass(frozen=True)
class PageText:
    text: str
    confidences: tuple[float, ...]  # one per word kept
    raw_confidence: float = 0.0  # the mean over every word Tesseract returned


def usable_text(text: str) -> bool:
    """Whether a page's text layer carries the page's text (not only a stamp or a page number)."""
    return sum(ch.isalpha() for ch in text) >= MIN_LETTERS


@lru_cache(maxsize=4)
def _probe(command: str) -> Engine:
    try:
        import pytesseract
    except ImportError:
        raise OcrUnavailable("The Python package pytesseract is not installed (pip install pytesseract). "
                             + INSTALL_HINT) from None
    found = shutil.which(command)
    if not found:
        raise OcrUnavailable(f"OCR is not available: the program '{command}' was not found. {INSTALL_HINT}")
    pytesseract.pytesseract.tesseract_cmd = found
    try:
        version = str(pytesseract.get_tesseract_version())
        installed = set(pytesseract.get_languages(config=""))
    except Exception as error:  # a broken installation: say what went wrong, OCR stays off
        raise OcrUnavailable(f"OCR is not available: '{found}' does not run ({error}). {INSTALL_HINT}") from None
    if REQUIRED_LANGUAGE not in installed:
        raise OcrUnavailable(
            "OCR is not available: Tesseract's Dutch model is not installed "
            "(Debian/Ubuntu: apt-get install tesseract-ocr-nld); then run 'fusiearchief ingest --retry-failed'."
        )
    languages = "+".join([REQUIRED_LANGUAGE] + [lang for lang in EXTRA_LANGUAGES if lang in installed])
    return Engine(command=found, version=version, languages=languages)


def engine() -> Engine:
    """The Tesseract to use, or OcrUnavailable naming what to install. Probed once per process."""
    return _probe(os.environ.get(TESSERACT_ENV) or "tesseract")


def available() -> bool:
    try:
        engine()
    except OcrUnavailable:
        return False
    return True


def _words_to_page(data: dict) -> PageText:
    """Words grouped back into lines and paragraphs as Tesseract found them."""
    lines: dict[tuple[int, int, int], list[str]] = {}
    confidences: list[float] = []
    everything: list[float] = []
    for word, conf, block, par, line in zip(
        data["text"], data["conf"], data["block_num"], data["par_num"], data["line_num"], strict=True
    ):
        word = (word or "").strip()
        conf = float(conf)
        if word:
            everything.append(conf)
        if not word or conf < MIN_WORD_CONFIDENCE or not any(ch.isalnum() for ch in word):
            continue
        lines.setdefault((block, par, line), []).append(word)
        confidences.append(conf)
    paragraphs: dict[tuple[int, int], list[str]] = {}
    for (block, par, _), words in lines.items():
        paragraphs.setdefault((block, par), []).append(" ".join(words))
    text = "\n\n".join("\n".join(lines_of) for lines_of in paragraphs.values())
    return PageText(text=text, confidences=tuple(confidences), raw_confidence=_mean(everything))


def _mean(values: Iterable[float]) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def _tesseract(what: str, function, image, timeout_s: float, **options):
    """One run of the tesseract program; pytesseract kills it when `timeout_s` has passed."""
    import pytesseract

    try:
        return function(image, timeout=timeout_s, output_type=pytesseract.Output.DICT, **options)
    except pytesseract.TesseractError as error:
        raise OcrFailed(f"Tesseract failed on {what}: {str(error.message).strip() or error.status}") from None
    except RuntimeError as error:
        if "timeout" in str(error).lower():
            raise OcrTimeout(f"{what} took longer than {timeout_s:g} s") from None
        raise


def recognise(image, timeout_s: float, what: str = "the page") -> PageText:
    """The words Tesseract reads on one page image (a PIL image), turned upright when needed."""
    import pytesseract

    current = engine()
    # The ingest already runs one worker per core; Tesseract's own threads would only compete
    # (measured: a page took 50 s instead of 11 s on a busy machine).
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    image = _prepared(image)

    def read(picture) -> PageText:
        data = _tesseract(what, pytesseract.image_to_data, picture, timeout_s, lang=current.languages)
        return _words_to_page(data)

    page = read(image)
    if page.raw_confidence >= ROTATION_CHECK_BELOW or not page.confidences:
        return page
    turn = _orientation(image, timeout_s, what)
    if not turn:
        return page
    turned = read(image.rotate(-turn, expand=True, fillcolor=255))
    return turned if turned.raw_confidence > page.raw_confidence else page


def _orientation(image, timeout_s: float, what: str) -> int:
    """Degrees to turn the page clockwise to make it upright (0 when unsure or when it fails)."""
    import pytesseract

    try:
        osd = _tesseract(what, pytesseract.image_to_osd, image, timeout_s)
    except OcrFailed:  # too little text to tell the orientation: read it as it is
        return 0
    return int(osd.get("rotate") or 0) % 360


def _prepared(image):
    """Greyscale, with a white background behind transparency (Tesseract reads dark on light)."""
    from PIL import Image

    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, image)
    return image.convert("L") if image.mode != "L" else image


def mean_confidence(pages: Iterable[PageText]) -> float | None:
    confidences = [c for page in pages for c in page.confidences]
    return round(_mean(confidences), 1) if confidences else None
