"""The completion index: a TAB answered without loading the command line, the same as the
full command line would answer it, and an index folder that is damaged, foreign or odd
costs time, never a wrong answer, a hang or a traceback."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from bigcatalog import write_catalog
from conftest import DATA, run_main
from magcli import completion
from magcli.cache import NO_CACHE_ENV
from magcli.cache import folder as cache_folder

TAB_ENV = {"_MAGCLI_COMPLETE": "complete_bash", "COMP_WORDS": "magcli co", "COMP_CWORD": "1"}


def index_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("index-*")) if folder.exists() else []


def tab_answered(env: dict[str, str] = TAB_ENV) -> bool:
    """Whether the index answers this TAB (None: the full command line would)."""
    os.environ.update(env)
    try:
        return completion.answer() is not None
    finally:
        for name in env:
            del os.environ[name]


# The folder and the file ---------------------------------------------------------------


def test_any_run_makes_the_index_in_a_private_folder(cache: Path, tmp_path: Path) -> None:
    assert run_main(["list", "--json"]).exit_code == 0
    (index,) = index_files(cache)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert stat.S_IMODE(cache.parent.stat().st_mode) == 0o700  # a parent it made, too
    assert index.read_bytes().startswith(completion.INDEX_MAGIC)
    assert tab_answered()


def test_no_index_when_asked(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NO_CACHE_ENV, "1")
    run_main(["list", "--json"])
    assert not cache.exists()


@pytest.mark.parametrize("flip", [0, 10, 50, 200, -1])
def test_a_flipped_bit_is_a_miss(cache: Path, flip: int) -> None:
    run_main(["list", "--json"])
    (index,) = index_files(cache)
    data = bytearray(index.read_bytes())
    data[flip] ^= 0x01
    index.write_bytes(bytes(data))
    assert not tab_answered()


@pytest.mark.parametrize("keep", [0, 5, 60, 500])
def test_a_truncated_index_is_a_miss(cache: Path, keep: int) -> None:
    run_main(["list", "--json"])
    (index,) = index_files(cache)
    index.write_bytes(index.read_bytes()[:keep])
    assert not tab_answered()


def test_a_fifo_where_the_index_belongs_does_not_hang(cache: Path) -> None:
    run_main(["list", "--json"])
    (index,) = index_files(cache)
    index.unlink()
    os.mkfifo(index)
    assert not tab_answered()
    result = run_main([], TAB_ENV)  # the full command line answers instead
    assert result.exit_code == 0 and "compare" in result.stdout.split()


def test_a_link_where_the_index_belongs_is_not_followed(cache: Path, tmp_path: Path) -> None:
    run_main(["list", "--json"])
    (index,) = index_files(cache)
    planted = tmp_path / "planted"
    planted.write_bytes(index.read_bytes())
    index.unlink()
    index.symlink_to(planted)
    assert not tab_answered()


def test_a_folder_others_can_write_is_not_used(cache: Path) -> None:
    cache.mkdir(parents=True)
    cache.chmod(0o777)
    run_main(["list", "--json"])
    assert list(cache.iterdir()) == []  # nothing written there either
    assert not tab_answered()


def test_a_folder_owned_by_someone_else_is_not_used(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_main(["list", "--json"])
    monkeypatch.setattr(os, "geteuid", lambda: 4242)  # now the folder is someone else's
    assert not tab_answered()


def test_a_link_in_place_of_the_folder_is_not_used(cache: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    cache.parent.mkdir(parents=True)
    cache.symlink_to(elsewhere)
    run_main(["list", "--json"])
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("base", ["relative/cache", ""])
def test_a_relative_or_empty_cache_home_falls_back_to_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, base: str
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", base)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_folder() == str(tmp_path / "home" / ".cache" / "magcli")
    monkeypatch.setenv("HOME", "")
    assert cache_folder() is None  # never /.cache


def test_a_full_or_read_only_folder_only_costs_time(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(28, "No space left on device")

    import tempfile

    monkeypatch.setattr(tempfile, "mkstemp", full)
    result = run_main(["list", "--json"])
    assert result.exit_code == 0 and index_files(cache) == []


def test_a_new_index_replaces_only_indexes_magcli_wrote(cache: Path, tmp_path: Path) -> None:
    run_main(["list", "--json"])
    (old,) = index_files(cache)
    mine = cache / "index-not-magclis"
    mine.write_bytes(b"a file of the user's own")
    catalogue = write_catalog(tmp_path / "forms.toml", 2)
    run_main(["list", "--json"], {"MAGCLI_DATA": str(catalogue)})
    assert not old.exists() and mine.exists()


def test_a_missing_data_file_is_part_of_the_key(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    absent = tmp_path / "later.toml"
    monkeypatch.setenv("MAGCLI_DATA", str(absent))
    missing = completion.index_name()
    write_catalog(absent, 2)
    assert completion.index_name() != missing  # a file that appears is another index


# The completion index answers a first TAB ---------------------------------------------------

TABS = [
    ("magcli compare gly", 2),
    ("magcli compare glycinate ci", 3),
    ("magcli show Epsom", 2),
    ("magcli dose mgo", 2),
    ("magcli interactions doxy", 2),
    ("magcli interactions lev", 2),
    ("magcli rank --for hyp", 3),
    ("magcli list --for sl", 3),
    ("magcli list -f j", 3),
    ("magcli co", 1),
    ("magcli ", 1),
    ("magcli compare zzz", 2),
]


@pytest.mark.parametrize(("line", "cword"), TABS, ids=[line for line, _ in TABS])
def test_a_first_tab_is_answered_from_the_index_as_the_full_path_would(
    cache: Path, monkeypatch: pytest.MonkeyPatch, line: str, cword: int
) -> None:
    env = {"_MAGCLI_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(cword)}
    run_main(["list", "--json"])  # any earlier run makes the index
    answered: list[int | None] = []
    real = completion.answer

    def watched() -> int | None:
        answered.append(real())
        return answered[-1]

    monkeypatch.setattr(completion, "answer", watched)
    fast = run_main([], env)
    assert answered == [0], "the index did not answer"
    monkeypatch.setattr(completion, "answer", lambda: None)
    monkeypatch.setenv(NO_CACHE_ENV, "1")
    full = run_main([], env)
    assert (fast.exit_code, fast.stdout, fast.stderr) == (full.exit_code, full.stdout, full.stderr)


@pytest.mark.parametrize(
    ("line", "cword"),
    [
        ("magcli compare --js", 2),  # an option name
        ("magcli show 'epsom", 2),  # quoting
        ("magcli --debug compare gly", 3),  # a global option first
        ("magcli dose oxide --age ", 3),  # an option with no completion
    ],
)
def test_the_index_leaves_what_it_cannot_place_to_the_full_path(
    cache: Path, line: str, cword: int
) -> None:
    run_main(["list", "--json"])
    env = {"_MAGCLI_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(cword)}
    os.environ.update(env)
    try:
        assert completion.answer() is None
    finally:
        for name in env:
            del os.environ[name]


def test_the_index_follows_the_catalogue(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = write_catalog(tmp_path / "forms.toml", 2)
    monkeypatch.setenv("MAGCLI_DATA", str(catalogue))
    run_main(["list", "--json"])
    env = {
        "_MAGCLI_COMPLETE": "complete_bash",
        "COMP_WORDS": "magcli show form-0",
        "COMP_CWORD": "2",
    }
    result = run_main([], env)
    assert result.stdout.split() == ["form-00000", "form-00001"]
    catalogue.write_text(catalogue.read_text().replace("form-00001", "form-00009"))
    result = run_main([], env)
    assert result.stdout.split() == ["form-00000", "form-00009"]


def test_a_damaged_index_is_ignored(cache: Path) -> None:
    run_main(["list", "--json"])
    (index,) = sorted(cache.glob("index-*"))
    index.write_bytes(b"magcli completion index 1\n" + b"\0" * 40)
    env = {"_MAGCLI_COMPLETE": "complete_bash", "COMP_WORDS": "magcli co", "COMP_CWORD": "1"}
    os.environ.update(env)
    try:
        assert completion.answer() is None
    finally:
        for name in env:
            del os.environ[name]


def test_the_data_files_read_are_remembered_as_files(tmp_path: Path) -> None:
    from magcli import paths

    original = DATA / "valid" / "minimal.toml"
    link = tmp_path / "another-name.toml"
    link.symlink_to(original)
    paths.READ.clear()
    paths.read_bytes(str(link))
    info = original.stat()
    assert {(info.st_dev, info.st_ino)} == paths.READ


def test_a_tab_from_the_index_loads_nothing_of_the_command_line(cache: Path) -> None:
    """What keeps a TAB instant: answered from the index, it loads none of the libraries
    the command line is built from, nor the standard library's heavier modules that
    finding a package's files through importlib.resources would."""
    import json
    import subprocess
    import sys

    assert run_main(["list", "--json"]).exit_code == 0  # makes the index
    heavy = ["typer", "click", "rich", "pydantic", "tomllib", "importlib.resources", "tempfile"]
    script = (
        "import json, sys\n"
        "from magcli.completion import answer\n"
        "code = answer()\n"
        f"loaded = sorted(name for name in {heavy!r} if name in sys.modules)\n"
        "sys.stderr.write(json.dumps([code, loaded]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, **TAB_ENV},
        capture_output=True,
        text=True,
        timeout=60,
    )
    code, loaded = json.loads(done.stderr)
    assert code == 0 and "compare" in done.stdout.split()  # answered, from the index
    assert loaded == []
