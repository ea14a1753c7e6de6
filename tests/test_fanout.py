"""Work in parts (magcli.fanout): the results of a folder read by several processes are the
results one process gives, in the same order, with the same errors; nothing is left
running, whatever ends the work."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

import magcli
from conftest import signals_as_default, wait_until_read
from labelfolder import labels
from magcli import fanout


@pytest.fixture
def parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Three parts for as few as six items, on any machine."""
    monkeypatch.setattr(fanout, "processors", lambda: 3)
    monkeypatch.setattr(fanout, "MIN_PER_PART", 2)


def no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def square(number: int) -> int:
    if number == 13:
        raise ValueError("thirteen")
    return number * number


@pytest.mark.usefixtures("parts")
def test_the_results_come_in_order_with_progress_to_the_end() -> None:
    told: list[int] = []
    results = list(fanout.in_parts(list(range(12)), square, progress=told.append))
    assert results == [number * number for number in range(12)]
    assert told == sorted(told) and told[-1] == 12
    assert fanout.parts_for(12) == 3
    assert no_children_left()


@pytest.mark.usefixtures("parts")
def test_the_work_stops_after_the_last_result_wherever_it_is() -> None:
    for stop in (2, 9):  # in this process's part, in another's
        results = list(fanout.in_parts(list(range(12)), square, lambda r, s=stop: r == s * s))
        assert results == [number * number for number in range(stop + 1)]
        assert no_children_left()


@pytest.mark.usefixtures("parts")
def test_an_error_in_another_part_is_raised_here() -> None:
    with pytest.raises(RuntimeError, match="ValueError: thirteen"):
        list(fanout.in_parts(list(range(10, 16)), square))
    assert no_children_left()


@pytest.mark.usefixtures("parts")
def test_leaving_early_kills_and_waits_for_the_other_parts() -> None:
    results = fanout.in_parts(list(range(12)), square)
    assert next(results) == 0
    results.close()
    assert no_children_left()


def test_one_part_where_parts_would_not_pay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fanout, "processors", lambda: 1)
    assert fanout.parts_for(100_000) == 1
    monkeypatch.setattr(fanout, "processors", lambda: 4)
    assert fanout.parts_for(fanout.MIN_PER_PART * 2 - 1) == 1
    assert fanout.parts_for(fanout.MIN_PER_PART * 2) == 2


@pytest.mark.usefixtures("parts")
def test_a_folder_read_in_parts_is_the_folder_read_in_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = labels(tmp_path / "labels", 14, bad=frozenset({6, 11}))
    together = magcli.products(folder, skip_bad=True).model_dump()
    with pytest.raises(magcli.CatalogError, match=r"label-0006\.json"):  # the first, in order
        magcli.products(folder)
    monkeypatch.setattr(fanout, "processors", lambda: 1)
    alone = magcli.products(folder, skip_bad=True).model_dump()
    assert together == alone
    archive = tmp_path / "labels.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted(folder.iterdir()):
            zipped.write(path, path.name)
    monkeypatch.setattr(fanout, "processors", lambda: 3)
    unpacked = magcli.products(archive, skip_bad=True).model_dump()
    assert [item["name"] for item in unpacked["products"]] == [
        item["name"] for item in alone["products"]
    ]
    assert [item.split(":")[0] for item in together["skipped"]] == [
        str(folder / "label-0006.json"),
        str(folder / "label-0011.json"),
    ]
    assert no_children_left()


def children_of(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    try:  # a zombie, waited for by no one yet, is gone all the same
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state == "Z"


def until(condition: object, timeout: float = 20) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.005)
    return False


@pytest.mark.parametrize(
    ("whom", "number", "said"),
    [("group", signal.SIGINT, b"Interrupted.\n"), ("magcli", signal.SIGTERM, b"Terminated.\n")],
)
def test_a_signal_while_parts_read_ends_all_of_them_with_one_line(
    tmp_path: Path, whom: str, number: int, said: bytes
) -> None:
    """Ctrl-C reaches the whole process group; a kill reaches magcli alone, and its parts
    end on their own when it is gone."""
    folder = labels(tmp_path / "labels", 3000)
    process = subprocess.Popen(
        [sys.executable, "-m", "magcli", "products", str(folder), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=signals_as_default,
        start_new_session=True,
    )
    if fanout.processors() > 1:
        assert until(lambda: children_of(process.pid)), "no part was started"
    else:  # one process reads it all: well into the folder (its 40 MB), far from its end
        wait_until_read(process.pid, 8 << 20)
    parts = children_of(process.pid)
    if whom == "group":
        os.killpg(process.pid, number)
    else:
        process.send_signal(number)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 128 + number
    assert err == said
    assert out == b""
    assert until(lambda: all(gone(part) for part in parts)), "a part outlived magcli"


def test_the_command_line_reads_a_folder_in_parts_as_in_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the command line, as a folder is read on this machine (in parts where it
    has the processors): the JSON one process gives, in the folder's order."""
    folder = labels(tmp_path / "labels", 2 * fanout.MIN_PER_PART + 3)
    here = subprocess.run(
        [sys.executable, "-m", "magcli", "products", str(folder), "--json"],
        capture_output=True,
        check=True,
    )
    monkeypatch.setattr(fanout, "processors", lambda: 1)
    alone = magcli.products(folder).model_dump(mode="json")
    assert json.loads(here.stdout)["products"] == alone["products"]
    names = [Path(item["source"].split(":")[0]).name for item in alone["products"]]
    assert names == sorted(path.name for path in folder.iterdir())


PARENT = """
import sys, time
from magcli import fanout
fanout.processors = lambda: 2
fanout.MIN_PER_PART = 1
for _ in fanout.in_parts(list(range(1000)), lambda item: time.sleep(0.01)):
    pass
"""


def test_a_part_ends_within_an_item_of_its_parent_being_killed() -> None:
    """Killed outright (nothing of it runs after), magcli leaves no part working on: each
    part looks for its parent after every item (here 10 ms each, 5 s of them a part)."""
    process = subprocess.Popen([sys.executable, "-c", PARENT], start_new_session=True)
    assert until(lambda: children_of(process.pid)), "no part was started"
    parts = children_of(process.pid)
    process.kill()
    process.wait(timeout=60)
    assert until(lambda: all(gone(part) for part in parts), timeout=1.0)


# A shelf's rows, written as they are made -----------------------------------------------


def test_ctrl_c_while_rows_are_written_waits_for_the_whole_document(tmp_path: Path) -> None:
    """The flat formats write a row at a time: a signal that comes once the first is
    out waits for the last, and the document is whole."""
    folder = labels(tmp_path / "labels", 2000)
    process = subprocess.Popen(
        [sys.executable, "-m", "magcli", "products", str(folder), "-f", "jsonl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=signals_as_default,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.read(1)  # the rows have begun: a pipe's worth waits
    process.send_signal(signal.SIGINT)
    rest = process.stdout.read()
    assert process.wait(timeout=60) == 130
    assert process.stderr.read() == b"Interrupted.\n"
    lines = (first + rest).decode().splitlines()
    assert [json.loads(line)["name"].rsplit("#", 1)[1] for line in lines] == [
        str(number) for number in range(2000)
    ]


WRITER = """
import sys
from magcli import stream
stream.take_over()
sys.stdout.write("before\\n")
sys.stdout.flush()

def rows():
    for number in range(3000):
        if number == 2500:
            raise RuntimeError("a row cannot be made")
        yield f"row {number:05d} " + "x" * 200 + "\\n"

try:
    stream.write_stdout(rows())
except RuntimeError:
    sys.stderr.write("raised\\n")
"""


def test_rows_that_fail_on_the_way_are_cut_back_from_a_file(tmp_path: Path) -> None:
    """Output in pieces that fails part of the way (here after 2,500 rows, far past
    what one write holds) leaves a file on stdout as it was before it began."""
    target = tmp_path / "out.txt"
    with target.open("wb") as handle:
        done = subprocess.run(
            [sys.executable, "-c", WRITER], stdout=handle, stderr=subprocess.PIPE, check=True
        )
    assert done.stderr == b"raised\n"
    assert target.read_bytes() == b"before\n"


def test_the_flat_formats_of_a_folder_are_its_products(tmp_path: Path) -> None:
    """JSONL and CSV, written a row at a time, hold the products the JSON document holds,
    in its order."""
    import csv
    import io

    folder = labels(tmp_path / "labels", 40)
    products = magcli.products(folder).model_dump(mode="json")["products"]
    for fmt in ("jsonl", "csv"):
        done = subprocess.run(
            [sys.executable, "-m", "magcli", "products", str(folder), "-f", fmt],
            capture_output=True,
            check=True,
        )
        text = done.stdout.decode()
        if fmt == "jsonl":
            names = [json.loads(line)["name"] for line in text.splitlines()]
            days = [json.loads(line)["days_per_container"] for line in text.splitlines()]
        else:
            table = list(csv.DictReader(io.StringIO(text)))
            names = [row["name"] for row in table]
            days = [float(row["days_per_container"]) for row in table]
        assert names == [product["name"] for product in products]
        assert days == [product["days_per_container"] for product in products]
