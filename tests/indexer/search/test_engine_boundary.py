"""Only the Whoosh engine's package imports whoosh, and only the tantivy engine's imports tantivy:
everything else reaches an engine through indexer.search's boundary."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
APPLICATION = ["archive", "indexer", "webui", "cli.py", "benchmarks"]


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def sources() -> list[Path]:
    found = []
    for entry in APPLICATION:
        path = ROOT / entry
        found.extend([path] if path.is_file() else sorted(path.rglob("*.py")))
    return found


def test_only_each_engine_package_imports_its_engine():
    offenders = []
    for path in sources():
        relative = path.relative_to(ROOT).as_posix()
        modules = imported_modules(path)
        for engine in ("whoosh", "tantivy"):
            if engine in modules and not relative.startswith(f"indexer/search/{engine}/"):
                offenders.append(f"{relative} imports {engine}")
    assert len(sources()) > 50
    assert offenders == []
