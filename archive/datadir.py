"""Layout of a data folder: originals/, catalog.sqlite3 and index/."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATA_DIR = "fusiearchief-data"
ENV_VAR = "FUSIEARCHIEF_DATA"


def resolve_data_dir(option: str | os.PathLike | None) -> Path:
    """The data folder from the command-line option, else the environment, else the default."""
    chosen = option or os.environ.get(ENV_VAR) or DEFAULT_DATA_DIR
    return Path(chosen).expanduser().resolve()


@dataclass(frozen=True)
class DataDir:
    root: Path

    @property
    def originals(self) -> Path:
        return self.root / "originals"

    @property
    def catalog_path(self) -> Path:
        return self.root / "catalog.sqlite3"

    @property
    def index_dir(self) -> Path:
        return self.root / "index"

    @property
    def ingest_lock(self) -> Path:
        return self.root / "ingest.lock"

    def exists(self) -> bool:
        return self.catalog_path.exists()

    def create(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self.originals.mkdir(exist_ok=True)
        self.index_dir.mkdir(exist_ok=True)
