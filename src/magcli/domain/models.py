"""Pydantic models of the catalogue file (data/forms.toml): forms, goals, sources and
the evidence behind every claim. The reference file's models are in magcli.domain.reference."""

from collections.abc import Iterable
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from magcli.domain.names import normalize_name
from magcli.domain.vocab import (
    Certainty,
    Flag,
    Grade,
    Level,
    SourceKind,
    Tolerance,
    Verdict,
)

SourceKey = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]
Text = Annotated[str, StringConstraints(max_length=4000)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=200)]


class Strict(BaseModel):
    """Base for every model: unknown keys are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Source(Strict):
    """A citation; at least one of pmid, doi or url identifies it, except where it records
    where a popular claim is made (kind "popular"), which names no single page."""

    citation: Annotated[str, StringConstraints(min_length=1, max_length=1000)]
    kind: SourceKind
    forms: list[Slug] = Field(
        default=[], description="the magnesium salts the study gave, by catalogue form id"
    )
    pmid: Annotated[str, StringConstraints(pattern=r"^[0-9]{1,9}$")] | None = None
    doi: Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    unconfirmed: Text = Field(default="", description="details that could not be confirmed")

    @model_validator(mode="after")
    def _identified(self) -> "Source":
        if self.kind is not SourceKind.POPULAR and not (self.pmid or self.doi or self.url):
            raise ValueError("a source needs at least one of pmid, doi or url")
        return self

    @property
    def link(self) -> str | None:
        """The best address for the source: PubMed, then DOI, then the url."""
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        if self.doi:
            return f"https://doi.org/{self.doi}"
        return self.url


class Sized(Strict):
    """How much evidence a graded finding rests on, where its sources say: the studies in
    people, the people in them, what limits them, and a review's own certainty."""

    trials: int | None = Field(
        default=None, ge=1, le=100_000, description="studies in people the finding rests on"
    )
    unit: Literal["trial", "study"] | None = Field(
        default=None,
        description="what the studies are called: trials (the default for a controlled "
        "grade) or studies (where not all are known to be trials)",
    )
    participants: int | None = Field(
        default=None, ge=1, le=100_000_000, description="people in those studies, in all"
    )
    participants_at_least: bool = Field(
        default=False,
        description="participants counts only the studies whose size is known: at least that",
    )
    flags: list[Flag] = Field(default=[], description="what limits the finding")
    certainty: list[Certainty] = Field(
        default=[],
        max_length=2,
        description="the review's own certainty (GRADE); two words for a range it states",
    )
    size_unconfirmed: Text = Field(
        default="", description="what of the size or the flags could not be confirmed"
    )

    @model_validator(mode="after")
    def _sized(self) -> "Sized":
        if self.participants_at_least and self.participants is None:
            raise ValueError("participants_at_least needs participants")
        if len(set(self.flags)) != len(self.flags):
            raise ValueError("a flag is listed twice")
        if Flag.SINGLE_TRIAL in self.flags:
            raise ValueError("single-trial follows from trials = 1: give trials instead")
        if len(self.certainty) == 2 and self.certainty[0].rank <= self.certainty[1].rank:
            raise ValueError("a certainty range is written highest first: ['low', 'very-low']")
        return self

    @property
    def all_flags(self) -> list[Flag]:
        """The flags, with single-trial where the finding rests on one trial."""
        return [*self.flags, *([Flag.SINGLE_TRIAL] if self.trials == 1 else [])]

    def size_words(self, grade: Grade) -> str:
        """'1 trial, 80 people, industry-funded'; 'trials' for a controlled grade, 'studies'
        otherwise; empty when nothing is counted."""
        parts = []
        if self.trials is not None:
            unit = self.unit or ("trial" if grade in (Grade.RCT, Grade.CONTRADICTED) else "study")
            many = "studies" if unit == "study" else "trials"
            parts.append(f"{self.trials:,} {unit if self.trials == 1 else many}")
        if self.participants is not None:
            people = "person" if self.participants == 1 else "people"
            floor = "at least " if self.participants_at_least else ""
            parts.append(f"{floor}{self.participants:,} {people}")
        parts += [flag.words for flag in self.flags]
        if self.certainty:
            parts.append(" to ".join(level.words for level in self.certainty) + " certainty")
        return ", ".join(parts)


class Claim(Sized):
    """Something asserted about a form, with its evidence grade and sources."""

    grade: Grade
    sources: list[SourceKey] = Field(min_length=1)
    note: Text = ""


class Bioavailability(Claim):
    """How well a form is absorbed."""

    level: Level

    @model_validator(mode="after")
    def _level_needs_human_data(self) -> "Bioavailability":
        if self.level is not Level.UNKNOWN and not self.grade.is_human:
            raise ValueError(
                f"level {self.level.value!r} needs human evidence (grade rct or small-human), "
                f"not {self.grade.value!r}; use level 'unknown'"
            )
        return self


class Use(Claim):
    """A goal the form is taken for, with the evidence for this form."""

    goal: Slug


class PopularClaim(Strict):
    """What comparison tables say about a form, and how that stands against the evidence."""

    claim: ShortText
    verdict: Verdict
    sources: list[SourceKey] = Field(min_length=1)
    note: Text = ""
    # What the claim is about, so that a view can set it beside the evidence for the same
    # thing: "absorption", "tolerance" (the gut), or the ids of the goals it names.
    about: list[Slug] = []


CLAIM_TOPICS = ("absorption", "tolerance")  # what a popular claim can be about, besides goals


class SideEffects(Claim):
    """GI tolerance and other side effects."""

    gi_tolerance: Tolerance


class Form(Strict):
    """One magnesium form in the catalogue."""

    id: Slug
    name: ShortText
    aliases: list[ShortText] = []
    compound: ShortText
    formula: Annotated[
        str, StringConstraints(pattern=r"^[A-Za-z0-9()·.]+$", min_length=1, max_length=100)
    ]
    # At least 1%: the leanest salts sold are about 5% magnesium (gluconate hydrate), and a
    # figure far below that would turn any dose into an absurd weight of compound.
    elemental_mg_percent: float = Field(ge=1, le=100)
    bioavailability: Bioavailability
    uses: list[Use] = []
    side_effects: SideEffects
    notes: Text = ""
    label_note: Text = ""
    popular_claims: list[PopularClaim] = []

    @model_validator(mode="after")
    def _one_claim_per_goal(self) -> "Form":
        goals = [use.goal for use in self.uses]
        repeated = sorted({goal for goal in goals if goals.count(goal) > 1})
        if repeated:
            raise ValueError(f"goal listed twice in uses: {', '.join(repeated)}")
        return self

    def claims(self) -> list[Claim]:
        """Every claim of the form: bioavailability, uses, side effects."""
        return [self.bioavailability, *self.uses, self.side_effects]

    def use_for(self, goal: "Goal | str") -> Use | None:
        """The form's claim for a goal (by id, or the Goal itself), if it has one."""
        goal_id = goal if isinstance(goal, str) else goal.id
        return next((use for use in self.uses if use.goal == goal_id), None)

    def source_keys(self) -> list[str]:
        """Keys of every source the form cites, in first-cited order."""
        cited = [claim.sources for claim in self.claims()]
        cited += [claim.sources for claim in self.popular_claims]
        return list(dict.fromkeys(key for keys in cited for key in keys))


class GeneralEvidence(Sized):
    """The evidence for magnesium as such (any form) for a goal. An unverified grade may
    cite nothing: it says that no supporting study was found."""

    grade: Grade
    sources: list[SourceKey] = []
    note: Text

    @model_validator(mode="after")
    def _sourced(self) -> "GeneralEvidence":
        if not self.sources and self.grade is not Grade.UNVERIFIED:
            raise ValueError(f"a {self.grade.value!r} grade needs at least one source")
        return self


class Goal(Strict):
    """Something people take magnesium for, with the evidence for magnesium in general."""

    id: Slug
    name: ShortText
    aliases: list[ShortText] = []
    general_evidence: GeneralEvidence
    form_shown_better: bool = Field(
        description="whether any study in people has shown one form better than another "
        "for this goal"
    )
    comparison_note: Text = ""
    acts_in_gut: bool = Field(
        default=False,
        description="the effect comes from magnesium that stays in the gut (a laxative "
        "goal): absorption is not counted and the GI scale is reversed when ranking",
    )

    @property
    def comparison(self) -> str:
        """One plain sentence: has any form been shown better than another for this goal?"""
        if self.form_shown_better:
            head = f"Some forms have been shown better than others for {self.name.lower()}."
        else:
            head = f"No form has been shown better than another for {self.name.lower()}."
        return f"{head} {self.comparison_note}".strip()


CATALOG_SCHEMA = "2"  # the major version of the catalogue format this magcli reads


def _readable_schema(value: str) -> str:
    if value.split(".")[0] != CATALOG_SCHEMA or not value.replace(".", "").isdigit():
        raise ValueError(
            f"this magcli reads catalogue schema {CATALOG_SCHEMA}.x, not {value[:20]!r}; "
            "schema 2 added [[goals]] and a kind for every source (see the catalogue "
            "format in the docs)"
        )
    return value


SchemaVersion = Annotated[str, AfterValidator(_readable_schema)]


class Catalog(Strict):
    """The whole catalogue file."""

    schema_version: SchemaVersion
    data_version: ShortText
    sources: dict[SourceKey, Source]
    goals: list[Goal] = []
    forms: list[Form] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> "Catalog":
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
        self._check_goals()
        for index, form in enumerate(self.forms):
            where = f"forms[{index}] ({form.id})"
            for use in form.uses:
                if self.goal(use.goal) is None:
                    known = ", ".join(goal.id for goal in self.goals) or "none"
                    raise ValueError(
                        f"{where}: goal {use.goal!r} is not one of the catalogue's goals ({known})"
                    )
            for label, claim in _labelled_claims(form):
                problem = self._audit(claim.grade, claim.sources, form.id)
                if problem:
                    raise ValueError(f"{where} {label}: {problem}")
            for number, popular in enumerate(form.popular_claims):
                problem = self._check_popular(popular, form.id) or self._check_topics(popular)
                if problem:
                    raise ValueError(f"{where} popular_claims[{number}]: {problem}")
        return self

    def _check_topics(self, popular: PopularClaim) -> str | None:
        for topic in popular.about:
            if topic not in CLAIM_TOPICS and self.goal(topic) is None:
                known = ", ".join([*CLAIM_TOPICS, *(goal.id for goal in self.goals)])
                return f"about {topic!r} is not one of {known}"
        return None

    def _check_goals(self) -> None:
        owner: dict[str, str] = {}
        for index, goal in enumerate(self.goals):
            for name in (goal.id, *goal.aliases):
                key = normalize_name(name)
                other = owner.setdefault(key, goal.id)
                if not key or other != goal.id:
                    raise ValueError(
                        f"goals[{index}] ({goal.id}): name {name!r} is empty or already used "
                        f"by goal {other!r}"
                    )
            evidence = goal.general_evidence
            for key in evidence.sources:
                if key not in self.sources:
                    raise ValueError(f"goals[{index}] ({goal.id}): cites unknown source {key!r}")
            problem = self._audit(evidence.grade, evidence.sources, None)
            if problem:
                raise ValueError(f"goals[{index}] ({goal.id}) general_evidence: {problem}")

    def _audit(self, grade: Grade, keys: list[str], form_id: str | None) -> str | None:
        """Why the sources cited cannot carry `grade`, or None when they can.

        A grade that speaks of studies in people must cite one: for a form's claim, one
        that gave that form (the source's `forms`); for a goal, any. Popular claims are
        never evidence."""
        cited = [self.sources[key] for key in keys]
        if any(source.kind is SourceKind.POPULAR for source in cited):
            return "a popular claim's source cannot be evidence for a graded claim"
        controlled = grade in (Grade.RCT, Grade.CONTRADICTED)
        if not controlled and grade is not Grade.SMALL_HUMAN:
            return None
        needed = "a randomised trial or a review" if controlled else "a study in people"
        for source in cited:
            fits = source.kind.is_controlled if controlled else source.kind.is_human_study
            if fits and (form_id is None or form_id in source.forms):
                return None
        of_form = f" that gave {form_id} (listed in the source's forms)" if form_id else ""
        return f"grade {grade.value!r} needs {needed}{of_form} among its sources"

    def _check_popular(self, popular: PopularClaim, form_id: str) -> str | None:
        """Why the sources cannot carry the verdict, or None when they can: 'supported'
        needs a study in people that gave the form, 'contradicted' a trial or review
        of it, 'partly-supported' evidence in people (a claim about people is not partly
        borne out by animals or a mechanism: that is 'not-shown')."""
        cited = [self.sources[key] for key in popular.sources]
        if not any(source.kind is SourceKind.POPULAR for source in cited):
            return "must cite where the claim is made (a source of kind 'popular')"
        evidence = [source for source in cited if source.kind is not SourceKind.POPULAR]
        verdict = popular.verdict
        if verdict is Verdict.NOT_SHOWN:
            return None
        if verdict is Verdict.PARTLY_SUPPORTED:
            needed = "evidence in people (a study, review, guideline or label), not animals alone"
            fits = [source for source in evidence if source.kind.speaks_of_people]
        else:
            controlled = verdict is Verdict.CONTRADICTED
            kind = "a randomised trial or a review" if controlled else "a study in people"
            needed = f"{kind} that gave {form_id}"
            fits = [
                source
                for source in evidence
                if form_id in source.forms
                and (source.kind.is_controlled if controlled else source.kind.is_human_study)
            ]
        return None if fits else f"verdict {verdict.value!r} needs {needed}"

    def goal(self, goal_id: str) -> Goal | None:
        """The goal with this id, if the catalogue has it."""
        return next((goal for goal in self.goals if goal.id == goal_id), None)

    def sources_of(self, keys: Iterable[str]) -> dict[str, Source]:
        """The sources for these keys, each once, in the order given."""
        return {key: self.sources[key] for key in dict.fromkeys(keys)}


def _labelled_claims(form: Form) -> list[tuple[str, Claim]]:
    """Every graded claim of a form, with where it sits in the file."""
    return [
        ("bioavailability", form.bioavailability),
        *((f"uses ({use.goal})", use) for use in form.uses),
        ("side_effects", form.side_effects),
    ]
