"""Documentation that fails the build when it falls behind the code (commands, options, README contract)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

from cli import main

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "docs"))


def test_cli_reference_is_generated_from_current_help():
    import generate_cli_reference

    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == generate_cli_reference.reference(), (
        "docs/cli.md is stale: run python docs/generate_cli_reference.py"
    )


def test_readme_mentions_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in main.commands if f"fusiearchief {name}" not in readme]
    assert missing == [], f"README.md does not mention: {missing}"


def test_every_option_has_help_text():
    undocumented = [
        f"{name} {param.opts[0]}"
        for name, command in main.commands.items()
        for param in command.params
        if param.param_type_name == "option" and not param.help
    ]
    assert undocumented == []


def test_readme_starts_with_the_two_commands_and_ci_runs_the_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:sh|bash)?\n(.*?)```", readme, re.S)
    assert "fusiearchief ingest corpus/documents" in blocks[0] and "fusiearchief serve" in blocks[0]
    test_command = blocks[1].strip()
    assert "pytest" in test_command
    assert test_command in (ROOT / ".ci" / "run").read_text()
