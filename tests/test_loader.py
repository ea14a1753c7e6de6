"""Loading catalogue files: every problem is one CatalogError naming the file and the spot."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import DATA
from magcli.domain.catalog import MAX_CATALOG_BYTES, bundled_path, catalog_path, load_catalog
from magcli.errors import CatalogError

INVALID = sorted((DATA / "invalid").glob("*.toml"))
VALID = sorted((DATA / "valid").glob("*.toml"))


def expected_fragment(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{path.name} lacks its '# expect:' line"
    return first.removeprefix("# expect: ")


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_catalogue_is_refused_with_a_precise_message(path: Path) -> None:
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert expected_fragment(path) in message
    assert "Traceback" not in message and "pydantic" not in message.lower()


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_catalogue_loads(path: Path) -> None:
    assert load_catalog(path).forms


def test_syntax_error_names_line_and_column() -> None:
    with pytest.raises(CatalogError) as caught:
        load_catalog(DATA / "invalid" / "syntax-error.toml")
    message = str(caught.value)
    assert "TOML syntax error" in message and "line 6" in message and "column" in message


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    with pytest.raises(CatalogError, match="no such catalogue file"):
        load_catalog(missing)


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="is a directory"):
        load_catalog(tmp_path)


def test_not_utf8(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.toml"
    bad.write_bytes('data_version = "caf\xe9"\n'.encode("latin-1"))
    with pytest.raises(CatalogError, match=r"not UTF-8 text \(bad byte at offset 19\)"):
        load_catalog(bad)


def test_too_large(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    with big.open("wb") as handle:
        handle.truncate(MAX_CATALOG_BYTES + 1)
    with pytest.raises(CatalogError, match="over the 8,388,608-byte limit"):
        load_catalog(big)


def test_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root, which can read anything, so the refusal is simulated.
    locked = tmp_path / "locked.toml"
    locked.write_text("x = 1\n")

    import os

    real_open = os.open

    def refuse(path: str, *args: object, **kwargs: object) -> int:
        if str(path).endswith("locked.toml"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(CatalogError, match=r"locked\.toml: permission denied"):
        load_catalog(locked)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_devices_are_refused_not_read(device: str) -> None:
    with pytest.raises(CatalogError, match=f"{device}: not a regular file"):
        load_catalog(device)


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    with pytest.raises(CatalogError, match="not a regular file"):
        load_catalog(fifo)


def test_many_problems_are_summarised(tmp_path: Path) -> None:
    text = (DATA / "valid" / "minimal.toml").read_text()
    broken = text.replace('id = "alpha"', "id = 1").replace('formula = "MgO"\n', "")
    path = tmp_path / "two.toml"
    path.write_text(broken)
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    message = str(caught.value)
    assert "(2 problems)" in message
    assert "forms[0].id" in message and "forms[0].formula" in message


def test_path_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("MAGCLI_DATA", raising=False)
    assert catalog_path() == bundled_path()
    monkeypatch.setenv("MAGCLI_DATA", str(tmp_path / "env.toml"))
    assert catalog_path() == tmp_path / "env.toml"
    assert catalog_path(tmp_path / "explicit.toml") == tmp_path / "explicit.toml"
