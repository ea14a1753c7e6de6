"""The cache of whole runs: a hit is the run, any input that changes the output misses,
and a cache that is damaged, foreign or odd costs time, never a wrong answer."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from bigcatalog import write_catalog
from conftest import DATA, run_main
from magcli import completion, runcache


def twice(argv: list[str], env: dict[str, str] | None = None) -> tuple[bool, bool]:
    """Whether the first and the second run were replayed from the cache."""
    _, first = run_main(argv, env)
    _, second = run_main(argv, env)
    return first, second


def entries(folder: Path) -> list[Path]:
    return sorted(path for path in folder.iterdir() if path.name.startswith("run-"))


# A hit is the run ----------------------------------------------------------------------


def test_a_repeated_run_is_replayed(cache: Path) -> None:
    assert twice(["compare", "glycinate", "citrate", "--json"]) == (False, True)
    folder_mode = stat.S_IMODE(cache.stat().st_mode)
    assert folder_mode == 0o700
    (entry,) = entries(cache)
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("argv", "kept"),
    [
        (["list", "--json"], True),
        (["--help"], True),  # help is as pure as any output
        (["compare", "glycinate", "citrat"], True),  # a usage error (exit 2)
        (["dose", "citrate", "--compound", "2g", "--age", "6", "--strict"], True),  # exit 3
        (["list", "--data", "/nonexistent.toml"], False),  # a failure (exit 1)
        (["cache"], False),
    ],
)
def test_what_is_kept(cache: Path, argv: list[str], kept: bool) -> None:
    assert twice(argv) == (False, kept)


def test_a_run_that_writes_a_file_is_not_kept(cache: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    assert twice(["list", "--json", "-o", str(target)]) == (False, False)
    assert target.exists()  # written by the second run too


def test_no_cache_when_asked(cache: Path) -> None:
    assert twice(["list", "--json"], {runcache.NO_CACHE_ENV: "1"}) == (False, False)
    assert not cache.exists()


def test_clear(cache: Path) -> None:
    twice(["list", "--json"])
    result, _ = run_main(["cache", "--clear"])
    assert result.exit_code == 0 and "Removed" in result.stderr
    assert entries(cache) == []


# Any input that changes the output misses -------------------------------------------------


@pytest.mark.parametrize(
    "env",
    [
        {"COLUMNS": "60"},
        {"NO_COLOR": "1"},
        {"FORCE_COLOR": "1"},
        {"TERM": "dumb"},
        {"LANG": "C"},
        {"SOMETHING_NEW": "x"},
    ],
)
def test_a_changed_environment_misses(cache: Path, env: dict[str, str]) -> None:
    argv = ["compare", "glycinate", "citrate"]
    assert twice(argv) == (False, True)
    _, replayed = run_main(argv, env)
    assert not replayed


def test_values_a_shell_changes_on_every_call_do_not_count(cache: Path) -> None:
    argv = ["list", "--json"]
    run_main(argv, {"OLDPWD": "/a", "_": "/usr/bin/one"})
    _, replayed = run_main(argv, {"OLDPWD": "/b", "_": "/usr/bin/two"})
    assert replayed


def test_an_edited_catalogue_misses_even_with_the_same_size_and_time(
    cache: Path, tmp_path: Path
) -> None:
    catalogue = write_catalog(tmp_path / "forms.toml", 3)
    argv = ["list", "--json", "--data", str(catalogue)]
    first, _ = run_main(argv)
    assert twice(argv)[1]
    info = catalogue.stat()
    text = catalogue.read_text().replace("form-00001", "form-0000z")
    assert len(text) == info.st_size
    catalogue.write_text(text)
    os.utime(catalogue, ns=(info.st_atime_ns, info.st_mtime_ns))
    result, replayed = run_main(argv)
    assert not replayed
    assert "form-0000z" in result.stdout and result.stdout != first.stdout


def test_the_working_directory_of_a_relative_path_counts(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, count in (("one", 2), ("two", 3)):
        (tmp_path / name).mkdir()
        write_catalog(tmp_path / name / "forms.toml", count)
    argv = ["list", "--json", "--data", "forms.toml"]
    monkeypatch.chdir(tmp_path / "one")
    first, _ = run_main(argv)
    monkeypatch.chdir(tmp_path / "two")
    second, replayed = run_main(argv)
    assert not replayed and second.stdout != first.stdout


def test_new_code_misses(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    argv = ["list", "--json"]
    assert twice(argv) == (False, True)
    monkeypatch.setattr(runcache, "code_stamp", lambda: b"an upgraded magcli or rich")
    _, replayed = run_main(argv)
    assert not replayed


def test_the_code_stamp_follows_installed_packages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site" / "rich"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("version = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    before = runcache.code_stamp()
    (package / "__init__.py").write_text("version = 22\n")  # an upgrade rewrites it
    assert runcache.code_stamp() != before


def test_a_swapped_file_is_caught_by_the_hash_of_what_was_parsed(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The run records the hash of the very bytes it parsed: a file replaced after it was
    # read (or between two reads) cannot be served from the cache under the old hash.
    catalogue = write_catalog(tmp_path / "forms.toml", 2)
    argv = ["list", "--json", "--data", str(catalogue)]
    from magcli import paths

    real = paths.read_bytes

    def read_then_swap(path: str, *args: object, **kwargs: object) -> bytes:
        data = real(path, *args, **kwargs)  # type: ignore[arg-type]
        if path == str(catalogue):
            catalogue.write_text(catalogue.read_text().replace("form-00001", "form-swapd"))
        return data

    monkeypatch.setattr("magcli.catalog.read_bytes", read_then_swap)
    first, _ = run_main(argv)
    monkeypatch.setattr("magcli.catalog.read_bytes", real)
    second, replayed = run_main(argv)
    assert "form-00001" in first.stdout
    assert not replayed and "form-swapd" in second.stdout


# A damaged, foreign or odd cache is only a miss ---------------------------------------


def filled(cache: Path, argv: list[str]) -> tuple[Path, str]:
    result, _ = run_main(argv)
    (entry,) = entries(cache)
    return entry, result.stdout


@pytest.mark.parametrize("flip", [0, 10, 50, 200, -1])
def test_a_flipped_bit_is_a_miss(cache: Path, flip: int) -> None:
    entry, expected = filled(cache, ["show", "oxide", "--json"])
    data = bytearray(entry.read_bytes())
    data[flip] ^= 0x01
    entry.write_bytes(bytes(data))
    result, replayed = run_main(["show", "oxide", "--json"])
    assert not replayed and result.stdout == expected


@pytest.mark.parametrize("keep", [0, 5, 60, 500])
def test_a_truncated_entry_is_a_miss(cache: Path, keep: int) -> None:
    entry, expected = filled(cache, ["show", "oxide", "--json"])
    entry.write_bytes(entry.read_bytes()[:keep])
    result, replayed = run_main(["show", "oxide", "--json"])
    assert not replayed and result.stdout == expected


def test_a_fifo_where_an_entry_belongs_does_not_hang(cache: Path) -> None:
    entry, expected = filled(cache, ["show", "oxide", "--json"])
    entry.unlink()
    os.mkfifo(entry)
    result, replayed = run_main(["show", "oxide", "--json"])
    assert not replayed and result.stdout == expected


def test_a_link_where_an_entry_belongs_is_not_followed(cache: Path, tmp_path: Path) -> None:
    entry, expected = filled(cache, ["show", "oxide", "--json"])
    planted = tmp_path / "planted"
    shutil.copy(entry, planted)
    entry.unlink()
    entry.symlink_to(planted)
    result, replayed = run_main(["show", "oxide", "--json"])
    assert not replayed and result.stdout == expected


def test_a_folder_others_can_write_is_not_used(cache: Path) -> None:
    cache.mkdir(parents=True)
    cache.chmod(0o777)
    assert twice(["list", "--json"]) == (False, False)
    assert list(cache.iterdir()) == []  # nothing written there either


def test_a_folder_owned_by_someone_else_is_not_used(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    twice(["list", "--json"])
    monkeypatch.setattr(os, "geteuid", lambda: 4242)  # now the folder is someone else's
    _, replayed = run_main(["list", "--json"])
    assert not replayed


def test_a_link_in_place_of_the_folder_is_not_used(cache: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    cache.parent.mkdir(parents=True)
    cache.symlink_to(elsewhere)
    assert twice(["list", "--json"]) == (False, False)
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("base", ["relative/cache", ""])
def test_a_relative_or_empty_cache_home_falls_back_to_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, base: str
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", base)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert runcache.folder() == str(tmp_path / "home" / ".cache" / "magcli")
    monkeypatch.setenv("HOME", "")
    assert runcache.folder() is None  # never /.cache


def test_a_full_or_read_only_folder_only_costs_time(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(28, "No space left on device")

    import tempfile

    monkeypatch.setattr(tempfile, "mkstemp", full)
    result, replayed = run_main(["list", "--json"])
    assert result.exit_code == 0 and not replayed
    assert entries(cache) == []


def test_the_folder_is_kept_under_its_size(cache: Path) -> None:
    for number in range(6):
        run_main(["show", "oxide", "--json", "-q"] + ["--json"] * 0, {"N": str(number)})
    sizes = [path.stat().st_size for path in entries(cache)]
    runcache.prune(str(cache), limit=sum(sizes[:2]))
    assert len(entries(cache)) <= 2


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
    fast, _ = run_main([], env)
    assert answered == [0], "the index did not answer"
    monkeypatch.setattr(completion, "answer", lambda: None)
    monkeypatch.setenv(runcache.NO_CACHE_ENV, "1")
    full, _ = run_main([], env)
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
    result, _ = run_main([], env)
    assert result.stdout.split() == ["form-00000", "form-00001"]
    catalogue.write_text(catalogue.read_text().replace("form-00001", "form-00009"))
    result, _ = run_main([], env)
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


def test_data_files_are_read_as_bytes_once(tmp_path: Path) -> None:
    from magcli import paths

    before = len(paths.READ)
    data = paths.read_bytes(str(DATA / "valid" / "minimal.toml"))
    assert paths.READ[before:] == [(str(DATA / "valid" / "minimal.toml"), paths.digest(data))]
