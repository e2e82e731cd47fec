"""A budget for what PDF streams may inflate to, so a flate bomb (a small file whose stream unpacks
to gigabytes) stops at the budget instead of filling memory.

pdfminer.six inflates each stream with one zlib.decompress call, which neither a size check nor the
SIGALRM deadline can interrupt. `bounded` swaps that module's zlib for one that inflates in steps
and counts; `budget` sets how much a file may unpack in all.
"""
from __future__ import annotations

import threading
import types
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

_STEP = 8 * 1024 * 1024
_state = threading.local()


class InflateBudgetExceeded(BaseException):
    """A BaseException, like DeadlinePassed: pdfminer's broad `except Exception` must not swallow it."""

    def __init__(self, limit: int):
        super().__init__(limit)
        self.limit = limit


def _spend(amount: int) -> None:
    left = getattr(_state, "left", None)
    if left is None:
        return
    _state.left = left - amount
    if _state.left < 0:
        raise InflateBudgetExceeded(_state.limit)


def decompress(data: bytes, wbits: int = zlib.MAX_WBITS, bufsize: int = zlib.DEF_BUF_SIZE) -> bytes:
    """zlib.decompress, in steps of _STEP bytes, each charged to the budget before the next."""
    inflater = zlib.decompressobj(wbits)
    parts = [inflater.decompress(data, _STEP)]
    _spend(len(parts[-1]))
    while inflater.unconsumed_tail and not inflater.eof:
        parts.append(inflater.decompress(inflater.unconsumed_tail, _STEP))
        _spend(len(parts[-1]))
    if not inflater.eof:
        # As zlib.decompress does, so that pdfminer still tries its repair of damaged streams.
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return b"".join(parts)


class _CountingInflater:
    def __init__(self, inflater):
        self._inflater = inflater

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        out = self._inflater.decompress(data, max_length)
        _spend(len(out))
        return out

    def __getattr__(self, name: str):
        return getattr(self._inflater, name)


def decompressobj(*args, **kwargs) -> _CountingInflater:
    return _CountingInflater(zlib.decompressobj(*args, **kwargs))


def bounded(module: types.ModuleType) -> None:
    """Make `module` (one that did `import zlib`) inflate through the budget."""
    shim = types.SimpleNamespace(**{name: getattr(zlib, name) for name in dir(zlib) if not name.startswith("__")})
    shim.decompress = decompress
    shim.decompressobj = decompressobj
    vars(module)["zlib"] = shim  # the module's global: its functions look `zlib` up when called


@contextmanager
def budget(limit: int) -> Iterator[None]:
    """Within the block, streams may inflate to `limit` bytes in all; beyond, InflateBudgetExceeded."""
    _state.left, _state.limit = limit, limit
    try:
        yield
    finally:
        _state.left = None
