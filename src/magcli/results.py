"""One result model per command. A library function returns it, `--json` writes it,
`magcli schema` prints its JSON Schema and every renderer draws it: the same object, so
none of them can disagree."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from magcli.vocab import (
    Certainty,
    Flag,
    Grade,
    IntakeName,
    Level,
    Order,
    SourceKind,
    Tolerance,
    Verdict,
)


class Out(BaseModel):
    """Base of every output model: no undeclared fields."""

    # allow_inf_nan=False: a figure that is not finite cannot be put in a result, so no
    # document ever carries NaN or Infinity (which are not JSON).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, allow_inf_nan=False)


class SourceOut(Out):
    """A cited source, with the best link to it."""

    key: str
    citation: str
    kind: SourceKind
    forms: list[str] = Field(description="the magnesium salts the study gave (form ids)")
    pmid: str | None
    doi: str | None
    url: str | None
    link: str | None = Field(description="PubMed, else DOI, else url; null for a popular claim")
    unconfirmed: str = Field(description="details of the citation that could not be confirmed")


class EvidenceOut(Out):
    """Graded evidence with its note and source keys, and how much evidence it rests on
    where the sources say."""

    grade: Grade
    note: str
    sources: list[str]
    trials: int | None = Field(description="studies in people it rests on; null: not counted")
    participants: int | None = Field(description="people in those studies; null: not counted")
    participants_at_least: bool = Field(
        description="some studies' sizes are not known: at least this many people"
    )
    flags: list[Flag] = Field(description="what limits the finding (see 'magcli schema')")
    certainty: list[Certainty] = Field(
        description="the review's own certainty (GRADE words); two for a range; empty: none"
    )
    size: str = Field(description="the above in a few words: '1 trial, 80 people, short'")
    size_unconfirmed: str = Field(description="what of the size could not be confirmed")


# What each kind of claim says before its evidence; a claim model puts it first (the
# fields of the later base come first).


class _Level(Out):
    level: Level


class _Goal(Out):
    goal: str


class _Tolerance(Out):
    gi_tolerance: Tolerance


class BioavailabilityOut(EvidenceOut, _Level):
    """How well a form is absorbed, and how sure that is."""


class UseOut(EvidenceOut, _Goal):
    """A goal the form is taken for, with the evidence for this form."""


class PopularClaimOut(Out):
    """What comparison tables say about the form, and how it stands against the evidence."""

    claim: str
    verdict: Verdict
    note: str
    sources: list[str]
    about: list[str] = Field(
        description="What the claim is about: absorption, tolerance, or goal ids."
    )


class SideEffectsOut(EvidenceOut, _Tolerance):
    """How the gut copes with the form."""


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
    popular_claims: list[PopularClaimOut]
    sources: list[SourceOut]


class ScorePartOut(Out):
    """One term of a ranking score."""

    name: str
    points: int
    reason: str


class RankedFormOut(FormOut):
    """A form in a ranking."""

    rank: int = Field(
        ge=1,
        description="1 + the number of forms with a higher score: forms with the same "
        "score share a rank (a tie), listed by stronger evidence, then absorption, then id",
    )
    tied: bool = Field(description="another form has the same score")
    score: int
    score_parts: list[ScorePartOut]
    form_evidence: EvidenceOut | None = Field(
        description="the form's own claim for the goal; null: no form-specific evidence"
    )


SCHEMA_VERSION = "3.0"  # of the results as JSON: MAJOR.MINOR

DISCLAIMER = (
    "For information only, not medical advice. Ask a doctor or pharmacist before taking "
    "magnesium, especially if you have kidney disease or take other medicines."
)


class Result(Out):
    """Fields every result starts with; `warnings` and `disclaimer` always come last."""

    schema_version: str = SCHEMA_VERSION
    data_version: str
    command: str
    if TYPE_CHECKING:  # each result declares it last, before its disclaimer
        warnings: list[str]


class CompareResult(Result):
    """magcli compare --json"""

    command: Literal["compare"]
    forms: list[FormOut]
    warnings: list[str] = Field(default=[], description="also written to stderr")
    disclaimer: str = DISCLAIMER


class ShowResult(Result):
    """magcli show --json"""

    command: Literal["show"]
    forms: Annotated[list[FormOut], Field(min_length=1, max_length=1)]
    warnings: list[str] = Field(default=[], description="also written to stderr")
    disclaimer: str = DISCLAIMER


class ListFilters(Out):
    """The filters `list` applied."""

    goals: list[str]
    min_bioavailability: Level | None
    gentle: bool
    min_evidence: Grade | None
    sort: str


class ListResult(Result):
    """magcli list --json"""

    command: Literal["list"]
    filters: ListFilters
    forms: list[FormOut]
    warnings: list[str] = Field(default=[], description="also written to stderr")
    disclaimer: str = DISCLAIMER


class FormGradeOut(Out):
    """A form and the grade of its own evidence for a goal."""

    id: str
    grade: Grade


class GoalOut(Out):
    """A goal, with the evidence for magnesium in general (any form) for it."""

    id: str
    name: str
    aliases: list[str]
    general_evidence: EvidenceOut = Field(
        description="trials of magnesium as such, whatever the form; says nothing of which "
        "form is better"
    )
    form_shown_better: bool = Field(
        description="whether any study in people has shown one form better than another"
    )
    comparison: str = Field(description="the answer to form_shown_better in one sentence")
    forms_with_evidence: list[FormGradeOut] = Field(
        description="forms with a claim of their own for the goal graded above unverified, "
        "strongest first"
    )


class RankResult(Result):
    """magcli rank --json"""

    command: Literal["rank"]
    goal: str
    goal_name: str
    general_evidence: EvidenceOut = Field(
        description="the evidence for magnesium in general (any form), which comes first"
    )
    form_shown_better: bool
    comparison: str
    forms: list[RankedFormOut]
    unranked: list[str] = Field(
        description="forms left out: no evidence of their own for the goal, while the "
        "evidence for magnesium in general does not come from people who benefited"
    )
    sources: list[SourceOut] = Field(description="the sources of general_evidence")
    warnings: list[str] = Field(default=[], description="also written to stderr")
    disclaimer: str = DISCLAIMER


class GoalsResult(Result):
    """magcli goals --json"""

    command: Literal["goals"]
    goals: list[GoalOut]
    sources: list[SourceOut]
    warnings: list[str] = Field(default=[], description="also written to stderr")
    disclaimer: str = DISCLAIMER


class LifeStageOut(Out):
    """The person a value was looked up for."""

    age: float
    sex: Literal["female", "male"] | None
    pregnant: bool
    lactating: bool
    stage: str = Field(description="the intake table's row")
    reference: IntakeName
    description: str = Field(description="the person in words: '35-year-old female'")


class RegionOut(Out):
    """Whose intake values and upper limits an answer uses."""

    id: str
    name: str
    upper_limit_note: str = Field(description="what the upper limit counts, and where none is set")
    unconfirmed: str = Field(description="figures not confirmed in the authority's document")
    split_doses: bool = Field(description="the authority advises dividing the day's supplement")


class LabelCheckOut(Out):
    """What a label's figures imply."""

    label_mg: float
    implied_percent: float
    verdict: Literal["consistent", "higher", "lower"]


class DoseResult(Result):
    """magcli dose --json"""

    command: Literal["dose"]
    form: str
    name: str
    compound: str
    formula: str
    input: Literal["compound", "elemental"]
    compound_mg: float
    magnesium_mg: float = Field(description="the elemental magnesium in compound_mg")
    elemental_mg_percent: float
    life_stage: LifeStageOut | None
    need_mg: int | None = Field(description="the intake value for the person (RDA, AI, ...)")
    need_name: IntakeName | None
    upper_limit_mg: int | None = Field(description="null where none is set (or per kg, no weight)")
    upper_limit_mg_per_kg: float | None = Field(
        description="where the limit is set per kg of weight"
    )
    percent_of_need: float | None
    over_limit: bool | None = Field(description="null where no life stage is given")
    label_check: LabelCheckOut | None
    region: RegionOut
    label_notes: list[str]
    warnings: list[str] = Field(default=[], description="also written to stderr")
    disclaimer: str = DISCLAIMER


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


class SpacingOut(Out):
    """How far apart to take the medicine and magnesium, by which comes first."""

    wait_after_medicine_hours: int | float | None = Field(
        description="medicine first: hours to wait at least before magnesium; null: the "
        "source does not say (not: no wait needed)"
    )
    wait_after_magnesium_hours: int | float | None = Field(
        description="magnesium first: hours to wait at least before the medicine; null: the "
        "source does not say (not: no wait needed), or, with order medicine-first, magnesium "
        "must never come first"
    )
    order: Order = Field(
        description="either: both orders, each with its wait; medicine-first: the medicine "
        "first, magnesium only after it, never before it that day"
    )
    fasting_minutes: int | None = Field(
        description="the medicine is taken on waking, fasting, with plain water, and nothing "
        "else (food, drink, other medicines, supplements) for this many minutes after it"
    )


class InteractionOut(Out):
    """Medicines magnesium interacts with."""

    id: str
    drug_class: str
    class_names: list[str]
    medicines: list[str]
    brands: list[str]
    effect: str
    spacing: SpacingOut
    advice: str = Field(description="the timing rule in words, made from spacing, then the rest")
    note: str
    sources: list[str]


class RiskGroupOut(Out):
    """People who should ask a clinician first."""

    id: str
    group: str
    reason: str
    sources: list[str]


class InteractionRowOut(Out):
    """A row of `interactions` in the flat formats (csv, tsv, jsonl, markdown, html): an
    entry, a group who should ask a clinician first, or a notice about the query."""

    kind: Literal["interaction", "risk-group", "notice"]
    id: str
    name: str
    medicines: list[str]
    brands: list[str]
    effect: str
    wait_after_medicine_hours: int | float | None
    wait_after_magnesium_hours: int | float | None
    order: Order | None = Field(description="null on rows that are not an interaction")
    fasting_minutes: int | None
    advice: str
    note: str
    sources: list[str]


class InteractionsResult(Result):
    """magcli interactions --json"""

    command: Literal["interactions"]
    query: str | None = Field(description="the medicine (or form) asked about; null: all")
    form: str | None = Field(description="the form the query named; every entry applies to it")
    interactions: list[InteractionOut]
    not_listed: str | None = Field(
        description="for a medicine the table does not list: that this does not make it safe"
    )
    suggestions: list[str] = Field(description="listed medicine names close to the query")
    risk_groups: list[RiskGroupOut]
    sources: list[SourceOut]
    warnings: list[str] = Field(default=[], description="also written to stderr")
    disclaimer: str = DISCLAIMER


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


class ProductCheckOut(Out):
    """The label's magnesium against the formula of its form(s)."""

    verdict: Literal["consistent", "likely-blend", "below-formula", "impossible", "unchecked"]
    implied_percent: float | None = Field(
        description="magnesium as a percentage of the compound weight the label gives"
    )
    formula_percent: float | None = Field(
        description="what the formula of its form holds (a blend: the highest of its forms)"
    )
    note: str


class ProductEvidenceOut(Out):
    """A form's own evidence for the goal asked about (--for)."""

    form: str
    grade: Grade | None = Field(description="null: no evidence of its own")


class ProductOut(Out):
    """One product of a shelf, worked out."""

    name: str
    brand: str | None
    dsld_id: str | None
    source: str = Field(description="the file, and the product's place or label id in it")
    forms: list[str] = Field(description="the catalogue's form ids")
    unknown_forms: list[str] = Field(description="salts named on the label that magcli lacks")
    magnesium_mg_per_serving: float | None
    compound_mg_per_serving: float | None
    serving_units: float
    magnesium_mg_per_unit: float | None
    units_per_container: float | None
    daily_mg: float | None = Field(description="the daily amount of magnesium planned for")
    daily_basis: Literal["daily", "servings_per_day", "one serving", "none"]
    units_per_day: float | None = Field(
        description="units a day: whole ones for --daily, else the servings as labelled"
    )
    magnesium_mg_per_day: float | None = Field(description="what units_per_day hold")
    over_limit: bool | None = Field(
        description="whether magnesium_mg_per_day is above upper_limit_mg; null where either "
        "is null"
    )
    days_per_container: float | None
    price: float | None
    currency: str | None
    cost_per_100mg_magnesium: float | None
    cost_per_30_days: float | None
    label_check: ProductCheckOut
    evidence: list[ProductEvidenceOut] | None = Field(description="with --for; else null")
    notes: list[str]


class ProductFilters(Out):
    daily_mg: float | None
    goal: str | None
    sort: str


class ProductsResult(Result):
    """magcli products --json"""

    command: Literal["products"]
    files: list[str]
    filters: ProductFilters
    general_evidence: EvidenceOut | None = Field(
        description="with --for: what trials of magnesium in any form found for the goal"
    )
    region: RegionOut = Field(description="the region whose upper limit the days are set against")
    upper_limit_mg: int | None = Field(
        description="the region's supplement upper limit for an adult, mg a day; null where "
        "it sets none"
    )
    products: list[ProductOut]
    skipped: list[str] = Field(description="products that could not be read (--skip-bad)")
    sources: list[SourceOut]
    warnings: list[str] = Field(default=[], description="also written to stderr")
    disclaimer: str = DISCLAIMER


class StackRowOut(Out):
    """One source of supplemental magnesium in a day."""

    source: str = Field(description="the product's name, or what --add named")
    kind: Literal["product", "added"]
    magnesium_mg_per_day: float
    servings_per_day: float | None = Field(description="products: as the shelf file says")
    note: str


class PlannedMedicineOut(Out):
    """A medicine dose as given, on which days, and the rule that keeps magnesium from it."""

    name: str
    time: str = Field(description="HH:MM")
    days: str = Field(description="in words: 'every day', 'on Sundays', 'on day 1 of each month'")
    repeat: Literal["daily", "weekly", "monthly"]
    weekdays: list[str] = Field(description="weekly: the days, 'monday' to 'sunday'")
    day_of_month: int | None = Field(description="monthly: the day of the month, 1 to 28")
    interaction: str = Field(description="the id of its entry in the interaction table")
    order: Order = Field(description="medicine-first: magnesium never before it on its day")
    hours_after_medicine: float | None = Field(description="magnesium waits this long after")
    hours_before_medicine: float | None = Field(
        description="magnesium comes this long before; null with order medicine-first "
        "(never before it on its day), or where no rule is set"
    )
    fasting_minutes: int | None = Field(
        description="nothing but plain water for this many minutes after it"
    )
    rule: str = Field(description="the spacing rule in words, then any other advice")
    sources: list[str]


class StackResult(Result):
    """magcli stack --json"""

    command: Literal["stack"]
    region: RegionOut
    life_stage: LifeStageOut | None
    assumed_adult: bool = Field(description="no --age given: an adult's values are used")
    rows: list[StackRowOut]
    total_magnesium_mg_per_day: float = Field(
        description="the rows' supplemental magnesium together"
    )
    upper_limit_mg: int | None = Field(description="null where none is set (or per kg, no weight)")
    upper_limit_mg_per_kg: float | None
    over_limit: bool | None = Field(description="null where no upper limit applies")
    need_mg: int | None = Field(description="the intake value for the person (RDA, AI, ...)")
    need_name: IntakeName | None
    diet_mg: float | None = Field(description="--diet: an estimate of magnesium from food")
    total_intake_mg: float | None = Field(description="food and supplements, with --diet")
    percent_of_need: float | None
    skipped: list[str]
    medicines: list[PlannedMedicineOut] = Field(
        description="the medicines of the day (--medicine, a day file's [[medicines]]), "
        "each with its spacing rule"
    )
    sources: list[SourceOut]
    warnings: list[str] = Field(default=[], description="also written to stderr")
    disclaimer: str = DISCLAIMER


class PlannedDoseOut(Out):
    """A magnesium dose placed in the day."""

    time: str = Field(description="HH:MM")
    magnesium_mg: float
    why: str = Field(description="the rules that bound this time")
    sources: list[str]


class PlanResult(Result):
    """magcli plan --json"""

    command: Literal["plan"]
    region: RegionOut
    magnesium_mg_per_day: float = Field(description="the day's magnesium to place")
    medicines: list[PlannedMedicineOut]
    doses: list[PlannedDoseOut] = Field(description="empty when no time of day is safe")
    conflicts: list[str] = Field(description="why no time, or no second time, is safe")
    cautions: list[str] = Field(description="medicines whose advice comes before any timing")
    notes: list[str]
    sources: list[SourceOut]
    warnings: list[str] = Field(default=[], description="also written to stderr")
    disclaimer: str = DISCLAIMER


RESULTS: dict[str, type[Result]] = {
    "compare": CompareResult,
    "list": ListResult,
    "show": ShowResult,
    "rank": RankResult,
    "goals": GoalsResult,
    "dose": DoseResult,
    "intake": IntakeResult,
    "interactions": InteractionsResult,
    "foods": FoodsResult,
    "products": ProductsResult,
    "stack": StackResult,
    "plan": PlanResult,
}

AnyResult = Annotated[
    CompareResult
    | ListResult
    | ShowResult
    | RankResult
    | GoalsResult
    | DoseResult
    | IntakeResult
    | InteractionsResult
    | FoodsResult
    | ProductsResult
    | StackResult
    | PlanResult,
    Field(discriminator="command"),
]


def output_schema(command: str | None = None) -> dict[str, Any]:
    """The JSON Schema of one command's result, or of any result."""
    if command is not None:
        schema = RESULTS[command].model_json_schema()
    else:
        schema = TypeAdapter(AnyResult).json_schema()
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


def shelf_schema() -> dict[str, Any]:
    """The JSON Schema of a shelf file (as read from TOML)."""
    from magcli.shelf import ShelfFile

    schema = ShelfFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "magcli shelf"
    return schema
