from __future__ import annotations

import os
import shlex
import signal
import sys
import time
import tomllib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from typer.testing import CliRunner, Result

from magcli.cache import NO_CACHE_ENV
from magcli.domain.catalog import bundled_path, load_catalog
from magcli.domain.models import Catalog

TESTS = Path(__file__).parent
DATA = TESTS / "data"

# Hypothesis profiles: `default` for every run (CI's too), `quick` while working on one
# thing, `thorough` before a release or after a change to parsing or output. Choose one
# with HYPOTHESIS_PROFILE; the tests that set their own number of examples scale it by
# the profile's factor (see `examples`).
PROFILE_FACTORS = {"quick": 0.1, "default": 1.0, "thorough": 10.0}
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")
if PROFILE not in PROFILE_FACTORS:
    raise SystemExit(f"HYPOTHESIS_PROFILE must be one of {', '.join(PROFILE_FACTORS)}")
settings.register_profile("quick", max_examples=10, deadline=None)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(PROFILE)


def examples(count: int) -> int:
    """A test's own number of examples, scaled for the profile chosen."""
    return max(1, round(count * PROFILE_FACTORS[PROFILE]))


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
    monkeypatch.delenv(NO_CACHE_ENV, raising=False)
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


def run_main(argv: list[str], env: dict[str, str] | None = None) -> Result:
    """Run magcli's entry point in this process as the installed command would, in the
    isolation CliRunner gives."""
    import signal

    from magcli.__main__ import main
    from magcli.ending import ENDINGS

    handlers = {number: signal.getsignal(number) for number in ENDINGS}
    saved_argv = sys.argv
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
            for number, handler in handlers.items():
                signal.signal(number, handler)
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
    # No input of any test may reach magcli's internal-error message, but the one test
    # that breaks magcli on purpose to see it (it sets EXPECT_BUG).
    if b"this is a bug in magcli" in values[1] and not os.environ.get(EXPECT_BUG):
        raise AssertionError(f"magcli {argv[:6]!r} said it has a bug: {values[1][-300:]!r}")
    return result


EXPECT_BUG = "MAGCLI_TEST_EXPECTS_A_BUG"


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Run:
    """Invoke magcli as a user would, through the real entry point, with stdout and
    stderr kept apart."""
    monkeypatch.delenv("MAGCLI_DATA", raising=False)

    def invoke(args: str | Sequence[str], env: dict[str, str] | None = None) -> Result:
        argv = shlex.split(args) if isinstance(args, str) else list(args)
        return run_main(argv, env)

    return invoke


def wait_until_read(pid: int, size: int, timeout: float = 60) -> None:
    """Wait until process `pid` has read at least `size` bytes (Linux's /proc/PID/io)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            counts = dict(
                line.split(": ") for line in Path(f"/proc/{pid}/io").read_text().splitlines()
            )
        except OSError:  # gone already: the test below says how it ended
            return
        if int(counts["rchar"]) >= size:
            return
        time.sleep(0.005)
    raise AssertionError(f"process {pid} did not read {size} bytes in {timeout} s")


def signals_as_default() -> None:
    """For a child a test sends signals to (its Popen's preexec_fn): the ending signals
    handled as in a program started from a terminal. A suite run in the background (`cmd
    &` in a script) would pass SIGINT on ignored, and magcli keeps an ignored signal
    ignored, as it should: the test would then find nothing to test."""
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)
