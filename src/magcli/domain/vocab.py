"""The fixed vocabularies of the catalogue (grades, levels, verdicts, source kinds), and
choosing from them. Goals are data: they live in the catalogue."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal, TypeVar

from magcli.domain.names import did_you_mean, normalize_name

# What an authority calls its intake value: recommended dietary allowance (US), adequate
# intake (US infants, EFSA), reference nutrient intake (UK, WHO), recommended dietary
# intake (Australia and New Zealand).
IntakeName = Literal["RDA", "AI", "RNI", "RDI"]


class Grade(StrEnum):
    """How strong the evidence behind a claim is, strongest first."""

    RCT = "rct"
    SMALL_HUMAN = "small-human"
    ANIMAL = "animal"
    MECHANISTIC = "mechanistic"
    UNVERIFIED = "unverified"
    CONTRADICTED = "contradicted"

    @property
    def strength(self) -> int:
        """5 for rct down to 0 for contradicted."""
        return len(GRADE_ORDER) - 1 - GRADE_ORDER.index(self)

    @property
    def is_human(self) -> bool:
        """True when the grade rests on studies in people that support the claim."""
        return self in (Grade.RCT, Grade.SMALL_HUMAN)


GRADE_ORDER = list(Grade)

# A form with no claim of its own for a goal counts as an unverified claim: in both cases
# no study of that form supports it.
NO_CLAIM = Grade.UNVERIFIED

GRADE_MEANING = {
    Grade.RCT: "randomised controlled trial(s) in people support it",
    Grade.SMALL_HUMAN: "smaller or uncontrolled human studies support it",
    Grade.ANIMAL: "only animal studies support it",
    Grade.MECHANISTIC: "only lab work, chemistry or a plausible mechanism",
    Grade.UNVERIFIED: "no supporting study found (traditional or marketing claim)",
    Grade.CONTRADICTED: "controlled human trials looked and found no effect",
}


class Level(StrEnum):
    """Bioavailability, as measured in people."""

    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"
    UNKNOWN = "unknown"

    @property
    def rank(self) -> int:
        """Order for filtering: high 3, moderate 2, low 1, unknown 0."""
        return _LEVEL_RANK[self.value]


_LEVEL_RANK = {"high": 3, "moderate": 2, "low": 1, "unknown": 0}


class Tolerance(StrEnum):
    """How the gut copes with a form."""

    GENTLE = "gentle"
    TYPICAL = "typical"
    LAXATIVE = "laxative"


class Verdict(StrEnum):
    """How a popular claim about a form stands against the evidence."""

    SUPPORTED = "supported"
    PARTLY_SUPPORTED = "partly-supported"
    NOT_SHOWN = "not-shown"
    CONTRADICTED = "contradicted"


VERDICT_MEANING = {
    Verdict.SUPPORTED: "studies in people back the claim as stated",
    Verdict.PARTLY_SUPPORTED: "some of it holds in people, or only in special groups of people",
    Verdict.NOT_SHOWN: "no study shows it (for this form)",
    Verdict.CONTRADICTED: "studies looked and found the opposite or nothing",
}


class Order(StrEnum):
    """Which may come first, a medicine or magnesium."""

    EITHER = "either"  # either one, each order with its own wait
    MEDICINE_FIRST = "medicine-first"  # the medicine first; magnesium never before it that day


class Flag(StrEnum):
    """What limits a finding, in a fixed vocabulary: said beside its grade so that a
    person can tell a strong finding from a thin one."""

    INDUSTRY_FUNDED = "industry-funded"
    OPEN_LABEL = "open-label"
    NO_PLACEBO = "no-placebo"
    SECONDARY_OUTCOME = "secondary-outcome"
    COMBINATION_PRODUCT = "combination-product"
    SINGLE_TRIAL = "single-trial"
    SPECIAL_POPULATION = "special-population"
    HEALTHY_VOLUNTEERS = "healthy-volunteers"
    SINGLE_DOSE = "single-dose"
    SHORT = "short"
    POOR_QUALITY = "poor-quality"
    MIXED_RESULTS = "mixed-results"
    STOPPED_EARLY = "stopped-early"

    @property
    def words(self) -> str:
        """The flag as a few words of a sentence."""
        return FLAG_WORDS[self]


FLAG_WORDS = {
    Flag.INDUSTRY_FUNDED: "industry-funded",
    Flag.OPEN_LABEL: "open-label",
    Flag.NO_PLACEBO: "no placebo",
    Flag.SECONDARY_OUTCOME: "secondary outcome",
    Flag.COMBINATION_PRODUCT: "combination product",
    Flag.SINGLE_TRIAL: "single trial",
    Flag.SPECIAL_POPULATION: "special population",
    Flag.HEALTHY_VOLUNTEERS: "healthy volunteers",
    Flag.SINGLE_DOSE: "single doses",
    Flag.SHORT: "4 weeks or less",
    Flag.POOR_QUALITY: "poor-quality studies",
    Flag.MIXED_RESULTS: "mixed results",
    Flag.STOPPED_EARLY: "a trial stopped early",
}

FLAG_MEANING = {
    Flag.INDUSTRY_FUNDED: "a company that makes or sells the product funded or ran the study",
    Flag.OPEN_LABEL: "participants (and staff) knew what was taken",
    Flag.NO_PLACEBO: "no placebo group: the effect cannot be told from expectation or time",
    Flag.SECONDARY_OUTCOME: "the significant result was not the study's main outcome",
    Flag.COMBINATION_PRODUCT: "the product held more than magnesium",
    Flag.SINGLE_TRIAL: "one trial, not repeated",
    Flag.SPECIAL_POPULATION: "tested only in a particular group (patients, the very old, ...)",
    Flag.HEALTHY_VOLUNTEERS: "tested only in healthy volunteers, not in people who need it",
    Flag.SINGLE_DOSE: "absorption measured after single doses, not regular use",
    Flag.SHORT: "the longest trial lasted 4 weeks or less",
    Flag.POOR_QUALITY: "the review itself judged its studies of poor or low quality",
    Flag.MIXED_RESULTS: "the trials disagree",
    Flag.STOPPED_EARLY: "a trial was stopped before it reached its planned size",
}


class Certainty(StrEnum):
    """A review's own certainty in its finding, in GRADE's words, highest first."""

    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"
    VERY_LOW = "very-low"

    @property
    def words(self) -> str:
        return self.value.replace("-", " ")

    @property
    def rank(self) -> int:
        """4 for high down to 1 for very low."""
        return len(Certainty) - list(Certainty).index(self)


class SourceKind(StrEnum):
    """What a cited source is, which decides what grade it can support."""

    RCT = "rct"  # a randomised controlled trial in people
    HUMAN = "human"  # another study in people: crossover, balance, single-dose absorption
    REVIEW = "review"  # a systematic review or meta-analysis of human studies
    GUIDELINE = "guideline"  # a clinical guideline that weighs human trials
    ANIMAL = "animal"
    LAB = "lab"  # laboratory or chemical work
    LABEL = "label"  # a medicine's or product's official label
    REFERENCE = "reference"  # a reference work, fact sheet or authority's report
    POPULAR = "popular"  # where a popular claim is made, not evidence for it

    @property
    def is_human_study(self) -> bool:
        """True for studies in people (and reviews of them)."""
        return self in (SourceKind.RCT, SourceKind.HUMAN, SourceKind.REVIEW)

    @property
    def speaks_of_people(self) -> bool:
        """True for what can bear out a claim about people: studies in people, reviews and
        guidelines of them, and official labels (whose approval rests on them)."""
        return self.is_human_study or self in (SourceKind.GUIDELINE, SourceKind.LABEL)

    @property
    def is_controlled(self) -> bool:
        """True for randomised trials and the reviews that pool them."""
        return self in (SourceKind.RCT, SourceKind.REVIEW)


class SortField(StrEnum):
    """Orders `list` can sort by."""

    CATALOG = "catalog"
    ID = "id"
    NAME = "name"
    ELEMENTAL = "elemental-mg"
    BIOAVAILABILITY = "bioavailability"
    TOLERANCE = "tolerance"
    EVIDENCE = "evidence"


E = TypeVar("E", bound=StrEnum)


def choose(vocabulary: type[E], value: str | E, what: str) -> E:
    """`value` as a member of `vocabulary`, forgiving case and separators; otherwise a
    UsageError naming the choices and the closest ones."""
    from magcli.errors import UsageError
    from magcli.text import escape_unsafe, shorten

    if isinstance(value, vocabulary):
        return value
    wanted = normalize_name(str(value))
    for member in vocabulary:
        if member.value == wanted:
            return member
    try:  # the other words a vocabulary takes (its _missing_), such as 'f' for female
        return vocabulary(wanted)
    except ValueError:
        pass
    choices = [member.value for member in vocabulary]
    hint = did_you_mean(wanted, choices)
    raise UsageError(
        f"{what} {escape_unsafe(shorten(str(value)))} is not one of {', '.join(choices)}{hint}"
    )
