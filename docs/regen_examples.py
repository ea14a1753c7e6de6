"""Rewrite the output of every `$ magcli ...` session in README.md and docs/*.md from a
real run at 80 columns: python docs/regen_examples.py

tests/test_readme.py runs the same sessions the same way and fails on any difference.
A session that pipes magcli into another command runs through bash; one that redirects
(`<`, `>`) is left as written.
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# A fenced block: its language (none for a terminal session), its text. A fence with a
# language ("```toml") opens a block of its own, so that it never pairs with the next.
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def sessions(text: str) -> list[tuple[str, str]]:
    """(command, output as written) for each magcli command in a code block."""
    found = []
    for language, block in BLOCK.findall(text):
        if language:
            continue
        for part in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, _, output = part.partition("\n")
            if runnable(command):
                found.append((command, output))
    return found


def runnable(command: str) -> bool:
    """A magcli command, perhaps piped into another; not one that redirects to a file."""
    return command.startswith("magcli ") and not set("<>") & set(command)


def run(command: str) -> str:
    """What the command prints at 80 columns (stdout and stderr, as a terminal shows
    them), run from the checkout: through magcli's own entry point, or through the shell
    when it pipes into another command."""
    if "|" in command:
        return shell(command)
    from typer.testing import CliRunner

    from magcli.__main__ import main

    with CliRunner().isolation(env=ENV) as streams:
        try:
            main(shlex.split(command)[1:])
        except SystemExit:
            pass
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
        output = streams[2].getvalue()
    return output.decode("utf-8")


ENV = {"COLUMNS": "80", "MAGCLI_NO_CACHE": "1"}


def shell(command: str) -> str:
    """A pipeline, run by bash with this Python's magcli first on the PATH."""
    import os
    import subprocess

    path = os.pathsep.join([os.path.dirname(sys.executable), os.environ.get("PATH", "")])
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        cwd=ROOT,
        env={**os.environ, **ENV, "PATH": path},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        timeout=60,
    )
    return done.stdout.decode("utf-8")


def regenerate(text: str) -> str:
    def block(match: re.Match[str]) -> str:
        if match.group(1):  # a file's text, not a session
            return match.group(0)
        parts = re.split(r"^\$ ", match.group(2), flags=re.MULTILINE)
        out = [parts[0]]
        for part in parts[1:]:
            command, _, output = part.partition("\n")
            out.append(f"{command}\n{run(command) if runnable(command) else output}")
        return "```\n" + "$ ".join(out) + "```"

    return BLOCK.sub(block, text)


if __name__ == "__main__":
    import os

    os.chdir(ROOT)  # sessions name files relative to the checkout
    for page in PAGES:
        before = page.read_text(encoding="utf-8")
        after = regenerate(before)
        if after != before:
            page.write_text(after, encoding="utf-8")
            sys.stdout.write(f"rewrote {page.relative_to(ROOT)}\n")
