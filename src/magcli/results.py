"""The pieces every command's result is made of (forms, evidence, sources, a region, a
person) and the envelope every result shares. Each command's own
result model lives in its module (magcli.commands): a library function returns it,
`--json` writes it, `magcli schema` prints its schema and every renderer draws it, the
same object, so none of them can disagree."""

from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from magcli.domain.vocab import (
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


SCHEMA_VERSION = "3.2"  # of the results as JSON: MAJOR.MINOR

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
    split_doses: bool = Field(description="an authority advises dividing the day's supplement")
    split_doses_by: str | None = Field(description="who advises it, where one does")


class MedicineDoseOut(Out):
    """A medicine dose as given: its name, its time and on which days."""

    name: str
    time: str = Field(description="HH:MM")
    days: str = Field(description="in words: 'every day', 'on Sundays', 'on day 1 of each month'")
    repeat: Literal["daily", "weekly", "monthly"]
    weekdays: list[str] = Field(description="weekly: the days, 'monday' to 'sunday'")
    day_of_month: int | None = Field(description="monthly: the day of the month, 1 to 28")


class PlannedMedicineOut(MedicineDoseOut):
    """A medicine dose as given, on which days, and the rule that keeps magnesium from it."""

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
    rule_brief: str = Field(
        description="the spacing rule in a few words (the compact view's); empty where the "
        "source sets none"
    )
    sources: list[str]
