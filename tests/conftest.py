from __future__ import annotations

import os
import shlex
import sys
import tomllib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from magcli.catalog import bundled_path, load_catalog
from magcli.cli import app
from magcli.models import Catalog

TESTS = Path(__file__).parent
DATA = TESTS / "data"


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Keep every test (and every process it starts) out of the developer's own cache."""
    folder = tmp_path_factory.mktemp("xdg-cache")
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(bundled_path())


@pytest.fixture(scope="session")
def raw_catalog() -> dict[str, Any]:
    """The bundled catalogue as plain TOML data, for building variants of it."""
    return tomllib.loads(bundled_path().read_text(encoding="utf-8"))


Run = Callable[..., Result]


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Run:
    """Invoke magcli as a user would, with stdout and stderr kept apart.

    Every invocation also goes through the fast path (magcli.fast), as the installed
    command would: when the fast path answers, its stdout, stderr and exit code must be
    exactly those of the full command line. So every CLI test is a differential test.
    """
    monkeypatch.delenv("MAGCLI_DATA", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))
    runner = CliRunner()

    def invoke(args: str | Sequence[str], env: dict[str, str] | None = None) -> Result:
        result = runner.invoke(app, args, env=env, prog_name="magcli")
        argv = shlex.split(args) if isinstance(args, str) else list(args)
        fast = invoke_fast(runner, argv, env)
        if fast is not None:
            code, stdout, stderr = fast
            assert (code, stdout, stderr) == (
                result.exit_code,
                result.stdout,
                result.stderr,
            ), f"the fast path differs from the full command line for {argv}"
            DIFFERENTIAL.append(argv)
        return result

    return invoke


DIFFERENTIAL: list[list[str]] = []  # invocations the fast path answered, for the record


def invoke_fast(
    runner: CliRunner, argv: list[str], env: dict[str, str] | None
) -> tuple[int, str, str] | None:
    """Run magcli.fast in the same isolation CliRunner gives the full command line."""
    from magcli.fast import run_fast

    with runner.isolation(env=env) as (stdout, stderr, _):
        code = run_fast(argv)
        if code is None:
            return None
        sys.stdout.flush()
        sys.stderr.flush()
        return code, stdout.getvalue().decode(), stderr.getvalue().decode()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how many invocations were checked both ways."""
    if DIFFERENTIAL:
        terminalreporter.write_line(
            f"differential: {len(DIFFERENTIAL)} invocations answered by the fast path "
            "matched the full command line"
        )
