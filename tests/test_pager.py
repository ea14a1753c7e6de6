"""The pager: output taller than the terminal goes through one when stdout is a
terminal, as git and gh do; never otherwise, and a pager that is missing or fails falls
back to the output itself."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Run

TALL = ["show", "oxide"]  # far taller than 24 lines
SHORT = ["intake", "35", "female", "--quiet"]


def on_a_terminal(args: list[str], env: dict[str, str], rows: int = 24) -> tuple[int, str]:
    """Run magcli with stdout on a terminal of `rows` lines; its exit code and what the
    terminal showed."""
    leader, follower = pty.openpty()
    environment = {**os.environ, "LINES": str(rows), "COLUMNS": "80", **env}
    process = subprocess.Popen(
        [sys.executable, "-m", "magcli", *args],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=subprocess.PIPE,
        env=environment,
    )
    os.close(follower)
    shown = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal's other end is gone
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return process.wait(timeout=60), shown.decode("utf-8", "replace").replace("\r\n", "\n")


def pager(
    tmp_path: Path, code: int = 0, read: bool = True, shown_for: float = 0.0
) -> tuple[str, Path]:
    """A pager that keeps what it is given in a file, is looked at for `shown_for`
    seconds, and ends with `code`."""
    kept = tmp_path / "paged.txt"
    script = tmp_path / "pager.py"
    body = "import sys, time\n"
    if read:
        body += f"open({str(kept)!r}, 'w').write(sys.stdin.read())\n"
    body += f"time.sleep({shown_for})\nsys.exit({code})\n"
    script.write_text(body)
    return f"{sys.executable} {script}", kept


def test_tall_output_on_a_terminal_goes_through_the_pager(tmp_path: Path) -> None:
    command, kept = pager(tmp_path)
    code, shown = on_a_terminal(TALL, {"MAGCLI_PAGER": command})
    assert code == 0
    assert "Magnesium oxide" in kept.read_text()
    assert "Magnesium oxide" not in shown  # the pager showed it, not magcli


def test_magcli_pager_comes_before_pager(tmp_path: Path) -> None:
    command, kept = pager(tmp_path)
    code, _ = on_a_terminal(TALL, {"MAGCLI_PAGER": command, "PAGER": "false"})
    assert code == 0 and kept.exists()
    kept.unlink()
    code, _ = on_a_terminal(TALL, {"PAGER": command})
    assert code == 0 and kept.exists()


@pytest.mark.parametrize(
    "setting",
    [
        {"MAGCLI_PAGER": "cat"},
        {"PAGER": "cat"},
        {"MAGCLI_PAGER": ""},
        {"MAGCLI_PAGER": "/nonexistent/pager"},
        {"MAGCLI_PAGER": "'unbalanced"},
    ],
)
def test_no_pager_or_a_missing_one_writes_the_output(setting: dict[str, str]) -> None:
    code, shown = on_a_terminal(TALL, setting)
    assert code == 0
    assert "Magnesium oxide" in shown and "not medical advice" in shown


def test_a_pager_that_fails_falls_back_to_the_output(tmp_path: Path) -> None:
    command, _ = pager(tmp_path, code=1, read=False)
    code, shown = on_a_terminal(TALL, {"MAGCLI_PAGER": command})
    assert code == 0
    assert "Magnesium oxide" in shown and "not medical advice" in shown


def test_a_pager_that_showed_the_output_and_ended_badly_is_not_followed_by_it(
    tmp_path: Path,
) -> None:
    """less -K, Ctrl-C: the person has seen the output in the pager; it is not written
    again after it."""
    from magcli.stream import PAGER_FAILS_WITHIN

    command, kept = pager(tmp_path, code=2, shown_for=PAGER_FAILS_WITHIN + 0.3)
    code, shown = on_a_terminal(TALL, {"MAGCLI_PAGER": command})
    assert code == 0 and "Magnesium oxide" in kept.read_text()
    assert "Magnesium oxide" not in shown


def test_no_pager_says_so(tmp_path: Path) -> None:
    command, kept = pager(tmp_path)
    for args in ([*TALL, "--no-pager"], ["--no-pager", *TALL]):
        code, shown = on_a_terminal(args, {"MAGCLI_PAGER": command})
        assert code == 0 and "Magnesium oxide" in shown
    assert not kept.exists()


def test_output_that_fits_the_terminal_is_never_paged(tmp_path: Path) -> None:
    command, kept = pager(tmp_path)
    code, shown = on_a_terminal(SHORT, {"MAGCLI_PAGER": command}, rows=60)
    assert code == 0 and "320 mg" in shown
    assert not kept.exists()


def test_output_that_is_no_terminal_is_never_paged(run: Run, tmp_path: Path) -> None:
    command, kept = pager(tmp_path)
    result = run(TALL, env={"MAGCLI_PAGER": command})
    assert result.exit_code == 0 and "Magnesium oxide" in result.stdout
    piped = subprocess.run(
        [sys.executable, "-m", "magcli", *TALL],
        capture_output=True,
        env={**os.environ, "MAGCLI_PAGER": command},
        check=True,
    )
    assert b"Magnesium oxide" in piped.stdout
    assert not kept.exists()
