"""One rule for the upper limit, whichever command sets an amount against it: dose,
stack, products and plan agree, region by region, on the limit and on which amounts are
above it (as shown, to 0.1 mg), and warn of it in the same words."""

from __future__ import annotations

from pathlib import Path

import pytest

import magcli
from magcli.domain.catalog import load_reference
from magcli.domain.nutrition import above_limit, adult_limit

REGIONS = ["us", "eu", "uk", "au-nz", "jp", "who", "ca"]


def shelf(tmp_path: Path, mg: float) -> Path:
    path = tmp_path / f"shelf-{mg}.toml"
    path.write_text(
        f'[[products]]\nname = "One"\nform = "citrate"\nmagnesium_mg = {mg}\n'
        "serving_units = 1\nunits_per_container = 30\n",
        encoding="utf-8",
    )
    return path


def verdicts(tmp_path: Path, mg: float, region: str) -> dict[str, bool | None]:
    """Each command's verdict on `mg` a day of supplemental magnesium for an adult."""
    amount = f"{mg}mg"
    plan = magcli.plan(medicines=["doxycycline 08:00"], magnesium=amount, region=region)
    return {
        "dose": magcli.dose("citrate", elemental=amount, age=30, region=region).over_limit,
        "stack": magcli.stack(add=[amount], age=30, region=region).over_limit,
        "products": magcli.products(shelf(tmp_path, mg), region=region).products[0].over_limit,
        "plan": any("upper limit" in warning for warning in plan.warnings),
    }


def test_the_rule_is_the_amount_as_shown_against_the_limit() -> None:
    assert above_limit(350.04, 350) is False  # shown as 350.0: at the limit, not above
    assert above_limit(350.05, 350) is True  # shown as 350.1
    assert above_limit(10_000, None) is None  # no limit: nothing to be above


@pytest.mark.parametrize("region", [r for r in REGIONS if adult_limit(load_reference(), r)])
def test_every_command_judges_the_same_amount_the_same_way(tmp_path: Path, region: str) -> None:
    limit = adult_limit(load_reference(), region)
    assert limit is not None
    for mg, above in ((limit - 0.5, False), (limit + 0.04, False), (limit + 0.06, True)):
        found = verdicts(tmp_path, mg, region)
        assert set(found.values()) == {above}, (region, mg, found)


@pytest.mark.parametrize("region", [r for r in REGIONS if adult_limit(load_reference(), r)])
def test_every_command_states_the_same_limit(region: str) -> None:
    limit = adult_limit(load_reference(), region)
    over = f"{limit + 100}mg"
    said = {
        "dose": magcli.dose("citrate", elemental=over, age=30, region=region).warnings,
        "stack": magcli.stack(add=[over], age=30, region=region).warnings,
        "plan": magcli.plan(
            medicines=["doxycycline 08:00"], magnesium=over, region=region
        ).warnings,
    }
    for command, warnings in said.items():
        limited = [w for w in warnings if "upper limit" in w]
        assert len(limited) == 1, (command, warnings)
        assert f"is above the {limit} mg" in limited[0] and "upper limit (" in limited[0], command
    assert magcli.stack(add=[over], age=30, region=region).upper_limit_mg == limit
    assert magcli.dose("citrate", elemental=over, age=30, region=region).upper_limit_mg == limit


def test_a_region_without_an_adult_limit_gives_no_verdict(tmp_path: Path) -> None:
    without = [r for r in REGIONS if adult_limit(load_reference(), r) is None]
    assert without  # the UK sets none for supplements
    for region in without:
        found = verdicts(tmp_path, 5000, region)
        assert found["dose"] is None and found["stack"] is None and found["products"] is None
        assert found["plan"] is False


@pytest.mark.parametrize(
    ("age", "region", "mg"),
    [
        (0.25, "us", 100),  # an infant: no limit, and above the adequate intake
        (3, "jp", 100),  # a limit per kg, and no weight given
        (6, "us", 50),  # a child within the limit
        (6, "us", 200),  # a child above it
        (35, "us", 500),  # an adult above it
    ],
)
def test_dose_and_stack_warn_a_person_alike(age: float, region: str, mg: float) -> None:
    """The warnings about a person's amount come from one rule: a dose of X and a day of
    X say the same (a dose's sentence above the limit names a dose, a day's a day)."""
    amount = f"{mg}mg"
    dose = magcli.dose("citrate", elemental=amount, age=age, region=region).warnings
    day = magcli.stack(add=[amount], age=age, region=region).warnings
    assert dose, "every case here has something to say"
    above = [w for w in dose if " is above the " in w]
    said = [w.replace("This dose alone is", "The supplements alone are") for w in dose]
    assert set(said) - set(above) <= set(day), (said, day)
    for sentence in above:
        whose = sentence[sentence.index("upper limit (") :]
        assert any(w.endswith(whose) for w in day), (sentence, day)


def test_advice_to_split_the_day_is_said_with_who_gives_it() -> None:
    """The EU's table is EFSA's, but the advice to divide the day is Germany's BfR's: each
    command says whose it is, never 'the region' or the EU."""
    said = "Germany's BfR advises at least two intakes for the day's supplement"
    stack = magcli.stack(add=["300mg"], region="eu")
    assert any(warning.startswith(said) for warning in stack.warnings)
    assert stack.region.split_doses_by == "Germany's BfR"
    plan = magcli.plan(medicines=["levothyroxine 07:00"], magnesium="300mg", region="eu")
    assert f"Split in two: {said}." in plan.notes
    assert not any("EU" in note and "advises" in note for note in [*plan.notes, *stack.warnings])


def test_a_region_that_splits_the_day_must_say_who_advises_it() -> None:
    from magcli.domain.reference import Region

    region = load_reference().region("eu").model_dump()
    with pytest.raises(ValueError, match="split_doses_by"):
        Region.model_validate({**region, "split_doses_by": None})
    with pytest.raises(ValueError, match="split_doses_by"):
        Region.model_validate({**region, "split_doses": False})


def guided_regions() -> list[str]:
    from magcli.domain.nutrition import adult_needs

    reference = load_reference()
    return [r for r in REGIONS if adult_needs(reference, r).guidance_mg is not None]


def test_the_uk_gives_a_guidance_level_and_no_limit() -> None:
    from magcli.domain.nutrition import adult_needs

    adult = adult_needs(load_reference(), "uk")
    assert guided_regions() == ["uk"]
    assert (adult.ul_mg, adult.guidance_mg, adult.guidance_by) == (None, 400, "the UK's EVM (2003)")


@pytest.mark.parametrize("region", guided_regions())
def test_every_command_sets_a_day_against_the_guidance_level_the_same_way(region: str) -> None:
    """dose, stack and plan warn above the guidance level (as shown, to 0.1 mg) in the same
    words, each calling it what it is, never a limit; below it, none says it is above."""
    from magcli.domain.nutrition import adult_needs

    level = adult_needs(load_reference(), region).guidance_mg
    assert level is not None
    for mg, above in ((level - 0.5, False), (level + 0.04, False), (level + 0.06, True)):
        amount = f"{mg}mg"
        said = {
            "dose": magcli.dose("citrate", elemental=amount, age=30, region=region).warnings,
            "stack": magcli.stack(add=[amount], age=30, region=region).warnings,
            "plan": magcli.plan(
                medicines=["doxycycline 08:00"], magnesium=amount, region=region
            ).warnings,
        }
        for command, warnings in said.items():
            over = [w for w in warnings if f"above the {level} mg" in w]
            assert bool(over) is above, (command, mg, warnings)
            assert all("guidance level" in w and "not a limit" in w for w in over), over
            assert not any("upper limit (" in w for w in warnings), (command, warnings)
        # One wording: the day's in stack and plan, the dose's own in dose.
        assert [w for w in said["stack"] if "above" in w] == [
            w for w in said["plan"] if "above" in w
        ]
        # No child is given the adults' guidance level.
        child = magcli.stack(add=[amount], age=10, region=region).warnings
        assert not any("guidance" in w for w in child), child


@pytest.mark.parametrize(
    ("stage", "by"),
    [
        ({"guidance_mg": 400}, None),  # whose is it?
        ({}, "the UK's EVM (2003)"),  # whose, of nothing
        ({"guidance_mg": 400, "ul_mg": 350}, "the UK's EVM (2003)"),  # a limit is set already
    ],
)
def test_a_guidance_level_is_whose_and_only_where_no_limit_is_set(
    stage: dict[str, int], by: str | None
) -> None:
    from pydantic import ValidationError

    from magcli.domain.reference import Intake

    row = {"label": "all", "from_years": 0, "reference": "RNI", "male_mg": 300, **stage}
    with pytest.raises(ValidationError, match="guidance"):
        Intake(sources=["evm2003"], ul_note="x", stages=[row], guidance_by=by)
