"""Filtering, sorting, comparing and ranking forms: pure functions over the catalogue."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from magcli.domain.vocab import NO_CLAIM, Grade, Level, SortField, Tolerance

if TYPE_CHECKING:
    from magcli.domain.models import Catalog, Form, Goal, Use


TOLERANCE_RANK = {Tolerance.GENTLE: 2, Tolerance.TYPICAL: 1, Tolerance.LAXATIVE: 0}


def evidence_for(form: Form, goals: Sequence[str]) -> Grade | None:
    """The weakest grade among the form's claims for `goals`; with no goals, its strongest
    claim about absorption or any use. None when a goal has no claim."""
    if goals:
        grades = []
        for goal in goals:
            use = form.use_for(goal)
            if use is None:
                return None
            grades.append(use.grade)
        return min(grades, key=lambda grade: grade.strength)
    claims = [form.bioavailability, *form.uses]
    return max((claim.grade for claim in claims), key=lambda grade: grade.strength)


def filter_forms(
    forms: Iterable[Form],
    *,
    goals: Sequence[str] = (),
    min_bioavailability: Level | None = None,
    gentle: bool = False,
    min_evidence: Grade | None = None,
) -> list[Form]:
    """Forms that make a claim for every goal, are absorbed at least as well as asked,
    are not laxative when `gentle`, and whose evidence reaches `min_evidence`."""
    kept = []
    for form in forms:
        if goals and any(form.use_for(goal) is None for goal in goals):
            continue
        level = form.bioavailability.level
        if min_bioavailability is not None and level.rank < min_bioavailability.rank:
            continue
        if gentle and form.side_effects.gi_tolerance is Tolerance.LAXATIVE:
            continue
        if min_evidence is not None:
            grade = evidence_for(form, goals)
            if grade is None or grade.strength < min_evidence.strength:
                continue
        kept.append(form)
    return kept


def sort_forms(forms: Sequence[Form], field: SortField, goals: Sequence[str] = ()) -> list[Form]:
    """Forms in the order asked; best first for the measures, A-Z for names.

    Ties keep catalogue order, so the result is always the same for the same input.
    """
    if field is SortField.CATALOG:
        return list(forms)
    if field is SortField.ID:
        return sorted(forms, key=lambda form: form.id)
    if field is SortField.NAME:
        return sorted(forms, key=lambda form: form.name.casefold())
    if field is SortField.ELEMENTAL:
        return sorted(forms, key=lambda form: -form.elemental_mg_percent)
    if field is SortField.BIOAVAILABILITY:
        return sorted(forms, key=lambda form: -form.bioavailability.level.rank)
    if field is SortField.TOLERANCE:
        return sorted(forms, key=lambda form: -TOLERANCE_RANK[form.side_effects.gi_tolerance])

    def strength(form: Form) -> int:
        grade = evidence_for(form, goals)
        return -1 if grade is None else grade.strength

    return sorted(forms, key=lambda form: -strength(form))


# Ranking -----------------------------------------------------------------------------

EVIDENCE_WEIGHT = 2
# Not knowing is never rewarded: an unknown absorption, or a gut tolerance that no study
# of the form supports (graded unverified), scores no more than the lowest measured one.
BIOAVAILABILITY_POINTS = {Level.HIGH: 3, Level.MODERATE: 2, Level.LOW: 1, Level.UNKNOWN: 0}
UNKNOWN_POINTS = 0


def score_rule() -> str:
    """How a score is made, in words, from the weights themselves."""
    human = [grade for grade in Grade if grade.is_human]
    grades = ", ".join(f"{grade.value} {grade.strength}" for grade in human)
    grades += (
        f"; {', '.join(g.value for g in Grade if not g.is_human and g is not Grade.CONTRADICTED)}"
        f" {NO_CLAIM.strength}, as no study in people; {Grade.CONTRADICTED.value} "
        f"{Grade.CONTRADICTED.strength}"
    )
    levels = ", ".join(
        f"{level.value} {points}" for level, points in BIOAVAILABILITY_POINTS.items()
    )
    guts = ", ".join(f"{tolerance.value} {points}" for tolerance, points in TOLERANCE_RANK.items())
    return (
        f"score = {EVIDENCE_WEIGHT} x evidence for the goal ({grades}) + absorption "
        f"({levels}) + gut tolerance ({guts}; {UNKNOWN_POINTS} where no study of the form "
        "supports it). Not knowing never scores above a measured value. For a goal that acts "
        "in the gut (constipation), absorption is not counted and the gut scale is reversed."
    )


class ScorePart(NamedTuple):
    """One term of a score, with the reason for its value."""

    name: str
    points: int
    reason: str


class Ranked(NamedTuple):
    """A form with its score for a goal, how the score was made, and the form's own
    claim for the goal (None: no form-specific evidence)."""

    form: Form
    score: int
    parts: tuple[ScorePart, ...]
    use: Use | None


class Ranking(NamedTuple):
    """Forms ranked for a goal, and the forms left out of it."""

    goal: Goal
    ranked: list[Ranked]
    unranked: list[Form]

    @property
    def lists_every_form(self) -> bool:
        """True when the evidence for magnesium in general is from people, so that forms
        with no evidence of their own are ranked too rather than left out."""
        return self.goal.general_evidence.grade.is_human


def forms_with_evidence(catalog: Catalog, goal: Goal) -> list[tuple[Form, Use]]:
    """Forms with a claim of their own for `goal` that some study supports (graded above
    unverified), strongest first, in catalogue order within a grade."""
    found = [
        (form, use)
        for form in catalog.forms
        if (use := form.use_for(goal.id)) is not None and use.grade.strength > NO_CLAIM.strength
    ]
    return sorted(found, key=lambda pair: -pair[1].grade.strength)


def score_form(form: Form, goal: Goal, *, unclaimed: bool = False) -> Ranked | None:
    """The form's score for `goal`; None when it makes no claim for the goal, unless
    `unclaimed` asks for such forms to be scored as 'no form-specific evidence'."""
    use = form.use_for(goal.id)
    if use is None and not unclaimed:
        return None
    grade = use.grade if use is not None else NO_CLAIM
    counted = grade if grade.is_human or grade is Grade.CONTRADICTED else NO_CLAIM
    reason = f"{counted.value}: {counted.strength} x {EVIDENCE_WEIGHT}"
    if use is None:
        reason = f"no form-specific evidence, counted as {reason}"
    elif counted is not grade:  # a goal of people's is not met in rats or in theory
        reason = f"{grade.value}, no study in people, counted as {reason}"
    evidence = ScorePart("evidence", EVIDENCE_WEIGHT * counted.strength, reason)
    level = form.bioavailability.level
    tolerance = form.side_effects.gi_tolerance
    known = form.side_effects.grade.strength > NO_CLAIM.strength
    if goal.acts_in_gut:
        # For a laxative goal, staying in the gut is the point: absorption earns nothing and
        # the tolerance scale is turned round.
        absorption = ScorePart("bioavailability", 0, "not counted")
        gut_points = 2 - TOLERANCE_RANK[tolerance]
        gut_reason = f"{tolerance.value}, reversed"
    else:
        absorption = ScorePart("bioavailability", BIOAVAILABILITY_POINTS[level], f"{level.value}")
        gut_points = TOLERANCE_RANK[tolerance]
        gut_reason = tolerance.value
    if not known:
        gut_points = UNKNOWN_POINTS
        gut_reason = "unknown (no study of this form)"
    gut = ScorePart("gi", gut_points, gut_reason)
    parts = (evidence, absorption, gut)
    return Ranked(form, sum(part.points for part in parts), parts, use)


def _supported(use: Use | None) -> bool:
    return use is not None and use.grade.strength > NO_CLAIM.strength


def rank_forms(catalog: Catalog, goal: Goal) -> Ranking:
    """Forms for `goal`, best score first: those with a claim of their own, and, when the
    evidence for magnesium in general is from people, every other form too.

    Ties go to the stronger evidence, then the better absorption, then the id A-Z.
    """
    every_form = goal.general_evidence.grade.is_human
    ranked: list[Ranked] = []
    unranked: list[Form] = []
    for form in catalog.forms:
        scored = score_form(form, goal, unclaimed=every_form)
        # A claim no study supports is no reason to rank a form by itself.
        if scored is None or not (every_form or _supported(scored.use)):
            unranked.append(form)
        else:
            ranked.append(scored)
    ranked.sort(
        key=lambda item: (
            -item.score,
            -item.parts[0].points,
            -item.parts[1].points,
            item.form.id,
        )
    )
    return Ranking(goal, ranked, unranked)
