"""Write docs/cli.md from the commands' own --help texts, so the reference never drifts from the code.

Run: python docs/generate_cli_reference.py   (tests/test_docs.py fails when docs/cli.md is stale)
"""
from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cli import main  # noqa: E402

TARGET = ROOT / "docs" / "cli.md"


def reference() -> str:
    runner = CliRunner()
    parts = ["# fusiearchief command reference\n",
             "Generated from `--help` by `python docs/generate_cli_reference.py`; do not edit by hand.\n"]
    commands = [[]] + [[name] for name in sorted(main.commands)]
    for args in commands:
        title = " ".join(["fusiearchief", *args])
        output = runner.invoke(main, [*args, "--help"], prog_name="fusiearchief", terminal_width=100).output
        parts.append(f"## {title}\n\n```\n{output.rstrip()}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    TARGET.write_text(reference(), encoding="utf-8")
    print(f"wrote {TARGET}")
