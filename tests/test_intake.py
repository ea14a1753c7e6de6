"""Intake values, life stages and foods, checked against tables written out here."""

from __future__ import annotations

import pytest

from magcli.domain.nutrition import FoodSort, LifeStage, Sex, food_rows, life_stage, requirement
from magcli.domain.reference import Reference
from magcli.errors import UsageError

# IOM 1997, mg a day, as in the project's reference:
# (from, to, male, female, pregnancy, lactation, upper limit for supplements). Ages
# are completed ones: "0-6 months" runs to the seventh month, as "1-3 years" to the fourth
# year.
SEVEN_MONTHS = 7 / 12
IOM_1997 = [
    (0.0, SEVEN_MONTHS, 30, 30, None, None, None),
    (SEVEN_MONTHS, 1.0, 75, 75, None, None, None),
    (1.0, 4.0, 80, 80, None, None, 65),
    (4.0, 9.0, 130, 130, None, None, 110),
    (9.0, 14.0, 240, 240, None, None, 350),
    (14.0, 19.0, 410, 360, 400, 360, 350),
    (19.0, 31.0, 400, 310, 350, 310, 350),
    (31.0, None, 420, 320, 360, 320, 350),
]

# The ODS food table: food (as magcli names it), mg per serving, published % DV.
ODS_FOODS = [
    ("Pumpkin seeds, roasted", 156, 37),
    ("Chia seeds", 111, 26),
    ("Almonds, dry roasted", 80, 19),
    ("Spinach, boiled", 78, 19),
    ("Cashews, dry roasted", 74, 18),
    ("Peanuts, oil roasted", 63, 15),
    ("Shredded wheat", 61, 15),
    ("Soymilk", 61, 15),
    ("Black beans, cooked", 60, 14),
    ("Edamame", 50, 12),
    ("Peanut butter", 49, 12),
    ("Potato, baked with skin", 43, 10),
    ("Rice, brown, cooked", 42, 10),
    ("Yogurt, low fat", 42, 10),
    ("Oatmeal, instant", 36, 9),
    ("Kidney beans, canned", 35, 8),
    ("Banana", 32, 8),
    ("Salmon", 26, 6),
    ("Milk", 24, 6),
    ("Halibut", 24, 6),
    ("Raisins", 23, 5),
    ("Bread, whole wheat", 23, 5),
    ("Avocado", 22, 5),
    ("Chicken breast", 22, 5),
    ("Beef, ground, 90% lean", 20, 5),
    ("Broccoli", 12, 3),
    ("Rice, white", 10, 2),
    ("Apple", 9, 2),
    ("Carrot", 7, 2),
]


@pytest.fixture(scope="module")
def reference() -> Reference:
    from magcli.domain.catalog import load_reference

    return load_reference()


def test_every_intake_value_matches_iom_1997(reference: Reference) -> None:
    rows = [
        (s.from_years, s.to_years, s.male_mg, s.female_mg, s.pregnancy_mg, s.lactation_mg, s.ul_mg)
        for s in reference.intake.stages
    ]
    assert rows == IOM_1997
    assert [s.reference for s in reference.intake.stages] == ["AI", "AI"] + ["RDA"] * 6


def test_daily_value(reference: Reference) -> None:
    assert reference.daily_value_mg == 420


@pytest.mark.parametrize(
    ("age", "sex", "pregnant", "lactating", "rda", "ul"),
    [
        (0, None, False, False, 30, None),
        (0.49, None, False, False, 30, None),
        (0.5, None, False, False, 30, None),  # a 6-month-old: 0-6 months
        (0.58, None, False, False, 30, None),
        (SEVEN_MONTHS, None, False, False, 75, None),
        (0.75, None, False, False, 75, None),
        (1, None, False, False, 80, 65),
        (3.99, None, False, False, 80, 65),
        (4, None, False, False, 130, 110),
        (8, None, False, False, 130, 110),
        (9, None, False, False, 240, 350),
        (13, Sex.FEMALE, False, False, 240, 350),
        (14, Sex.MALE, False, False, 410, 350),
        (16, Sex.FEMALE, True, False, 400, 350),
        (18, Sex.FEMALE, False, True, 360, 350),
        (19, Sex.MALE, False, False, 400, 350),
        (30, Sex.FEMALE, False, False, 310, 350),
        (30, None, True, False, 350, 350),
        (31, Sex.FEMALE, False, False, 320, 350),
        (35, Sex.FEMALE, False, True, 320, 350),
        (45, None, True, False, 360, 350),
        (90, Sex.MALE, False, False, 420, 350),
        (35, None, False, False, None, 350),  # sexes differ: no single RDA
    ],
)
def test_requirement(
    reference: Reference,
    age: float,
    sex: Sex | None,
    pregnant: bool,
    lactating: bool,
    rda: int | None,
    ul: int | None,
) -> None:
    person = life_stage(age, sex, pregnant, lactating)
    assert person is not None
    needs = requirement(reference, person)
    assert (needs.rda_mg, needs.ul_mg) == (rda, ul)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"age": None, "sex": Sex.FEMALE}, "--age is needed"),
        ({"age": None, "pregnant": True}, "--age is needed"),
        ({"age": -1}, "between 0 and 130"),
        ({"age": 131}, "between 0 and 130"),
        ({"age": 30, "pregnant": True, "lactating": True}, "choose one"),
        ({"age": 30, "sex": Sex.MALE, "lactating": True}, "go with --sex female"),
    ],
)
def test_life_stage_refusals(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        life_stage(**kwargs)  # type: ignore[arg-type]


def test_no_pregnancy_value_below_14(reference: Reference) -> None:
    with pytest.raises(UsageError, match="no pregnancy value for age 12"):
        requirement(reference, LifeStage(12, Sex.FEMALE, pregnant=True))


def test_no_options_no_life_stage() -> None:
    assert life_stage(None) is None


def test_pregnancy_implies_female() -> None:
    person = life_stage(25, None, pregnant=True)
    assert person is not None and person.sex is Sex.FEMALE
    assert person.describe() == "25-year-old pregnant female"
    infant = life_stage(0.5)
    assert infant is not None and infant.describe() == "6-month-old"


def test_foods_match_the_published_table(reference: Reference) -> None:
    rows = food_rows(reference)
    assert [(r.food.food, r.food.mg, r.percent_dv) for r in rows] == ODS_FOODS


def test_foods_top_min_and_sort(reference: Reference) -> None:
    assert [r.food.food for r in food_rows(reference, top=2)] == [
        "Pumpkin seeds, roasted",
        "Chia seeds",
    ]
    assert all(r.food.mg >= 60 for r in food_rows(reference, min_mg=60))
    assert len(food_rows(reference, min_mg=60)) == 9
    names = [r.food.food for r in food_rows(reference, sort=FoodSort.NAME)]
    assert names == sorted(names, key=str.casefold)


def test_servings_for_rda(reference: Reference) -> None:
    (almonds,) = [r for r in food_rows(reference, rda_mg=320) if r.food.food.startswith("Almonds")]
    assert almonds.servings_for_rda == pytest.approx(4.0)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"top": 0}, "--top"),
        ({"min_mg": -1}, "--min-mg must be 0 or more"),
        ({"min_mg": float("nan")}, "not nan"),
    ],
)
def test_foods_refusals(reference: Reference, kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        food_rows(reference, **kwargs)  # type: ignore[arg-type]


def test_interactions_cover_the_reference(reference: Reference) -> None:
    assert [item.id for item in reference.interactions] == [
        "tetracyclines",
        "fluoroquinolones",
        "moxifloxacin",
        "levothyroxine",
        "integrase-inhibitors",
        "raltegravir",
        "alendronate",
        "risedronate",
        "risedronate-delayed-release",
        "ibandronate",
        "gabapentin",
        "penicillamine",
        "zinc",
        "loop-thiazide-diuretics",
        "potassium-sparing-diuretics",
        "proton-pump-inhibitors",
    ]
    assert reference.risk_groups[0].id == "kidney-disease"
    cited = {
        key for item in [*reference.interactions, *reference.risk_groups] for key in item.sources
    }
    assert cited <= set(reference.sources)
