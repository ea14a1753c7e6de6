"""magcli foods: food sources of magnesium per serving."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field

from magcli.commands.common import life_stage_of, life_stage_out, need_name, sources_out
from magcli.domain.catalog import load_reference
from magcli.domain.nutrition import FoodSort, Sex, food_rows, requirement
from magcli.domain.vocab import IntakeName, choose
from magcli.options import (
    AgeOption,
    Answer,
    Argument,
    LactatingOption,
    PregnantOption,
    SexOption,
    choice,
    option,
    person_of,
)
from magcli.render.blocks import Bar, Bars, Block, Column, Grid, Layout, Lead, Para, Sources, text
from magcli.results import (
    DISCLAIMER,
    LifeStageOut,
    Out,
    Result,
    SourceOut,
)

if TYPE_CHECKING:
    from magcli.render import View


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


# What a person sees ---------------------------------------------------------------------


def layout(result: FoodsResult, view: View) -> Layout:
    """The foods as a table, their magnesium as bars, what % DV and the servings mean,
    the notes on figures where sources differ, and the sources."""
    servings = any(food.servings_for_need is not None for food in result.foods)
    columns = [
        Column("Food"),
        Column("Serving", "word"),
        Column("mg", "number"),
        Column("% DV", "number"),
    ]
    if servings:
        columns.append(Column("Servings for RDA", "number"))
    rows = []
    for food in result.foods:
        row = [
            text(food.food + (" *" if food.note else "")),
            text(food.serving),
            text(str(food.magnesium_mg)),
            text(f"{food.percent_dv}%"),
        ]
        if servings:
            count = food.servings_for_need
            row.append(text("" if count is None else f"{count:.1f}"))
        rows.append(row)
    if not rows:
        return Layout(
            "Food sources of magnesium", [Lead("No food matches.")], [Sources(result.sources)]
        )
    richest = max(result.foods, key=lambda food: food.magnesium_mg)
    lead = Lead(
        f"Richest of these: {richest.food.lower()} ({richest.magnesium_mg} mg of magnesium in "
        f"{richest.serving}, {richest.percent_dv}% of the Daily Value)."
    )
    title = f"Food sources of magnesium ({len(result.foods)})"
    answer: list[Block] = [lead, Grid(columns, rows, title=title)]
    detail: list[Block] = []
    if rows:
        bars = [
            Bar(food.food, food.magnesium_mg, f"{food.magnesium_mg} mg") for food in result.foods
        ]
        detail.append(Bars("Magnesium per serving", bars, when="detail"))
    detail.append(
        Para(
            f"% DV: share of the {result.daily_value_mg} mg Daily Value on US labels (ages 4 "
            "and up).",
            tone="quiet",
        )
    )
    said = _servings_said(result)
    if said:
        detail.append(Para(said))
    detail += [
        Para(f"* {food.food}: {food.note}", tone="quiet") for food in result.foods if food.note
    ]
    detail.append(Sources(result.sources))
    return Layout("Food sources of magnesium", answer, detail)


def _servings_said(result: FoodsResult) -> str:
    """What the servings column means for this person, or how to get it; empty without
    a life stage."""
    person = result.life_stage
    if person is None:
        return ""
    if person.reference == "AI":
        return (
            "No servings for infants: the adequate intake was set from what breast-fed "
            "infants take in (milk, and first foods after six months), not from these foods."
        )
    if result.need_mg is None:
        return "Add --sex for servings: the RDA differs by sex at this age."
    return (
        "Servings for RDA: how many servings of that food alone give the "
        f"{result.need_mg} mg a day set for a {person.description}."
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

    who, words = person_of(names or [], age, sex, pregnant, lactating)  # 'spinach 35 female'
    return Answer(
        foods(
            *words,
            top=top,
            min_mg=min_mg,
            sort=choice(FoodSort, sort, "--sort") or FoodSort.MG,
            age=who.age,
            sex=who.sex,
            pregnant=who.pregnant,
            lactating=who.lactating,
        )
    )
