"""Dose conversion, limits and label checks (amounts as written: test_units)."""

from __future__ import annotations

import json

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from conftest import Run
from magcli.domain.catalog import load_catalog, load_reference, resolve
from magcli.domain.dosing import (
    MAX_COMPOUND_MG,
    MAX_ELEMENTAL_MG,
    check_label,
    compound_for_elemental,
    dose,
    elemental_from_compound,
    label_notes_for,
    warnings_for,
)
from magcli.domain.nutrition import LifeStage, Sex, requirement
from magcli.errors import UsageError

CATALOG = load_catalog()
REFERENCE = load_reference()


def test_glycinate_1000_mg() -> None:
    result = dose(resolve(CATALOG, "glycinate"), compound_mg=1000)
    assert result.elemental_mg == pytest.approx(141.0)
    assert result.asked == "compound"


def test_oxide_for_400_mg_elemental() -> None:
    result = dose(resolve(CATALOG, "oxide"), elemental_mg=400)
    assert result.compound_mg == pytest.approx(400 / 0.603, rel=1e-9)


@given(
    form_index=st.integers(0, len(CATALOG.forms) - 1),
    compound_mg=st.floats(min_value=0.001, max_value=MAX_COMPOUND_MG),
)
@example(form_index=0, compound_mg=70922.0)  # glycinate holding just over 10 g of magnesium
@example(form_index=5, compound_mg=MAX_COMPOUND_MG)
def test_round_trip_compound_elemental_compound(form_index: int, compound_mg: float) -> None:
    form = CATALOG.forms[form_index]
    elemental = elemental_from_compound(compound_mg, form.elemental_mg_percent)
    assert compound_for_elemental(elemental, form.elemental_mg_percent) == pytest.approx(
        compound_mg, rel=1e-12
    )
    assert elemental <= compound_mg  # magnesium is part of the compound
    if round(elemental, 1) > MAX_ELEMENTAL_MG:
        with pytest.raises(UsageError, match="mg of magnesium, over 10 g"):
            dose(form, compound_mg=compound_mg)
        return
    there = dose(form, compound_mg=compound_mg)
    back = dose(form, elemental_mg=there.elemental_mg)  # every accepted dose converts back
    assert back.compound_mg == pytest.approx(compound_mg, rel=1e-12)


@given(
    form_index=st.integers(0, len(CATALOG.forms) - 1),
    elemental_mg=st.floats(min_value=0.001, max_value=MAX_ELEMENTAL_MG),
)
@example(form_index=9, elemental_mg=MAX_ELEMENTAL_MG)  # exactly at the limit, both ways
@example(form_index=13, elemental_mg=MAX_ELEMENTAL_MG)
def test_round_trip_elemental_compound_elemental(form_index: int, elemental_mg: float) -> None:
    form = CATALOG.forms[form_index]
    if round(compound_for_elemental(elemental_mg, form.elemental_mg_percent), 1) > MAX_COMPOUND_MG:
        with pytest.raises(UsageError, match="not a supplement dose"):
            dose(form, elemental_mg=elemental_mg)
        return
    there = dose(form, elemental_mg=elemental_mg)
    back = dose(form, compound_mg=there.compound_mg)
    assert back.elemental_mg == pytest.approx(elemental_mg, rel=1e-12)


def adult_woman() -> object:
    return requirement(REFERENCE, LifeStage(35, Sex.FEMALE))


@pytest.mark.parametrize(
    ("elemental_mg", "exceeds"),
    [(349.9, False), (350.0, False), (350.04, False), (350.05, True), (350.1, True), (351, True)],
)
def test_upper_limit_boundary(elemental_mg: float, exceeds: bool) -> None:
    result = dose(
        resolve(CATALOG, "citrate"),
        elemental_mg=elemental_mg,
        requirement=adult_woman(),  # type: ignore[arg-type]
    )
    assert result.over_limit is exceeds
    assert bool(warnings_for(result, "US")) is exceeds


def test_child_limit_and_percent_of_rda() -> None:
    needs = requirement(REFERENCE, LifeStage(6))
    result = dose(resolve(CATALOG, "citrate"), compound_mg=2000, requirement=needs)
    assert needs.ul_mg == 110 and needs.rda_mg == 130
    assert result.elemental_mg == pytest.approx(323.2)
    assert result.percent_of_need == pytest.approx(323.2 / 130 * 100)
    assert result.over_limit is True


def test_infant_has_no_limit_so_no_verdict_but_a_warning() -> None:
    needs = requirement(REFERENCE, LifeStage(0.25))
    result = dose(resolve(CATALOG, "glycinate"), elemental_mg=20, requirement=needs)
    assert result.over_limit is None  # no limit is set for infants: nothing to be over
    assert "only on a clinician's advice" in warnings_for(result, "US")[0]


def test_no_life_stage_no_verdict() -> None:
    result = dose(resolve(CATALOG, "glycinate"), compound_mg=500)
    assert result.over_limit is None and result.percent_of_need is None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "exactly one of"),
        ({"compound_mg": 1, "elemental_mg": 1}, "exactly one of"),
        ({"compound_mg": MAX_COMPOUND_MG + 1}, "over 100 g; not a supplement dose"),
        ({"elemental_mg": 10_001}, "mg of magnesium, over 10 g"),
        ({"elemental_mg": 100, "label_mg": 10}, "--label-mg goes with --compound"),
    ],
)
def test_dose_refusals(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        dose(resolve(CATALOG, "glycinate"), **kwargs)


def test_elemental_dose_of_a_poor_form_can_need_absurd_compound() -> None:
    with pytest.raises(UsageError, match=r"136,519 mg of magnesium gluconate \(anhydrous\), over"):
        dose(resolve(CATALOG, "gluconate"), elemental_mg=8000)


@pytest.mark.parametrize(
    ("label_mg", "verdict"), [(200, "higher"), (141, "consistent"), (100, "lower")]
)
def test_label_check_glycinate(label_mg: float, verdict: str) -> None:
    assert check_label(1000, label_mg, 14.10).verdict == verdict


def test_label_notes() -> None:
    glycinate = resolve(CATALOG, "glycinate")
    blend = dose(glycinate, compound_mg=1000, label_mg=200)
    notes = label_notes_for(blend)
    assert any("implies 20.0% magnesium by weight, more than pure" in n for n in notes)
    assert any("buffered with magnesium oxide" in n for n in notes)
    big = label_notes_for(dose(resolve(CATALOG, "oxide"), elemental_mg=400))
    assert any("more likely the compound weight" in n and "241.2 mg" in n for n in big)


# Through the command line -------------------------------------------------------------


def test_cli_dose_glycinate(run: Run) -> None:
    result = run("dose glycinate --compound 1000", env={"COLUMNS": "100"})
    assert result.exit_code == 0
    assert "141 mg of magnesium (14.10% by weight of Mg(C2H4NO2)2)" in " ".join(
        result.stdout.split()
    )
    assert "buffered with magnesium oxide" not in " ".join(result.stdout.split())  # --long
    assert "Is it too much? Add an age and sex" in " ".join(result.stdout.split())
    long = run("dose glycinate --compound 1000 --long", env={"COLUMNS": "100"}).stdout
    assert "buffered with magnesium oxide" in " ".join(long.split())
    assert "magcli interactions" in result.stdout


def test_cli_dose_oxide_for_a_woman(run: Run) -> None:
    result = run("dose oxide --elemental 400 --age 35 --sex female", env={"COLUMNS": "100"})
    assert result.exit_code == 0  # without --strict a warning is not a failure
    out = " ".join(result.stdout.split())
    assert "663.3 mg of magnesium oxide" in out
    assert "RDA 320 mg a day from all sources; this dose is 125% of it" in out
    assert "It is ABOVE the 350 mg a day upper limit for supplements." in out
    assert "Warning: 400 mg of magnesium is above the 350 mg a day upper limit" in out


def test_cli_dose_json_shape(run: Run) -> None:
    result = run("dose citrate --compound 2g --age 6 --json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert list(doc) == [
        "schema_version",
        "data_version",
        "command",
        "form",
        "name",
        "compound",
        "formula",
        "input",
        "compound_mg",
        "magnesium_mg",
        "elemental_mg_percent",
        "life_stage",
        "need_mg",
        "need_name",
        "upper_limit_mg",
        "upper_limit_mg_per_kg",
        "guidance_level_mg",
        "percent_of_need",
        "over_limit",
        "label_check",
        "region",
        "label_notes",
        "warnings",
        "disclaimer",
    ]
    assert (doc["command"], doc["form"], doc["input"]) == ("dose", "citrate", "compound")
    assert (doc["compound_mg"], doc["magnesium_mg"], doc["elemental_mg_percent"]) == (
        2000.0,
        323.2,
        16.16,
    )
    assert doc["life_stage"] == {
        "age": 6.0,
        "sex": None,
        "pregnant": False,
        "lactating": False,
        "stage": "4-8 years",
        "reference": "RDA",
        "description": "6-year-old",
    }
    assert (doc["need_mg"], doc["upper_limit_mg"], doc["percent_of_need"], doc["over_limit"]) == (
        130,
        110,
        248.6,
        True,
    )
    assert doc["warnings"] and result.stderr.startswith("Warning: 323.2 mg of magnesium")


def test_cli_dose_json_without_life_stage(run: Run) -> None:
    doc = json.loads(run("dose glycinate --compound 1000 --json").stdout)
    assert (doc["life_stage"], doc["need_mg"], doc["upper_limit_mg"], doc["over_limit"]) == (
        None,
        None,
        None,
        None,
    )


@pytest.mark.parametrize("as_json", [False, True])
def test_strict_exits_3_over_the_limit(run: Run, as_json: bool) -> None:
    args = "dose oxide --elemental 400 --age 35 --sex female --strict" + (
        " --json" if as_json else ""
    )
    result = run(args)
    assert result.exit_code == 3
    if as_json:
        assert json.loads(result.stdout)["over_limit"] is True


def test_strict_exits_0_at_the_limit(run: Run) -> None:
    result = run("dose oxide --elemental 350 --age 35 --sex female --strict --json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["over_limit"] is False


def test_cli_label_check(run: Run) -> None:
    doc = json.loads(run("dose glycinate --compound 1000 --label-mg 200 --json").stdout)
    assert doc["label_check"] == {"label_mg": 200.0, "implied_percent": 20.0, "verdict": "higher"}
