"""Pydantic models of the reference file (data/reference.toml): the intake tables and
regions, the medicines magnesium interacts with, the risk groups and the food table. Apart
from the catalogue's models, so that a command that reads no reference file (compare,
show, rank, list, goals) does not create them."""

import itertools
import re
from collections.abc import Iterable
from typing import Annotated

from pydantic import Field, model_validator

from magcli.domain.models import SchemaVersion, ShortText, Slug, Source, SourceKey, Strict, Text
from magcli.domain.vocab import IntakeName, Order

# The reference tables ------------------------------------------------------------------

Mg = Annotated[int, Field(gt=0, le=2000)]


class Cited(Strict):
    """A table whose values all come from the same sources."""

    sources: list[SourceKey] = Field(min_length=1)


US = "us"  # the region whose table is the reference's own intake table


class IntakeStage(Strict):
    """One life stage of the intake table; values in mg of magnesium a day."""

    label: ShortText
    from_years: float = Field(ge=0, le=150)
    to_years: float | None = Field(default=None, gt=0, le=150)
    reference: IntakeName
    male_mg: Mg | None = Field(
        default=None, description="null: the authority sets no value for this age"
    )
    female_mg: Mg | None = None
    pregnancy_mg: Mg | None = None
    lactation_mg: Mg | None = None
    ul_mg: Mg | None = None
    ul_mg_per_kg: float | None = Field(
        default=None, gt=0, le=50, description="an upper limit set per kg of body weight"
    )
    guidance_mg: Mg | None = Field(
        default=None,
        description="where no upper limit is set: a guidance level for supplements, which "
        "is not a limit (the amount up to which harm is unlikely); its table's guidance_by "
        "says whose it is",
    )

    def covers(self, age: float) -> bool:
        """True when `age` (years) falls in this stage."""
        return self.from_years <= age and (self.to_years is None or age < self.to_years)


class Intake(Cited):
    """The intake table, youngest stage first, stages touching end to start."""

    ul_note: Text
    stages: list[IntakeStage] = Field(min_length=1)
    guidance_by: ShortText | None = Field(
        default=None,
        description="whose the stages' guidance levels are, as a sentence names them: "
        '"the UK\'s EVM (2003)"',
    )

    @model_validator(mode="after")
    def _contiguous(self) -> "Intake":
        guided = [stage.label for stage in self.stages if stage.guidance_mg is not None]
        if bool(guided) != (self.guidance_by is not None):
            raise ValueError("a guidance level (guidance_mg) needs guidance_by, and only then")
        if any(stage.ul_mg is not None for stage in self.stages if stage.guidance_mg):
            raise ValueError("a guidance level is given only where no upper limit is set")
        if self.stages[0].from_years != 0:
            raise ValueError("the first stage must start at age 0")
        for before, after in itertools.pairwise(self.stages):
            if before.to_years != after.from_years:
                raise ValueError(f"stage {after.label!r} must start where {before.label!r} ends")
        if self.stages[-1].to_years is not None:
            raise ValueError("the last stage must have no upper age")
        return self


class Region(Cited):
    """An authority's intake values and upper limits. `us` is the reference's own
    intake table; another region has a table of its own or is `same_as` one."""

    id: Slug
    name: ShortText
    aliases: list[ShortText] = []
    intake: Intake | None = None
    same_as: Slug | None = None
    ul_note: Text
    unconfirmed: Text = ""
    split_doses: bool = Field(
        default=False, description="an authority advises dividing the day's supplement in two"
    )
    split_doses_by: ShortText | None = Field(
        default=None,
        description="who advises it (with split_doses), as a sentence names them: "
        "\"Germany's BfR\"; its source is among the region's table's sources",
    )

    @model_validator(mode="after")
    def _split_said_by_whom(self) -> "Region":
        if self.split_doses != (self.split_doses_by is not None):
            raise ValueError("split_doses needs split_doses_by (who advises it), and only then")
        return self


Hours = Annotated[int | float, Field(gt=0, le=48)]  # whole hours stay integers in JSON


class Spacing(Strict):
    """How far apart a medicine and magnesium must be taken, by which comes first. None
    where the source sets no rule for that order, or, with order medicine-first, where
    magnesium must never come first."""

    wait_after_medicine_hours: Hours | None = Field(
        default=None,
        description="medicine first: hours to wait at least before taking magnesium",
    )
    wait_after_magnesium_hours: Hours | None = Field(
        default=None,
        description="magnesium first: hours to wait at least before taking the medicine",
    )
    order: Order = Field(
        default=Order.EITHER,
        description="either: both orders, each with its wait; medicine-first: the medicine "
        "first, magnesium never before it that day",
    )
    fasting_minutes: Annotated[int, Field(ge=1, le=240)] | None = Field(
        default=None,
        description="the medicine is taken on waking, fasting, with plain water, and nothing "
        "else (food, drink, other medicines, supplements) for this many minutes after it",
    )

    @model_validator(mode="after")
    def _one_order(self) -> "Spacing":
        if self.order is Order.MEDICINE_FIRST:
            if self.wait_after_medicine_hours is None:
                raise ValueError("order medicine-first needs wait_after_medicine_hours")
            if self.wait_after_magnesium_hours is not None:
                raise ValueError(
                    "order medicine-first: magnesium never comes first, so "
                    "wait_after_magnesium_hours must be left out"
                )
        elif self.fasting_minutes is not None:
            raise ValueError("fasting_minutes: a medicine taken fasting on waking comes first")
        return self

    @property
    def magnesium_first_allowed(self) -> bool:
        """False where magnesium must never come before the medicine."""
        return self.order is Order.EITHER

    @property
    def sentence(self) -> str:
        """The rule in words, made from the numbers and the order alone so that it cannot
        say anything else; empty when the source sets no rule."""
        return self._said(_RULE_SAID)

    @property
    def brief(self) -> str:
        """The same rule in a few words, for the compact view: made from the same case and
        numbers as `sentence`, so that the two cannot disagree."""
        return self._said(_RULE_BRIEF)

    def _said(self, words: dict[str, str]) -> str:
        """The rule's case (which order, which waits the source sets) in one of the two
        wordings, with its numbers."""
        after, before = self.wait_after_medicine_hours, self.wait_after_magnesium_hours
        if self.order is Order.MEDICINE_FIRST:
            case = "first, fasting" if self.fasting_minutes is not None else "first"
        elif after is None and before is None:
            return ""
        elif after == before:
            case = "either"
        else:
            case = "after only" if before is None else "before only" if after is None else "both"
        return words[case].format(
            after=_hours(after) if after is not None else "",
            before=_hours(before) if before is not None else "",
            fast=self.fasting_minutes,
        )


_UNSAID = (
    "The source does not say how long to wait if you take {} first: ask a pharmacist "
    "rather than assume no wait is needed."
)
_RULE_SAID = {
    "first, fasting": "One order only: the medicine first, on waking, fasting, with plain "
    "water; nothing else (food, drink, other medicines, supplements) for at least {fast} "
    "minutes. Magnesium at least {after} after it, later in the day, never before it that "
    "morning: that would break the fast it needs.",
    "first": "One order only: the medicine first; magnesium at least {after} after it, "
    "never before it that day: the source allows only this order.",
    "either": "Keep at least {after} between the medicine and magnesium, in either order.",
    "both": "Medicine first: wait at least {after} before magnesium. Magnesium first: wait "
    "at least {before} before the medicine.",
    "after only": "Medicine first: wait at least {after} before magnesium. "
    + _UNSAID.format("magnesium"),
    "before only": "Magnesium first: wait at least {before} before the medicine. "
    + _UNSAID.format("the medicine"),
}
_RULE_BRIEF = {
    "first, fasting": "medicine first, fasting ({fast} min, plain water only); magnesium "
    "{after} or more after it, never before it that morning",
    "first": "medicine first; magnesium {after} or more after it, never before it that day",
    "either": "at least {after} apart, in either order",
    "both": "magnesium {after} or more after it, or {before} or more before it",
    "after only": "magnesium {after} or more after it; before it: ask a pharmacist",
    "before only": "magnesium {before} or more before it; after it: ask a pharmacist",
}


def _hours(value: float | None) -> str:
    assert value is not None
    return f"{value:g} hour" + ("" if value == 1 else "s")


# A timing rule written as words could disagree with the numbers: it belongs in `spacing`.
# So advice may name no length of time and no order ("first", "after").
_TIMING_WORDS = re.compile(
    r"\b(?:hours?|hrs?|minutes?|mins?|first|after|afterwards)\b|\d\s*-?\s*h\b", re.IGNORECASE
)


class Interaction(Cited):
    """A class of medicines (or a supplement) that magnesium interferes with, or that
    affects magnesium."""

    id: Slug
    drug_class: ShortText
    class_names: list[ShortText] = Field(
        default=[], description="names of the class as people type them ('tetracyclines')"
    )
    medicines: list[ShortText] = Field(default=[], description="generic names")
    brands: list[ShortText] = []
    effect: Text
    spacing: Spacing = Field(default_factory=Spacing)
    no_safe_spacing: bool = Field(
        default=False, description="the source advises against taking the two at any distance"
    )
    advice: Text = Field(default="", description="what to do besides the timing")
    note: Text = Field(default="", description="the source's own wording where it differs")

    @model_validator(mode="after")
    def _timing_only_in_numbers(self) -> "Interaction":
        if _TIMING_WORDS.search(self.advice):
            raise ValueError(
                "advice states a timing or an order in words; put it in spacing "
                "(wait_after_medicine_hours, wait_after_magnesium_hours) or the note"
            )
        return self

    @property
    def full_advice(self) -> str:
        """The timing rule, then any other advice."""
        return " ".join(part for part in (self.spacing.sentence, self.advice) if part)

    def names(self) -> list[str]:
        """Every name the entry answers to: the class, its medicines and brands."""
        return [self.id, self.drug_class, *self.class_names, *self.medicines, *self.brands]


class RiskGroup(Cited):
    """People who should not take magnesium supplements without a clinician."""

    id: Slug
    group: ShortText
    reason: Text


class Food(Strict):
    """One food and its magnesium per serving."""

    food: ShortText
    serving: ShortText
    mg: Mg
    note: Text = Field(default="", description="where the figure comes from, where sources differ")


class Foods(Cited):
    """The food table."""

    items: list[Food] = Field(min_length=1)


class Reference(Strict):
    """The reference file: intake, interactions, risk groups and foods."""

    schema_version: SchemaVersion
    data_version: ShortText
    daily_value_mg: Mg
    sources: dict[SourceKey, Source]
    intake: Intake
    regions: list[Region] = Field(min_length=1)
    interactions: list[Interaction] = Field(min_length=1)
    risk_groups: list[RiskGroup] = Field(min_length=1)
    foods: Foods

    @model_validator(mode="after")
    def _sources_exist(self) -> "Reference":
        tables: list[tuple[str, Cited]] = [("intake", self.intake), ("foods", self.foods)]
        tables += [(f"interactions ({item.id})", item) for item in self.interactions]
        tables += [(f"risk_groups ({item.id})", item) for item in self.risk_groups]
        tables += [(f"regions ({item.id})", item) for item in self.regions]
        for where, table in tables:
            for key in table.sources:
                if key not in self.sources:
                    raise ValueError(f"{where}: cites unknown source {key!r}")
        return self

    @model_validator(mode="after")
    def _regions(self) -> "Reference":
        ids = [region.id for region in self.regions]
        if len(set(ids)) != len(ids) or US not in ids:
            raise ValueError(f"regions: ids must be unique, and {US!r} must be one of them")
        for region in self.regions:
            own = region.intake is not None
            if region.id == US and (own or region.same_as):
                raise ValueError(f"regions ({US}): its values are the intake table itself")
            if region.id != US and own == (region.same_as is not None):
                raise ValueError(f"regions ({region.id}): give intake or same_as, not both")
            if region.same_as is not None and region.same_as not in ids:
                raise ValueError(f"regions ({region.id}): same_as {region.same_as!r} is no region")
        return self

    def region(self, region_id: str) -> Region:
        return next(region for region in self.regions if region.id == region_id)

    def table(self, region_id: str = "us") -> Intake:
        """A region's intake table (following same_as)."""
        region = self.region(region_id)
        if region.intake is not None:
            return region.intake
        if region.same_as is not None and region.same_as != region.id:
            return self.table(region.same_as)
        return self.intake

    def sources_of(self, keys: Iterable[str]) -> dict[str, Source]:
        """The sources for these keys, each once, in the order given."""
        return {key: self.sources[key] for key in dict.fromkeys(keys)}
