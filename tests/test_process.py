"""What only a real process shows: pipes that close early, python -m, a real install."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import signals_as_default, wait_until_read

ROOT = Path(__file__).resolve().parents[1]


def magcli(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "magcli", *args],
        capture_output=True,
        text=True,
        timeout=60,
        **kwargs,  # type: ignore[call-overload]
    )


def shell(command: str) -> subprocess.CompletedProcess[bytes]:
    """Run a shell line whose first word is magcli (as this interpreter's module)."""
    line = command.replace("magcli", f"{sys.executable} -m magcli", 1)
    return subprocess.run(line, shell=True, capture_output=True, timeout=60)


def test_python_dash_m() -> None:
    result = magcli("compare", "glycinate", "citrate", "--json")
    assert result.returncode == 0, result.stderr
    assert [form["id"] for form in json.loads(result.stdout)["forms"]] == ["glycinate", "citrate"]


def test_exit_codes_through_a_real_process() -> None:
    assert magcli("compare", "glycinate", "citrat").returncode == 2
    bad = ROOT / "tests" / "data" / "invalid" / "syntax-error.toml"
    result = magcli("list", "--data", str(bad))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {bad}: TOML syntax error")


@pytest.mark.parametrize("args", [["compare", "glycinate", "citrate"], ["list", "--json"]])
def test_reader_closing_early_ends_quietly(args: list[str]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # like `| head -c 0`: nobody will read
    process = subprocess.run(
        [sys.executable, "-m", "magcli", *args],
        stdout=write_end,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
    )
    os.close(write_end)
    assert process.stderr == ""
    assert process.returncode == 0


def test_piping_into_head() -> None:
    result = shell("magcli list | head -n 1")
    assert result.returncode == 0
    assert b"Magnesium forms" in result.stdout
    assert result.stderr == b""


def test_non_editable_install_finds_the_bundled_catalogue(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = wheels.glob("magcli-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "magcli/data/forms.toml" in names and "magcli/data/reference.toml" in names

    site = tmp_path / "site"
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(site),
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stderr
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("MAGCLI_DATA", None)
    where = subprocess.run(
        [
            sys.executable,
            "-c",
            "import magcli.domain.catalog as c; print(c.__file__); print(c.bundled_path())",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
    )
    module_file, data_file = where.stdout.split()
    assert module_file.startswith(str(site)) and data_file.startswith(str(site)), where.stdout
    result = magcli("compare", "glycinate", "citrate", "--json", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["forms"]) == 2
    intake = magcli("intake", "--age", "40", "--sex", "male", "--json", cwd=tmp_path, env=env)
    assert intake.returncode == 0, intake.stderr
    assert json.loads(intake.stdout)["need_mg"] == 420


# Streams, signals and encodings, as only a real process shows them ----------------------


def test_head_c_1_ends_quietly() -> None:
    result = shell("magcli compare glycinate citrate | head -c 1")
    assert result.stdout == b" "  # the first byte of the table's centred title
    assert result.stderr == b""


@pytest.mark.parametrize(
    "command",
    [
        "magcli list >&-",
        "magcli list --json >&-",  # the fast path's kind of command
        "magcli compare oxide MgO citrate >&-",  # no warning either: nothing is run
    ],
)
def test_closed_stdout_is_one_line_and_exit_1(command: str) -> None:
    result = shell(command)
    assert result.returncode == 1
    assert result.stderr == b"Error: cannot write the output: standard output is closed\n"


def test_ctrl_c_waits_for_a_whole_document_then_exits_130(tmp_path: Path) -> None:
    from bigcatalog import write_catalog

    catalog = write_catalog(tmp_path / "big.toml", 1500)
    process = subprocess.Popen(
        [sys.executable, "-m", "magcli", "list", "--json", "--data", str(catalog)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=signals_as_default,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.read(1)  # the document has started: a pipe's worth is queued
    process.send_signal(signal.SIGINT)
    rest = process.stdout.read()
    errors = process.stderr.read()
    assert process.wait(timeout=60) == 130
    assert errors == b"Interrupted.\n"
    document = json.loads(first + rest)  # whole, not cut off
    assert len(document["forms"]) == 1500


def test_ctrl_c_before_output_prints_one_line(tmp_path: Path) -> None:
    from bigcatalog import write_catalog

    # Reading and ranking 8,000 forms takes seconds (3.7 s here): interrupt it after one,
    # well after start-up, long before any output.
    catalog = write_catalog(tmp_path / "big.toml", 8000)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "magcli",
            "rank",
            "--for",
            "sleep",
            "--json",
            "--data",
            str(catalog),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=signals_as_default,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    # The moment: once the child has read the whole catalogue (its read bytes, counted
    # by the kernel, reach the file's size), it is parsing and ranking for seconds.
    wait_until_read(process.pid, catalog.stat().st_size)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert err == b"Interrupted.\n"
    assert out == b""


@pytest.mark.parametrize(
    "env",
    [{"PYTHONIOENCODING": "ascii"}, {"LANG": "C", "LC_ALL": "C"}, {"PYTHONIOENCODING": "latin-1"}],
)
def test_narrow_encodings(env: dict[str, str]) -> None:
    environment = {**os.environ, **env}
    table = subprocess.run(
        [sys.executable, "-m", "magcli", "show", "chloride"],
        capture_output=True,
        env=environment,
        timeout=60,
    )
    assert table.returncode == 0, table.stderr
    assert b"Traceback" not in table.stderr
    encoding = env.get("PYTHONIOENCODING", "utf-8")
    text = table.stdout.decode(encoding)
    assert "MgCl2" in text and "6H2O" in text
    as_json = subprocess.run(
        [sys.executable, "-m", "magcli", "show", "chloride", "--json"],
        capture_output=True,
        env=environment,
        timeout=60,
    )
    assert as_json.returncode == 0, as_json.stderr
    assert json.loads(as_json.stdout)["forms"][0]["formula"] == "MgCl2\u00b76H2O"


def test_ascii_terminal_gets_ascii_boxes() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "magcli", "compare", "glycinate", "chloride", "--long"],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        timeout=60,
    )
    assert result.returncode == 0
    text = result.stdout.decode("ascii")  # would fail on any non-ASCII byte
    assert "MgCl2.6H2O" in text
    assert "+---" in text or "|" in text


def test_stdout_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    with target.open("w") as handle:
        result = subprocess.run(
            [sys.executable, "-m", "magcli", "list"],
            stdout=handle,
            stderr=subprocess.PIPE,
            timeout=60,
        )
    assert result.returncode == 0 and result.stderr == b""
    text = target.read_text()
    assert "\x1b" not in text and "glycinate" in text


def test_a_command_line_builds_only_the_command_it_runs() -> None:
    from magcli.cli import click_command, command_names

    every = click_command()
    assert sorted(command_names()) == sorted(every.commands)  # type: ignore[attr-defined]
    for name in command_names():
        alone = click_command(name)
        assert list(alone.commands) == [name]  # type: ignore[attr-defined]
        own = [param.name for param in alone.commands[name].params]  # type: ignore[attr-defined]
        assert own == [param.name for param in every.commands[name].params]  # type: ignore[attr-defined]


def test_the_whole_process_ends_at_once_with_everything_written(tmp_path: Path) -> None:
    # magcli ends with os._exit once its output is flushed: nothing may be lost to it,
    # on a pipe, in a file, or with -o.
    out = tmp_path / "out.json"
    with out.open("wb") as handle:
        done = subprocess.run(
            [sys.executable, "-m", "magcli", "list", "--json"], stdout=handle, timeout=60
        )
    assert done.returncode == 0 and json.loads(out.read_bytes())["command"] == "list"
    piped = subprocess.run(
        [sys.executable, "-m", "magcli", "rank", "sleep", "-f", "csv"],
        capture_output=True,
        timeout=60,
    )
    assert piped.returncode == 0 and piped.stdout.rstrip().endswith(b'other medicines."')
    written = tmp_path / "r.html"
    made = subprocess.run(
        [sys.executable, "-m", "magcli", "goals", "-f", "html", "-o", str(written)],
        capture_output=True,
        timeout=60,
    )
    assert made.returncode == 0 and written.read_text().rstrip().endswith("</html>")
    assert not list(tmp_path.glob(".magcli-*"))  # no temporary left beside it
