"""Every `$ magcli ...` session in the README and docs/ prints exactly what the page
shows (python docs/regen_examples.py rewrites them from real runs)."""

from __future__ import annotations

import importlib.util
import shlex
from pathlib import Path

import pytest

from conftest import Run

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("regen_examples", ROOT / "docs" / "regen_examples.py")
assert spec is not None and spec.loader is not None
examples = importlib.util.module_from_spec(spec)
spec.loader.exec_module(examples)

SESSIONS = [
    (page.relative_to(ROOT).as_posix(), command, output)
    for page in examples.PAGES
    for command, output in examples.sessions(page.read_text(encoding="utf-8"))
]


def test_pages_have_sessions() -> None:
    assert len([page for page, _, _ in SESSIONS if page == "README.md"]) >= 5
    assert any("|" in command for _, command, _ in SESSIONS)  # pipelines are run too


@pytest.mark.parametrize(
    ("page", "command", "expected"), SESSIONS, ids=[f"{p}: {c}" for p, c, _ in SESSIONS]
)
def test_session_output_is_real(
    run: Run, monkeypatch: pytest.MonkeyPatch, page: str, command: str, expected: str
) -> None:
    monkeypatch.chdir(ROOT)
    if "|" in command:  # a pipeline: run by the shell, with this magcli on the PATH
        output = examples.shell(command)
    else:
        output = run(shlex.split(command)[1:], env={"COLUMNS": "80"}).output
    assert output == expected, f"{page} is stale: run python docs/regen_examples.py"
