"""The fast path and its cache: the same answers as the full command line, and a cache
that is never stale and never needed."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bigcatalog import write_catalog
from conftest import DATA, Run, invoke_fast
from magcli import cache

RUNNER = CliRunner()

# Every one of these must be answered by the fast path, and (through `run`) match Typer.
WHITELISTED = [
    ["compare", "glycinate", "citrate", "--json"],
    ["compare", "glycinate", "citrate"],
    ["compare", "--json", "Magtein", "bisglycinate", "epsom salt", "oxide"],
    ["compare", "oxide", "MgO", "magnesia", "--json"],  # repeats: warnings
    ["compare", *(["glycinate"] * 5), "citrate"],  # many repeats: one summary line
    ["compare", "glycinate", "citrat"],  # unknown form: the error and exit 2
    ["compare", "glycinate", "citrat", "--json"],
    ["compare", "glycinate", "", "--json"],  # empty name
    ["compare", "\u0441itrate", "oxide"],  # a look-alike letter
    ["compare", "a" * 300, "oxide"],  # too long
    ["list", "--json"],
    ["rank", "--for", "sleep", "--json"],
    ["rank", "--json", "--for", "Constipation"],
    ["rank", "--for", "muscle_cramps", "--json"],  # evidence against: no form listed
    ["rank", "--for", "Insomnia", "--json"],  # an alias of a goal
]


@pytest.mark.parametrize("argv", WHITELISTED, ids=lambda argv: " ".join(argv)[:50])
def test_fast_path_answers_and_matches(run: Run, argv: list[str]) -> None:
    assert invoke_fast(RUNNER, argv, None) is not None, "the fast path declined"
    run(argv)  # compares both ways


@pytest.mark.parametrize(
    "argv",
    [
        ["compare", "glycinate"],  # one name: the full path explains
        ["compare"],
        ["compare", "glycinate", "citrate", "--sources"],
        ["compare", "glycinate", "citrate", "-f", "csv"],
        ["compare", "glycinate", "citrate", "--json", "--json"],
        ["compare", "glycinate", "citrate", "--json=yes"],
        ["list"],  # table
        ["list", "--json", "--for", "sleep"],
        ["rank", "--for", "slep", "--json"],  # not a goal: the full path explains
        ["rank", "--for", "sleep"],  # table
        ["rank", "--for", "sleep", "--json", "--explain"],
        ["show", "oxide", "--json"],
        ["--help"],
        ["compare", "--help"],
        ["compare", "a", "b", "--data", ""],
        [],
    ],
    ids=lambda argv: " ".join(argv)[:50] or "(nothing)",
)
def test_fast_path_declines_everything_else(run: Run, argv: list[str]) -> None:
    assert invoke_fast(RUNNER, argv, None) is None
    run(argv)


def test_ascii_stdout_goes_the_full_way() -> None:
    runner = CliRunner(charset="ascii")
    assert invoke_fast(runner, ["list", "--json"], None) is None


@pytest.mark.parametrize(
    ("line", "cword"),
    [
        ("magcli co", 1),
        ("magcli ", 1),
        ("magcli i", 1),
        ("magcli compare gly", 2),
        ("magcli compare glycinate ci", 3),
        ("magcli compare ", 2),
        ("magcli show mag", 2),
        ("magcli show Epsom", 2),
        ("magcli show epsom", 2),
        ("magcli dose mgo", 2),
        ("magcli compare zzz", 2),
    ],
)
def test_completion_fast_and_the_same(run: Run, line: str, cword: int) -> None:
    env = {"_MAGCLI_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(cword)}
    assert invoke_fast(RUNNER, [], env) is not None
    run([], env=env)


@pytest.mark.parametrize(
    ("line", "cword"),
    [
        ("magcli list --for sl", 3),
        ("magcli list -f j", 3),
        ("magcli compare --json gly", 3),
        ("magcli dose glycinate ci", 3),
        ("magcli interactions taur", 2),  # medicines first: the full path
        ("magcli show 'epsom", 2),
    ],
)
def test_completion_declines_options_and_quoting(run: Run, line: str, cword: int) -> None:
    env = {"_MAGCLI_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(cword)}
    assert invoke_fast(RUNNER, [], env) is None
    run([], env=env)


def test_other_shells_go_the_full_way() -> None:
    env = {"_MAGCLI_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "magcli show mag"}
    assert invoke_fast(RUNNER, [], env) is None


# --data and MAGCLI_DATA ------------------------------------------------------------------


def test_custom_catalogue_by_option_and_environment(run: Run, tmp_path: Path) -> None:
    path = write_catalog(tmp_path / "custom.toml", 40)
    for argv, env in (
        (["compare", "form-00001", "alias-00002", "--json", "--data", str(path)], None),
        (["list", "--json"], {"MAGCLI_DATA": str(path)}),
        (["rank", "--for", "sleep", "--json"], {"MAGCLI_DATA": str(path)}),
        (["compare", "form-00001", "form-00002"], {"MAGCLI_DATA": str(path)}),
    ):
        assert invoke_fast(RUNNER, argv, env) is not None
        run(argv, env=env)


@pytest.mark.parametrize(
    "name", ["syntax-error.toml", "unknown-grade.toml", "duplicate-id.toml", "absent.toml"]
)
def test_bad_catalogues_go_the_full_way(run: Run, name: str) -> None:
    path = DATA / "invalid" / name
    argv = ["compare", "a", "b", "--json", "--data", str(path)]
    assert invoke_fast(RUNNER, argv, None) is None
    assert run(argv).exit_code == 1


# The cache ---------------------------------------------------------------------------------


@pytest.fixture
def catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return write_catalog(tmp_path / "forms.toml", 5)


def cache_files(root: Path) -> list[Path]:
    folder = root / "cache" / "magcli"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_cache_is_written_once_and_then_used(
    catalogue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = cache.load(str(catalogue))
    assert first is not None
    (written,) = cache_files(catalogue.parent)
    assert written.suffix == ".bin"

    def no_rebuild(path: str) -> None:
        raise AssertionError("rebuilt although the cache is current")

    monkeypatch.setattr(cache, "build", no_rebuild)
    again = cache.load(str(catalogue))
    assert again is not None and again["forms"] == first["forms"]


def test_an_edited_catalogue_is_never_served_stale(catalogue: Path) -> None:
    before = cache.load(str(catalogue))
    assert before is not None and "form-00004" in before["forms"]
    text = catalogue.read_text().replace("form-00004", "form-renamed")
    info = catalogue.stat()
    catalogue.write_text(text)
    os.utime(catalogue, ns=(info.st_atime_ns, info.st_mtime_ns))  # same time: hash tells
    after = cache.load(str(catalogue))
    assert after is not None
    assert "form-renamed" in after["forms"] and "form-00004" not in after["forms"]
    assert len(cache_files(catalogue.parent)) == 1  # replaced, not piling up


def test_a_new_magcli_is_never_served_old_output(
    catalogue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache.load(str(catalogue))
    rebuilt: list[str] = []
    real_build = cache.build

    def counting(path: str) -> object:
        rebuilt.append(path)
        return real_build(path)

    monkeypatch.setattr(cache, "build", counting)
    monkeypatch.setattr(cache, "code_stamp", lambda: "another version")
    assert cache.load(str(catalogue)) is not None
    assert rebuilt == [str(catalogue)]


def test_read_only_cache_folder(catalogue: Path) -> None:
    folder = catalogue.parent / "cache"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        # Root ignores permissions, so also make writing fail for real.
        os.environ["XDG_CACHE_HOME"] = str(catalogue / "not-a-folder")
        assert cache.load(str(catalogue)) is not None  # built, used, not stored
    finally:
        folder.chmod(stat.S_IRWXU)


def test_corrupt_cache_is_rebuilt(catalogue: Path) -> None:
    cache.load(str(catalogue))
    (written,) = cache_files(catalogue.parent)
    written.write_bytes(b"\x00garbage")
    assert cache.load(str(catalogue)) is not None
    written.write_bytes(b"")
    assert cache.load(str(catalogue)) is not None


def test_full_disk_leaves_no_temporary(catalogue: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import marshal

    def full(value: object, handle: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(marshal, "dump", full)
    assert cache.load(str(catalogue)) is not None
    folder = catalogue.parent / "cache" / "magcli"
    assert list(folder.iterdir()) == []


# Rendered tables ----------------------------------------------------------------------------


def test_a_table_is_rendered_once_per_set_of_inputs(
    run: Run, catalogue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import magcli.fast

    argv = ["compare", "form-00001", "form-00002", "--data", str(catalogue)]
    first = run(argv, env={"COLUMNS": "70"})  # rendered, and remembered
    real = magcli.fast._render_table
    calls: list[list[str]] = []

    def counting(cached: object, chosen: list[str]) -> str:
        calls.append(chosen)
        return real(cached, chosen)  # type: ignore[arg-type]

    monkeypatch.setattr(magcli.fast, "_render_table", counting)
    assert run(argv, env={"COLUMNS": "70"}).stdout == first.stdout  # from the cache
    assert calls == []
    wider = run(argv, env={"COLUMNS": "110"})  # another width: rendered again
    assert calls == [["form-00001", "form-00002"]]
    assert max(map(len, wider.stdout.splitlines())) > 70
    run(argv, env={"COLUMNS": "70", "NO_COLOR": "1"})  # any input Rich reads counts
    run([*argv[:3], "form-00003", *argv[3:]], env={"COLUMNS": "70"})  # other forms
    assert len(calls) == 3


def test_renders_of_an_edited_catalogue_are_dropped(catalogue: Path) -> None:
    cached = cache.load(str(catalogue))
    assert cached is not None
    cache.remember(cached, "key", "old table")
    assert cache.rendered(cached, "key") == "old table"
    catalogue.write_text(catalogue.read_text().replace("Generated form", "Edited form"))
    fresh = cache.load(str(catalogue))
    assert fresh is not None and cache.rendered(fresh, "key") is None


def test_renders_are_bounded(catalogue: Path) -> None:
    cached = cache.load(str(catalogue))
    assert cached is not None
    for number in range(cache.MAX_RENDERS + 5):
        cache.remember(cached, f"key-{number}", f"table {number}")
    assert cache.rendered(cached, "key-0") is None
    assert (
        cache.rendered(cached, f"key-{cache.MAX_RENDERS + 4}") == f"table {cache.MAX_RENDERS + 4}"
    )


def test_old_caches_are_pruned(catalogue: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache" / "magcli"
    folder.mkdir(parents=True)
    old = folder / "0123.bin"
    old.write_bytes(b"x")
    os.utime(old, (0, 0))
    recent = folder / "4567.bin"
    recent.write_bytes(b"x")
    assert cache.load(str(catalogue)) is not None
    assert not old.exists() and recent.exists()


def test_fast_path_commands_match_the_full_command_line() -> None:
    # The fast path spells these out to stay light; a command it does not know would
    # only make it stand aside, silently slower, so hold them equal here.
    import magcli.fast
    from magcli.cli import app

    registered = [
        command.name or getattr(command.callback, "__name__", "")
        for command in app.registered_commands
    ]
    assert registered == magcli.fast.COMMANDS
