"""The attack table: each class of hostile input, every case of it a test of its own.

1. A value that would forge a line of a message (a line break, a line separator).
2. Bytes that are not UTF-8 (lone surrogates), in every format, on stdout and in a file.
3. A number of more digits than Python converts, in every kind of data file.
4. Control codes into the calendar, from the command line and from a day file.
5. Amounts beyond what magcli takes, the same limit in every command.
6. Archives of labels: bombs, lies, broken and encrypted ones, hostile member names.

Each case could fail: it is the input an earlier version mishandled, or its sibling.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from conftest import Run

ROOT = Path(__file__).resolve().parents[1]
SHELF = str(ROOT / "examples" / "shelf.toml")
FORMATS = ["table", "json", "jsonl", "csv", "tsv", "markdown", "html"]
BUG = "this is a bug in magcli"


# 1. A line of a message forged from a value ------------------------------------------------

F = "x\nError: forged\u2028y"
FORGING = [
    ["products", SHELF, "--sort", F],
    ["list", F],
    ["rank", F],
    ["rank", "sleep", F],
    ["rank", "sleep", "--for", F],
    ["show", F],
    ["compare", F, "citrate"],
    ["dose", F, "--compound", "1g"],
    ["dose", "glycinate", "--compound", F],
    ["dose", "glycinate", F],
    ["intake", F],
    ["goals", F],
    ["foods", F],
    ["interactions", F],
    ["interactions", "levo" + F],
    ["stack", "--add", F],
    ["stack", "--add", "200mg " + F],
    ["stack", "--medicine", F],
    ["stack", F],
    ["plan", "--medicine", F, "--magnesium", "200mg"],
    ["plan", "--medicine", "doxycycline 08:00", "--magnesium", F],
    ["plan", "--medicine", "doxycycline 08:00", "--magnesium", "200mg", "--start", F],
    ["plan", F],
    ["intake", "--region", F],
    ["intake", "--age", F],
    ["intake", "--sex", F],
    ["compare", "glycinate", "citrate", "-f", F],
    ["list", "--for", F],
    ["list", "--sort", F],
    ["products", SHELF, "--for", F],
    ["products", F],
    ["products", SHELF, "--daily", F],
    ["schema", F],
    [F],
    ["help", F],
    ["foods", "--sort", F],
    ["stack", "--add", "200mg", "--diet", F],
    ["stack", "--add", "200mg", "--weight", F],
    ["compare", "glycinate", "citrate", "--data", F],
]


@pytest.mark.parametrize("args", FORGING, ids=[" ".join(a)[:50] for a in FORGING])
def test_no_value_forges_a_line(run: Run, args: list[str]) -> None:
    """Whatever a value holds, it is shown inside its message: no line of stdout or
    stderr begins with what the value says, and no line separator is written raw."""
    result = run(args, env={"COLUMNS": "200"})
    for stream in (result.stdout, result.stderr):
        assert not [line for line in stream.splitlines() if line.startswith("Error: forged")]
        assert "\u2028" not in stream
    assert BUG not in result.stderr


@pytest.mark.parametrize("kind", ["medicine", "product"])
def test_no_name_in_a_day_file_forges_a_line(run: Run, tmp_path: Path, kind: str) -> None:
    day = tmp_path / "day.toml"
    if kind == "medicine":
        day.write_text('[[medicines]]\nname = "foo\\nError: forged"\ntime = "07:00"\n')
        args = ["plan", str(day), "--magnesium", "200mg"]
    else:
        day.write_text(
            '[[products]]\nname = "Mag\\nError: forged"\nform = "citrate"\nmagnesium_mg = 100\n'
        )
        args = ["stack", str(day)]
    for fmt in FORMATS:
        result = run([*args, "-f", fmt], env={"COLUMNS": "200"})
        assert result.exit_code == 0, result.stderr
        lines = (result.stdout + result.stderr).splitlines()
        assert not [line for line in lines if line.lstrip('"').startswith("Error: forged")], fmt


# 2. Bytes that are not UTF-8 -----------------------------------------------------------------

BAD = "zz\udcff\udcfe"  # what Python makes of the bytes zz\xff\xfe on the command line
SURROGATES = [
    ["foods", BAD],
    ["foods", "spinach", BAD],
    ["interactions", BAD],
    ["compare", "glycinate", BAD],
    ["rank", BAD],
    ["goals", BAD],
    ["show", BAD],
    ["stack", "--add", f"200mg {BAD}"],
    ["plan", "--medicine", f"{BAD} 08:00", "--magnesium", "200mg"],
    ["intake", BAD],
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("args", SURROGATES, ids=[" ".join(a[:2]) for a in SURROGATES])
def test_bytes_that_are_not_utf8_in_every_format(
    run: Run, tmp_path: Path, args: list[str], fmt: str
) -> None:
    """Every format carries them as \\xNN (JSON too, as a valid document), on stdout and
    in a file; never an internal error."""
    result = run([*args, "-f", fmt])
    assert BUG not in result.stderr, result.stderr
    assert "\udcff" not in result.stdout + result.stderr
    target = tmp_path / f"out.{fmt}"
    written = run([*args, "-f", fmt, "-o", str(target)])
    assert BUG not in written.stderr, written.stderr
    assert written.exit_code == result.exit_code
    if result.exit_code == 0 and fmt == "json":
        for text in (result.stdout, target.read_text(encoding="utf-8")):
            json.dumps(json.loads(text))  # a whole, valid document
    if result.exit_code == 0 and fmt == "jsonl":
        for line in target.read_text(encoding="utf-8").splitlines():
            json.loads(line)


def test_a_name_not_utf8_is_shown_as_its_bytes(run: Run) -> None:
    doc = json.loads(run(["foods", BAD, "--json"]).stdout)
    assert doc["filters"]["names"] == ["zz\\xff\\xfe"]


# 3. Numbers of more digits than Python converts -------------------------------------------

HUGE = "9" * 5000


def _huge_catalogue(tmp_path: Path) -> Path:
    text = (ROOT / "data" / "forms.toml").read_text(encoding="utf-8")
    path = tmp_path / "huge.toml"
    path.write_text(text.replace("elemental_mg_percent = ", f"elemental_mg_percent = {HUGE} #", 1))
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["compare", "glycinate", "citrate"],
        ["show", "oxide"],
        ["rank", "sleep"],
        ["goals"],
        ["dose", "oxide", "--compound", "1g"],
        ["products", SHELF],
    ],
)
def test_a_huge_number_in_a_catalogue(run: Run, tmp_path: Path, args: list[str]) -> None:
    path = _huge_catalogue(tmp_path)
    for given in ([*args, "--data", str(path)], args):
        result = run(given, env={"MAGCLI_DATA": str(path)})
        assert result.exit_code == 1, result.stderr
        assert "a number of more than 4,300 digits, which magcli does not read" in result.stderr
        assert BUG not in result.stderr


def test_a_huge_number_in_a_catalogue_and_the_version(run: Run, tmp_path: Path) -> None:
    result = run(["--version"], env={"MAGCLI_DATA": str(_huge_catalogue(tmp_path))})
    assert result.exit_code == 0 and "data unreadable" in result.stdout
    assert BUG not in result.stdout + result.stderr


@pytest.mark.parametrize("kind", ["shelf", "label"])
def test_a_huge_number_in_a_shelf_or_a_label(run: Run, tmp_path: Path, kind: str) -> None:
    if kind == "shelf":
        path = tmp_path / "shelf.toml"
        path.write_text(f'[[products]]\nname = "x"\nform = "citrate"\nmagnesium_mg = {HUGE}\n')
    else:
        record = json.loads((ROOT / "examples" / "dsld" / "15823.json").read_text())
        path = tmp_path / "label.json"
        path.write_text(json.dumps(record).replace('"id": ', f'"id": {HUGE}, "x": ', 1))
    for command in (["products", str(path)], ["stack", str(path)]):
        result = run(command)
        assert result.exit_code == 1, result.stderr
        assert BUG not in result.stderr
        assert "4,300 digits" in result.stderr or "number out of range" in result.stderr


# 4. Control codes into the calendar ----------------------------------------------------------

CONTROLS = ["\r", "\v", "\f", "\x1c", "\x1f", "\x7f", "\x85", "\u2028", "\u2029", "\u202e"]


def _calendar_lines(data: str) -> list[str]:
    assert data.endswith("\r\n")
    return data[:-2].split("\r\n")


@pytest.mark.parametrize("code", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
@pytest.mark.parametrize("source", ["argv", "day file"])
def test_no_control_code_reaches_the_calendar(
    run: Run, tmp_path: Path, code: str, source: str
) -> None:
    """RFC 5545: lines end with CRLF and hold no other control: a bare CR would end a line
    the calendar reads as a property of its own."""
    name = f"foo{code}END:VCALENDAR"
    if source == "argv":
        args = ["plan", "--medicine", "doxycycline 08:00", "--medicine", f"{name} 09:00"]
    else:
        day = tmp_path / "day.toml"
        escaped = json.dumps(name)  # a TOML basic string takes JSON's escapes
        day.write_text(f'[[medicines]]\nname = {escaped}\ntime = "09:00"\n', encoding="utf-8")
        args = ["plan", str(day)]
    result = run([*args, "--magnesium", "200mg", "-f", "ics"])
    assert result.exit_code == 0, result.stderr
    lines = _calendar_lines(result.stdout_bytes.decode("utf-8"))
    assert lines.count("END:VCALENDAR") == 1 and lines[-1] == "END:VCALENDAR"
    for line in lines:
        assert line.isprintable(), repr(line)


# 5. One amount grammar, one limit ------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["plan", "--medicine", "doxycycline 08:00", "--magnesium", "20g"],
        ["plan", "--medicine", "doxycycline 08:00", "--magnesium", "1kg"],
        ["dose", "glycinate", "--elemental", "20g"],
        ["products", SHELF, "--daily", "20g"],
        ["stack", "--add", "20g"],
        ["stack", "--add", "1kg"],
        ["stack", "--add", "250 kg"],
        ["stack", "--add", "1,000mg"],
        ["stack", "--add", "1e3mg"],
        ["stack", "--add", "1_000mg"],
        ["stack", "--add", "1g5"],
        ["stack", "--add", "2lb"],
        ["stack", "--add", "500 mcgs"],
        ["stack", "--add", "0.5 gramme"],
        ["stack", "--add", "1 gm"],
        ["stack", "--add", "3 tablets"],
        ["stack", "--add", "250 gummies"],
        ["stack", "--add", "2 x 250mg"],
        ["stack", "--add", "250mg x2"],
        ["dose", "glycinate", "--compound", "1g", "--label-mg", "500g"],
        ["stack", "--add", "6g", "--add", "6g"],
        ["stack", "--add", "200mg", "--diet", "20g"],
    ],
)
def test_an_amount_beyond_what_magcli_takes_is_refused_everywhere(
    run: Run, args: list[str]
) -> None:
    """The same grammar and the same 10 g a day in every command: refused, never read as
    something else ('1kg' as 1 mg)."""
    result = run(args)
    assert result.exit_code == 2 and result.stdout == "", (args, result.stdout)
    assert BUG not in result.stderr


@pytest.mark.parametrize("command", ["stack", "plan", "products"])
def test_a_shelf_beyond_a_days_limit_is_refused(run: Run, tmp_path: Path, command: str) -> None:
    shelf = tmp_path / "shelf.toml"
    shelf.write_text('[[products]]\nname = "x"\nform = "citrate"\nmagnesium_mg = 900000\n')
    more = ["--medicine", "doxycycline 08:00"] if command == "plan" else []
    args = [command, str(shelf), *more]
    result = run(args)
    assert result.exit_code in (1, 2) and "10000" in result.stderr.replace(",", ""), result.stderr
    day = tmp_path / "day.toml"  # each serving within it, the day beyond it
    day.write_text(
        '[[products]]\nname = "x"\nform = "citrate"\nmagnesium_mg = 9000\nservings_per_day = 3\n'
    )
    over = run([command, str(day), *more])
    assert over.exit_code == 1 and "at most 10,000 mg a day" in over.stderr, over.stderr


# 6. Archives of labels -------------------------------------------------------------------------


def _zip(path: Path, members: dict[str, bytes], password: bool = False) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


LABEL = (ROOT / "examples" / "dsld" / "15823.json").read_bytes()


def test_a_member_that_inflates_past_the_limit_is_refused_unread(run: Run, tmp_path: Path) -> None:
    from magcli.domain.shelf import MAX_MEMBER_BYTES

    bomb = _zip(tmp_path / "bomb.zip", {"big.json": b" " * (MAX_MEMBER_BYTES + 1)})
    result = run(["products", str(bomb)])
    assert result.exit_code == 1 and "over the limit of 64 MiB" in result.stderr


def test_a_member_whose_header_lies_is_refused_as_it_inflates(tmp_path: Path) -> None:
    """The size in a member's header is the archive's word: unpacking stops once it is
    past the limit, whatever the header said."""
    from magcli.domain.shelf import _member
    from magcli.errors import CatalogError

    path = _zip(tmp_path / "lie.zip", {"big.json": b"[" + b" " * 5_000_000 + b"]"})
    with zipfile.ZipFile(path) as archive:
        with pytest.raises(CatalogError, match="over the limit"):  # said by its header
            _member(archive, "big.json", "lie.zip!big.json", 1_000_000)
        info = archive.getinfo("big.json")
        info.file_size = 10  # what a forged header would say: unpacked no further than it
        with pytest.raises(CatalogError, match="cannot unpack: Bad CRC-32"):
            _member(archive, "big.json", "lie.zip!big.json", 1_000_000)


@pytest.mark.parametrize(
    "name", ["bad\x1b[2J\nError: forged.json", "../../evil.json", "/abs/x.json", "a\u2028b.json"]
)
def test_a_member_name_is_shown_on_one_line(run: Run, tmp_path: Path, name: str) -> None:
    archive = _zip(tmp_path / "names.zip", {name: b"not json", "ok.json": LABEL})
    result = run(["products", str(archive), "--skip-bad"])
    assert BUG not in result.stderr
    for line in result.stderr.splitlines():
        assert not line.startswith("Error: forged") and "\x1b" not in line
    assert not (tmp_path.parent / "evil.json").exists()  # nothing is ever extracted
    assert sorted(p.name for p in tmp_path.iterdir()) == ["names.zip"]


@pytest.mark.parametrize("damage", ["truncated", "flipped", "empty", "not a zip", "nested"])
def test_a_broken_archive_is_refused_plainly(run: Run, tmp_path: Path, damage: str) -> None:
    path = tmp_path / "labels.zip"
    good = _zip(tmp_path / "good.zip", {"a.json": LABEL}).read_bytes()
    if damage == "truncated":
        path.write_bytes(good[: len(good) // 2])
    elif damage == "flipped":
        data = bytearray(good)
        data[40] ^= 0xFF  # inside the member's compressed bytes
        path.write_bytes(bytes(data))
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "not a zip":
        path.write_bytes(b"PK\x03\x04 and then nothing of a zip")
    else:
        _zip(path, {"inner.zip": good})
    result = run(["products", str(path)])
    assert result.exit_code == 1, result.stdout
    assert BUG not in result.stderr and result.stderr.startswith("Error: ")


def test_an_encrypted_member_is_refused_plainly(run: Run, tmp_path: Path) -> None:
    path = _zip(tmp_path / "enc.zip", {"a.json": LABEL})
    data = bytearray(path.read_bytes())
    # Set the 'encrypted' flag (bit 0) in the local header and the central directory.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        data[at + offset] |= 0x01
    path.write_bytes(bytes(data))
    result = run(["products", str(path)])
    assert result.exit_code == 1 and "encrypted" in result.stderr.lower(), result.stderr
    assert BUG not in result.stderr


def test_csv_of_an_archive_is_flat_and_whole(run: Run, tmp_path: Path) -> None:
    path = _zip(tmp_path / "ok.zip", {f"{n}.json": LABEL for n in range(3)})
    result = run(["products", str(path), "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 3


@pytest.mark.parametrize("field", ["fullName", "brandName", "ingredient"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_lone_surrogate_in_a_label_record(run: Run, tmp_path: Path, field: str, fmt: str) -> None:
    """'\\ud800' alone in a JSON string is JSON (the label database may hold one): the
    record is read, and every format shows it as \\ud800, JSON as a valid document."""
    record = json.loads(LABEL)
    if field == "ingredient":
        record["ingredientRows"][0]["name"] += "\ud800"
    else:
        record[field] = f"Bad \ud800 {record.get(field) or 'name'}"
    path = tmp_path / "label.json"
    path.write_text(json.dumps(record), encoding="ascii")  # the escape as the file holds it
    result = run(["products", str(path), "-f", fmt], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert "\ud800" not in result.stdout
    if fmt == "json":
        product = json.loads(result.stdout)["products"][0]
        assert field == "ingredient" or "\\ud800" in (product["name"] + (product["brand"] or ""))


@pytest.mark.parametrize("bad", ['{"a": "\\u12"}', '{"a": "\\ud800', '["\\x"]'])
def test_json_that_is_no_json_is_still_refused(run: Run, tmp_path: Path, bad: str) -> None:
    path = tmp_path / "label.json"
    path.write_text(bad, encoding="ascii")
    result = run(["products", str(path)])
    assert result.exit_code == 1 and "JSON error" in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("amount", "said"),
    [
        ("\u0661\u0660\u0660mg", "digits of another script"),
        ("100kg", "a unit magcli does not take"),
        ("1,5g", "has a comma"),
        ("inf", "is not a quantity"),
        ("5e-324", "is not a quantity"),
        ("-0", "must be more than 0"),
    ],
)
def test_an_amount_is_refused_for_what_is_wrong_with_it(run: Run, amount: str, said: str) -> None:
    commands = [["dose", "glycinate", f"--compound={amount}"]]
    if amount[:1].isdigit():  # --add wants its amount first, and says so otherwise
        commands.append(["stack", f"--add={amount}"])
    for args in commands:
        result = run(args)
        assert result.exit_code == 2 and said in result.stderr, (args, result.stderr)


@pytest.mark.parametrize("fmt", ["table", "csv", "html", "markdown"])
def test_a_label_rows_name_never_breaks_a_line(run: Run, tmp_path: Path, fmt: str) -> None:
    record = json.loads(LABEL)
    for row in record["ingredientRows"]:
        row["name"] = "Magnesium\nError: nested"
    record["id"] = "1\n2\u2028Error: id"
    path = tmp_path / "label.json"
    path.write_text(json.dumps(record))
    result = run(["products", str(path), "-f", fmt, "--long"], env={"COLUMNS": "200"})
    assert result.exit_code in (0, 1), result.stderr
    for line in (result.stdout + result.stderr).splitlines():
        assert not line.strip().lstrip('"').startswith("Error: nested"), line
        assert not line.strip().startswith(("2 Error: id", "Error: id")), line


@pytest.mark.filterwarnings("ignore:Duplicate name")  # the archive made on purpose
def test_two_members_of_one_name_are_refused(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "dup.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("dup.json", LABEL)
        archive.writestr("dup.json", b"not json")  # zipfile warns, and writes both
    result = run(["products", str(path)])
    assert result.exit_code == 1 and "two members are named dup.json" in result.stderr


def test_magclis_own_data_is_never_replaced(run: Run) -> None:
    from magcli.paths import data_file

    for name in ("forms.toml", "reference.toml"):
        before = Path(data_file(name)).read_bytes()
        result = run(["list", "-o", data_file(name)])
        assert result.exit_code == 1
        assert "one of magcli's own data files" in result.stderr or "read" in result.stderr
        assert Path(data_file(name)).read_bytes() == before


@pytest.mark.parametrize("quantity", ["1_0", "1e400", "0" * 43 + "200", "inf", "-5", "0x10"])
def test_a_label_figure_is_read_by_a_strict_grammar(
    run: Run, tmp_path: Path, quantity: str
) -> None:
    """A figure as a label prints one, or none: never Python's own number syntax (1_0 as
    10), never cut short, never infinite."""
    record = json.loads(LABEL)
    record["servingSizes"][0]["minQuantity"] = quantity
    record["servingSizes"][0]["maxQuantity"] = quantity
    path = tmp_path / "label.json"
    path.write_text(json.dumps(record))
    result = run(["products", str(path), "--json"])
    assert result.exit_code == 1 and "no serving size" in result.stderr, result.stderr


@pytest.mark.parametrize(
    "name", ["", " ", "\u200e\u202e", "\u200b", "\x00\x01", " \u2028 ", "\u2028", "\u2029"]
)
@pytest.mark.parametrize("what", ["products", "medicines"])
def test_a_name_of_invisible_marks_alone_is_no_name(
    run: Run, tmp_path: Path, name: str, what: str
) -> None:
    """Said in magcli's words whichever check finds it (the model's or magcli's own), and
    the name quoted with each escape written once."""
    shelf = tmp_path / "shelf.toml"
    rest = 'form = "citrate"\nmagnesium_mg = 100' if what == "products" else 'time = "08:00"'
    shelf.write_text(f"[[{what}]]\nname = {json.dumps(name)}\n{rest}\n")
    result = run(["stack", str(shelf)])
    assert result.exit_code == 1, result.stderr
    assert "name: no visible text\n" in result.stderr, result.stderr
    assert "\\\\" not in result.stderr, result.stderr  # an escape's backslash doubled


def test_separators_in_a_name_part_its_words() -> None:
    from magcli.text import one_name

    assert one_name("doxycycline\r\u0085\u2029END") == "doxycycline END"
    assert len(one_name("x " * 10_000)) < 300  # cut, and said so


@pytest.mark.parametrize(
    "args",
    [
        ["dose", "glycinate", "--compound", "0.00000001"],
        ["plan", "--medicine", "doxycycline 08:00", "--magnesium", "0.000001"],
    ],
)
def test_a_suggested_command_works_when_pasted(run: Run, args: list[str]) -> None:
    import shlex

    result = run(args)
    assert result.exit_code == 2
    suggested = [line.strip() for line in result.stderr.splitlines() if "  magcli " in line]
    assert suggested
    for command in suggested:
        again = run(shlex.split(command)[1:])
        assert "is not a quantity" not in again.stderr, (command, again.stderr)


@pytest.mark.parametrize(
    ("form", "said"),
    [
        ("glycinat", "; did you mean glycinate?"),
        ("zzzz", " ('magcli list'"),
        ("g" * 100_000, " ('magcli list'"),  # no likeness worked out for a name this long
    ],
)
def test_an_unknown_form_in_a_shelf_gets_the_one_did_you_mean(
    run: Run, tmp_path: Path, form: str, said: str
) -> None:
    shelf = tmp_path / "shelf.toml"
    shelf.write_text(f'[[products]]\nname = "x"\nforms = ["{form}"]\nmagnesium_mg = 100\n')
    result = run(["stack", str(shelf)])
    assert result.exit_code == 1, result.stderr
    assert f"is not a form magcli knows{said}" in result.stderr, result.stderr
