"""The import graph keeps its layers: the front ends (cli.py, webui/) above one application core
(indexer/service/), the core above archive, extract, detect, ingest and search; only the core opens
the catalog and the search index together; each engine's package alone imports its engine."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Light leaf modules a front end may import before (or without) the core: the error base, and where
# the data folder is ('fusiearchief --help' must not load the search engines).
FRONT_END_MAY_IMPORT = ("indexer.service", "archive.errors", "archive.datadir")


def modules() -> dict[str, Path]:
    found = {"cli": ROOT / "cli.py"}
    for package in ("archive", "indexer", "webui"):
        for path in (ROOT / package).rglob("*.py"):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            found[name] = path
    return found


def imports(path: Path) -> set[str]:
    """Every module named by an import anywhere in the file (functions included)."""
    named: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            named.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            named.add(node.module)
            named.update(f"{node.module}.{alias.name}" for alias in node.names)
    return named


def ours(name: str) -> bool:
    return name.split(".")[0] in ("archive", "indexer", "webui", "cli")


MODULES = modules()


def test_the_graph_is_read_from_every_module():
    assert {"cli", "indexer.service.core", "webui.app", "archive.catalog"} <= set(MODULES)


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n == "cli" or n.startswith("webui")))
def test_front_ends_use_only_the_core(name):
    below = {imported for imported in imports(MODULES[name]) if ours(imported) and not imported.startswith("webui")
             and imported != "cli"}
    outside = sorted(i for i in below if not i.startswith(FRONT_END_MAY_IMPORT))
    assert not outside, f"{name} reaches past the core: {outside}"


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n.split(".")[0] in ("archive", "indexer")
                                        and not n.startswith("indexer.service")))
def test_lower_layers_never_import_upwards(name):
    upward = sorted(i for i in imports(MODULES[name]) if i.startswith(("indexer.service", "webui", "cli"))
                    or (name.startswith("archive") and i.startswith("indexer")))
    assert not upward, f"{name} imports a layer above it: {upward}"


def test_only_the_core_opens_the_catalog_and_the_index_together():
    def opens_catalog(names: set[str]) -> bool:
        return "archive.Catalog" in names or "archive.catalog.Catalog" in names

    def opens_index(names: set[str]) -> bool:
        return any(n in names for n in ("indexer.search.SearchIndex", "indexer.search.backend.SearchIndex",
                                        "indexer.service.sync.open_index"))

    both = sorted(name for name, path in MODULES.items()
                  if not name.startswith("indexer.service") and opens_catalog(imports(path))
                  and opens_index(imports(path)))
    assert not both, f"outside the core, these open the catalog and the index together: {both}"


@pytest.mark.parametrize("engine", ["whoosh", "tantivy"])
def test_only_an_engines_package_imports_it(engine):
    users = sorted(name for name, path in MODULES.items()
                   if any(i == engine or i.startswith(f"{engine}.") for i in imports(path))
                   and not name.startswith(f"indexer.search.{engine}"))
    assert not users, f"{engine} is imported outside indexer/search/{engine}/: {users}"
