"""Index generations on disk, the same for every engine.

Layout: `<index_dir>/CURRENT` names the live generation folder (`gen-N`), which holds one engine's
index, a SCHEMA_VERSION file and an ENGINE file (no ENGINE file: Whoosh, as before engines could be
chosen). A rebuild writes a new generation and switches CURRENT by an atomic rename, so searches go
on against the old one meanwhile and never see a half-built index; switching engines is such a
rebuild. `<index_dir>/ENGINE` records the engine chosen for the next build (`init --engine`,
`reindex --engine`).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from indexer.search.errors import IndexUnavailable
from indexer.search.schema import SCHEMA_VERSION

__all__ = ["Generations", "DEFAULT_ENGINE"]

DEFAULT_ENGINE = "whoosh"
_NO_INDEX = "The archive has no search index yet: run 'fusiearchief reindex'."


class Generations:
    def __init__(self, index_dir: str | Path):
        self.dir = Path(index_dir)

    def current(self) -> str | None:
        try:
            return (self.dir / "CURRENT").read_text().strip() or None
        except FileNotFoundError:
            return None

    def live(self) -> str:
        """The live generation; IndexUnavailable when there is none."""
        generation = self.current()
        if generation is None:
            raise IndexUnavailable(_NO_INDEX)
        return generation

    def path(self, generation: str | None = None) -> Path:
        return self.dir / (generation or self.live())

    def engine_of(self, generation: str) -> str:
        try:
            return (self.dir / generation / "ENGINE").read_text().strip() or DEFAULT_ENGINE
        except FileNotFoundError:
            return DEFAULT_ENGINE

    def current_engine(self) -> str | None:
        """The engine of the live generation; None when there is none."""
        for _ in range(5):
            generation = self.current()
            if generation is None:
                return None
            if (self.dir / generation).is_dir():
                return self.engine_of(generation)
        return None

    def chosen_engine(self) -> str:
        """The engine the next build uses: the recorded choice, else the live one, else the default."""
        try:
            chosen = (self.dir / "ENGINE").read_text().strip()
        except FileNotFoundError:
            chosen = ""
        return chosen or self.current_engine() or DEFAULT_ENGINE

    def choose_engine(self, engine: str) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        pointer = self.dir / "ENGINE.tmp"
        pointer.write_text(engine + "\n")
        os.replace(pointer, self.dir / "ENGINE")

    def schema_status(self) -> str:
        """'missing', 'outdated' (built with another schema or analysis) or 'ok'."""
        for _ in range(5):
            generation = self.current()
            if generation is None:
                return "missing"
            try:
                built_with = (self.dir / generation / "SCHEMA_VERSION").read_text().strip()
            except FileNotFoundError:
                # A rebuild switches CURRENT and then removes the old generation: read again.
                if self.current() != generation:
                    continue
                return "missing"
            return "ok" if built_with == SCHEMA_VERSION else "outdated"
        return "missing"

    def check_readable(self) -> None:
        """IndexUnavailable, with what to do, unless the live generation can be searched."""
        status = self.schema_status()
        if status == "missing":
            raise IndexUnavailable(_NO_INDEX, code="index_missing")
        if status == "outdated":
            raise IndexUnavailable("The search index was built by another version of Fusiearchief: "
                                   "run 'fusiearchief reindex' to rebuild it from the archive.", code="index_outdated")

    def new(self, engine: str) -> Path:
        """An empty generation folder for `engine`, not yet live."""
        self.dir.mkdir(parents=True, exist_ok=True)
        numbers = [int(p.name[4:]) for p in self.dir.glob("gen-*") if p.name[4:].isdigit()]
        path = self.dir / f"gen-{max(numbers, default=0) + 1}"
        path.mkdir(parents=True)
        (path / "SCHEMA_VERSION").write_text(SCHEMA_VERSION + "\n")
        (path / "ENGINE").write_text(engine + "\n")
        return path

    def switch_to(self, generation: Path) -> None:
        pointer = self.dir / "CURRENT.tmp"
        with open(pointer, "w") as out:
            out.write(generation.name + "\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(pointer, self.dir / "CURRENT")
        for old in self.dir.glob("gen-*"):
            if old.name != generation.name:
                shutil.rmtree(old, ignore_errors=True)

    def remove_unnamed(self) -> int:
        """Delete generations CURRENT does not name (a rebuild or first build killed before its
        switch) and a pointer left half-written; how many generations went. Only for the holder
        of the data folder's writer lock."""
        current = self.current()
        removed = 0
        for path in self.dir.glob("gen-*"):
            if path.name != current:
                shutil.rmtree(path, ignore_errors=True)
                removed += 1
        (self.dir / "CURRENT.tmp").unlink(missing_ok=True)
        return removed
