"""The progress display for terminals: tqdm's bar (done/total, files per second, time to go), redrawn
to fit the terminal's width as it is now; silent when the stream is not a terminal."""
from __future__ import annotations

import sys
from typing import TextIO

from tqdm import tqdm

NOTE_CHARS = 40
REDRAW_SECONDS = 0.2
# tqdm's default turns a slow rate into "1.17s/ files"; always "0.9 files/s" reads better.
BAR_FORMAT = "{l_bar}{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}, {rate_noinv_fmt}{postfix}]"


class Progress:
    """advance() after each file, finish() at the end; note names the file just done."""

    def __init__(self, total: int, *, stream: TextIO | None = None, enabled: bool | None = None, label: str = "",
                 unit: str = "files"):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total = total
        self.done = 0
        self.pages = 0  # pages read by OCR, shown beside the file count
        self.label = label.strip()
        self.unit = unit
        # dynamic_ncols: the width is asked again at every redraw, so a resized terminal is followed and
        # a narrow one gets a shorter bar instead of wrapped lines.
        self._bar = tqdm(total=total, file=self.stream, disable=not self.enabled, desc=self.label or None,
                         unit=f" {unit}", bar_format=BAR_FORMAT, dynamic_ncols=True, mininterval=REDRAW_SECONDS, leave=True,
                         smoothing=0.1)

    def advance(self, count: int = 1, note: str = "", pages: int = 0) -> None:
        self.done += count
        self.pages += pages
        if self.enabled and (note or pages):
            self._bar.set_postfix_str(self._postfix(note), refresh=False)
        self._bar.update(count)

    def _postfix(self, note: str) -> str:
        ocr = f"{self.pages} pages OCR" if self.pages else ""
        return ", ".join(part for part in (ocr, note[:NOTE_CHARS]) if part)

    def line(self, width: int | None = None) -> str:
        """The display as text (what a terminal of `width` columns shows)."""
        return tqdm.format_meter(self.done, self.total, self._bar.format_dict["elapsed"], ncols=width,
                                 prefix=self.label, unit=f" {self.unit}", bar_format=BAR_FORMAT,
                                 postfix=self._postfix("") or None)

    def finish(self) -> None:
        self._bar.close()
