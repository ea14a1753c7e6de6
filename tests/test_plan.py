"""Your timetable: magnesium kept clear of every medicine's spacing window, and the same
as daily reminders in a calendar file."""

from __future__ import annotations

import json
from typing import Any

import pytest

from conftest import Run

DAY = 24 * 60
# Doxycycline twice a day and levothyroxine before breakfast.
THREE_DOSES = [
    "--medicine",
    "doxycycline 08:00",
    "--medicine",
    "doxycycline 20:00",
    "--medicine",
    "levothyroxine 07:00",
]


def plan(run: Run, *args: str) -> dict[str, Any]:
    result = run(["plan", *args, "--json"])
    assert result.exit_code == 0, result.stderr
    return dict(json.loads(result.stdout))


def minutes(clock: str) -> int:
    hours, mins = clock.split(":")
    return int(hours) * 60 + int(mins)


def assert_clear(doc: dict[str, Any]) -> None:
    """Every magnesium dose keeps the data's hours after and before every medicine dose,
    around the clock."""
    for dose in doc["doses"]:
        at = minutes(dose["time"])
        for medicine in doc["medicines"]:
            taken = minutes(medicine["time"])
            after, before = medicine["hours_after_medicine"], medicine["hours_before_medicine"]
            assert (at - taken) % DAY >= after * 60, (dose, medicine)
            assert (taken - at) % DAY >= before * 60, (dose, medicine)


def test_doxycycline_twice_a_day(run: Run) -> None:
    doc = plan(
        run,
        "--medicine",
        "doxycycline 08:00",
        "--medicine",
        "doxycycline 20:00",
        "--magnesium",
        "200mg",
    )
    assert [dose["magnesium_mg"] for dose in doc["doses"]] == [200.0]
    assert_clear(doc)
    (dose,) = doc["doses"]
    assert "after doxycycline at 20:00 (at least 2 h needed)" in dose["why"]
    assert "before doxycycline at 08:00 (at least 6 h needed)" in dose["why"]
    assert dose["sources"] == ["ods", "doxycycline-label"]
    assert {m["hours_after_medicine"] for m in doc["medicines"]} == {2}
    assert {m["hours_before_medicine"] for m in doc["medicines"]} == {6}


@pytest.mark.parametrize("amount", ["200mg", "400mg"])
def test_with_levothyroxine_every_spacing_still_holds(run: Run, amount: str) -> None:
    doc = plan(run, *THREE_DOSES, "--magnesium", amount)
    assert doc["doses"] and doc["conflicts"] == []
    assert_clear(doc)
    assert sum(dose["magnesium_mg"] for dose in doc["doses"]) == float(amount[:-2])


def test_a_large_amount_is_split_and_the_evening_preferred(run: Run) -> None:
    doc = plan(run, "--medicine", "levothyroxine 07:00", "--magnesium", "400mg")
    times = [dose["time"] for dose in doc["doses"]]
    assert len(times) == 2 and times[-1] == "21:00"
    assert any("Split in two" in note for note in doc["notes"])
    assert (
        plan(run, "--medicine", "levothyroxine 07:00", "--magnesium", "200mg")["doses"][0]["time"]
        == "21:00"
    )


def test_the_eu_advises_two_intakes_above_its_limit(run: Run) -> None:
    eu = ["--medicine", "levothyroxine 07:00", "--region", "eu"]
    doc = plan(run, *eu, "--magnesium", "300mg")
    assert [d["magnesium_mg"] for d in doc["doses"]] == [150.0, 150.0]
    assert any("advises dividing" in note for note in doc["notes"])
    assert any("above the 250 mg upper limit for adults" in w for w in doc["warnings"])
    assert len(plan(run, *eu, "--magnesium", "200mg")["doses"]) == 1  # within it: one dose


def test_a_medicine_whose_advice_comes_first(run: Run) -> None:
    result = run(["plan", "--medicine", "spironolactone 08:00", "--magnesium", "200mg"])
    assert "Only if your prescriber agrees" in result.stdout
    doc = json.loads(
        run(["plan", "--medicine", "spironolactone 08:00", "--magnesium", "200mg", "--json"]).stdout
    )
    assert doc["cautions"] and doc["cautions"][0] in doc["warnings"]
    flat = run(["plan", "--medicine", "spironolactone 08:00", "--magnesium", "200mg", "-f", "csv"])
    assert "prescriber's agreement" in flat.stdout


@pytest.mark.parametrize(
    "given",
    [
        "levothyroxine 2000",
        "doxycycline 20:00:00",
        "moxifloxacin 1400",
        "doxycycline 100",
        "doxycycline 8,00",
        "doxycycline 08:00 20:00",
        "warfarin and zinc 08:00",
        "digoxin with doxycycline 08:00",
    ],
)
def test_no_figure_is_taken_for_a_time_and_no_unlisted_medicine_slips_in(
    run: Run, given: str
) -> None:
    result = run(["plan", "--medicine", given, "--magnesium", "200mg"])
    assert result.exit_code == 2 and result.stdout == ""


def test_every_safe_time_is_found(run: Run) -> None:
    # 4 h either way from 07:10, 15:10 and 23:10 leaves exactly 11:10 and 19:10.
    doc = plan(
        run,
        *(a for t in ("07:10", "15:10", "23:10") for a in ("--medicine", f"levothyroxine {t}")),
        "--magnesium",
        "200mg",
    )
    assert [dose["time"] for dose in doc["doses"]] == ["19:10"]


def test_no_safe_time_is_said_plainly(run: Run) -> None:
    result = run(["plan", "--medicine", "raltegravir 08:00", "--magnesium", "200mg", "--json"])
    doc = json.loads(result.stdout)
    assert doc["doses"] == [] and "no time of day is safe" in doc["conflicts"][0]
    assert "Warning: raltegravir" in result.stderr
    crowded = plan(
        run,
        *(arg for hour in range(7, 24, 3) for arg in ("--medicine", f"doxycycline {hour}:00")),
        "--magnesium",
        "200mg",
    )
    assert crowded["doses"] == [] and "No time between 07:00 and 22:00" in crowded["conflicts"][0]


@pytest.mark.parametrize(
    ("given", "time"),
    [
        ("doxycycline 8am", "08:00"),
        ("doxycycline@20:30", "20:30"),
        ("Doxycycline at 7.15", "07:15"),
        ("doxycycline 12pm", "12:00"),
        ("doxycycline 12am", "00:00"),
    ],
)
def test_times_as_people_write_them(run: Run, given: str, time: str) -> None:
    doc = plan(run, "--medicine", given, "--magnesium", "100mg")
    assert doc["medicines"][0]["time"] == time


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--medicine", "warfarin 08:00", "--magnesium", "1mg"], "not in magcli's table"),
        (["--medicine", "doxycyclin 08:00", "--magnesium", "1mg"], "Did you mean doxycycline"),
        (["--medicine", "doxycycline", "--magnesium", "1mg"], "give the medicine and the time"),
        (["--medicine", "doxycycline 25:00", "--magnesium", "1mg"], "is not a time"),
        (["--medicine", "glycinate 08:00", "--magnesium", "1mg"], "a magnesium form"),
        (["--magnesium", "100mg"], "plan needs the medicines"),
        (["--medicine", "doxycycline 08:00"], "give the magnesium to take"),
        (
            ["--medicine", "doxycycline 08:00", "--magnesium", "1mg", "--start", "monday"],
            "not a date",
        ),
    ],
)
def test_usage_errors(run: Run, args: list[str], said: str) -> None:
    result = run(["plan", *args])
    assert result.exit_code == 2 and result.stdout == ""
    assert said in result.stderr


def test_the_magnesium_from_a_shelf(run: Run) -> None:
    from conftest import TESTS

    day = TESTS.parent / "examples" / "day.toml"
    doc = plan(run, str(day), "--medicine", "doxycycline 08:00")
    assert doc["magnesium_mg_per_day"] == 300.0


def test_ics_imports_into_a_calendar_parser(run: Run) -> None:
    import icalendar

    result = run(
        ["plan", *THREE_DOSES, "--magnesium", "400mg", "--start", "2026-12-01", "-f", "ics"]
    )
    assert result.exit_code == 0, result.stderr
    raw = result.stdout_bytes
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded (RFC 5545 3.1)
    assert b"\n" not in raw.replace(b"\r\n", b"")  # every line ends CRLF
    calendar = icalendar.Calendar.from_ical(raw)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = list(calendar.walk("VEVENT"))
    doc = plan(run, *THREE_DOSES, "--magnesium", "400mg")
    assert [event["DTSTART"].dt.strftime("%H:%M") for event in events] == [
        dose["time"] for dose in doc["doses"]
    ]
    for event in events:
        assert event["RRULE"]["FREQ"] == ["DAILY"]
        assert str(event["SUMMARY"]).startswith("Magnesium 200 mg")
        assert "not medical advice" in str(event["DESCRIPTION"])
        assert event["UID"] and event["DTSTAMP"]
    assert len({str(event["UID"]) for event in events}) == len(events)


def test_ics_is_only_for_plan(run: Run) -> None:
    result = run("list -f ics")
    assert result.exit_code == 2 and "the ics format is for 'magcli plan' only" in result.stderr
    none = run(["plan", "--medicine", "raltegravir 08:00", "--magnesium", "1mg", "-f", "ics"])
    assert none.exit_code == 2 and none.stdout == ""
