"""Hostile input: every case gets a clear message, a documented exit code, and never a
traceback, a polluted document or an escape code from a data file."""

from __future__ import annotations

import json
import os
import random
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bigcatalog import write_catalog
from conftest import DATA, Run, examples
from magcli.cli import app as make_app
from magcli.domain.catalog import MAX_CATALOG_BYTES, bundled_path

MINIMAL = (DATA / "valid" / "minimal.toml").read_text(encoding="utf-8")
INVALID = DATA / "invalid"
TERMINAL_ACTIVE = re.compile("[\x1b\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


# 1. Bad data files ----------------------------------------------------------------------


def _write(tmp: Path, name: str, content: str | bytes) -> Path:
    path = tmp / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


BAD_FILES: list[tuple[str, object, str]] = [
    # (case, how to make the file, message fragment)
    ("missing file", None, "no such catalogue file"),
    ("directory", "DIR", "is a directory"),
    ("non-UTF-8 bytes", 'data_version = "caf\xe9"\n'.encode("latin-1"), "not UTF-8 text"),
    ("binary garbage", bytes(range(256)) * 4, "not UTF-8 text"),
    ("NUL bytes", b"schema_version = \x00\n", "TOML syntax error"),
    ("empty file", "", "Field required"),
    (
        "TOML syntax error",
        "schema_version = \n",
        "TOML syntax error: Invalid value (at line 1, column 18)",
    ),
    (
        "wrong type",
        MINIMAL.replace("elemental_mg_percent = 60.3", "elemental_mg_percent = []"),
        "Input should be a valid number",
    ),
    ("negative percent", MINIMAL.replace("60.3", "-1"), "greater than or equal to 1"),
    ("percent over 100", MINIMAL.replace("60.3", "100.5"), "less than or equal to 100"),
    (
        "unknown grade",
        MINIMAL.replace('grade = "unverified"', 'grade = "strong"', 1),
        "got 'strong'",
    ),
    (
        "unknown goal",
        MINIMAL.replace(
            "[forms.side_effects]",
            '[[forms.uses]]\ngoal = "weight-loss"\ngrade = "rct"\nsources = ["ref"]\n\n'
            "[forms.side_effects]",
        ),
        "forms[0] (alpha): goal 'weight-loss' is not one of the catalogue's goals (none)",
    ),
    (
        "human grade backed only by a reference work",
        MINIMAL.replace('grade = "unverified"', 'grade = "small-human"', 1),
        "bioavailability: grade 'small-human' needs a study in people that gave alpha",
    ),
    (
        "duplicate id",
        MINIMAL + MINIMAL[MINIMAL.index("[[forms]]") :],
        "id is already used by form 'alpha'",
    ),
    (
        "alias shared by two forms",
        MINIMAL + MINIMAL[MINIMAL.index("[[forms]]") :].replace('"alpha"', '"beta"'),
        "alias 'first' is already used by form 'alpha'",
    ),
    (
        "missing source key",
        MINIMAL.replace('sources = ["ref"]', 'sources = ["gone"]', 1),
        "cites unknown source 'gone'",
    ),
    ("very large file", "LARGE", f"over the {MAX_CATALOG_BYTES:,}-byte limit"),
    ("a device", "/dev/zero", "not a regular file"),
    ("a FIFO", "FIFO", "not a regular file"),
    ("deeply nested arrays", "x = " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply to read"),
]


def _make(tmp: Path, recipe: object) -> str:
    if recipe is None:
        return str(tmp / "absent.toml")
    if recipe == "DIR":
        return str(tmp)
    if recipe == "LARGE":
        path = tmp / "large.toml"
        with path.open("wb") as handle:
            handle.truncate(MAX_CATALOG_BYTES + 1)
        return str(path)
    if recipe == "FIFO":
        path = tmp / "fifo.toml"
        os.mkfifo(path)
        return str(path)
    if isinstance(recipe, str) and recipe.startswith("/dev/"):
        return recipe
    assert isinstance(recipe, str | bytes)
    return str(_write(tmp, "case.toml", recipe))


@pytest.mark.parametrize(("case", "recipe", "fragment"), BAD_FILES, ids=[c[0] for c in BAD_FILES])
@pytest.mark.parametrize("as_json", [False, True], ids=["table", "json"])
def test_bad_data_file(
    run: Run, tmp_path: Path, case: str, recipe: object, fragment: str, as_json: bool
) -> None:
    path = _make(tmp_path, recipe)
    result = run(["list", "--data", path, *(["--json"] if as_json else [])])
    assert result.exit_code == 1, (case, result.stderr)
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ")
    assert path in result.stderr  # names the file
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) <= 12  # short, even for many problems


def test_bad_data_file_through_the_environment(run: Run, tmp_path: Path) -> None:
    path = _write(tmp_path, "env.toml", "schema_version = \n")
    result = run("compare a b --json", env={"MAGCLI_DATA": str(path)})
    assert result.exit_code == 1 and result.stdout == ""
    assert f"Error: {path}: TOML syntax error" in result.stderr


# 2. Untrusted text ---------------------------------------------------------------------

NASTY = (
    "[red]x[/] [link=https://e.example]y[/link] "  # Rich markup
    "\x1b[2J\x1b]0;title\x07 \x9b31m "  # ANSI and C1 escape sequences
    "\u202eevil\u202c \x00\x08 ok"  # a reordering mark, NUL and backspace
)


def _nasty_catalog(tmp: Path) -> Path:
    escaped = json.dumps(NASTY)  # a TOML basic string takes JSON-style escapes
    text = (
        MINIMAL.replace('citation = "A test citation."', f"citation = {escaped}")
        .replace('name = "Magnesium alpha"', f"name = {escaped}")
        .replace('aliases = ["first"]', f"aliases = [{escaped}]")
        .replace('compound = "magnesium alpha"', f"compound = {escaped}")
        .replace(
            "elemental_mg_percent = 60.3\n",
            f"elemental_mg_percent = 60.3\nnotes = {escaped}\nlabel_note = {escaped}\n",
        )
        .replace(
            "[forms.side_effects]",
            '[[forms.uses]]\ngoal = "sleep"\ngrade = "unverified"\nsources = ["ref"]\n'
            f"note = {escaped}\n\n"
            f'[[forms.popular_claims]]\nclaim = {escaped}\nverdict = "not-shown"\n'
            f'sources = ["pop"]\nnote = {escaped}\n\n[forms.side_effects]',
        )
        .replace(
            "[[forms]]",
            f'[sources.pop]\ncitation = {escaped}\nkind = "popular"\n\n'
            f'[[goals]]\nid = "sleep"\nname = {escaped}\nform_shown_better = false\n'
            f"comparison_note = {escaped}\n\n"
            f'[goals.general_evidence]\ngrade = "unverified"\nnote = {escaped}\n\n[[forms]]',
            1,
        )
    )
    beta = (  # a second form, plain, for compare to set beside it
        '\n[[forms]]\nid = "beta"\nname = "Magnesium beta"\ncompound = "magnesium beta"\n'
        'formula = "MgO"\nelemental_mg_percent = 60.3\n\n[forms.bioavailability]\n'
        'level = "unknown"\ngrade = "unverified"\nsources = ["ref"]\n\n[forms.side_effects]\n'
        'gi_tolerance = "typical"\ngrade = "unverified"\nsources = ["ref"]\n'
    )
    return _write(tmp, "nasty.toml", text + beta)


@pytest.mark.parametrize(
    ("args", "shows_text"),
    [
        (["show", "alpha"], True),
        (["list"], False),  # ids, numbers and vocabulary only
        (["compare", "alpha", "beta", "--sources"], True),
        (["rank", "--for", "sleep", "--explain"], True),
        (["dose", "alpha", "--compound", "500", "--age", "30", "--sex", "male"], True),
        (["interactions", "alpha"], False),  # the form's id only
        (["goals", "--long"], True),
        (["compare", "beta", "alpha"], True),
    ],
)
def test_data_text_never_reaches_the_terminal_as_codes(
    run: Run, tmp_path: Path, args: list[str], shows_text: bool
) -> None:
    path = _nasty_catalog(tmp_path)
    for env in ({"COLUMNS": "250"}, {"COLUMNS": "250", "FORCE_COLOR": "1", "TERM": "xterm"}):
        result = run([*args, "--data", str(path)], env=env)
        assert result.exit_code == 0, result.stderr
        visible = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)  # magcli's own colours
        assert not TERMINAL_ACTIVE.search(visible), repr(visible[:200])
        assert "\x00" not in result.stdout
        # The markup is shown as typed, stripped only of the codes.
        assert ("[red]x[/] [link=https://e.example]y[/link]" in visible) is shows_text


def test_json_carries_data_text_exactly_and_safely(run: Run, tmp_path: Path) -> None:
    path = _nasty_catalog(tmp_path)
    result = run(["show", "alpha", "--json", "--data", str(path)])
    assert result.exit_code == 0
    assert not TERMINAL_ACTIVE.search(result.stdout)  # escaped as \u.... in the text
    (form,) = json.loads(result.stdout)["forms"]
    assert form["name"] == NASTY
    assert form["notes"] == NASTY
    assert form["uses"][0]["note"] == NASTY
    assert form["popular_claims"][0]["claim"] == NASTY
    assert form["sources"][0]["citation"] == NASTY


def test_control_characters_in_arguments_are_escaped_in_messages(run: Run) -> None:
    result = run(["show", "\x1b[31mred"])
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr
    assert "\\x1b[31mred" in result.stderr


# 3. Bad arguments ----------------------------------------------------------------------

LONG = "a" * 5000


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["show", ""], 2, "a form name cannot be empty"),
        (["show", "   "], 2, "a form name cannot be empty"),
        (["compare", "glycinate", "\t"], 2, "a form name cannot be empty"),
        (["show", LONG], 2, "a form name of 5,000 characters is too long (at most 200)"),
        (["list", "--for", LONG], 2, "unknown goal 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'..."),
        (["interactions", LONG], 2, "a medicine name of 5,000 characters is too long"),
        (["interactions", ""], 2, "the medicine name is empty"),
        (
            ["show", "\u0441itrate"],
            2,
            "non-Latin letters: '\u0441' U+0441 CYRILLIC SMALL LETTER ES",
        ),
        (["show", "\u0441itrate"], 2, "did you mean citrate?"),
        (["show", "glycinat\u0435"], 2, "did you mean glycinate?"),
        (["list", "--bogus"], 2, "No such option: --bogus"),
        (["compare", "glycinate", "citrate", "--jsn"], 2, "No such option: --jsn"),
        (["foods", "--top", "abc"], 2, "Invalid value for '--top'"),
        (["foods", "--top", "-1"], 2, "--top must be between 1 and 1,000,000, not -1"),
        (["foods", "--min-mg", "nan"], 2, "--min-mg must be 0 or more, not nan"),
        (["intake", "--age", "nan"], 2, "--age 'nan' is not an age"),
        (["intake", "--age", "inf"], 2, "--age 'inf' is not an age"),
        (["intake", "--age", "200"], 2, "--age must be between 0 and 130 years, not 200"),
        (["dose", "oxide", "--compound", "1e999"], 2, "is not a quantity"),
        (["rank", "--for", ""], 2, "unknown goal ''"),
        (["list", "--sort", ""], 2, "'' is not one of"),
    ],
)
def test_bad_arguments(run: Run, args: list[str], code: int, fragment: str) -> None:
    result = run(args)
    assert result.exit_code == code
    assert " ".join(fragment.split()) in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_full_width_letters_are_read_as_ascii(run: Run) -> None:
    result = run(["show", "\uff43\uff49\uff54\uff52\uff41\uff54\uff45", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["forms"][0]["id"] == "citrate"


def test_thousands_of_names(run: Run) -> None:
    result = run(["compare", *(["glycinate", "Bisglycinate"] * 2500), "oxide", "--json"])
    assert result.exit_code == 0
    assert [form["id"] for form in json.loads(result.stdout)["forms"]] == ["glycinate", "oxide"]
    assert result.stderr == (
        "Warning: 4,999 names repeat forms already in the comparison (the first: "
        "'Bisglycinate' is glycinate); each form is shown once\n"
    )


def test_thousands_of_unknown_names_are_counted_not_listed(run: Run) -> None:
    result = run(["compare", *[f"nope{n}" for n in range(3000)]])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: 3,000 unknown form names ('magcli list' shows")
    assert "... and 2,990 more" in result.stderr
    assert result.stderr.count("\n") == 12


# 4. Terminals and encodings (as CliRunner sees them; real processes in test_process) ---


@pytest.mark.parametrize("columns", ["40", "60", "80"])
@pytest.mark.parametrize(
    "args",
    [
        "compare glycinate citrate oxide",
        "show oxide",
        "list",
        "rank --for sleep --explain",
        "dose oxide --compound 400 --age 35 --sex female --label-mg 300",
        "dose oxide --elemental 400 --age 35 --sex female",
        "intake",
        "interactions",
        "foods --age 30 --sex male",
    ],
)
def test_narrow_terminals(run: Run, columns: str, args: str) -> None:
    result = run(args, env={"COLUMNS": columns})
    assert result.exit_code == 0, result.stderr
    widest = max(len(line) for line in result.stdout.splitlines())
    assert widest <= int(columns), (args, widest)


@pytest.mark.parametrize("env", [{"NO_COLOR": "1", "FORCE_COLOR": "1"}, {"TERM": "dumb"}])
def test_no_colour(run: Run, env: dict[str, str]) -> None:
    out = run("compare glycinate citrate", env=env).stdout
    assert not re.search(r"\x1b\[[0-9;]*3[0-8]", out)


# 5. Unexpected errors ------------------------------------------------------------------


def _break_ranking(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("something impossible")

    monkeypatch.setattr("magcli.commands.rank.rank_forms", broken)


def test_internal_error_is_one_line(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MAGCLI_DEBUG", raising=False)
    monkeypatch.setenv("MAGCLI_TEST_EXPECTS_A_BUG", "1")  # broken on purpose, just below
    _break_ranking(monkeypatch)
    result = run("rank --for sleep --json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Error: internal error (RuntimeError: something impossible); this is a bug in magcli; "
        "please report it with the command you ran (MAGCLI_DEBUG=1 shows the details)\n"
    )


@pytest.mark.parametrize(
    ("args", "env"),
    [("rank --for sleep", {"MAGCLI_DEBUG": "1"}), ("--debug rank --for sleep", {})],
)
def test_debug_shows_the_real_exception(
    run: Run, monkeypatch: pytest.MonkeyPatch, args: str, env: dict[str, str]
) -> None:
    monkeypatch.delenv("MAGCLI_DEBUG", raising=False)
    _break_ranking(monkeypatch)
    result = run(args, env=env)
    assert result.exit_code == 1
    assert isinstance(result.exception, RuntimeError)  # the traceback goes to the user


# 6. Random argument lists and random catalogues ------------------------------------------

FORM_NAMES = ["glycinate", "Citrate", "magtein", "MgO", "oxyde", "epsom salt", "", " ", "zz"]
WORDS = [
    "compare",
    "list",
    "show",
    "rank",
    "dose",
    "intake",
    "interactions",
    "foods",
    "--json",
    "--data",
    "--for",
    "--gentle",
    "--min-evidence",
    "--min-bioavailability",
    "--sort",
    "--explain",
    "--sources",
    "--compound",
    "--elemental",
    "--label-mg",
    "--age",
    "--sex",
    "--pregnant",
    "--lactating",
    "--strict",
    "--top",
    "--min-mg",
    "--help",
    "--version",
    "sleep",
    "constipation",
    "rct",
    "high",
    "female",
    "male",
    "500",
    "1.5g",
    "-5",
    "0",
    "nan",
    "35",
    "abc",
    "--",
    "-",
    "\x1b[31m",
    "[bold]",
    "\u202e",
]
ARGUMENTS = st.lists(st.sampled_from(WORDS + FORM_NAMES) | st.text(max_size=12), max_size=8)
RUNNER = CliRunner()


def _check(args: list[str], env: dict[str, str] | None = None) -> None:
    result = RUNNER.invoke(make_app(), args, env=env, prog_name="magcli")
    assert result.exit_code in (0, 1, 2, 3), (args, result.exit_code, result.output)
    assert "Traceback" not in result.output, args
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), (args, repr(result.exception))
    options = args[: args.index("--")] if "--" in args else args  # after it: words, not options
    asks_help = any(word in ("--help", "-h", "--version") for word in options)
    if "--json" in options and not asks_help and result.stdout:
        json.loads(result.stdout)  # exactly one valid document, or nothing


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(args=ARGUMENTS)
def test_random_argument_lists(args: list[str]) -> None:
    _check(args, env={"MAGCLI_DATA": "", "MAGCLI_DEBUG": ""})


BUNDLED = bundled_path().read_text(encoding="utf-8")
VALUES = [
    '"x"',
    "-1",
    "1e999",
    "true",
    "[]",
    "{}",
    '"[bold]"',
    '"\\u001b[31m"',
    "150",
    "nan",
    '"rct"',
    '"unknown"',
    '"sleep"',
    "0",
    '""',
]


@st.composite
def mutated_catalogs(draw: st.DrawFn) -> bytes:
    lines = BUNDLED.splitlines(keepends=True)
    rng = random.Random(draw(st.integers(0, 2**32)))
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        kind = draw(st.sampled_from(["delete", "duplicate", "junk", "value", "truncate"]))
        index = rng.randrange(len(lines))
        if kind == "delete":
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, lines[index])
        elif kind == "junk":
            lines[index] = draw(st.text(max_size=30)) + "\n"
        elif kind == "value" and " = " in lines[index]:
            key = lines[index].split(" = ", 1)[0]
            lines[index] = f"{key} = {draw(st.sampled_from(VALUES))}\n"
        elif kind == "truncate":
            lines = lines[:index]
    data = "".join(lines).encode("utf-8", "surrogatepass")
    if draw(st.booleans()) and data:
        at = rng.randrange(len(data))
        data = data[:at] + draw(st.binary(max_size=8)) + data[at:]
    return data


COMMANDS = [
    ["list"],
    ["list", "--for", "sleep", "--gentle"],
    ["compare", "glycinate", "citrate"],
    ["show", "oxide"],
    ["rank", "--for", "constipation", "--explain"],
    ["dose", "citrate", "--compound", "1g", "--age", "6", "--strict"],
]


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=mutated_catalogs(), command=st.sampled_from(COMMANDS), as_json=st.booleans())
def test_random_catalogue_mutations(data: bytes, command: list[str], as_json: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutated.toml"
        path.write_bytes(data)
        _check([*command, "--data", str(path), *(["--json"] if as_json else [])])


def test_huge_catalogue_is_handled(run: Run, tmp_path: Path) -> None:
    path = write_catalog(tmp_path / "big.toml", 3000)
    result = run(["rank", "--for", "sleep", "--json", "--data", str(path)])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["forms"]) == 3000
