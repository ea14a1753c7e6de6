"""Pydantic models of magcli's JSON output: the documents are built from these, and
`magcli schema` prints their JSON Schema, so the two cannot disagree."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from magcli.vocab import Goal, Grade, Level, Tolerance


class Out(BaseModel):
    """Base of every output model: no undeclared fields."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceOut(Out):
    """A cited source, with the best link to it."""

    key: str
    citation: str
    pmid: str | None
    doi: str | None
    url: str | None
    link: str = Field(description="PubMed, else DOI, else url")


class BioavailabilityOut(Out):
    """How well a form is absorbed, and how sure that is."""

    level: Level
    grade: Grade
    note: str
    sources: list[str]


class UseOut(Out):
    """A goal the form is taken for, with the evidence behind it."""

    goal: Goal
    grade: Grade
    note: str
    sources: list[str]


class SideEffectsOut(Out):
    """How the gut copes with the form."""

    gi_tolerance: Tolerance
    grade: Grade
    note: str
    sources: list[str]


class FormOut(Out):
    """One form, with the full citation of every source it names."""

    id: str
    name: str
    aliases: list[str]
    compound: str
    formula: str
    elemental_mg_percent: float
    bioavailability: BioavailabilityOut
    uses: list[UseOut]
    side_effects: SideEffectsOut
    notes: str
    label_note: str
    sources: list[SourceOut]


class ScorePartOut(Out):
    """One term of a ranking score."""

    name: str
    points: int
    reason: str


class RankedFormOut(FormOut):
    """A form in a ranking."""

    rank: int = Field(ge=1)
    score: int
    score_parts: list[ScorePartOut]


class Envelope(Out):
    """Fields every document starts with; `disclaimer` always comes last."""

    schema_version: str
    data_version: str


class CompareDoc(Envelope):
    """magcli compare --json"""

    command: Literal["compare"]
    forms: list[FormOut]
    disclaimer: str


class ShowDoc(Envelope):
    """magcli show --json"""

    command: Literal["show"]
    forms: Annotated[list[FormOut], Field(min_length=1, max_length=1)]
    disclaimer: str


class ListFilters(Out):
    """The filters `list` applied."""

    goals: list[Goal]
    min_bioavailability: Level | None
    gentle: bool
    min_evidence: Grade | None
    sort: str


class ListDoc(Envelope):
    """magcli list --json"""

    command: Literal["list"]
    filters: ListFilters
    forms: list[FormOut]
    disclaimer: str


class RankDoc(Envelope):
    """magcli rank --json"""

    command: Literal["rank"]
    goal: Goal
    forms: list[RankedFormOut]
    unranked: list[str]
    disclaimer: str


class LifeStageOut(Out):
    """The person a value was looked up for."""

    age: float
    sex: Literal["female", "male"] | None
    pregnant: bool
    lactating: bool
    stage: str = Field(description="the intake table's row")
    reference: Literal["RDA", "AI"]


class LabelCheckOut(Out):
    """What a label's figures imply."""

    label_mg: float
    implied_percent: float
    verdict: Literal["consistent", "higher", "lower"]


class DoseDoc(Envelope):
    """magcli dose --json"""

    command: Literal["dose"]
    form: str
    name: str
    compound: str
    formula: str
    input: Literal["compound", "elemental"]
    compound_mg: float
    elemental_mg: float
    elemental_mg_percent: float
    life_stage: LifeStageOut | None
    rda_mg: int | None
    ul_mg: int | None
    percent_rda: float | None
    exceeds_ul: bool | None
    label_check: LabelCheckOut | None
    warnings: list[str]
    label_notes: list[str]
    disclaimer: str


class StageOut(Out):
    """A row of the intake table, mg a day."""

    label: str
    from_years: float
    to_years: float | None
    reference: Literal["RDA", "AI"]
    male_mg: int
    female_mg: int
    pregnancy_mg: int | None
    lactation_mg: int | None
    ul_mg: int | None


class IntakeDoc(Envelope):
    """magcli intake --json"""

    command: Literal["intake"]
    life_stage: LifeStageOut | None
    rda_mg: int | None
    ul_mg: int | None
    stages: list[StageOut]
    ul_note: str
    sources: list[SourceOut]
    disclaimer: str


class InteractionOut(Out):
    """Medicines magnesium interacts with."""

    id: str
    drug_class: str
    examples: list[str]
    effect: str
    advice: str
    sources: list[str]


class RiskGroupOut(Out):
    """People who should ask a clinician first."""

    id: str
    group: str
    reason: str
    sources: list[str]


class InteractionsDoc(Envelope):
    """magcli interactions --json"""

    command: Literal["interactions"]
    form: str | None
    interactions: list[InteractionOut]
    risk_groups: list[RiskGroupOut]
    sources: list[SourceOut]
    disclaimer: str


class FoodFilters(Out):
    """The filters `foods` applied."""

    top: int | None
    min_mg: float
    sort: Literal["mg", "name"]


class FoodOut(Out):
    """A food and its magnesium."""

    food: str
    serving: str
    mg: int
    percent_dv: int
    servings_for_rda: float | None


class FoodsDoc(Envelope):
    """magcli foods --json"""

    command: Literal["foods"]
    filters: FoodFilters
    daily_value_mg: int
    life_stage: LifeStageOut | None
    rda_mg: int | None
    foods: list[FoodOut]
    sources: list[SourceOut]
    disclaimer: str


DOCUMENTS: dict[str, type[Envelope]] = {
    "compare": CompareDoc,
    "list": ListDoc,
    "show": ShowDoc,
    "rank": RankDoc,
    "dose": DoseDoc,
    "intake": IntakeDoc,
    "interactions": InteractionsDoc,
    "foods": FoodsDoc,
}

AnyDoc = Annotated[
    CompareDoc | ListDoc | ShowDoc | RankDoc | DoseDoc | IntakeDoc | InteractionsDoc | FoodsDoc,
    Field(discriminator="command"),
]


def output_schema(command: str | None = None) -> dict[str, Any]:
    """The JSON Schema of one command's document, or of any document."""
    if command is not None:
        schema = DOCUMENTS[command].model_json_schema()
    else:
        schema = TypeAdapter(AnyDoc).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema.setdefault("title", f"magcli {command or 'output'} document")
    return schema


def catalog_schema() -> dict[str, Any]:
    """The JSON Schema of a catalogue file (as read from TOML)."""
    from magcli.models import Catalog

    schema = Catalog.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "magcli catalogue"
    return schema
