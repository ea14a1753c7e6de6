"""Your day: every source of supplemental magnesium against the limit where you live."""

from __future__ import annotations

import json
from typing import Any

import pytest

from conftest import TESTS, Run

DAY = TESTS.parent / "examples" / "day.toml"


def stack(run: Run, *args: str) -> dict[str, Any]:
    result = run(["stack", *args, "--json"])
    assert result.exit_code == 0, result.stderr
    return dict(json.loads(result.stdout))


@pytest.mark.parametrize(
    ("region", "limit", "over"),
    [
        ("us", 350, False),
        ("ca", 350, False),
        ("au-nz", 350, False),
        ("jp", 350, False),
        ("eu", 250, True),
        ("uk", None, None),  # a guidance level, not an upper limit
    ],
)
def test_a_woman_taking_300mg_in_each_region(
    run: Run, region: str, limit: int | None, over: bool | None
) -> None:
    doc = stack(run, "--add", "300mg", "--age", "35", "--sex", "female", "--region", region)
    assert (doc["total_magnesium_mg_per_day"], doc["upper_limit_mg"], doc["over_limit"]) == (
        300.0,
        limit,
        over,
    )
    assert doc["region"]["id"] == region and doc["sources"]
    strict = run(
        ["stack", "--add", "300mg", "--age", "35", "--sex", "f", "--region", region, "--strict"]
    )
    assert strict.exit_code == (3 if over else 0)
    if limit is None:
        assert "guidance level" in " ".join(run(["intake", "--region", region]).stdout.split())


def test_who_quotes_the_us_limits(run: Run) -> None:
    # The WHO/FAO report sets no limit of its own: it suggests the US figures (65, 110,
    # 350 mg) with its own bands, 110 mg up to 10 years, and magcli says so.
    for age, limit in (("2", 65), ("10", 110), ("35", 350)):
        doc = stack(run, "--add", "300mg", "--age", age, "--region", "who")
        assert doc["upper_limit_mg"] == limit, age
    assert "citing the US report (IOM 1997)" in doc["region"]["upper_limit_note"]
    infant = stack(run, "--add", "30mg", "--age", "0.5", "--region", "who")
    assert infant["upper_limit_mg"] is None and infant["over_limit"] is None


def test_a_shelf_and_added_amounts_add_up(run: Run) -> None:
    doc = stack(
        run, str(DAY), "--add", "250mg antacid", "--add", "50 mg", "--age", "35", "--sex", "f"
    )
    rows = [(row["source"], row["kind"], row["magnesium_mg_per_day"]) for row in doc["rows"]]
    assert rows == [
        ("Daily Multivitamin", "product", 100.0),
        ("Magnesium Glycinate 200", "product", 200.0),
        ("antacid", "added", 250.0),
        ("added", "added", 50.0),
    ]
    assert doc["total_magnesium_mg_per_day"] == 600.0 and doc["over_limit"] is True
    assert any("above the 350 mg upper limit" in w for w in doc["warnings"])


def test_diet_sets_food_against_the_need(run: Run) -> None:
    doc = stack(run, "--add", "100mg", "--diet", "250mg", "--age", "35", "--sex", "female")
    assert (doc["need_mg"], doc["need_name"], doc["total_intake_mg"], doc["percent_of_need"]) == (
        320,
        "RDA",
        350.0,
        109.4,
    )


def test_eu_advises_two_doses_above_250mg(run: Run) -> None:
    doc = stack(run, "--add", "300mg", "--age", "35", "--region", "europe")
    assert any("at least two intakes" in w for w in doc["warnings"])


def test_no_age_is_an_adult_said_so(run: Run) -> None:
    doc = stack(run, "--add", "100mg")
    assert doc["assumed_adult"] is True
    assert any("No --age given" in w for w in doc["warnings"])


def test_japan_children_limit_per_kg(run: Run) -> None:
    doc = stack(run, "--add", "100mg", "--age", "6", "--region", "jp")
    assert doc["upper_limit_mg"] is None and doc["upper_limit_mg_per_kg"] == 5
    weighed = stack(run, "--add", "100mg", "--age", "6", "--region", "jp", "--weight", "20")
    assert (weighed["upper_limit_mg"], weighed["over_limit"]) == (100, False)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["stack"], "stack needs a shelf file or an amount"),
        (["stack", "--add", "lots"], "--add"),
        (["stack", "--add", "100mg", "--region", "mars"], "unknown region 'mars'"),
        (["stack", "--add", "100mg", "--region", "eur"], "did you mean eu?"),
    ],
)
def test_usage_errors(run: Run, args: list[str], said: str) -> None:
    result = run(args)
    assert result.exit_code == 2 and said in result.stderr


def test_stack_bars_and_verdict_first(run: Run) -> None:
    out = run(["stack", "--add", "300mg", "--age", "35", "--sex", "f", "--region", "eu"]).stdout
    assert out.startswith("300 mg of supplemental magnesium a day is ABOVE the 250 mg")
    assert "Upper limit" in out and "█" in out


def test_japan_per_kg_limit_in_dose_too_and_never_above_an_adults(run: Run) -> None:
    dose = json.loads(
        run("dose citrate --elemental 150 --age 6 --region jp --weight 20 --json").stdout
    )
    assert (dose["upper_limit_mg"], dose["over_limit"]) == (100, True)
    heavy = stack(run, "--add", "200mg", "--age", "8", "--region", "jp", "--weight", "500")
    assert heavy["upper_limit_mg"] == 350  # 5 mg/kg x 500 kg, held to the adult limit
    unweighed = stack(run, "--add", "200mg", "--age", "8", "--region", "jp")
    assert any("give --weight" in w for w in unweighed["warnings"])
    for bad in ("0", "-1", "nan", "1e9"):
        assert run(["stack", "--add", "1mg", "--weight", bad]).exit_code == 2


def test_an_8_year_old_is_an_8_year_old(run: Run) -> None:
    out = " ".join(run("stack --add 50mg --age 8 --region jp --weight 25").stdout.split())
    assert "for an 8-year-old" in out
