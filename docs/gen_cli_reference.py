"""Write docs/cli.md from magcli's real --help output: python docs/gen_cli_reference.py

The test suite builds the same text and fails when docs/cli.md differs from it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from typer.testing import CliRunner

from magcli.__main__ import main
from magcli.cli import command_names

TARGET = Path(__file__).with_name("cli.md")
# Every command, in the order `magcli --help` lists them.
COMMANDS = command_names()


def help_text(*args: str) -> str:
    """The help a user sees at 80 columns, without colour: the real command's, through
    the same entry point as the installed `magcli`."""
    code: object = 0
    with CliRunner().isolation(env={"COLUMNS": "80", "NO_COLOR": "1"}) as (out, err, _):
        try:
            main([*args, "--help"])
        except SystemExit as exit:
            code = exit.code
        stdout, stderr = out.getvalue().decode(), err.getvalue().decode()
    if code != 0:
        raise SystemExit(f"magcli {' '.join(args)} --help failed: {stderr}")
    return stdout.rstrip() + "\n"


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
