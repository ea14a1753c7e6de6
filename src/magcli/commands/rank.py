"""magcli rank: the forms for one goal, after the evidence for magnesium in general."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field

from magcli.commands.common import catalogue_of, evidence_out, form_out, sources_out
from magcli.domain.candidates import goal_names
from magcli.domain.catalog import resolve_goal
from magcli.domain.query import rank_forms, score_rule
from magcli.domain.vocab import Grade
from magcli.errors import MagcliError
from magcli.options import Answer, Argument, DataOption, option, shell_word, suggest
from magcli.render import View
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
    FormOut,
    Out,
    Result,
    SourceOut,
)

if TYPE_CHECKING:
    from magcli.domain.models import Catalog
    from magcli.render import View


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


# What a person sees ---------------------------------------------------------------------

SCORE_HINT = (
    "Score: the form's own evidence for the goal, counted twice, plus absorption and gut "
    "tolerance (--explain shows each sum); 'none': no evidence of its own."
)
UNRANKED_BECAUSE = {
    Grade.CONTRADICTED: "trials of magnesium in general found it unlikely to help",
    Grade.UNVERIFIED: "no study of magnesium in general was found",
    None: "the evidence for magnesium in general does not come from people",
}


def layout(result: RankResult, view: View) -> Layout:
    """First what trials of magnesium in any form found for the goal and whether a form
    was shown better; then the forms by score, each with its own evidence (its note with
    --long, and with --explain how its score was made); what was left out, and why."""
    name = result.goal_name.lower()
    evidence = result.general_evidence
    size = f" ({evidence.size})." if evidence.size else ""
    general = f"Magnesium in general (any form) for {name}: [{evidence.grade.value}]{size}"
    # On a terminal, in two lines or so, so that the forms come on the first screen; the
    # whole of it with --long and in the documents.
    verdict = result.comparison.split(". ")[0].rstrip(".") + "."
    if evidence.grade in (Grade.CONTRADICTED, Grade.UNVERIFIED):  # that is the answer
        verdict = evidence.note.split(". ")[0].rstrip(".") + ". " + verdict
    answer: list[Block] = [
        Lead(f"{general} {verdict} (--long: the trials)", when="compact"),
        Lead(f"{general} {evidence.note}", when="detail"),
        Para(result.comparison, tone="strong", when="detail"),
    ]
    title = f"Forms ranked for {name}"
    if view.explain:
        answer.append(_grid(result, title, notes=True, explain=True))
    elif result.forms:
        answer.append(_grid(result, title, notes=False, explain=False, when="compact"))
        answer.append(_grid(result, title, notes=True, explain=False, when="detail"))
    else:
        answer.append(Para(f"No form has evidence of its own for {name}."))
    detail: list[Block] = []
    if result.forms:
        detail.append(Para(score_rule(), tone="quiet", when="always" if view.explain else "detail"))
        if not view.explain:
            detail.append(Para(SCORE_HINT, tone="quiet", when="compact"))
    if result.unranked:
        why = UNRANKED_BECAUSE.get(evidence.grade, UNRANKED_BECAUSE[None])
        detail.append(
            Para(
                f"Not ranked (no evidence of their own for {name}; {why}): "
                + ", ".join(result.unranked),
                tone="quiet",
            )
        )
    if any(item.tied for item in result.forms):
        detail.append(Para("=: the same score as another form, a tie.", tone="quiet"))
    cited = list(result.sources)
    for item in result.forms:
        if item.form_evidence is not None:
            keys = set(item.form_evidence.sources)
            cited += [source for source in item.sources if source.key in keys]
    detail += [Sources(list({s.key: s for s in cited}.values())), GradeLegend()]
    return Layout(title, answer, detail)


def _grid(result: RankResult, title: str, notes: bool, explain: bool, **shown: Any) -> Grid:
    """The ranked forms: their place (=2 for a tie), score and own evidence, with its
    note when `notes`; absorption and gut apart, or in one column beside the notes."""
    columns = [
        Column("#", "number"),
        Column("Form", "name"),
        Column("Score", "number"),
        Column("This form's own evidence", weight=2),
    ]
    if explain:
        columns.append(Column("How the score was made", weight=2))
    elif notes:
        columns.append(Column("Absorption, gut", "word"))
    else:
        columns += [Column("Absorption", "word"), Column("Gut", "word")]
    rows = []
    for item in result.forms:
        own = item.form_evidence
        if own is None:
            evidence = [Entry("none", tone="quiet")]
        elif notes:
            evidence = [graded("", own)]
        else:
            evidence = [Entry("", own.grade, size=own.size)]
        row = [
            text(f"={item.rank}" if item.tied else str(item.rank)),
            text(item.id),
            text(str(item.score)),
            evidence,
        ]
        level, gut = item.bioavailability.level.value, item.side_effects.gi_tolerance.value
        scored = next((part for part in item.score_parts if part.name == "gi"), None)
        if scored is not None and scored.reason.startswith("unknown"):
            gut = "unknown"  # as the score counts it: no study of this form's tolerance
        if explain:
            terms = [f"{part.name} {part.points} ({part.reason})" for part in item.score_parts]
            row.append(text("\n+ ".join(terms) + f"\n= {item.score}"))
        elif notes:
            row.append([Entry(level), Entry(gut)])
        else:
            row += [text(level), text(gut)]
        rows.append(row)
    return Grid(columns, rows, title=title, **shown)


def cli(
    goal: Annotated[
        list[str] | None,
        Argument(
            metavar="GOAL",
            complete=goal_names,
            help="The goal to rank for (or --for GOAL), in as many words as it takes "
            "(blood pressure); 'magcli goals' lists them.",
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

    asked = list(dict.fromkeys([*_goals_in(goal or [], data), *(goals or [])]))
    if not asked:
        suggest("rank needs a goal ('magcli goals' lists them), for example:", ["rank sleep"])
    if len(asked) > 1:
        words = " ".join(f"--for {shell_word(name)}" for name in asked)
        suggest(
            "rank ranks forms for one goal at a time; one of:",
            [
                *(f"rank {shell_word(name)}" for name in asked),
                f"list {words}    (forms with a claim of their own for all of them)",
            ],
        )
    return Answer(rank(asked[0], catalog=data), View(explain=explain))


def _filler() -> frozenset[str]:
    """Words around and between goals that name none: 'for sleep', 'sleep and stress'."""
    from magcli.domain.names import JOINING_WORDS

    return JOINING_WORDS | {"for", "my", "the", "a"}


def _goals_in(words: list[str], data: str | None) -> list[str]:
    """The goals the words name: 'blood pressure' is one, 'sleep anxiety' two; words that
    name no goal are one name, as typed, for the error to say so."""
    from magcli.commands.common import catalogue, is_goal
    from magcli.domain.names import phrases

    if len(words) < 2:
        return words
    try:
        catalog = catalogue(data)
    except MagcliError:
        return [" ".join(words)]  # the command says why it cannot read the catalogue
    words = [word for word in words if word.casefold() not in _filler()] or words  # 'for sleep'
    named = phrases(words, lambda name: is_goal(catalog, name))
    return named if all(is_goal(catalog, name) for name in named) else [" ".join(words)]
