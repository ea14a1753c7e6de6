"""One grammar for what people type: amounts (every option, file and label record reads
a mass the same way), ages, body weights, times of day and days."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Run, examples
from magcli.domain.grammar import (
    MASS_UNITS,
    MAX_DAY_MG,
    is_amount,
    is_strength,
    parse_age,
    parse_amount,
    parse_weight,
    read_schedule,
    read_time,
    split_amount,
)
from magcli.errors import UsageError

SHELF = Path(__file__).parent.parent / "examples" / "shelf.toml"


@pytest.mark.parametrize(
    ("text", "mg"),
    [
        ("1000", 1000.0),
        ("1000mg", 1000.0),
        ("1000 mg", 1000.0),
        ("1000MG", 1000.0),
        ("1000 milligrams", 1000.0),
        ("1.5g", 1500.0),
        ("1.5 G", 1500.0),
        ("0.5 grams", 500.0),
        ("1 gram", 1000.0),
        (".5g", 500.0),
        ("2.", 2.0),
        (" 250 ", 250.0),
        ("500mcg", 0.5),
        ("500 µg", 0.5),
        ("500 micrograms", 0.5),
    ],
)
def test_amounts_as_people_write_them(text: str, mg: float) -> None:
    assert parse_amount(text, "--compound") == pytest.approx(mg)
    assert is_amount(text)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "is empty"),
        ("   ", "is empty"),
        ("-5", "must be more than 0"),
        ("0", "must be more than 0"),
        ("0g", "must be more than 0"),
        ("abc", "is not a quantity"),
        ("nan", "is not a quantity"),
        ("inf", "is not a quantity"),
        ("1e3", "is not a quantity"),
        ("1,5g", "has a comma"),
        ("1,000", "has a comma"),
        ("5kg", "has a unit magcli does not take"),
        ("5 ml", "has a unit magcli does not take"),
        ("1.2.3", "is not a quantity"),
        ("2000 g", "is more than magcli takes: at most 1,000,000 mg (1 kg)"),
    ],
)
def test_what_is_no_amount_is_said_plainly(text: str, problem: str) -> None:
    with pytest.raises(UsageError, match=re.escape(problem)):
        parse_amount(text, "--compound")
    assert not is_amount(text) or problem.startswith(("must be", "is more"))


@given(
    number=st.decimals(min_value="0.001", max_value="999", places=3),
    unit=st.sampled_from(sorted(MASS_UNITS)),
    space=st.sampled_from(["", " ", "  "]),
)
@settings(max_examples=examples(200))
def test_every_unit_scales_the_number(number: object, unit: str, space: str) -> None:
    text = f"{number}{space}{unit}"
    expected = float(str(number)) * MASS_UNITS[unit]
    assert parse_amount(text.upper(), "--x") == pytest.approx(expected)
    assert split_amount(f"{text} antacid", "--x") == (pytest.approx(expected), "antacid")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("250mg antacid", (250.0, "antacid")),
        ("250 mg antacid", (250.0, "antacid")),
        ("0.5 g laxative", (500.0, "laxative")),
        ("0.5 grams", (500.0, "")),
        ("250 antacid", (250.0, "antacid")),  # a bare number is milligrams
        ("250mcg", (0.25, "")),
    ],
)
def test_an_amount_and_what_it_is(text: str, expected: tuple[float, str]) -> None:
    assert split_amount(text, "--add") == expected


@pytest.mark.parametrize(
    ("word", "bare", "strength"),
    [
        ("100mg", False, True),
        ("2,5mg", False, True),
        ("5ml", False, True),
        ("1000IU", False, True),
        ("1%", False, True),
        ("100", False, False),  # a figure without a unit may be a time
        ("100", True, True),
        ("8am", False, False),
        ("08:00", True, False),
        ("5mg/ml", False, False),
    ],
)
def test_strengths_in_a_medicines_name(word: str, bare: bool, strength: bool) -> None:
    assert is_strength(word, bare=bare) is strength


# Every option that takes an amount reads it the same way, and every amount of magnesium
# a day stops at the same limit.
OPTIONS = {
    "dose --compound": ["dose", "glycinate", "--json", "--compound"],
    "dose --elemental": ["dose", "glycinate", "--json", "--elemental"],
    "dose --label-mg": ["dose", "glycinate", "--json", "--compound", "2g", "--label-mg"],
    "stack --add": ["stack", "--json", "--age", "35", "--add"],
    "stack --diet": ["stack", "--json", "--age", "35", "--add", "100mg", "--diet"],
    "products --daily": ["products", str(SHELF), "--json", "--daily"],
    "plan --magnesium": ["plan", "--json", "--medicine", "doxycycline 08:00", "--magnesium"],
}
DAY_OPTIONS = ("dose --elemental", "stack --add", "stack --diet", "products --daily")


@pytest.mark.parametrize("option", sorted(OPTIONS))
def test_every_option_reads_the_same_amounts(run: Run, option: str) -> None:
    first = run([*OPTIONS[option], "300mg"])
    assert first.exit_code == 0, first.stderr
    for spelling in ("300", "300 mg", "0.3g", "0.3 grams", "300000 mcg"):
        again = run([*OPTIONS[option], spelling])
        assert (again.exit_code, again.stdout) == (0, first.stdout), spelling


@pytest.mark.parametrize("option", [*DAY_OPTIONS, "plan --magnesium"])
def test_a_day_of_magnesium_stops_at_ten_grams(run: Run, option: str) -> None:
    assert run([*OPTIONS[option], f"{MAX_DAY_MG:g}mg"]).exit_code == 0
    result = run([*OPTIONS[option], "10.5 g"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "10,000 mg" in result.stderr and "10 g" in result.stderr, result.stderr


def test_an_added_amount_and_its_name(run: Run) -> None:
    from magcli import stack

    grams = stack(add=["0.25 grams laxative"], age=35)
    assert [(row.source, row.magnesium_mg_per_day) for row in grams.rows] == [("laxative", 250.0)]


# Ages, weights, times and days: each read in one place, the same from every option.


@pytest.mark.parametrize(
    ("text", "years"),
    [("35", 35.0), (" 35 ", 35.0), ("0.5", 0.5), ("6mo", 0.5), ("18 months", 1.5), ("2y", 2.0)],
)
def test_ages(text: str, years: float) -> None:
    assert parse_age(text) == pytest.approx(years)


@pytest.mark.parametrize(
    ("text", "kg"),
    [
        ("20", 20.0),
        ("20kg", 20.0),
        ("20 KG", 20.0),
        ("20.5 kilograms", 20.5),
        ("44lb", 44 * 0.45359237),
        ("44 pounds", 44 * 0.45359237),
        (70, 70.0),
        (70.5, 70.5),
    ],
)
def test_body_weights(text: str | float, kg: float) -> None:
    assert parse_weight(text) == pytest.approx(kg)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("heavy", "is not a body weight"),
        ("20 stone", "is not a body weight"),
        ("-5", "is not a body weight"),
        ("0", "between 1 and 500 kg"),
        ("600kg", "between 1 and 500 kg"),
        ("1e9", "is not a body weight"),
        (float("nan"), "between 1 and 500 kg"),
    ],
)
def test_a_body_weight_that_is_none_is_refused_with_what_to_type(
    text: str | float, said: str
) -> None:
    with pytest.raises(UsageError, match=said):
        parse_weight(text)


def test_every_weight_option_reads_the_same_weights(run: Run) -> None:
    # A limit set per kg (Japan's children): the same answer for each way of writing it.
    for command in (
        ["stack", "--add", "100mg", "--age", "6", "--region", "jp", "--json"],
        ["dose", "citrate", "--elemental", "100", "--age", "6", "--region", "jp", "--json"],
    ):
        first = run([*command, "--weight", "20"])
        assert first.exit_code == 0, first.stderr
        assert json.loads(first.stdout)["upper_limit_mg"] == 100  # 5 mg per kg
        for spelling in ("20kg", "20 kg", "20.0 kilograms"):
            again = run([*command, "--weight", spelling])
            assert (again.exit_code, again.stdout) == (0, first.stdout), (command[0], spelling)
        bad = run([*command, "--weight", "heavy"])
        assert bad.exit_code == 2 and bad.stdout == "" and "pounds (154lb)" in bad.stderr


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("08:00", 480),
        ("8:30", 510),
        ("8.30", 510),
        ("8h30", 510),
        ("8am", 480),
        ("8 pm", 1200),
        ("20h", 1200),
        ("12am", 0),
        ("12pm", 720),
    ],
)
def test_times_of_day(text: str, minutes: int) -> None:
    assert read_time(text, "--medicine") == minutes


@pytest.mark.parametrize("text", ["25:00", "8:75", "13pm", "noonish", "0am"])
def test_what_is_no_time_of_day_is_refused(text: str) -> None:
    with pytest.raises(UsageError, match="time"):
        read_time(text, "--medicine")


@pytest.mark.parametrize(
    ("words", "repeat", "said"),
    [
        (["sunday"], "weekly", "on Sundays"),
        (["every", "mon,thu"], "weekly", "on Mondays and Thursdays"),
        (["daily"], "daily", "every day"),
        ([], "daily", "every day"),
        (["monthly", "on", "the", "1st"], "monthly", "on day 1 of each month"),
        (["day", "15", "of", "each", "month"], "monthly", "on day 15 of each month"),
    ],
)
def test_days(words: list[str], repeat: str, said: str) -> None:
    schedule = read_schedule(words, "--medicine")
    assert (schedule.repeat, schedule.said) == (repeat, said)


def test_a_misspelt_day_gets_the_closest_word() -> None:
    with pytest.raises(UsageError, match="did you mean sunday"):
        read_schedule(["sundy"], "--medicine")
    with pytest.raises(UsageError, match="from 1 to 28"):
        read_schedule(["monthly", "on", "the", "31st"], "--medicine")
