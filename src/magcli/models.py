"""Pydantic models of the catalogue file and of command results."""

from __future__ import annotations

import itertools
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from magcli.names import normalize_name
from magcli.vocab import Goal, Grade, Level, Tolerance

SourceKey = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)]
Text = Annotated[str, StringConstraints(max_length=4000)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=200)]


class Strict(BaseModel):
    """Base for every model: unknown keys are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    """A citation; at least one of pmid, doi or url identifies it."""

    citation: Annotated[str, StringConstraints(min_length=1, max_length=1000)]
    pmid: Annotated[str, StringConstraints(pattern=r"^[0-9]{1,9}$")] | None = None
    doi: Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None

    @model_validator(mode="after")
    def _identified(self) -> Source:
        if not (self.pmid or self.doi or self.url):
            raise ValueError("a source needs at least one of pmid, doi or url")
        return self

    @property
    def link(self) -> str:
        """The best address for the source: PubMed, then DOI, then the url."""
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        if self.doi:
            return f"https://doi.org/{self.doi}"
        assert self.url is not None
        return self.url


class Claim(Strict):
    """Something asserted about a form, with its evidence grade and sources."""

    grade: Grade
    sources: list[SourceKey] = Field(min_length=1)
    note: Text = ""


class Bioavailability(Claim):
    """How well a form is absorbed."""

    level: Level

    @model_validator(mode="after")
    def _level_needs_human_data(self) -> Bioavailability:
        if self.level is not Level.UNKNOWN and not self.grade.is_human:
            raise ValueError(
                f"level {self.level.value!r} needs human evidence (grade rct or small-human), "
                f"not {self.grade.value!r}; use level 'unknown'"
            )
        return self


class Use(Claim):
    """A goal the form is taken for."""

    goal: Goal


class SideEffects(Claim):
    """GI tolerance and other side effects."""

    gi_tolerance: Tolerance


class Form(Strict):
    """One magnesium form in the catalogue."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]
    name: ShortText
    aliases: list[ShortText] = []
    compound: ShortText
    formula: Annotated[
        str, StringConstraints(pattern=r"^[A-Za-z0-9()·.]+$", min_length=1, max_length=100)
    ]
    elemental_mg_percent: float = Field(gt=0, le=100)
    bioavailability: Bioavailability
    uses: list[Use] = []
    side_effects: SideEffects
    notes: Text = ""
    label_note: Text = ""

    @model_validator(mode="after")
    def _one_claim_per_goal(self) -> Form:
        goals = [use.goal for use in self.uses]
        repeated = sorted({goal.value for goal in goals if goals.count(goal) > 1})
        if repeated:
            raise ValueError(f"goal listed twice in uses: {', '.join(repeated)}")
        return self

    def claims(self) -> list[Claim]:
        """Every claim of the form: bioavailability, uses, side effects."""
        return [self.bioavailability, *self.uses, self.side_effects]

    def use_for(self, goal: Goal | str) -> Use | None:
        """The form's claim for a goal ('sleep' or Goal.SLEEP), if it has one."""
        return next((use for use in self.uses if use.goal == goal), None)

    def source_keys(self) -> list[str]:
        """Keys of every source the form cites, in first-cited order."""
        keys: dict[str, None] = {}
        for claim in self.claims():
            keys.update(dict.fromkeys(claim.sources))
        return list(keys)


class Catalog(Strict):
    """The whole catalogue file."""

    schema_version: Annotated[str, StringConstraints(pattern=r"^1\.[0-9]+$")]
    data_version: ShortText
    sources: dict[SourceKey, Source]
    forms: list[Form] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Catalog:
        owner: dict[str, int] = {}  # folded name -> index of the form that has it
        for index, form in enumerate(self.forms):
            for name in (form.id, *form.aliases):
                key = normalize_name(name)
                if not key:
                    raise ValueError(f"forms[{index}] ({form.id}): empty name or alias {name!r}")
                other = owner.setdefault(key, index)
                if other != index:
                    what = "id" if name == form.id else f"alias {name!r}"
                    raise ValueError(
                        f"forms[{index}] ({form.id}): {what} is already used by form "
                        f"{self.forms[other].id!r}"
                    )
            for key in form.source_keys():
                if key not in self.sources:
                    raise ValueError(f"forms[{index}] ({form.id}): cites unknown source {key!r}")
        return self


# The reference tables ------------------------------------------------------------------

Mg = Annotated[int, Field(gt=0, le=2000)]


class Cited(Strict):
    """A table whose values all come from the same sources."""

    sources: list[SourceKey] = Field(min_length=1)


class IntakeStage(Strict):
    """One life stage of the intake table; values in mg of magnesium a day."""

    label: ShortText
    from_years: float = Field(ge=0, le=150)
    to_years: float | None = Field(default=None, gt=0, le=150)
    reference: Literal["RDA", "AI"]
    male_mg: Mg
    female_mg: Mg
    pregnancy_mg: Mg | None = None
    lactation_mg: Mg | None = None
    ul_mg: Mg | None = None

    def covers(self, age: float) -> bool:
        """True when `age` (years) falls in this stage."""
        return self.from_years <= age and (self.to_years is None or age < self.to_years)


class Intake(Cited):
    """The intake table, youngest stage first, stages touching end to start."""

    ul_note: Text
    stages: list[IntakeStage] = Field(min_length=1)

    @model_validator(mode="after")
    def _contiguous(self) -> Intake:
        if self.stages[0].from_years != 0:
            raise ValueError("the first stage must start at age 0")
        for before, after in itertools.pairwise(self.stages):
            if before.to_years != after.from_years:
                raise ValueError(f"stage {after.label!r} must start where {before.label!r} ends")
        if self.stages[-1].to_years is not None:
            raise ValueError("the last stage must have no upper age")
        return self


class Interaction(Cited):
    """A class of medicines that magnesium interferes with, or that affects magnesium."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]
    drug_class: ShortText
    examples: list[ShortText] = []
    effect: Text
    advice: Text


class RiskGroup(Cited):
    """People who should not take magnesium supplements without a clinician."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]
    group: ShortText
    reason: Text


class Food(Strict):
    """One food and its magnesium per serving."""

    food: ShortText
    serving: ShortText
    mg: Mg


class Foods(Cited):
    """The food table."""

    items: list[Food] = Field(min_length=1)


class Reference(Strict):
    """The reference file: intake, interactions, risk groups and foods."""

    schema_version: Annotated[str, StringConstraints(pattern=r"^1\.[0-9]+$")]
    data_version: ShortText
    daily_value_mg: Mg
    sources: dict[SourceKey, Source]
    intake: Intake
    interactions: list[Interaction] = Field(min_length=1)
    risk_groups: list[RiskGroup] = Field(min_length=1)
    foods: Foods

    @model_validator(mode="after")
    def _sources_exist(self) -> Reference:
        tables: list[tuple[str, Cited]] = [("intake", self.intake), ("foods", self.foods)]
        tables += [(f"interactions ({item.id})", item) for item in self.interactions]
        tables += [(f"risk_groups ({item.id})", item) for item in self.risk_groups]
        for where, table in tables:
            for key in table.sources:
                if key not in self.sources:
                    raise ValueError(f"{where}: cites unknown source {key!r}")
        return self


# Results of the library functions ---------------------------------------------------------


class ScorePartResult(Strict):
    """One term of a ranking score, with the reason for its value."""

    name: str
    points: int
    reason: str


class RankedForm(Strict):
    """A form's place in a ranking for one goal, and how its score was made."""

    rank: int = Field(ge=1)
    form: Form
    score: int
    score_parts: list[ScorePartResult]


class DoseResult(Strict):
    """A dose in compound and elemental terms, set against intake values when asked."""

    form: Form
    compound_mg: float
    elemental_mg: float
    stage: str | None = Field(default=None, description="the intake table row used")
    rda_mg: int | None = None
    ul_mg: int | None = None
    percent_rda: float | None = None
    exceeds_ul: bool | None = None
    warnings: list[str] = []
