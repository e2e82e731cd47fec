"""A progress line for terminals: done/total, files per second and the time still to go."""
from __future__ import annotations

import sys
import time
from typing import TextIO


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}u{seconds % 3600 // 60:02d}m"
    if seconds >= 60:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds}s"


class Progress:
    """Redraws one line on a terminal at most a few times a second; silent elsewhere."""

    def __init__(self, total: int, *, stream: TextIO | None = None, enabled: bool | None = None, label: str = ""):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total = total
        self.done = 0
        self.pages = 0  # pages read by OCR
        self.label = label
        self.started = time.monotonic()
        self._last_draw = 0.0

    def advance(self, count: int = 1, note: str = "", pages: int = 0) -> None:
        self.done += count
        self.pages += pages
        now = time.monotonic()
        if self.enabled and (now - self._last_draw > 0.2 or self.done >= self.total):
            self._last_draw = now
            self._draw(now, note)

    def line(self, now: float | None = None) -> str:
        now = time.monotonic() if now is None else now
        elapsed = max(now - self.started, 1e-6)
        rate = self.done / elapsed
        width = 28
        filled = int(width * self.done / self.total) if self.total else width
        eta = _duration((self.total - self.done) / rate) if rate > 0 and self.done < self.total else "-"
        return (
            f"{self.label}[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} "
            f"{rate:.1f} bestanden/s, nog {eta}"
            + (f", {self.pages} pagina's OCR" if self.pages else "")
        )

    def _draw(self, now: float, note: str) -> None:
        text = self.line(now)
        if note:
            text += f"  {note[:40]}"
        self.stream.write("\r" + text.ljust(100)[:120])
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
