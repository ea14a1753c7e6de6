"""Every `$ magcli ...` session in the README prints exactly what the README shows."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from conftest import Run

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def sessions() -> list[tuple[str, str]]:
    """(command, expected output) for each plain magcli command in a code block."""
    found = []
    for block in re.findall(r"^```\n(.*?)^```$", README, flags=re.MULTILINE | re.DOTALL):
        parts = re.split(r"^\$ ", block, flags=re.MULTILINE)
        for part in parts[1:]:
            command, _, output = part.partition("\n")
            if command.startswith("magcli ") and not set("|<>") & set(command):
                found.append((command, output))
    return found


SESSIONS = sessions()


def test_readme_has_sessions() -> None:
    assert len(SESSIONS) >= 5


@pytest.mark.parametrize(("command", "expected"), SESSIONS, ids=[c for c, _ in SESSIONS])
def test_session_output_is_real(
    run: Run, monkeypatch: pytest.MonkeyPatch, command: str, expected: str
) -> None:
    monkeypatch.chdir(ROOT)
    result = run(shlex.split(command)[1:], env={"COLUMNS": "80"})
    assert result.output == expected
