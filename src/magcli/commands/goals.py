"""magcli goals: what people take magnesium for, and the evidence for each goal."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from magcli.commands.common import catalogue_of, evidence_out, sources_out
from magcli.domain.query import forms_with_evidence
from magcli.domain.vocab import Grade
from magcli.options import Answer, DataOption
from magcli.render.blocks import (
    Block,
    Column,
    Entry,
    GradeLegend,
    Grid,
    Layout,
    Lead,
    Para,
    Sources,
    text,
)
from magcli.render.facts import graded
from magcli.results import (
    DISCLAIMER,
    EvidenceOut,
    Out,
    Result,
    SourceOut,
)

if TYPE_CHECKING:
    from magcli.domain.models import Catalog
    from magcli.render import View


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


class GoalsResult(Result):
    """magcli goals --json"""

    command: Literal["goals"]
    goals: list[GoalOut]
    sources: list[SourceOut]
    warnings: list[str] = Field(default=[], description="also written to stderr")
    disclaimer: str = DISCLAIMER


RESULT = GoalsResult
# The flat formats (csv, tsv, jsonl): which list holds the rows, and one row's model.
ROWS = ("goals", GoalOut)


def goals(*, catalog: Catalog | str | os.PathLike[str] | None = None) -> GoalsResult:
    """Every goal with the evidence for magnesium in general, and the forms with their own."""
    chosen = catalogue_of(catalog)
    keys = [key for goal in chosen.goals for key in goal.general_evidence.sources]
    return GoalsResult(
        data_version=chosen.data_version,
        command="goals",
        goals=[
            GoalOut(
                id=goal.id,
                name=goal.name,
                aliases=goal.aliases,
                general_evidence=evidence_out(goal.general_evidence),
                form_shown_better=goal.form_shown_better,
                comparison=goal.comparison,
                forms_with_evidence=[
                    FormGradeOut(id=form.id, grade=use.grade)
                    for form, use in forms_with_evidence(chosen, goal)
                ],
            )
            for goal in chosen.goals
        ],
        sources=sources_out(keys, chosen.sources),
    )


# What a person sees ---------------------------------------------------------------------


def layout(result: GoalsResult, view: View) -> Layout:
    """Each goal with the evidence for magnesium in general and the forms with evidence
    of their own: a grade apiece in the compact view, every finding with --long."""
    columns = [
        Column("Goal", "name"),
        Column("Magnesium in general (any form)", weight=3),
        Column("Forms with their own evidence", "inline", weight=2),
    ]
    compact, full = [], []
    for goal in result.goals:
        evidence = goal.general_evidence
        forms = [Entry(form.id, form.grade) for form in goal.forms_with_evidence]
        own = forms or [Entry("none", tone="quiet")]
        grade = Entry("", evidence.grade, size=evidence.size)
        better = (
            [Entry("one form shown better than another", tone="quiet")]
            if goal.form_shown_better
            else []
        )
        compact.append([text(goal.id), [grade, *better], own])
        name = [Entry(goal.id, tone="strong")]
        if goal.name.lower() != goal.id.replace("-", " "):
            name.append(Entry(goal.name, tone="quiet"))
        full.append([name, [graded("", evidence), Entry(goal.comparison)], own])
    title = "Goals: the evidence for magnesium in general (any form)"
    lead = Lead(
        "What people take magnesium for, what trials of magnesium in any form found, and "
        "which forms have evidence of their own.",
        when="document",
    )
    answer: list[Block] = [
        lead,
        Grid(columns, compact, title=title, when="compact"),
        Grid(columns, full, title=title, lines=True, when="detail"),
    ]
    detail: list[Block] = [
        Para(
            "'magcli rank GOAL' ranks the forms for one goal; --long gives each finding.",
            tone="quiet",
            when="compact",
        ),
        Para("'magcli rank GOAL' ranks the forms for one goal.", tone="quiet", when="document"),
        Sources(result.sources),
        GradeLegend(),
    ]
    return Layout("Goals", answer, detail)


def cli(data: DataOption = None) -> Answer:
    """What people take magnesium for, and the evidence for magnesium in general.

    For each goal: what trials of magnesium in any form found (graded), whether any form
    has been shown better than another, and the forms with evidence of their own.
    'magcli rank --for GOAL' ranks the forms for one goal.

    Example: magcli goals
    """

    return Answer(goals(catalog=data))
