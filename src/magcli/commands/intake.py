"""magcli intake: a region's intake table, or one person's values."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field

from magcli.commands.common import (
    life_stage_of,
    life_stage_out,
    need_name,
    region_out,
    region_sources,
)
from magcli.domain.catalog import load_reference
from magcli.domain.nutrition import Sex, needs_for, resolve_region
from magcli.domain.vocab import IntakeName
from magcli.options import (
    AgeOption,
    Answer,
    Argument,
    LactatingOption,
    PregnantOption,
    RegionOption,
    SexOption,
    person_of,
)
from magcli.render.blocks import Block, Column, Entry, Grid, Layout, Lead, Para, Sources, text
from magcli.render.facts import a_person, limit_cell, limit_said, names_said
from magcli.results import (
    DISCLAIMER,
    LifeStageOut,
    Out,
    RegionOut,
    Result,
    SourceOut,
)

if TYPE_CHECKING:
    from magcli.render import View


class StageOut(Out):
    """A row of the intake table, mg a day."""

    label: str
    from_years: float
    to_years: float | None
    reference: IntakeName
    male_mg: int | None = Field(description="null: the authority sets no value for this age")
    female_mg: int | None
    pregnancy_mg: int | None
    lactation_mg: int | None
    upper_limit_mg: int | None
    upper_limit_mg_per_kg: float | None = Field(
        description="an upper limit set per kg of body weight"
    )


class IntakeResult(Result):
    """magcli intake --json"""

    command: Literal["intake"]
    region: RegionOut
    life_stage: LifeStageOut | None
    need_mg: int | None = Field(description="the intake value for the person (RDA, AI, ...)")
    need_name: IntakeName | None
    upper_limit_mg: int | None
    stages: list[StageOut]
    upper_limit_note: str
    sources: list[SourceOut]
    warnings: list[str] = Field(default=[], description="also written to stderr")
    disclaimer: str = DISCLAIMER


RESULT = IntakeResult
# The flat formats (csv, tsv, jsonl): which list holds the rows, and one row's model.
ROWS = ("stages", StageOut)


def intake(
    *,
    age: float | str | None = None,
    sex: Sex | str | None = None,
    pregnant: bool = False,
    lactating: bool = False,
    region: str = "us",
) -> IntakeResult:
    """A region's intake table (the US one, IOM 1997, unless said), or the row and
    values for one person."""
    person = life_stage_of(age, sex, pregnant, lactating)
    reference = load_reference()
    where = resolve_region(reference, region)
    needs = needs_for(reference, person, where) if person else None
    table = reference.table(where)
    stages = table.stages if needs is None else [needs.stage]
    chosen = reference.region(where)
    return IntakeResult(
        data_version=reference.data_version,
        command="intake",
        region=region_out(reference, where),
        life_stage=life_stage_out(person, needs),
        need_mg=needs.rda_mg if needs else None,
        need_name=need_name(needs),
        upper_limit_mg=needs.ul_mg if needs else None,
        stages=[
            StageOut(
                label=stage.label,
                from_years=stage.from_years,
                to_years=stage.to_years,
                reference=stage.reference,
                male_mg=stage.male_mg,
                female_mg=stage.female_mg,
                pregnancy_mg=stage.pregnancy_mg,
                lactation_mg=stage.lactation_mg,
                upper_limit_mg=stage.ul_mg,
                upper_limit_mg_per_kg=stage.ul_mg_per_kg,
            )
            for stage in stages
        ],
        upper_limit_note=chosen.ul_note,
        sources=region_sources(reference, where),
    )


# What a person sees ---------------------------------------------------------------------


def layout(result: IntakeResult, view: View) -> Layout:
    """The person's values first (or what the table is), the table, then what its
    names and its upper limit mean, what could not be confirmed, and the sources."""
    region = result.region.name
    if result.life_stage is not None:
        lead = Lead(_person_said(result))
    else:
        lead = Lead(f"How much magnesium a day, by life stage: {region}.", when="document")
    usual = Counter(stage.reference for stage in result.stages).most_common(1)[0][0]

    def figure(value: int | None, reference: str) -> list[Entry]:
        if value is None:
            return [Entry("-", tone="quiet")]
        return text(f"{value}" + (f" ({reference})" if reference != usual else ""))

    grid = Grid(
        [
            Column("Life stage", "name"),
            Column("Male", "number"),
            Column("Female", "number"),
            Column("Pregnancy", "number"),
            Column("Lactation", "number"),
            Column("Upper limit*", "number"),
        ],
        [
            [
                text(stage.label),
                figure(stage.male_mg, stage.reference),
                figure(stage.female_mg, stage.reference),
                figure(stage.pregnancy_mg, stage.reference),
                figure(stage.lactation_mg, stage.reference),
                text(limit_cell(stage.upper_limit_mg, stage.upper_limit_mg_per_kg)),
            ]
            for stage in result.stages
        ],
        title=f"Magnesium intake, mg a day: {region}",
    )
    detail: list[Block] = [
        Para("* " + result.upper_limit_note, tone="quiet"),
        Para(names_said([stage.reference for stage in result.stages]), tone="quiet"),
    ]
    if result.region.unconfirmed:
        detail.append(
            Para(
                f"Not confirmed in the authority's document: {result.region.unconfirmed}.",
                tone="caution",
            )
        )
    detail.append(Sources(result.sources))
    return Layout("Magnesium intake, mg a day", [lead, grid], detail)


def _person_said(result: IntakeResult) -> str:
    """What the table says for the person asked about."""
    person = result.life_stage
    assert person is not None
    stage = result.stages[0]
    said = f"For {a_person(person.description)}: "
    if stage.male_mg is None and stage.female_mg is None:
        said += "no intake value is set at this age; "
    elif result.need_mg is None:
        said += f"the {person.reference} differs by sex at this age (add --sex); "
    else:
        said += f"{person.reference} {result.need_mg} mg a day from all sources; "
    return said + limit_said(result.upper_limit_mg, stage.upper_limit_mg_per_kg) + "."


def cli(
    person: Annotated[
        list[str] | None,
        Argument(
            metavar="[AGE] [SEX]",
            help="The person in words, as the options give them: 70, 6 months, 16 female pregnant.",
            show_default=False,
        ),
    ] = None,
    age: AgeOption = None,
    sex: SexOption = None,
    pregnant: PregnantOption = False,
    lactating: LactatingOption = False,
    region: RegionOption = "us",
) -> Answer:
    """Recommended intake and upper limits by life stage.

    Without options, the whole table; with an age (and a sex, pregnant or breastfeeding),
    the values for that person.

    Example: magcli intake 16 female pregnant
    """

    who, _ = person_of(person or [], age, sex, pregnant, lactating, only=True)
    return Answer(
        intake(
            age=who.age,
            sex=who.sex,
            pregnant=who.pregnant,
            lactating=who.lactating,
            region=region,
        )
    )
