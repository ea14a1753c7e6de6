"""What only a real process shows: pipes that close early, python -m, a real install."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def magcli(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "magcli", *args],
        capture_output=True,
        text=True,
        timeout=60,
        **kwargs,  # type: ignore[call-overload]
    )


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
    result = subprocess.run(
        f"{sys.executable} -m magcli list | head -n 1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert "Magnesium forms" in result.stdout
    assert "Error" not in result.stderr and "Traceback" not in result.stderr


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
            "import magcli.catalog as c; print(c.__file__); print(c.bundled_path())",
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
    assert json.loads(intake.stdout)["rda_mg"] == 420
