"""Attacks on magcli as a process: its cache, the files it writes, its streams, signals
and everything it echoes. Each test hands magcli something hostile and requires either
the output a clean run gives or one clear line and a documented exit code; never a
traceback, a hang, a half-written document or a control code on the terminal."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import resource
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bigcatalog import write_catalog
from conftest import examples, run_main, signals_as_default, wait_until_read
from magcli.cache import NO_CACHE_ENV
from magcli.ending import ENDINGS

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = (ROOT / "data" / "forms.toml").read_text(encoding="utf-8")
# Every character magcli must never let reach a terminal raw (C0 but tab and newline,
# DEL, C1, and the bidirectional controls).
UNSAFE = sorted(
    {*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)}
    | {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
)


MAGCLI = [sys.executable, "-m", "magcli"]


def process(
    *args: str,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    **kwargs: object,
) -> subprocess.CompletedProcess[bytes]:
    """magcli in a process of its own, as a user runs it; stdout and stderr captured
    unless given."""
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kwargs}
    done = subprocess.run(
        [sys.executable, "-m", "magcli", *args],
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=60,
        **streams,  # type: ignore[call-overload]
    )
    said = done.stderr if isinstance(done.stderr, bytes) else b""
    assert b"this is a bug in magcli" not in said, (args[:6], said[-300:])  # on no input
    return done


def one_clean_line(stderr: bytes) -> str:
    """stderr is a single line, with no traceback and nothing a terminal acts on."""
    text = stderr.decode()
    assert "Traceback" not in text
    assert text.count("\n") == 1 and text.endswith("\n"), text
    assert not any(ord(char) in UNSAFE for char in text), text
    return text


def fresh(argv: list[str], env: dict[str, str] | None = None) -> tuple[str, str, int]:
    """What a run without the completion index prints."""
    result = run_main(argv, {**(env or {}), NO_CACHE_ENV: "1"})
    return result.stdout, result.stderr, result.exit_code


# 1-4. The completion index, damaged ------------------------------------------------------

COMMANDS = [["compare", "glycinate", "citrate", "--json"], ["rank", "--for", "sleep"]]
TAB = {"_MAGCLI_COMPLETE": "complete_bash", "COMP_WORDS": "magcli compare gly", "COMP_CWORD": "2"}


def fill(cache: Path) -> dict[str, tuple[list[str], dict[str, str]]]:
    """Run the commands; every file the cache folder then holds, with the run that reads
    it back: a TAB for the completion index, the command that made it for a data file's
    parse."""
    files: dict[str, tuple[list[str], dict[str, str]]] = {}
    for argv in COMMANDS:
        before = set(cache.iterdir()) if cache.exists() else set()
        run_main(argv)
        for path in set(cache.iterdir()) - before:
            files[path.name] = ([], TAB) if path.name.startswith("index-") else (argv, {})
    return files


Damage = Callable[[Path, random.Random], None]


def flip_bits(path: Path, rng: random.Random) -> None:
    data = bytearray(path.read_bytes())
    for _ in range(rng.randint(1, 4)):
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    path.write_bytes(bytes(data))


def truncate(path: Path, rng: random.Random) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: rng.randrange(len(data))])


def swap_for_fifo(path: Path, rng: random.Random) -> None:
    path.unlink()
    os.mkfifo(path)


def swap_for_link(path: Path, rng: random.Random) -> None:
    target = path.with_name("planted")
    target.write_bytes(path.read_bytes()[:-1] + b"!")
    path.unlink()
    path.symlink_to(target)


def swap_for_dev_stdin(path: Path, rng: random.Random) -> None:
    path.unlink()
    path.symlink_to("/dev/stdin")


def open_to_all(path: Path, rng: random.Random) -> None:
    path.parent.chmod(0o777)


def give_away(path: Path, rng: random.Random) -> None:
    if os.geteuid() == 0:
        os.chown(path.parent, 65534, 65534)
    else:  # a folder not owned by this user, as the cache folder
        path.parent.rename(path.parent.with_name("mine"))
        path.parent.symlink_to("/tmp")


DAMAGES: list[Damage] = [
    flip_bits,
    truncate,
    swap_for_fifo,
    swap_for_link,
    swap_for_dev_stdin,
    open_to_all,
    give_away,
]


@pytest.mark.parametrize("damage", DAMAGES, ids=lambda damage: damage.__name__)
def test_a_damaged_cache_gives_the_full_command_lines_answer(
    cache: Path, damage: Damage, tmp_path: Path
) -> None:
    files = fill(cache)
    # The completion index, and what the catalogue and the reference file parsed to.
    assert sorted(name.split("-")[0] for name in files) == ["index", "parsed", "parsed"]
    expected = {name: fresh(argv, env) for name, (argv, env) in files.items()}
    rng = random.Random(f"{damage.__name__}")
    for round_ in range(3):
        for name, (argv, env) in files.items():
            path = cache / name
            if not path.exists() and not path.is_symlink():
                run_main(argv, env)  # make it again
            if not path.is_file() or path.is_symlink():
                continue
            if cache.stat().st_uid != os.geteuid() or stat.S_IMODE(cache.stat().st_mode) != 0o700:
                continue
            damage(path, rng)
            result = run_main(argv, env)
            assert (result.stdout, result.stderr, result.exit_code) == expected[name], (
                round_,
                name,
            )


@settings(
    max_examples=examples(30),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.binary(max_size=400), keep=st.integers(min_value=0, max_value=200))
def test_any_bytes_in_place_of_the_index_are_a_miss(cache: Path, data: bytes, keep: int) -> None:
    run_main(["show", "oxide", "--json"])
    (index,) = cache.glob("index-*")
    original = index.read_bytes()
    expected = fresh([], TAB)
    # Random bytes, and a real index's head followed by random bytes.
    for planted in (data, original[:keep] + data):
        index.write_bytes(planted)
        result = run_main([], TAB)
        assert (result.stdout, result.stderr, result.exit_code) == expected


def test_a_catalogue_swapped_back_and_forth_never_serves_the_other_one(tmp_path: Path) -> None:
    # Two catalogues, swapped in and out of one path as fast as possible while magcli
    # runs again and again: every answer is whole and is one of the two.
    first = write_catalog(tmp_path / "one.toml", 3).read_bytes()
    second = first.replace(b"form-00001", b"form-swapd")
    target = tmp_path / "forms.toml"
    target.write_bytes(first)
    env = {"XDG_CACHE_HOME": str(tmp_path / "xdg"), "MAGCLI_DATA": str(target)}
    stop = threading.Event()

    def swap() -> None:
        versions = [first, second]
        while not stop.is_set():
            staged = tmp_path / "staged.toml"
            staged.write_bytes(versions[0])
            os.replace(staged, target)
            versions.reverse()

    swapper = threading.Thread(target=swap)
    swapper.start()
    try:
        answers = [process("list", "--json", env=env) for _ in range(12)]
    finally:
        stop.set()
        swapper.join()
    target.write_bytes(second)
    settled = process("list", "--json", env=env)
    for result in [*answers, settled]:
        assert result.returncode == 0, result.stderr
        ids = [form["id"] for form in json.loads(result.stdout)["forms"]]
        assert ids in (
            ["form-00000", "form-00001", "form-00002"],
            ["form-00000", "form-swapd", "form-00002"],
        )
    assert b"form-swapd" in settled.stdout  # the file in place now


# 5. -o: every kind of target -------------------------------------------------------------


def special(tmp_path: Path, kind: str) -> Path:
    """A path of the given kind in tmp_path."""
    path = tmp_path / f"target-{kind}"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        server.close()
    elif kind == "link to a file":
        (tmp_path / "real.json").write_text("precious")
        path.symlink_to(tmp_path / "real.json")
    elif kind == "dangling link":
        path.symlink_to(tmp_path / "nothing-here")
    elif kind == "folder":
        path.mkdir()
    elif kind == "device":
        if os.geteuid() == 0:  # a null device of our own, so that /dev is never at stake
            os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        else:  # not root: /dev/null itself, which this user could not replace anyway
            return Path("/dev/null")
    return path


KINDS = {
    "fifo": "is a named pipe (FIFO)",
    "socket": "is a socket",
    "link to a file": "is a symbolic link",
    "dangling link": "is a symbolic link",
    "folder": "is a folder: give a file name inside it",
    "device": "is a character device",
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_output_refuses_anything_but_a_regular_file(tmp_path: Path, kind: str) -> None:
    target = special(tmp_path, kind)
    before = target.lstat()
    result = process("compare", "glycinate", "citrate", "--json", "-o", str(target))
    assert result.returncode == 1
    assert result.stdout == b""
    line = one_clean_line(result.stderr)
    assert line.startswith(f"Error: {target} {KINDS[kind]}")
    after = target.lstat()
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)  # left alone
    assert not list(tmp_path.glob(".magcli-*"))


def test_output_replaces_a_regular_file_keeping_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    target.chmod(0o640)
    result = process("compare", "glycinate", "citrate", "--json", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert json.loads(target.read_text())["command"] == "compare"


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_a_new_file_gets_the_mode_the_umask_allows(tmp_path: Path, umask: int) -> None:
    target = tmp_path / "new.csv"
    result = process("list", "-f", "csv", "-o", str(target), preexec_fn=lambda: os.umask(umask))
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_the_longest_legal_name(tmp_path: Path) -> None:
    name = "m" * 250 + ".json"  # 255 bytes, the most a name may have here
    result = process("show", "oxide", "--json", "-o", name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / name).read_text())["forms"][0]["id"] == "oxide"


def test_a_name_ending_in_a_slash_names_a_folder(tmp_path: Path) -> None:
    result = process("list", "-o", "newdir/", cwd=tmp_path)
    assert result.returncode == 1
    line = one_clean_line(result.stderr)
    assert "newdir/: ends with '/', so it names a folder" in line
    assert list(tmp_path.iterdir()) == []


def test_dash_is_stdout(tmp_path: Path) -> None:
    result = process("show", "oxide", "--json", "-o", "-", cwd=tmp_path)
    assert result.returncode == 0
    assert json.loads(result.stdout)["forms"][0]["id"] == "oxide"
    assert list(tmp_path.iterdir()) == []  # no file named '-'
    named = process("show", "oxide", "--json", "-o", "./-", cwd=tmp_path)
    assert named.returncode == 0 and (tmp_path / "-").is_file()


def ended_well(code: int, err: bytes, number: int) -> bool:
    """How a run sent signal `number` may end: finished (0); stopped by magcli's handler
    (128 + number, one line); or, when the signal came after all was written, while
    Python was shutting down and had put the default handlers back, killed by it
    (-number, which a shell reports as 128 + number too). Never with a traceback."""
    if code == 128 + number:
        return err.decode() == ENDINGS[number] + "\n"
    return code in (0, -number) and b"Traceback" not in err


@pytest.mark.parametrize("number", list(ENDINGS))
def test_a_signal_while_writing_a_file_leaves_no_temporary(tmp_path: Path, number: int) -> None:
    catalogue = write_catalog(tmp_path / "big.toml", 1500)
    target = tmp_path / "out" / "forms.json"
    target.parent.mkdir()
    rng = random.Random(number)
    interrupted = 0

    def start() -> subprocess.Popen[bytes]:
        child = subprocess.Popen(
            [*MAGCLI, "list", "--json", "--data", str(catalogue), "-o", str(target)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            preexec_fn=signals_as_default,
        )
        wait_until_read(child.pid, catalogue.stat().st_size)
        return child

    # How long the work after the reading takes on this machine, unsignalled: the
    # signals below fall within it, however fast or loaded the machine is.
    timed = start()
    began = time.monotonic()
    timed.communicate(timeout=60)
    span = time.monotonic() - began
    assert timed.returncode == 0 and len(json.loads(target.read_text())["forms"]) == 1500
    target.unlink()
    for _ in range(3):
        child = start()
        # Once magcli has read the catalogue (its own code runs, its handlers are set),
        # at a random moment of the reading, ranking and writing that follows.
        time.sleep(rng.uniform(0.0, 0.8 * span))
        running = child.poll() is None
        child.send_signal(number)
        _, err = child.communicate(timeout=60)
        leftovers = [path.name for path in target.parent.iterdir() if path != target]
        assert leftovers == []
        assert ended_well(child.returncode, err, number)
        interrupted += running and child.returncode == 128 + number
        if target.exists():
            assert len(json.loads(target.read_text())["forms"]) == 1500  # whole
            target.unlink()
    assert interrupted, "every run had finished before its signal: nothing was tested"


# 9. Signals at random moments of a large --json run ------------------------------------


@pytest.mark.parametrize("number", list(ENDINGS))
def test_a_signal_at_any_moment_leaves_the_document_whole_or_absent(
    tmp_path: Path, number: int
) -> None:
    catalogue = write_catalog(tmp_path / "big.toml", 600)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg"), "MAGCLI_NO_CACHE": "1"}
    rng = random.Random(1000 + number)
    for _ in range(6):
        child = subprocess.Popen(
            [sys.executable, "-m", "magcli", "list", "--json", "--data", str(catalogue)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            preexec_fn=signals_as_default,
            env=env,
        )
        assert child.stdout is not None and child.stderr is not None
        # Any moment from when magcli's own code runs (it has read the catalogue; Python's
        # start-up comes before it) to well into the writing of the document. Nothing is
        # read until the signal is sent, so the child cannot finish first: the document
        # (over a megabyte) fills the pipe and its write waits.
        wait_until_read(child.pid, catalogue.stat().st_size)
        time.sleep(rng.uniform(0.0, 0.9))
        assert child.poll() is None
        child.send_signal(number)
        received = b""
        while chunk := child.stdout.read(4096):
            received += chunk
        err = child.stderr.read()
        code = child.wait(timeout=60)
        assert code == 128 + number and err.decode() == ENDINGS[number] + "\n", (code, err)
        if received:
            assert len(json.loads(received)["forms"]) == 600


# 10. Failing to write stdout -----------------------------------------------------------


def test_a_full_device_is_one_line_and_exit_1(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path / "xdg")}
    with open("/dev/full", "wb") as full:
        result = process("compare", "glycinate", "citrate", "--json", env=env, stdout=full)
    assert result.returncode == 1
    assert result.stderr == b"Error: cannot write the output: No space left on device\n"


@pytest.mark.parametrize(
    "args", [["--help"], ["compare", "glycinate", "citrate"], ["list", "-f", "csv"]]
)
def test_a_read_only_stdout_is_one_line_and_exit_1(tmp_path: Path, args: list[str]) -> None:
    readable = tmp_path / "readable"
    readable.write_text("")
    with readable.open("rb") as handle:
        result = process(*args, stdout=handle, stderr=subprocess.PIPE)
    assert result.returncode == 1
    assert result.stderr == b"Error: cannot write the output: Bad file descriptor\n"


def test_a_file_that_fills_up_is_cut_back_to_where_the_document_began(tmp_path: Path) -> None:
    # A file size limit stands in for a full disk: the write fails part-way (EFBIG).
    env = {"XDG_CACHE_HOME": str(tmp_path / "xdg")}
    args = ["list", "--json"]
    out = tmp_path / "out.json"
    out.write_bytes(b"earlier line\n")

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, resource.RLIM_INFINITY))

    with out.open("ab") as handle:
        result = process(*args, env=env, stdout=handle, stderr=subprocess.PIPE, preexec_fn=limit)
    assert result.returncode == 1
    assert result.stderr == b"Error: cannot write the output: File too large\n"
    assert out.read_bytes() == b"earlier line\n"  # nothing half-written after it


# 8. JSON: only finite numbers, no byte-order mark ----------------------------------------

NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=1, max_value=10**400).map(str),
    st.sampled_from(["nan", "inf", "-inf", "1e308", "1e309", "9" * 400, "-0", "0x10", "1_000"]),
    st.text(alphabet="0123456789.eE+-", min_size=1, max_size=30),
)


def strict_json(text: str) -> object:
    def refuse(name: str) -> object:
        raise AssertionError(f"{name} in a JSON document")

    return json.loads(text, parse_constant=refuse)


@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    value=NUMBERS,
    option=st.sampled_from(
        [
            ["dose", "oxide", "--compound"],
            ["dose", "oxide", "--elemental"],
            ["dose", "oxide", "--compound", "500", "--label-mg"],
            ["foods", "--min-mg"],
            ["foods", "--top"],
            ["intake", "--age"],
        ]
    ),
    fmt=st.sampled_from(["json", "jsonl"]),
)
def test_any_number_gives_strict_json_or_a_short_usage_error(
    cache: Path, value: str, option: list[str], fmt: str
) -> None:
    result = run_main([*option, value, "-f", fmt])
    if result.exit_code == 0:
        for line in result.stdout.splitlines() if fmt == "jsonl" else [result.stdout]:
            strict_json(line)
    else:
        assert result.exit_code == 2, result.stderr
        assert result.stdout == ""
        assert "Traceback" not in result.stderr
        assert len(result.stderr) < 600


def test_a_400_digit_dose_is_too_large_not_too_small(cache: Path) -> None:
    result = run_main(["dose", "oxide", "--elemental", "9" * 400])
    assert result.exit_code == 2
    assert "is more than magcli takes: at most 10,000 mg (10 g)" in result.stderr
    assert len(result.stderr) < 300


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32", "utf_8_sig"])
def test_no_byte_order_mark_whatever_the_encoding(tmp_path: Path, encoding: str) -> None:
    env = {"PYTHONIOENCODING": encoding, "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    for args in (["show", "oxide", "--json"], ["--help"], ["list", "-f", "csv"]):
        result = process(*args, env=env)
        assert result.returncode == 0, result.stderr
        assert not result.stdout.startswith(
            (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
        ), (encoding, args)
    utf8 = process("show", "oxide", "--json", env=env)
    if "8" in encoding:
        assert json.loads(utf8.stdout)["forms"][0]["id"] == "oxide"


# 7. Untrusted text in every output: --version, completion, messages ----------------------


def hostile_catalogue(tmp_path: Path, text: str) -> Path:
    """A small catalogue with `text` in its version and as an alias of its first form."""
    escaped = json.dumps(text)  # a TOML basic string takes JSON's escapes
    source = write_catalog(tmp_path / "small.toml", 2).read_text(encoding="utf-8")
    source = source.replace('data_version = "', f"data_version = {escaped[:-1]}", 1)
    source = source.replace('aliases = ["alias-00000"', f'aliases = [{escaped}, "alias-00000"', 1)
    path = tmp_path / "hostile.toml"
    path.write_text(source, encoding="utf-8")
    return path


@settings(
    max_examples=examples(30),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    text=st.lists(
        st.one_of(st.sampled_from([chr(code) for code in UNSAFE]), st.sampled_from("gly\n\t")),
        min_size=1,
        max_size=12,
    ).map("".join)
)
def test_data_text_is_made_safe_in_version_and_completion(
    cache: Path, tmp_path: Path, text: str
) -> None:
    catalogue = hostile_catalogue(tmp_path, "g" + text)
    env = {"MAGCLI_DATA": str(catalogue)}
    version = run_main(["--version"], env)
    offered = run_main([], {**env, "_MAGCLI_COMPLETE": "complete_bash", **_words("g")})
    for result in (version, offered):
        assert "Traceback" not in result.stderr
        shown = result.stdout + result.stderr
        assert not any(ord(char) in UNSAFE for char in shown), repr(shown)
    assert version.exit_code == 0
    assert version.stdout.count("\n") == 1
    # The name is offered, made safe, on one line: a newline in it cannot make two.
    (line,) = offered.stdout.splitlines()
    assert line.startswith("g")


def _words(line: str) -> dict[str, str]:
    words = ["magcli", "compare", line]
    return {"COMP_WORDS": " ".join(words), "COMP_CWORD": str(len(words) - 1)}


@pytest.mark.parametrize(
    "args",
    [
        ["x" * 100_000],
        ["compare", "--" + "x" * 100_000],
        ["list", "--sort", "x" * 100_000],
        ["foods", "--top", "x" * 100_000],
        ["compare", "a", "b", "-f", "x" * 100_000],
        ["\x1b[31m" + "x" * 50],
        ["compare", "--\x1b]0;title\x07"],
        ["foods", "--top", "\u202e5"],
    ],
    ids=lambda args: f"{len(''.join(args))}-chars",
)
def test_messages_echo_no_control_codes_and_nothing_huge(cache: Path, args: list[str]) -> None:
    result = run_main(args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr) < 1000
    assert not any(ord(char) in UNSAFE for char in result.stderr), repr(result.stderr)


def test_a_non_utf8_catalogue_path_is_named_readably(tmp_path: Path) -> None:
    name = os.fsdecode(b"cat\xff.toml")
    (tmp_path / name).write_text(BUNDLED, encoding="utf-8")
    good = process("show", "oxide", "--json", "--data", name, cwd=tmp_path)
    assert good.returncode == 0, good.stderr
    missing = process("show", "oxide", env={"MAGCLI_DATA": os.fsdecode(b"gone\xff.toml")})
    assert missing.returncode == 1
    assert one_clean_line(missing.stderr) == "Error: gone\\xff.toml: no such catalogue file\n"


# 11. The smaller items -------------------------------------------------------------------


def test_csv_defuses_tab_and_carriage_return_before_a_formula(cache: Path, tmp_path: Path) -> None:
    source = BUNDLED.replace('name = "Magnesium glycinate"', 'name = "\\t=1+1"', 1)
    source = source.replace('name = "Magnesium citrate"', 'name = "\\r=1+1"', 1)
    assert source != BUNDLED
    catalogue = tmp_path / "formula.toml"
    catalogue.write_text(source, encoding="utf-8")
    for fmt, dialect in (("csv", csv.excel), ("tsv", csv.excel_tab)):
        result = run_main(["list", "-f", fmt, "--data", str(catalogue)])
        assert result.exit_code == 0, result.stderr
        for row in csv.reader(io.StringIO(result.stdout), dialect):
            for cell in row:
                assert not cell.lstrip(" \t\r").startswith(("=", "+", "@")), cell


@pytest.mark.parametrize(
    ("env", "fragment"),
    [
        ({"COMP_WORDS": "magcli comp", "COMP_CWORD": "abc"}, "invalid literal"),
        ({"COMP_CWORD": "1"}, "COMP_WORDS"),
        ({"COMP_WORDS": "magcli comp"}, "COMP_CWORD"),
    ],
)
def test_malformed_completion_variables_are_a_usage_error(
    cache: Path, env: dict[str, str], fragment: str
) -> None:
    result = process(env={"_MAGCLI_COMPLETE": "complete_bash", **env})
    assert result.returncode == 2
    line = one_clean_line(result.stderr)
    assert "shell completion: the shell's completion variables are missing or malformed" in line
    assert fragment in line


def test_installing_completion_into_an_unwritable_home(tmp_path: Path) -> None:
    result = process(
        "--install-completion", "bash", env={"HOME": "/proc/nowhere", "SHELL": "/bin/bash"}
    )
    assert result.returncode == 1
    assert one_clean_line(result.stderr) == "Error: /proc/nowhere: No such file or directory\n"


def test_minus_zero_years_is_zero(cache: Path) -> None:
    result = run_main(["intake", "--age", "-0", "--sex", "female"])
    assert result.exit_code == 0
    assert "-0" not in result.stdout
    assert "newborn female" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["intake", "--age", "30", "--sex", ""], "'' is not one of female, male"),
        (["compare", "glycinate", "citrate", "--data", ""], "--data: the catalogue file name"),
        (["show", "oxide", "-o", ""], "the file name is empty"),
    ],
)
def test_empty_values_are_errors_not_defaults(cache: Path, args: list[str], message: str) -> None:
    result = run_main(args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr


def test_a_catalogue_starting_with_a_byte_order_mark_reads(cache: Path, tmp_path: Path) -> None:
    catalogue = tmp_path / "bom.toml"
    catalogue.write_bytes(b"\xef\xbb\xbf" + BUNDLED.encode())
    result = run_main(["show", "oxide", "--json", "--data", str(catalogue)])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["forms"][0]["id"] == "oxide"


# Found by attacking the first round of fixes ------------------------------------------


def test_a_failed_write_to_a_file_opened_to_append_keeps_what_was_there(tmp_path: Path) -> None:
    # As the shell's >> opens it: O_APPEND, the offset still at 0.
    out = tmp_path / "log.txt"
    out.write_bytes(b"PRECIOUS " * 2000)
    descriptor = os.open(out, os.O_WRONLY | os.O_APPEND)

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, resource.RLIM_INFINITY))

    try:
        result = process("list", "--json", stdout=descriptor, preexec_fn=limit)
    finally:
        os.close(descriptor)
    assert result.returncode == 1
    assert result.stderr == b"Error: cannot write the output: File too large\n"
    assert out.read_bytes() == b"PRECIOUS " * 2000


def test_a_deleted_working_directory(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    result = process(
        "compare", "glycinate", "citrate", "--json", cwd=gone, preexec_fn=lambda: os.rmdir(gone)
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["command"] == "compare"


@pytest.mark.parametrize("columns", ["0", "-5", "5", "abc", "100000"])
def test_any_columns_value_prints_the_answer_and_its_warning(cache: Path, columns: str) -> None:
    result = run_main(["dose", "citrate", "--compound", "2g", "--age", "6"], {"COLUMNS": columns})
    assert result.exit_code == 0
    assert "above the" in " ".join(result.stdout.split())  # the over-limit warning
    assert max(len(line) for line in result.stdout.splitlines()) <= 500


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["compare", "--help"],
        ["_MAGCLI_COMPLETE=source_bash"],
        ["compare", "glycinate", "citrate"],
        ["--version"],
    ],
)
def test_a_closed_stdout_is_said_on_every_path(args: list[str]) -> None:
    variables = [arg for arg in args if "=" in arg]  # the shell's own completion call
    words = [arg for arg in args if "=" not in arg]
    line = " ".join([*variables, *MAGCLI, *words]) + " >&-"
    result = subprocess.run(line, shell=True, capture_output=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr == b"Error: cannot write the output: standard output is closed\n"


LONG_NAME = "a" * 100_000


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--data", LONG_NAME],
        ["list", "-o", LONG_NAME],
        ["list", "-o", "x/" + LONG_NAME],
    ],
    ids=["data", "output", "output-in-folder"],
)
def test_a_huge_file_name_is_cut_short_in_the_message(cache: Path, args: list[str]) -> None:
    result = run_main(args)
    assert result.exit_code == 1
    assert len(result.stderr) < 600
    assert "(100,000 characters)" in result.stderr or "characters)" in result.stderr


def test_a_catalogue_cannot_forge_lines_in_a_message(cache: Path, tmp_path: Path) -> None:
    source = write_catalog(tmp_path / "small.toml", 2).read_text(encoding="utf-8")
    forged = '"x\\nError: forged line" = 1\n' + "y" * 0
    source = source.replace("[forms.side_effects]", forged + "\n[forms.side_effects]", 1)
    source = source.replace('id = "form-00000"', 'id = "' + "z" * 100_000 + '"', 1)
    catalogue = tmp_path / "forged.toml"
    catalogue.write_text(source, encoding="utf-8")
    result = run_main(["list", "--data", str(catalogue)])
    assert result.exit_code == 1
    assert not any(line.startswith("Error: forged") for line in result.stderr.splitlines())
    assert len(result.stderr) < 2000


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "tsv", "markdown", "html", "table"])
@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "file"])
def test_an_argument_that_is_not_utf8(tmp_path: Path, fmt: str, to_file: bool) -> None:
    word = os.fsdecode(b"ab\xffcd")
    target = tmp_path / f"out.{fmt}"
    extra = ["-o", str(target)] if to_file else []
    result = process("interactions", word, "-f", fmt, *extra)
    assert result.returncode == 0, result.stderr
    written = target.read_bytes() if to_file else result.stdout
    text = written.decode("utf-8")  # valid UTF-8 whatever was typed
    assert "ab\\xffcd" in text or "ab\\\\xffcd" in text
    if fmt == "json":
        assert json.loads(text)["query"] == "ab\\xffcd"


def test_an_index_of_another_shape_is_a_miss(cache: Path) -> None:
    # Even an index with a good hash (only this user can write the folder) but of another
    # shape is a miss, not a traceback.
    run_main(["show", "oxide", "--json"])
    import marshal

    from magcli.completion import INDEX_MAGIC
    from magcli.paths import digest

    for index in cache.glob("index-*"):
        payload = marshal.dumps({"something": "else"})
        index.write_bytes(INDEX_MAGIC + digest(payload) + payload)
    tab = run_main([], TAB)
    assert tab.exit_code == 0 and "glycinate" in tab.stdout.split()


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize(
    "args",
    [
        ["show", "chloride", "-f", "jsonl"],
        ["show", "chloride", "-f", "csv"],
        ["show", "chloride", "-f", "tsv"],
        ["show", "chloride", "-f", "markdown"],
        ["show", "chloride", "-f", "html"],
        ["show", "chloride"],
        ["--help"],
    ],
)
def test_a_narrow_encoding_gets_every_format(encoding: str, args: list[str]) -> None:
    result = process(*args, env={"PYTHONIOENCODING": encoding})
    assert result.returncode == 0, result.stderr
    result.stdout.decode(encoding)
    if "jsonl" in args:
        for line in result.stdout.splitlines():
            json.loads(line)


def test_the_output_cannot_be_the_data_file(tmp_path: Path) -> None:
    catalogue = tmp_path / "mine.toml"
    catalogue.write_text(BUNDLED, encoding="utf-8")
    (tmp_path / "link.toml").hardlink_to(catalogue)
    for target in ("mine.toml", "./mine.toml", "link.toml"):
        result = process("list", "--data", "mine.toml", "-o", target, cwd=tmp_path)
        assert result.returncode == 1
        assert "is the data file this command read" in one_clean_line(result.stderr)
    assert catalogue.read_text(encoding="utf-8") == BUNDLED


def test_a_read_only_file_is_not_replaced(
    run: Callable[..., object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "kept.json"
    target.write_text("kept")
    target.chmod(0o444)
    real_access = os.access
    # As any user but root sees a 0444 file (root may write anything).
    monkeypatch.setattr(
        "os.access",
        lambda path, mode, **kw: False if Path(path) == target else real_access(path, mode),
    )
    result = run_main(["show", "oxide", "--json", "-o", str(target)])
    assert result.exit_code == 1
    assert "is read-only: magcli will not replace it" in result.stderr
    assert target.read_text() == "kept"


def test_an_absurd_magnesium_share_is_refused(cache: Path, tmp_path: Path) -> None:
    source = write_catalog(tmp_path / "small.toml", 2).read_text(encoding="utf-8")
    catalogue = tmp_path / "tiny.toml"
    catalogue.write_text(source.replace("= 60.3", "= 1e-200", 1), encoding="utf-8")
    result = run_main(["dose", "form-00000", "--elemental", "100", "--data", str(catalogue)])
    assert result.exit_code == 1
    assert "elemental_mg_percent" in result.stderr and "greater than or equal to 1" in (
        result.stderr
    )


@pytest.mark.parametrize(
    "planted",
    [{"forms": "not a list"}, {}, ["a", "list"], "text", {"schema_version": 2.2}],
    ids=["bad-forms", "empty", "a-list", "a-string", "half"],
)
def test_a_parse_in_the_cache_that_does_not_validate_is_a_miss(
    cache: Path, planted: object
) -> None:
    """An entry well formed (its magic and its hash right) whose content is not a
    catalogue: the file itself is read, and the answer is the one without a cache."""
    import marshal

    from magcli.domain.catalog import PARSED_MAGIC
    from magcli.paths import digest

    argv = ["compare", "glycinate", "citrate", "--json"]
    expected = fresh(argv)
    run_main(argv)
    for entry in cache.glob("parsed-*"):
        payload = marshal.dumps(planted)
        entry.write_bytes(PARSED_MAGIC + digest(payload) + payload)
    result = run_main(argv)
    assert (result.stdout, result.stderr, result.exit_code) == expected


def test_the_parse_cache_keeps_a_few_entries_and_only_its_own(cache: Path, tmp_path: Path) -> None:
    """Each catalogue one runs with is parsed once and kept; the oldest go first, and a
    file of someone else's in the folder is never deleted."""
    from magcli.domain.catalog import PARSED_KEPT

    run_main(["list", "--json"])
    foreign = cache / "parsed-not-magclis"
    foreign.write_bytes(b"a file of the user's own")
    for number in range(PARSED_KEPT + 3):
        catalogue = write_catalog(tmp_path / f"forms-{number}.toml", 1 + number % 3)
        text = catalogue.read_text().replace("form-00000", f"form-{number:05d}x")
        catalogue.write_text(text)
        assert run_main(["list", "--json", "--data", str(catalogue)]).exit_code == 0
    kept = [path for path in cache.glob("parsed-*") if path != foreign]
    assert len(kept) == PARSED_KEPT and foreign.exists()


# The start-up window: a signal before magcli's handlers are set -------------------------

SOURCE = Path(__file__).resolve().parents[1] / "src" / "magcli"


def _magclis_own(frame_file: str) -> bool:
    """Whether a traceback's frame is in magcli's own code (installed or in the tree)."""
    path = Path(frame_file)
    installed = "site-packages" in path.parts and "magcli" in path.parts
    return installed or SOURCE in path.parents


@pytest.mark.parametrize("number", [2, 15])  # SIGINT, SIGTERM
def test_a_signal_at_start_up_never_shows_magclis_own_traceback(number: int) -> None:
    """From the first millisecond: magcli's handlers are set before any of its own code
    that could be interrupted runs (magcli.ending), so a signal at any moment of start-up
    ends it with its one line, or (before magcli runs at all) as the interpreter does;
    never with a traceback through magcli's files."""
    import re

    script = Path(sys.executable).with_name("magcli")  # the installed command, as run
    command = [str(script)] if script.exists() else MAGCLI
    rng = random.Random(number)
    # Most of them in the first 30 ms, where the interpreter starts and magcli's code begins.
    delays = [rng.uniform(0.0, 0.03) for _ in range(14)] + [
        rng.uniform(0.03, 0.1) for _ in range(6)
    ]
    for delay in sorted(delays):
        child = subprocess.Popen(
            [*command, "compare", "glycinate", "citrate"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            preexec_fn=signals_as_default,
            env={**os.environ, NO_CACHE_ENV: "1"},
        )
        time.sleep(delay)
        child.send_signal(number)
        _, err = child.communicate(timeout=60)
        frames = re.findall(r'File "([^"]+)", line', err.decode("utf-8", "replace"))
        assert not [frame for frame in frames if _magclis_own(frame)], (delay, err[-600:])
        if child.returncode == 128 + number:
            assert err.decode() == ENDINGS[number] + "\n"


_AT_AN_IMPORT = """\
import os, runpy, signal, sys

wanted, launcher, listing = int(sys.argv[1]), sys.argv[2], sys.argv[3]
out = os.open(listing, os.O_WRONLY | os.O_CREAT | os.O_APPEND) if not wanted else -1
count = 0


def hook(event, args):
    global count
    if event != "import":
        return
    count += 1
    if out >= 0:
        os.write(out, (str(args[0]) + "\\n").encode())
    elif count == wanted:
        os.kill(os.getpid(), signal.SIGINT)


sys.addaudithook(hook)
sys.argv = [launcher, "compare", "glycinate", "citrate"]
runpy.run_path(launcher, run_name="__main__")
"""


def test_ctrl_c_as_each_module_of_start_up_loads_never_shows_magclis_own_traceback(
    tmp_path: Path,
) -> None:
    """The same window, exactly: Ctrl-C at the moment each module of start-up begins to
    load, up to and past magcli.ending (the interpreter's audit hook sends it). Before
    magcli's handlers are set, the interpreter ends it (its own traceback through the
    launcher at most, or killed by the signal); once they are, it ends with the one line
    and exit 130; never with a traceback through magcli's files."""
    import re

    script = Path(sys.executable).with_name("magcli")
    launcher = script if script.exists() else SOURCE / "__main__.py"
    at_an_import = tmp_path / "at_an_import.py"
    at_an_import.write_text(_AT_AN_IMPORT)
    listing = tmp_path / "imports.txt"
    env = {**os.environ, NO_CACHE_ENV: "1"}

    def run(wanted: int) -> subprocess.CompletedProcess[bytes]:
        command = [sys.executable, str(at_an_import), str(wanted), str(launcher), str(listing)]
        return subprocess.run(
            command, capture_output=True, env=env, preexec_fn=signals_as_default, timeout=60
        )

    assert run(0).returncode == 0
    names = listing.read_text().split()
    handled = names.index("magcli.ending") + 1  # loaded and set by the next import
    rng = random.Random(2)
    chosen = [*range(1, handled + 3), *rng.sample(range(handled + 3, len(names) + 1), 4)]
    for wanted in chosen:
        child = run(wanted)
        err = child.stderr.decode("utf-8", "replace")
        frames = re.findall(r'File "([^"]+)", line', err)
        assert not [frame for frame in frames if _magclis_own(frame)], (names[wanted - 1], err)
        if wanted > handled:
            assert (child.returncode, err) == (130, ENDINGS[2] + "\n"), names[wanted - 1]


def test_ctrl_c_that_the_parent_ignores_stays_ignored_from_the_first_statement() -> None:
    """A shell's background job (`magcli ... &` in a script) is started with SIGINT
    ignored: neither the command's first statement nor magcli.ending takes that back,
    so Ctrl-C at any moment leaves the run to finish with its whole document."""
    import json

    def ignore_ctrl_c() -> None:
        signals_as_default()
        signal.signal(signal.SIGINT, signal.SIG_IGN)

    for delay in (0.0, 0.005, 0.02, 0.1):
        child = subprocess.Popen(
            [*MAGCLI, "compare", "glycinate", "citrate", "--json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            preexec_fn=ignore_ctrl_c,
            env={**os.environ, NO_CACHE_ENV: "1"},
        )
        time.sleep(delay)
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=60)
        assert (child.returncode, err) == (0, b""), delay
        assert [form["id"] for form in json.loads(out)["forms"]] == ["glycinate", "citrate"]
