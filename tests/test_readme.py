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


def test_the_readme_lists_every_command_with_an_example_that_works(run: Run) -> None:
    """One table of the commands, each with one to try: the registry's every command,
    and each example runs."""
    import shlex

    from magcli.commands import names

    text = (ROOT / "README.md").read_text()
    table = text.split("## Commands", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    listed = [row.split("`")[1] for row in rows]
    assert listed == [name for name in names()]
    for row in rows:
        example = row.rsplit("| `", 1)[1].rsplit("` |", 1)[0]
        words = shlex.split(example)
        assert words[0] == "magcli" and words[1] == row.split("`")[1]
        result = run(words[1:])
        assert result.exit_code == 0, (example, result.stderr)
    assert "magcli --install-completion" in table


FIRST_SCREEN = 24  # rows of an 80x24 terminal


@pytest.mark.parametrize(
    ("page", "command", "shown"), SESSIONS, ids=[f"{p}: {c}" for p, c, _ in SESSIONS]
)
def test_every_session_fits_a_first_screen(page: str, command: str, shown: str) -> None:
    """The answer on the first screen: each example's output, as the page shows it from
    a run at 80 columns, takes at most a terminal's 24 rows (a line wider than the
    terminal, such as a command to copy, counts the rows it wraps onto)."""
    lines = shown.rstrip("\n").splitlines()
    rows = sum(max(1, -(-len(line) // 80)) for line in lines)
    assert rows <= FIRST_SCREEN, f"{page}: {command} takes {rows} rows"
