"""Who needs how much: life stages, requirements, and food servings. No I/O."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from magcli.errors import UsageError

if TYPE_CHECKING:
    from magcli.models import Food, IntakeStage, Reference

MAX_AGE = 130


class Sex(StrEnum):
    """Sex as the intake tables use it."""

    FEMALE = "female"
    MALE = "male"

    @classmethod
    def _missing_(cls, value: object) -> Sex | None:
        """The other words people use: f, m, woman, man, girl, boy (and their plurals)."""
        return SEX_WORDS.get(str(value).lower())


SEX_WORDS = {
    **dict.fromkeys(("f", "woman", "women", "w", "girl", "girls"), Sex.FEMALE),
    **dict.fromkeys(("m", "man", "men", "boy", "boys"), Sex.MALE),
}


@dataclass(frozen=True)
class LifeStage:
    """A person as the intake tables see them."""

    age: float
    sex: Sex | None = None
    pregnant: bool = False
    lactating: bool = False

    def describe(self) -> str:
        """'35-year-old pregnant female', in plain words."""
        if self.age >= 1:
            age = f"{round(self.age, 1):g}-year-old"
        else:
            age = f"{round(self.age * 12, 1):g}-month-old"
        words = [age]
        if self.pregnant:
            words.append("pregnant")
        if self.lactating:
            words.append("breastfeeding")
        if self.sex:
            words.append(self.sex.value)
        return " ".join(words)


# An age as people write it: 35, 0.5, 6mo, 18 months, 2y, 10 weeks.
_AGE = re.compile(
    r"^\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?)\s*"
    r"(y|yr|yrs|year|years|m|mo|mos|month|months|w|wk|wks|week|weeks)?\s*$",
    re.IGNORECASE,
)
_PER_YEAR = {"y": 1.0, "m": 12.0, "w": 52.1775}  # by the unit's first letter


def parse_age(value: float | str | None) -> float | None:
    """An age in years from a number (years) or text such as '6mo', '18m', '2y',
    '10 weeks'; None for none; a UsageError for anything else (the range is checked by
    life_stage)."""
    if value is None or isinstance(value, int | float):
        return None if value is None else float(value)
    match = _AGE.match(value)
    if not match:
        from magcli.text import shorten

        raise UsageError(
            f"--age {shorten(value)} is not an age: give years (35, 0.5, 2y) or months (6mo, 18m)"
        )
    unit = (match.group(2) or "y")[0].lower()
    return float(match.group(1)) / _PER_YEAR[unit]


def life_stage(
    age: float | str | None,
    sex: Sex | None = None,
    pregnant: bool = False,
    lactating: bool = False,
) -> LifeStage | None:
    """The life stage the options describe, None when none was given, or a UsageError."""
    years = parse_age(age)
    if years is None:
        if sex or pregnant or lactating:
            raise UsageError("--age is needed with --sex, --pregnant or --lactating")
        return None
    if not 0 <= years <= MAX_AGE:
        raise UsageError(f"--age must be between 0 and {MAX_AGE} years, not {years:g}")
    if pregnant and lactating:
        raise UsageError("choose one of --pregnant and --lactating")
    if (pregnant or lactating) and sex is Sex.MALE:
        raise UsageError("--pregnant and --lactating go with --sex female")
    if pregnant or lactating:
        sex = Sex.FEMALE
    return LifeStage(years + 0.0, sex, pregnant, lactating)  # + 0.0: -0 is 0


@dataclass(frozen=True)
class Requirement:
    """What the intake table says for one person."""

    stage: IntakeStage
    reference: str  # "RDA" or "AI"
    rda_mg: int | None  # None when the sexes differ and no sex was given
    ul_mg: int | None  # None where no upper limit is set (infants)


def stage_for(reference: Reference, age: float) -> IntakeStage:
    """The intake table's row for an age in years."""
    for stage in reference.intake.stages:
        if stage.covers(age):
            return stage
    raise UsageError(f"no intake values for age {age:g}")  # pragma: no cover - table is complete


def requirement(reference: Reference, person: LifeStage) -> Requirement:
    """The RDA (or AI) and the supplement upper limit for a person."""
    stage = stage_for(reference, person.age)
    if person.pregnant or person.lactating:
        value = stage.pregnancy_mg if person.pregnant else stage.lactation_mg
        if value is None:
            state = "pregnancy" if person.pregnant else "breastfeeding"
            raise UsageError(
                f"the intake table gives no {state} value for age {person.age:g} "
                f"({stage.label}); ask a clinician"
            )
        rda: int | None = value
    elif person.sex is Sex.MALE:
        rda = stage.male_mg
    elif person.sex is Sex.FEMALE or stage.male_mg == stage.female_mg:
        rda = stage.female_mg
    else:
        rda = None
    return Requirement(stage, stage.reference, rda, stage.ul_mg)


def percent_of(amount_mg: float, of_mg: float) -> float:
    """`amount_mg` as a percentage of `of_mg`."""
    return amount_mg / of_mg * 100


@dataclass(frozen=True)
class FoodRow:
    """A food with its share of the Daily Value, and servings to reach an RDA if asked."""

    food: Food
    percent_dv: int
    servings_for_rda: float | None


class FoodSort(StrEnum):
    """Orders the food table can take."""

    MG = "mg"
    NAME = "name"


MAX_TOP = 1_000_000  # far more rows than any table holds; bounds what a document echoes


def food_rows(
    reference: Reference,
    *,
    names: Sequence[str] = (),
    top: int | None = None,
    min_mg: float = 0,
    sort: FoodSort = FoodSort.MG,
    rda_mg: int | None = None,
) -> list[FoodRow]:
    """Foods with at least `min_mg` per serving, richest first (or by name), at most `top`."""
    if top is not None and not 1 <= top <= MAX_TOP:
        shown = f"{top}" if abs(top) < 10**12 else f"a number of {len(str(abs(top))):,} digits"
        raise UsageError(f"--top must be between 1 and {MAX_TOP:,}, not {shown}")
    if not math.isfinite(min_mg) or min_mg < 0:
        raise UsageError(f"--min-mg must be 0 or more, not {min_mg:g}")
    wanted = [name.casefold().strip() for name in names if name.strip()]
    items = [
        item
        for item in reference.foods.items
        if item.mg >= min_mg
        and (not wanted or any(word in item.food.casefold() for word in wanted))
    ]
    if sort is FoodSort.MG:
        items.sort(key=lambda item: -item.mg)
    else:
        items.sort(key=lambda item: item.food.casefold())
    if top is not None:
        items = items[:top]
    dv = reference.daily_value_mg
    return [
        FoodRow(
            item,
            round(percent_of(item.mg, dv)),
            None if rda_mg is None else rda_mg / item.mg,
        )
        for item in items
    ]
