"""Your timetable: magnesium kept clear of every medicine's spacing window, and the same
as daily reminders in a calendar file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import magcli
from conftest import Run, examples

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


def test_the_eu_advises_two_intakes_for_any_day(run: Run) -> None:
    """Germany's BfR: the day's supplement divided into at least two intakes, whatever
    the amount; plan splits the day where stack says so, and only there."""
    eu = ["--medicine", "levothyroxine 07:00", "--region", "eu"]
    doc = plan(run, *eu, "--magnesium", "300mg")
    assert [d["magnesium_mg"] for d in doc["doses"]] == [150.0, 150.0]
    assert any("BfR advises at least two intakes" in note for note in doc["notes"])
    assert any("above the 250 mg upper limit (adults, EU" in w for w in doc["warnings"])
    for region, amount in [("eu", 100), ("eu", 200), ("us", 200), ("uk", 200), ("us", 300)]:
        day = plan(run, *eu[:2], "--region", region, "--magnesium", f"{amount}mg")
        stack = magcli.stack(add=[f"{amount}mg"], region=region)
        advised = any("advises at least two intakes" in w for w in stack.warnings)
        assert (len(day["doses"]) == 2) == advised, (region, amount)


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
        "doxycycline 20 08:00",  # a bare figure among times is no time ('08:00 20:00' is two)
        "doxycycline 08:00 20",
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
        (["--medicine", "levo 08:00", "--magnesium", "1mg"], "Did you mean levofloxacin"),
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
    magnesium = [event for event in events if str(event["SUMMARY"]).startswith("Magnesium")]
    medicines = [event for event in events if str(event["SUMMARY"]).startswith("Medicine: ")]
    assert len(magnesium) + len(medicines) == len(events)
    assert [event["DTSTART"].dt.strftime("%H:%M") for event in magnesium] == [
        dose["time"] for dose in doc["doses"]
    ]
    assert [event["DTSTART"].dt.strftime("%H:%M") for event in medicines] == [
        medicine["time"] for medicine in doc["medicines"]
    ]
    for event in events:
        assert event["RRULE"]["FREQ"] == ["DAILY"]
        assert "not medical advice" in str(event["DESCRIPTION"])
        assert event["UID"] and event["DTSTAMP"]
    assert all(str(event["SUMMARY"]) == "Magnesium 200 mg" for event in magnesium)
    assert len({str(event["UID"]) for event in events}) == len(events)


def test_ics_is_only_for_plan(run: Run) -> None:
    result = run("list -f ics")
    assert result.exit_code == 2 and "the ics format is for 'magcli plan' only" in result.stderr
    none = run(["plan", "--medicine", "raltegravir 08:00", "--magnesium", "1mg", "-f", "ics"])
    assert none.exit_code == 2 and none.stdout == ""


# One order only: bisphosphonates first, magnesium never before them that morning ------

BISPHOSPHONATES = {"alendronate": 30, "risedronate": 30, "ibandronate": 60}


HOURS = st.none() | st.sampled_from([1, 2, 3, 4, 6, 8, 0.5, 1.5])


@settings(max_examples=200, deadline=None)
@given(
    after=HOURS,
    before=HOURS,
    first=st.booleans(),
    fasting=st.none() | st.sampled_from([30, 60]),
)
def test_the_brief_rule_says_what_the_full_rule_says(
    after: float | None, before: float | None, first: bool, fasting: int | None
) -> None:
    """The compact view's rule in a few words, and the full sentence, come from the same
    numbers: each says the same wait in each order, the same order, the same fast, and
    neither ever allows what the other forbids."""
    from pydantic import ValidationError

    from magcli.domain.reference import Spacing

    fields: dict[str, Any] = {"wait_after_medicine_hours": after}
    fields["wait_after_magnesium_hours"] = before
    if first:
        fields |= {"order": "medicine-first", "fasting_minutes": fasting}
    try:
        spacing = Spacing(**fields)
    except ValidationError:
        return
    brief, full = spacing.brief, spacing.sentence
    assert bool(brief) == bool(full)
    never = "never before it"
    assert (never in brief) == (never in full) == (not spacing.magnesium_first_allowed)
    if spacing.fasting_minutes:
        assert f"{spacing.fasting_minutes} min" in brief and "fasting" in full
    for hours, words in [(after, "after it"), (before, "before it")]:
        said = f"{hours:g} hour" if hours is not None else None
        if said and spacing.magnesium_first_allowed and after != before:
            assert f"{said}{'' if hours == 1 else 's'} or more {words}" in brief
            assert said in full
    if spacing.magnesium_first_allowed and (after is None) != (before is None):
        assert "ask a pharmacist" in brief and "ask a pharmacist" in full
    if after is not None and after == before:
        assert "in either order" in brief and "in either order" in full


def test_every_listed_rule_has_its_brief() -> None:
    from magcli.domain.catalog import load_reference

    for rule in load_reference().interactions:
        assert bool(rule.spacing.brief) == bool(rule.spacing.sentence), rule.id


@pytest.mark.parametrize("fmt", ["table", "markdown", "html", "csv", "tsv", "jsonl"])
def test_interactions_alendronate_gives_the_one_order_in_every_format(run: Run, fmt: str) -> None:
    result = run(["interactions", "alendronate", "-f", fmt], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.split())
    assert "One order only: the medicine first, on waking, fasting" in flat
    assert "for at least 30 minutes" in flat
    assert "Magnesium at least 2 hours after it, later in the day" in flat
    assert "never before it that morning" in flat
    assert "in either order" not in flat


@pytest.mark.parametrize(("medicine", "fasting"), BISPHOSPHONATES.items())
def test_bisphosphonate_json_has_no_magnesium_first_wait(
    run: Run, medicine: str, fasting: int
) -> None:
    doc = json.loads(run(["interactions", medicine, "--json"]).stdout)
    (entry,) = doc["interactions"]
    assert entry["spacing"] == {
        "wait_after_medicine_hours": 2,
        "wait_after_magnesium_hours": None,  # magnesium must not come first
        "order": "medicine-first",
        "fasting_minutes": fasting,
    }
    assert "that would break the fast it needs" in entry["advice"]  # why not magnesium first
    rows = list(csv.DictReader(io.StringIO(run(["interactions", medicine, "-f", "csv"]).stdout)))
    assert (rows[0]["order"], rows[0]["fasting_minutes"]) == ("medicine-first", str(fasting))


def test_the_delayed_release_form_is_taken_with_breakfast(run: Run) -> None:
    doc = json.loads(run(["interactions", "Atelvia", "--json"]).stdout)
    (entry,) = doc["interactions"]
    assert entry["id"] == "risedronate-delayed-release"
    assert entry["spacing"]["fasting_minutes"] is None and "not fasting" in entry["advice"]


bisphosphonate_days = st.sampled_from(["", "sunday", "wednesday", "monthly on the 15th"])
other_doses = st.lists(
    st.tuples(
        st.sampled_from(["levothyroxine", "doxycycline", "ciprofloxacin", "gabapentin"]),
        st.integers(0, 23),
    ),
    max_size=3,
)


@settings(max_examples=examples(40), deadline=None)
@given(
    drug=st.sampled_from(sorted(BISPHOSPHONATES)),
    hour=st.integers(4, 12),
    minute=st.sampled_from([0, 15, 30, 45]),
    days=bisphosphonate_days,
    others=other_doses,
    amount=st.sampled_from([100, 250, 400, 700]),
)
def test_no_plan_puts_magnesium_before_a_bisphosphonate_on_its_morning(
    drug: str,
    hour: int,
    minute: int,
    days: str,
    others: list[tuple[str, int]],
    amount: int,
) -> None:
    import magcli

    taken = hour * 60 + minute
    medicines = [f"{drug} {hour:02d}:{minute:02d} {days}".strip()]
    medicines += [f"{name} {at:02d}:00" for name, at in others]
    doc = magcli.plan(medicines=medicines, magnesium=f"{amount}mg").model_dump(mode="json")
    assert doc["doses"] or doc["conflicts"]
    for dose in doc["doses"]:
        at = minutes(dose["time"])
        # never earlier on its day, and at least 2 hours after it
        assert at >= taken + 120, (medicines, dose)
    for dose in doc["doses"]:
        for medicine in doc["medicines"]:
            if medicine["order"] == "either":
                gap_after = (minutes(dose["time"]) - minutes(medicine["time"])) % DAY
                gap_before = (minutes(medicine["time"]) - minutes(dose["time"])) % DAY
                assert gap_after >= medicine["hours_after_medicine"] * 60
                assert gap_before >= medicine["hours_before_medicine"] * 60


# Weekly and monthly medicines ------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "days", "repeat", "weekdays", "day_of_month"),
    [
        ("alendronate 07:00 sunday", "on Sundays", "weekly", ["sunday"], None),
        ("Alendronate 7am every Sunday", "on Sundays", "weekly", ["sunday"], None),
        ("alendronate sunday 07:00", "on Sundays", "weekly", ["sunday"], None),
        ("alendronate@07:00 sun", "on Sundays", "weekly", ["sunday"], None),
        (
            "alendronate 07:00 mondays and thursdays",
            "on Mondays and Thursdays",
            "weekly",
            ["monday", "thursday"],
            None,
        ),
        ("ibandronate 07:00 monthly on the 1st", "on day 1 of each month", "monthly", [], 1),
        ("ibandronate 07:00 monthly 15", "on day 15 of each month", "monthly", [], 15),
        ("ibandronate 7am day 3 of each month", "on day 3 of each month", "monthly", [], 3),
        (
            "ibandronate 07:00 on the 28th of every month",
            "on day 28 of each month",
            "monthly",
            [],
            28,
        ),
        ("doxycycline 08:00 daily", "every day", "daily", [], None),
        ("doxycycline 08:00", "every day", "daily", [], None),
    ],
)
def test_days_as_people_write_them(
    run: Run,
    given: str,
    days: str,
    repeat: str,
    weekdays: list[str],
    day_of_month: int | None,
) -> None:
    (medicine,) = plan(run, "--medicine", given, "--magnesium", "200mg")["medicines"]
    assert (medicine["days"], medicine["repeat"]) == (days, repeat)
    assert (medicine["weekdays"], medicine["day_of_month"]) == (weekdays, day_of_month)


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("alendronate 07:00 sundy", "did you mean sunday?"),
        ("alendronate 07:00 wensday", "did you mean wednesday?"),
        ("ibandronate 07:00 montly 1", "did you mean monthly?"),
        ("ibandronate 07:00 monthly 31", "choose a day from 1 to 28"),
        ("ibandronate 07:00 monthly", "say which day of the month"),
        ("alendronate 07:00 weekly", "say which day of the week"),
        ("alendronate 07:00 sunday monthly 1", "not both"),
    ],
)
def test_days_that_cannot_be_read_are_refused_with_the_fix(run: Run, given: str, said: str) -> None:
    result = run(["plan", "--medicine", given, "--magnesium", "200mg"])
    assert result.exit_code == 2 and result.stdout == ""
    assert said in result.stderr


def test_a_weekly_medicine_is_kept_clear_on_its_day(run: Run) -> None:
    args = ["--medicine", "alendronate 07:00 sunday", "--medicine", "levothyroxine 07:00"]
    doc = plan(run, *args, "--magnesium", "400mg")
    assert [dose["time"] for dose in doc["doses"]] == ["11:00", "21:00"]
    # levothyroxine on alendronate's morning breaks its fast: said, not hidden
    assert any(
        "levothyroxine at 07:00 falls within 30 minutes after alendronate at 07:00 on Sundays"
        in warning
        for warning in doc["warnings"]
    )
    markdown = run(["plan", *args, "--magnesium", "400mg", "-f", "markdown"]).stdout
    assert "every day (the same times keep clear of alendronate on Sundays)" in markdown
    assert "| 07:00 | alendronate<br>(Sundays) | One order only" in markdown
    assert "| 07:30 | food and drink again<br>(Sundays) | 30 minutes after alendronate" in markdown
    rows = list(
        csv.DictReader(
            io.StringIO(run(["plan", *args, "--magnesium", "400mg", "-f", "csv"]).stdout)
        )
    )
    assert [row["what"] for row in rows[:2]] == ["alendronate (Sundays)", "levothyroxine"]


def test_ics_repeats_each_medicine_on_its_own_days(run: Run) -> None:
    import datetime

    import icalendar

    result = run(
        [
            "plan",
            "--medicine",
            "alendronate 07:00 sunday",
            "--medicine",
            "ibandronate 06:30 monthly on the 3rd",
            "--magnesium",
            "200mg",
            "-f",
            "ics",
            "--start",
            "2026-12-01",
        ]
    )
    assert result.exit_code == 0, result.stderr
    calendar = icalendar.Calendar.from_ical(result.stdout_bytes)
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {"Magnesium 200 mg", "Medicine: alendronate", "Medicine: ibandronate"}
    weekly, monthly = events["Medicine: alendronate"], events["Medicine: ibandronate"]
    assert weekly["RRULE"]["FREQ"] == ["WEEKLY"] and weekly["RRULE"]["BYDAY"] == ["SU"]
    assert b"RRULE:FREQ=WEEKLY;BYDAY=SU" in result.stdout_bytes
    assert weekly["DTSTART"].dt == datetime.datetime(2026, 12, 6, 7, 0)  # the first Sunday
    assert monthly["RRULE"]["FREQ"] == ["MONTHLY"] and monthly["RRULE"]["BYMONTHDAY"] == [3]
    assert monthly["DTSTART"].dt == datetime.datetime(2026, 12, 3, 6, 30)
    magnesium = events["Magnesium 200 mg"]
    assert magnesium["RRULE"]["FREQ"] == ["DAILY"]
    assert magnesium["DTSTART"].dt.date() == datetime.date(2026, 12, 1)
    # The daily time keeps clear of both on their days: after them, never before.
    at = magnesium["DTSTART"].dt.time()
    assert at >= datetime.time(9, 0)
    assert "One order only" in str(weekly["DESCRIPTION"])


# The day file: medicines beside the products -------------------------------------------


def test_a_day_file_holds_the_medicines(run: Run, tmp_path: Path) -> None:
    day = tmp_path / "day.toml"
    day.write_text(
        """
[[products]]
name = "Glycinate 200"
form = "glycinate"
magnesium_mg = 200
servings_per_day = 1

[[medicines]]
name = "alendronate"
time = "07:00"
days = "sunday"

[[medicines]]
name = "levothyroxine"
time = "6am"
""",
        encoding="utf-8",
    )
    doc = plan(run, str(day))
    assert doc["magnesium_mg_per_day"] == 200.0
    assert [(m["name"], m["days"]) for m in doc["medicines"]] == [
        ("levothyroxine", "every day"),
        ("alendronate", "on Sundays"),
    ]
    stacked = json.loads(run(["stack", str(day), "--json"]).stdout)
    assert [m["interaction"] for m in stacked["medicines"]] == ["levothyroxine", "alendronate"]
    assert stacked["medicines"][1]["order"] == "medicine-first"
    assert "fosamax-label" in [source["key"] for source in stacked["sources"]]
    table = " ".join(run(["stack", str(day)], env={"COLUMNS": "200"}).stdout.split())
    assert "alendronate at 07:00 on Sundays: medicine first, fasting" in table
    long = " ".join(run(["stack", str(day), "--long"], env={"COLUMNS": "200"}).stdout.split())
    assert "alendronate at 07:00 on Sundays: One order only" in long


def test_a_day_file_of_medicines_only(run: Run, tmp_path: Path) -> None:
    day = tmp_path / "meds.toml"
    day.write_text('[[medicines]]\nname = "ibandronate"\ntime = "07:00"\ndays = "monthly 1"\n')
    doc = plan(run, str(day), "--magnesium", "250mg")
    assert doc["medicines"][0]["day_of_month"] == 1 and doc["doses"]
    bad = tmp_path / "bad.toml"
    bad.write_text('[[medicines]]\nname = "alendronate"\ntime = "07:00"\ndays = "sundy"\n')
    result = run(["plan", str(bad), "--magnesium", "250mg"])
    assert result.exit_code == 2 and "medicine 1 ('alendronate')" in result.stderr
    assert "did you mean sunday?" in result.stderr
    wrong = tmp_path / "wrong.toml"
    wrong.write_text('[[medicines]]\nname = "alendronate"\nwhen = "07:00"\n')
    result = run(["plan", str(wrong), "--magnesium", "250mg"])
    assert result.exit_code == 1 and "medicine 1 ('alendronate')" in result.stderr


def test_stack_says_each_medicines_rule(run: Run) -> None:
    doc = json.loads(
        run(["stack", "--add", "200mg", "--medicine", "alendronate@07:00", "--json"]).stdout
    )
    (medicine,) = doc["medicines"]
    assert medicine["rule"].startswith("One order only")
    for fmt in ("markdown", "html"):
        out = run(["stack", "--add", "200mg", "--medicine", "alendronate@07:00", "-f", fmt])
        assert "One order only" in out.stdout, fmt


# What an attack on the above found -----------------------------------------------------


@pytest.mark.parametrize(
    "given",
    [
        "ibandronate 07:00 monthly ①",  # a digit str.isdigit() takes and int() does not
        "ibandronate 07:00 day ²",
        "alendronate \uff10\uff17:\uff10\uff10 sunday",  # full-width digits are no time
        "alendronate 07:00 sunday ٣",
    ],
)
def test_digits_of_other_scripts_are_refused_cleanly(run: Run, given: str) -> None:
    result = run(["plan", "--medicine", given, "--magnesium", "200mg"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "this is a bug" not in result.stderr and "Error:" in result.stderr


@pytest.mark.parametrize(
    ("given", "days"),
    [
        ("ibandronate 07:00 monthly on 15", "on day 15 of each month"),
        ("alendronate 07:00 mon,thu", "on Mondays and Thursdays"),
        ("alendronate 7 am sunday", "on Sundays"),
    ],
)
def test_more_ways_to_say_the_days(run: Run, given: str, days: str) -> None:
    (medicine,) = plan(run, "--medicine", given, "--magnesium", "200mg")["medicines"]
    assert medicine["days"] == days


@pytest.mark.parametrize("start", ["20261201", "2026-W49-1", "0001-01-01", "9999-12-27"])
def test_a_first_day_is_yyyy_mm_dd_in_a_calendar_year(run: Run, start: str) -> None:
    args = ["plan", "--medicine", "alendronate 07:00 sunday", "--magnesium", "200mg"]
    result = run([*args, "-f", "ics", "--start", start])
    assert result.exit_code == 2 and result.stdout == "" and "--start" in result.stderr


def test_the_calendar_carries_the_warnings_and_keeps_its_uids(run: Run) -> None:
    import icalendar

    def calendar(*medicines: str, start: str = "2026-12-01") -> Any:
        args = [arg for medicine in medicines for arg in ("--medicine", medicine)]
        result = run(["plan", *args, "--magnesium", "200mg", "-f", "ics", "--start", start])
        assert result.exit_code == 0, result.stderr
        return icalendar.Calendar.from_ical(result.stdout_bytes)

    (dose, _) = calendar("spironolactone 08:00").walk("VEVENT")
    assert str(dose["SUMMARY"]) == "Magnesium 200 mg (only if your prescriber agrees)"
    assert "prescriber's agreement" in str(dose["DESCRIPTION"])
    events = calendar("alendronate 07:00 sunday", "levothyroxine 06:30").walk("VEVENT")
    magnesium = next(e for e in events if str(e["SUMMARY"]).startswith("Magnesium"))
    assert "Warning: levothyroxine at 06:30 falls before alendronate" in " ".join(
        str(magnesium["DESCRIPTION"]).split()
    )
    # The same plan started on another day keeps its UIDs: a calendar updates its events.
    uids = {str(e["UID"]) for e in calendar("doxycycline 08:00").walk("VEVENT")}
    later = {
        str(e["UID"]) for e in calendar("doxycycline 08:00", start="2027-03-01").walk("VEVENT")
    }
    assert uids == later


def test_the_evening_before_a_bisphosphonate_is_said_as_such(run: Run) -> None:
    (dose,) = plan(run, "--medicine", "alendronate 07:00 sunday", "--magnesium", "200mg")["doses"]
    assert "the day before alendronate at 07:00 on Sundays, 10 h ahead of it" in dose["why"]


def test_a_wait_the_source_gives_for_the_other_order_only_is_said_to_be_kept(run: Run) -> None:
    (dose,) = plan(run, "--medicine", "gabapentin 12:00", "--magnesium", "200mg")["doses"]
    assert "2 h kept: the source gives a wait for the other order only" in dose["why"]


def test_a_fasting_medicine_given_late_in_the_day_is_asked_about(run: Run) -> None:
    doc = plan(run, "--medicine", "ibandronate 21:00 monthly 1", "--magnesium", "200mg")
    assert any("it is taken on waking, fasting" in warning for warning in doc["warnings"])


@pytest.mark.parametrize(
    "written",
    [
        "risedronate sodium delayed-release",
        "risedronate 35mg dr",
        "Risedronate 35 mg delayed release",
        "Atelvia",
    ],
)
def test_the_delayed_release_form_is_found_as_its_box_names_it(run: Run, written: str) -> None:
    doc = plan(run, "--medicine", f"{written} 08:00 sunday", "--magnesium", "200mg")
    assert [m["interaction"] for m in doc["medicines"]] == ["risedronate-delayed-release"]
    immediate = json.loads(run(["interactions", "risedronate", "--json"]).stdout)
    assert "Atelvia" in immediate["interactions"][0]["advice"]  # points to the other form


def test_stack_reads_a_day_file_of_medicines_only(run: Run, tmp_path: Path) -> None:
    day = tmp_path / "meds.toml"
    day.write_text('[[medicines]]\nname = "alendronate"\ntime = "7 am"\ndays = "sun"\n')
    doc = json.loads(run(["stack", str(day), "--json"]).stdout)
    assert doc["total_magnesium_mg_per_day"] == 0 and doc["medicines"][0]["days"] == "on Sundays"


def test_a_day_file_ending_in_a_character_of_several_bytes_is_read(
    run: Run, tmp_path: Path
) -> None:
    # The kind of a file is told from its first bytes; a character that those bytes cut
    # in two at their end is not a decoding error.
    day = tmp_path / "day.toml"
    day.write_text(
        '[[products]]\nname = "Glycinate 200 €"\nform = "glycinate"\nmagnesium_mg = 200\n'
    )
    assert plan(run, str(day), "--medicine", "doxycycline 08:00")["magnesium_mg_per_day"] == 200


def test_a_medicine_the_table_does_not_list_is_in_the_day_with_its_warning(run: Run) -> None:
    """Planned for the listed medicines; the unlisted one shown at its time, said to be
    no sign of safety, in every format, with exit 0."""
    args = ["plan", "--medicine", "warfarin 08:00", "--medicine", "doxycycline 09:00"]
    args += ["--magnesium", "300mg"]
    said = "not in magcli's table: that is not a sign it is safe together with magnesium"
    table = run(args)
    assert table.exit_code == 0
    flat = " ".join(table.stdout.split())
    assert "08:00 warfarin" in flat and said in flat  # in the day, and in its warnings
    as_json = run([*args, "--json"])
    assert said in " ".join(as_json.stderr.split())  # a machine format's warnings: stderr
    document = json.loads(as_json.stdout)
    assert [item["name"] for item in document["unlisted"]] == ["warfarin"]
    assert [item["name"] for item in document["medicines"]] == ["doxycycline"]
    assert document["doses"] and any(said in warning for warning in document["warnings"])
    rows = list(csv.DictReader(io.StringIO(run([*args, "-f", "csv"]).stdout)))
    assert [(row["time"], row["kind"]) for row in rows] == [
        ("08:00", "unlisted"),
        ("09:00", "medicine"),
        ("21:00", "magnesium"),
    ]
    assert all(said in row["warnings"] for row in rows)
    calendar = run([*args, "-f", "ics", "--start", "2026-12-03"]).stdout
    assert "SUMMARY:Medicine: warfarin" in calendar
    for fmt in ("markdown", "html"):
        assert "warfarin" in run([*args, "-f", fmt]).stdout


def test_a_typo_of_a_listed_medicine_is_never_planned_around(run: Run) -> None:
    result = run(["plan", "--medicine", "doxycyclin 08:00", "--magnesium", "300mg"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "Did you mean doxycycline" in result.stderr


@pytest.mark.parametrize(
    ("given", "doses"),
    [
        (["doxycycline 08:00 20:00"], [("doxycycline", "08:00"), ("doxycycline", "20:00")]),
        (["levothyroxine 7am, cipro 9am"], [("levothyroxine", "07:00"), ("cipro", "09:00")]),
        (["doxycycline 8am 8pm"], [("doxycycline", "08:00"), ("doxycycline", "20:00")]),
        (["alendronate 07:00 sunday"], [("alendronate", "07:00")]),
    ],
)
def test_several_doses_in_one_medicine_option(
    run: Run, given: list[str], doses: list[tuple[str, str]]
) -> None:
    """Several times of one medicine, or several medicines with commas, in one --medicine
    are read as that many doses, the same as one --medicine each."""
    args = [arg for text in given for arg in ("--medicine", text)]
    doc = plan(run, *args, "--magnesium", "200mg")
    assert [(m["name"], m["time"]) for m in doc["medicines"]] == doses
    days = next(" ".join(text.split()[2:]) if "sunday" in text else "" for text in given)
    one_each = [arg for name, time in doses for arg in ("--medicine", f"{name} {time} {days}")]
    assert plan(run, *one_each, "--magnesium", "200mg")["doses"] == doc["doses"]


@pytest.mark.parametrize("start", ["2026-03-29", "2026-10-25", "2026-03-08", "2026-11-01"])
def test_a_week_that_changes_the_clocks_keeps_every_time_of_day(run: Run, start: str) -> None:
    """The days the clocks change (in the EU and the US): the calendar's times are the
    wall clock's, floating (no time zone, no UTC), so each reminder stays at its time of
    day the week the clocks change, a weekly medicine on its own day among them, and a
    time the change skips (02:30) is still written as given."""
    import datetime

    import icalendar

    args = ["--medicine", "alendronate 02:30 sunday", "--medicine", "doxycycline 08:00"]
    result = run(["plan", *args, "--magnesium", "200mg", "--start", start, "-f", "ics"])
    assert result.exit_code == 0, result.stderr
    calendar = icalendar.Calendar.from_ical(result.stdout_bytes)
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    for event in events.values():
        begins = event["DTSTART"].dt
        assert isinstance(begins, datetime.datetime) and begins.tzinfo is None  # floating
        assert b"Z" not in event["DTSTART"].to_ical()
    weekly = next(e for name, e in events.items() if "alendronate" in name)
    assert weekly["DTSTART"].dt.time() == datetime.time(2, 30)
    assert weekly["DTSTART"].dt.weekday() == 6  # a Sunday, the first on or after the start
    assert str(weekly["RRULE"]["FREQ"][0]) == "WEEKLY"
    daily = [e for name, e in events.items() if "alendronate" not in name]
    assert all(str(e["RRULE"]["FREQ"][0]) == "DAILY" for e in daily)


def test_a_medicine_twice_on_its_days_is_named_once_in_the_answer(run: Run) -> None:
    result = run(["plan", "--medicine", "alendronate 07:00 19:00 sunday", "--magnesium", "200mg"])
    lead = " ".join(result.stdout.split("\n\n")[0].split())
    assert lead.count("alendronate on Sundays") == 1, lead


@pytest.mark.parametrize("days", ["the", "on", "every", "on the"])
def test_words_that_name_no_day_are_refused_not_read_as_every_day(run: Run, days: str) -> None:
    result = run(["plan", "--medicine", f"alendronate 07:00 {days}", "--magnesium", "200mg"])
    assert result.exit_code == 2 and "names no day" in result.stderr, result.stderr
