"""magcli rank: the forms for one goal, after the evidence for magnesium in general."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field

from magcli.catalog import resolve_goal
from magcli.commands.common import catalogue_of, evidence_out, form_out, sources_out
from magcli.completion import goal_names
from magcli.options import Answer, Argument, DataOption, option, shell_word, suggest
from magcli.query import rank_forms
from magcli.render import View
from magcli.results import (
    DISCLAIMER,
    EvidenceOut,
    FormOut,
    Out,
    Result,
    SourceOut,
)

if TYPE_CHECKING:
    from magcli.models import Catalog


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


RESULT = RankResult
# The flat formats (csv, tsv, jsonl): which list holds the rows, and one row's model.
ROWS = ("forms", RankedFormOut)
# Fields of the document repeated at the start of every row, so no row is read without them.
CARRIED = [
    ("goal",),
    ("general_evidence", "grade"),
    ("general_evidence", "size"),
    ("general_evidence", "note"),
    ("form_shown_better",),
]


def rank(goal: str, *, catalog: Catalog | str | os.PathLike[str] | None = None) -> RankResult:
    """The evidence for magnesium in general for a goal, whether any form was shown
    better, then the forms by score (every form when the general evidence is human)."""
    chosen = catalogue_of(catalog)
    found = resolve_goal(chosen, goal)
    ranking = rank_forms(chosen, found)
    return RankResult(
        data_version=chosen.data_version,
        command="rank",
        goal=found.id,
        goal_name=found.name,
        general_evidence=evidence_out(found.general_evidence),
        form_shown_better=found.form_shown_better,
        comparison=found.comparison,
        forms=[
            RankedFormOut(
                **form_out(item.form, chosen).model_dump(),
                rank=1 + sum(other.score > item.score for other in ranking.ranked),
                tied=sum(other.score == item.score for other in ranking.ranked) > 1,
                score=item.score,
                score_parts=[
                    ScorePartOut(name=part.name, points=part.points, reason=part.reason)
                    for part in item.parts
                ],
                form_evidence=None if item.use is None else evidence_out(item.use),
            )
            for item in ranking.ranked
        ],
        unranked=[form.id for form in ranking.unranked],
        sources=sources_out(found.general_evidence.sources, chosen.sources),
    )


def cli(
    goal: Annotated[
        str | None,
        Argument(
            metavar="GOAL",
            complete=goal_names,
            help="The goal to rank for (or --for GOAL); 'magcli goals' lists them.",
            show_default=False,
        ),
    ] = None,
    goals: Annotated[
        list[str] | None,
        option(
            "--for",
            metavar="GOAL",
            complete=goal_names,
            help="The goal, as an option (the same as GOAL).",
        ),
    ] = None,
    explain: Annotated[bool, option("--explain", help="Show how each score was made.")] = False,
    data: DataOption = None,
) -> Answer:
    """Rank forms for a goal, after the evidence for magnesium in general.

    First what trials of magnesium in any form found for the goal, and whether any form
    has been shown better than another; then the forms by a transparent score (their own
    evidence for the goal, absorption, tolerance). When the general evidence comes from
    people, forms with no evidence of their own are ranked too, their evidence shown as
    "none" and scored as unverified. Equal scores are a tie (=4). --explain shows each
    sum; --long each form's own evidence.

    Example: magcli rank constipation --explain
    """

    asked = list(dict.fromkeys([*([goal] if goal is not None else []), *(goals or [])]))
    if not asked:
        suggest("rank needs a goal ('magcli goals' lists them), for example:", ["rank sleep"])
    if len(asked) > 1:
        words = " ".join(f"--for {shell_word(name)}" for name in asked)
        suggest(
            "rank ranks forms for one goal at a time; one of:",
            [
                *(f"rank {shell_word(name)}" for name in asked),
                f"list {words}    (forms with evidence of their own for all of them)",
            ],
        )
    return Answer(rank(asked[0], catalog=data), View(explain=explain))
