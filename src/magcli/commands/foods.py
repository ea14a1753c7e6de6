"""magcli foods: food sources of magnesium per serving."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field

from magcli.catalog import load_reference
from magcli.commands.common import life_stage_of, life_stage_out, need_name, sources_out
from magcli.nutrition import FoodSort, Sex, food_rows, requirement
from magcli.options import (
    AgeOption,
    Answer,
    Argument,
    LactatingOption,
    PregnantOption,
    SexOption,
    choice,
    option,
)
from magcli.results import (
    DISCLAIMER,
    LifeStageOut,
    Out,
    Result,
    SourceOut,
)
from magcli.vocab import IntakeName, choose

if TYPE_CHECKING:
    pass


class FoodFilters(Out):
    """The filters `foods` applied."""

    names: list[str] = Field(description="words a food's name must contain (any of them)")
    top: int | None
    min_mg: float
    sort: Literal["mg", "name"]


class FoodOut(Out):
    """A food and its magnesium."""

    food: str
    serving: str
    magnesium_mg: int
    note: str = Field(description="where the figure comes from, where sources differ")
    percent_dv: int
    servings_for_need: float | None = Field(
        description="servings that give the person's RDA; null without one"
    )


class FoodsResult(Result):
    """magcli foods --json"""

    command: Literal["foods"]
    filters: FoodFilters
    daily_value_mg: int
    life_stage: LifeStageOut | None
    need_mg: int | None = Field(description="the intake value for the person (RDA, AI, ...)")
    need_name: IntakeName | None
    foods: list[FoodOut]
    sources: list[SourceOut]
    warnings: list[str] = Field(default=[], description="also written to stderr")
    disclaimer: str = DISCLAIMER


RESULT = FoodsResult
# The flat formats (csv, tsv, jsonl): which list holds the rows, and one row's model.
ROWS = ("foods", FoodOut)


def foods(
    *names: str,
    top: int | None = None,
    min_mg: float = 0,
    sort: FoodSort | str = FoodSort.MG,
    age: float | str | None = None,
    sex: Sex | str | None = None,
    pregnant: bool = False,
    lactating: bool = False,
) -> FoodsResult:
    """Food sources of magnesium per serving, with the share of the Daily Value, and with
    an age and sex, the servings of each that reach the RDA."""
    order = choose(FoodSort, sort, "sort")
    person = life_stage_of(age, sex, pregnant, lactating)
    reference = load_reference()
    needs = requirement(reference, person) if person else None
    rows = food_rows(
        reference,
        names=names,
        top=top,
        min_mg=min_mg,
        sort=order,
        # An infant's AI is set from breast milk: servings of these foods mean nothing.
        rda_mg=needs.rda_mg if needs and needs.reference == "RDA" else None,
    )
    return FoodsResult(
        data_version=reference.data_version,
        command="foods",
        filters=FoodFilters(names=list(names), top=top, min_mg=min_mg, sort=order.value),
        daily_value_mg=reference.daily_value_mg,
        life_stage=life_stage_out(person, needs),
        need_mg=needs.rda_mg if needs else None,
        need_name=need_name(needs),
        foods=[
            FoodOut(
                food=row.food.food,
                serving=row.food.serving,
                magnesium_mg=row.food.mg,
                note=row.food.note,
                percent_dv=row.percent_dv,
                servings_for_need=None
                if row.servings_for_rda is None
                else round(row.servings_for_rda, 1),
            )
            for row in rows
        ],
        sources=sources_out(reference.foods.sources, reference.sources),
    )


def cli(
    names: Annotated[
        list[str] | None,
        Argument(
            metavar="FOOD",
            help="Only foods whose name holds one of these words (spinach, bean).",
            show_default=False,
        ),
    ] = None,
    top: Annotated[int | None, option("--top", metavar="N", help="Only the first N foods.")] = None,
    min_mg: Annotated[
        float,
        option("--min-mg", metavar="MG", help="Only foods with at least MG per serving."),
    ] = 0,
    sort: Annotated[
        str,
        option(
            "--sort",
            metavar="FIELD",
            help="mg (richest first, the default) or name.",
            complete=["mg", "name"],
        ),
    ] = "mg",
    age: AgeOption = None,
    sex: SexOption = None,
    pregnant: PregnantOption = False,
    lactating: LactatingOption = False,
) -> Answer:
    """Food sources of magnesium per serving.

    With the share of the Daily Value; with --age and --sex, how many servings of each
    food reach the RDA.

    Example: magcli foods --top 10
    """

    return Answer(
        foods(
            *(names or []),
            top=top,
            min_mg=min_mg,
            sort=choice(FoodSort, sort, "--sort") or FoodSort.MG,
            age=age,
            sex=choice(Sex, sex, "--sex"),
            pregnant=pregnant,
            lactating=lactating,
        )
    )
