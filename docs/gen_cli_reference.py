"""Write docs/cli.md from magcli's real --help output: python docs/gen_cli_reference.py

The test suite builds the same text and fails when docs/cli.md differs from it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from typer.testing import CliRunner

from magcli.cli import app

TARGET = Path(__file__).with_name("cli.md")
# Every command, in the order `magcli --help` lists them.
COMMANDS = [str(command.name or command.callback.__name__) for command in app.registered_commands]


def help_text(*args: str) -> str:
    """The help a user sees at 80 columns, without colour."""
    result = CliRunner().invoke(
        app, [*args, "--help"], prog_name="magcli", env={"COLUMNS": "80", "NO_COLOR": "1"}
    )
    if result.exit_code != 0:
        raise SystemExit(f"magcli {' '.join(args)} --help failed: {result.output}")
    return result.stdout.rstrip() + "\n"


def reference() -> str:
    """The whole reference page."""
    parts = [
        "# magcli command reference\n",
        "Generated from `magcli --help` by `python docs/gen_cli_reference.py`; "
        "do not edit by hand.\n",
        "## magcli\n",
        "```\n" + help_text() + "```\n",
    ]
    for command in COMMANDS:
        parts.append(f"## magcli {command}\n")
        parts.append("```\n" + help_text(command) + "```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    TARGET.write_text(reference(), encoding="utf-8")
    sys.stdout.write(f"wrote {TARGET}\n")
