from __future__ import annotations

import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from magcli.catalog import bundled_path, load_catalog
from magcli.cli import app
from magcli.models import Catalog

TESTS = Path(__file__).parent
DATA = TESTS / "data"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(bundled_path())


@pytest.fixture(scope="session")
def raw_catalog() -> dict[str, Any]:
    """The bundled catalogue as plain TOML data, for building variants of it."""
    return tomllib.loads(bundled_path().read_text(encoding="utf-8"))


Run = Callable[..., Result]


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Run:
    """Invoke magcli as a user would, with stdout and stderr kept apart."""
    monkeypatch.delenv("MAGCLI_DATA", raising=False)
    runner = CliRunner()

    def invoke(args: str | Sequence[str], env: dict[str, str] | None = None) -> Result:
        return runner.invoke(app, args, env=env, prog_name="magcli")

    return invoke
