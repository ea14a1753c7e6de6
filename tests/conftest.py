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

from magcli import runcache
from magcli.catalog import bundled_path, load_catalog
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


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache folder for one test ($XDG_CACHE_HOME/magcli), not yet made."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("MAGCLI_DATA", raising=False)
    monkeypatch.delenv(runcache.NO_CACHE_ENV, raising=False)
    return tmp_path / "xdg" / "magcli"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(bundled_path())


@pytest.fixture(scope="session")
def raw_catalog() -> dict[str, Any]:
    """The bundled catalogue as plain TOML data, for building variants of it."""
    return tomllib.loads(bundled_path().read_text(encoding="utf-8"))


Run = Callable[..., Result]
RUNNER = CliRunner()
REPLAYED: list[list[str]] = []  # invocations whose second run came from the cache


def run_main(argv: list[str], env: dict[str, str] | None = None) -> tuple[Result, bool]:
    """Run magcli's entry point in this process as the installed command would, in the
    isolation CliRunner gives; the result, and whether it was replayed from the cache."""
    import _signal

    from magcli.__main__ import main

    replayed: list[bool] = []
    real_replay = runcache.replay

    def watched(args: list[str]) -> int | None:
        code = real_replay(args)
        replayed.append(code is not None)
        return code

    from magcli.stream import ENDINGS

    handlers = {number: _signal.getsignal(number) for number in ENDINGS}
    saved_argv = sys.argv
    runcache.replay = watched  # type: ignore[assignment]
    code, exception = 0, None
    with RUNNER.isolation(env=env) as streams:
        sys.argv = ["magcli", *argv]
        try:
            main(argv)
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
            exception = exit if code else None
        except Exception as error:  # a crash the test should see as such
            code, exception = 1, error
        finally:
            sys.argv = saved_argv
            runcache.replay = real_replay  # type: ignore[assignment]
            for number, handler in handlers.items():
                _signal.signal(number, handler)
            sys.stdout.flush()
            sys.stderr.flush()
            values = [stream.getvalue() for stream in streams]
    result = Result(
        runner=RUNNER,
        stdout_bytes=values[0],
        stderr_bytes=values[1],
        output_bytes=values[2],
        return_value=None,
        exit_code=code,
        exception=exception,
    )
    return result, bool(replayed and replayed[0])


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Run:
    """Invoke magcli as a user would, with stdout and stderr kept apart.

    Every invocation runs twice through the real entry point: the first run fills the run
    cache, and the second, answered from it where the run may be cached, must print
    exactly the same stdout, stderr and output, with the same exit code. So every CLI
    test is a test of the cache. A variable naming the test keeps each test's cache
    entries its own (a test may change magcli's behaviour with monkeypatch)."""
    monkeypatch.delenv("MAGCLI_DATA", raising=False)

    def invoke(args: str | Sequence[str], env: dict[str, str] | None = None) -> Result:
        argv = shlex.split(args) if isinstance(args, str) else list(args)
        scoped = {"MAGCLI_TEST": request.node.nodeid, **(env or {})}
        first, _ = run_main(argv, scoped)
        second, replayed = run_main(argv, scoped)
        assert (second.exit_code, second.stdout, second.stderr, second.output) == (
            first.exit_code,
            first.stdout,
            first.stderr,
            first.output,
        ), f"a second run of {argv} differs from the first"
        if replayed:
            REPLAYED.append(argv)
        return first

    return invoke


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how many invocations were replayed from the cache and matched."""
    if REPLAYED:
        terminalreporter.write_line(
            f"run cache: {len(REPLAYED)} invocations replayed from the cache matched the run "
            "that filled it"
        )
