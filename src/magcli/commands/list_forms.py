"""magcli list: the forms, filtered and sorted."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Literal, NoReturn

from pydantic import Field

from magcli.commands.common import catalogue, catalogue_of, form_out, is_form, is_goal
from magcli.domain.candidates import goal_names
from magcli.domain.catalog import resolve_goal
from magcli.domain.query import filter_forms as _filter
from magcli.domain.query import sort_forms
from magcli.domain.vocab import Grade, Level, SortField, choose
from magcli.options import Answer, Argument, DataOption, choice, option, shell_word, suggest, values
from magcli.render.blocks import Block, Column, Entry, GradeLegend, Grid, Layout, Lead, text
from magcli.render.facts import MAX_USES, best_uses, share_bars
from magcli.results import (
    DISCLAIMER,
    FormOut,
    Out,
    Result,
)

if TYPE_CHECKING:
    from magcli.domain.models import Catalog, Form
    from magcli.render import View


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


RESULT = ListResult
# The flat formats (csv, tsv, jsonl): which list holds the rows, and one row's model.
ROWS = ("forms", FormOut)


def list_forms(
    *,
    goals: Iterable[str] = (),
    min_bioavailability: Level | str | None = None,
    gentle: bool = False,
    min_evidence: Grade | str | None = None,
    sort: SortField | str = SortField.CATALOG,
    catalog: Catalog | str | os.PathLike[str] | None = None,
) -> ListResult:
    """Forms that pass every filter given: a claim of their own for each goal, absorbed at
    least as well as asked, not laxative when gentle, evidence at least min_evidence."""
    level = choose(Level, min_bioavailability, "level") if min_bioavailability else None
    grade = choose(Grade, min_evidence, "grade") if min_evidence else None
    order = choose(SortField, sort, "sort field")
    chosen = catalogue_of(catalog)
    wanted = list(dict.fromkeys(resolve_goal(chosen, goal).id for goal in goals))
    kept = _filter(
        chosen.forms, goals=wanted, min_bioavailability=level, gentle=gentle, min_evidence=grade
    )
    return ListResult(
        data_version=chosen.data_version,
        command="list",
        filters=ListFilters(
            goals=wanted,
            min_bioavailability=level,
            gentle=gentle,
            min_evidence=grade,
            sort=order.value,
        ),
        forms=[form_out(form, chosen) for form in sort_forms(kept, order, wanted)],
    )


def filter_forms(
    *,
    goals: Iterable[str] = (),
    min_bioavailability: Level | str | None = None,
    gentle: bool = False,
    min_evidence: Grade | str | None = None,
    sort: SortField | str = SortField.CATALOG,
    catalog: Catalog | str | os.PathLike[str] | None = None,
) -> list[Form]:
    """The catalogue forms `list_forms` lists, in its order, for the same filters."""
    chosen = catalogue_of(catalog)
    listed = list_forms(
        goals=goals,
        min_bioavailability=min_bioavailability,
        gentle=gentle,
        min_evidence=min_evidence,
        sort=sort,
        catalog=chosen,
    )
    by_id = {form.id: form for form in chosen.forms}
    return [by_id[form.id] for form in listed.forms]


# What a person sees ---------------------------------------------------------------------


def layout(result: ListResult, view: View) -> Layout:
    """The forms as a table, each use with its grade (the best few in the compact
    view), their magnesium share as bars, and the grade key."""
    forms = result.forms
    said = _filters_said(result.filters)
    if not forms:
        hint = ""
        if result.filters.goals:
            hint = (
                f" --for keeps forms with a claim of their own for the goal; 'magcli rank "
                f"{result.filters.goals[0]}' shows the evidence for magnesium in general."
            )
        return Layout(
            "Magnesium forms", [Lead("No form matches these filters." + hint)], [GradeLegend()]
        )
    columns = [
        Column("Form", "name"),
        Column("Mg %", "number"),
        Column("Absorption"),
        Column("Gut", "word"),
        Column("Uses [evidence]"),
    ]

    def rows(every: bool) -> list[list[list[Entry]]]:
        table = []
        for form in forms:
            uses = best_uses(form)
            shown = [Entry(use.goal, use.grade) for use in (uses if every else uses[:MAX_USES])]
            if len(uses) > len(shown):
                shown.append(Entry(f"+{len(uses) - len(shown)} more (--long)", tone="quiet"))
            level = form.bioavailability
            table.append(
                [
                    text(form.id),
                    text(f"{form.elemental_mg_percent:.1f}"),
                    [Entry(level.level.value, level.grade)],
                    text(form.side_effects.gi_tolerance.value),
                    shown or [Entry("none claimed", tone="quiet")],
                ]
            )
        return table

    title = f"Magnesium forms ({len(forms)})"
    answer: list[Block] = [
        Lead(
            f"{len(forms)} form{'s' if len(forms) != 1 else ''}{said}.",
            when="always" if said else "document",
        ),
        Grid(columns, rows(every=False), title=title, when="compact"),
        Grid(columns, rows(every=True), title=title, when="detail"),
    ]
    return Layout("Magnesium forms", answer, [share_bars(forms, when="detail"), GradeLegend()])


def _filters_said(filters: ListFilters) -> str:
    said = []
    if filters.goals:
        said.append("with a claim of their own for " + " and ".join(filters.goals))
    if filters.min_bioavailability:
        said.append(f"absorbed at least '{filters.min_bioavailability}'")
    if filters.gentle:
        said.append("not laxative")
    if filters.min_evidence:
        said.append(f"with evidence of at least '{filters.min_evidence}'")
    return (": " + ", ".join(said)) if said else ""


def cli(
    words: Annotated[
        list[str] | None,
        Argument(
            metavar="WORD",
            help="A goal or form named with no option: magcli says what to run instead.",
            show_default=False,
        ),
    ] = None,
    goals: Annotated[
        list[str] | None,
        option(
            "--for",
            metavar="GOAL",
            complete=goal_names,
            help="Only forms with a claim of their own for this goal; repeat to require "
            "several. 'magcli goals' lists the goals.",
        ),
    ] = None,
    min_bioavailability: Annotated[
        str | None,
        option(
            "--min-bioavailability",
            metavar="LEVEL",
            complete=values(Level),
            help="Only forms absorbed at least this well in people: high > moderate > low "
            "(unknown never passes).",
        ),
    ] = None,
    gentle: Annotated[
        bool, option("--gentle", help="Leave out forms that act as laxatives.")
    ] = False,
    min_evidence: Annotated[
        str | None,
        option(
            "--min-evidence",
            metavar="GRADE",
            complete=values(Grade),
            help="Only forms whose evidence reaches this grade: for every --for goal, or "
            f"without --for, for absorption or any use. One of: {', '.join(Grade)}.",
        ),
    ] = None,
    sort: Annotated[
        str,
        option(
            "--sort",
            metavar="FIELD",
            complete=values(SortField),
            help=f"Order of the rows: {', '.join(SortField)}. Measures sort best first.",
        ),
    ] = SortField.CATALOG.value,
    data: DataOption = None,
) -> Answer:
    """List forms, optionally filtered and sorted.

    Example: magcli list --for sleep --gentle
    """

    goals = list(goals or [])
    if words and goals:  # 'list --for blood pressure': the rest of the last goal's name
        catalog = catalogue(data)
        whole = f"{goals[-1]} {' '.join(words)}"
        if is_goal(catalog, whole):
            goals[-1], words = whole, []
    if words:
        _what_list_means(words, data)
    return Answer(
        list_forms(
            goals=goals,
            min_bioavailability=choice(Level, min_bioavailability, "--min-bioavailability"),
            gentle=gentle,
            min_evidence=choice(Grade, min_evidence, "--min-evidence"),
            sort=choice(SortField, sort, "--sort") or SortField.CATALOG,
            catalog=data,
        )
    )


def _what_list_means(words: list[str], data: str | None) -> NoReturn:
    """`list sleep`: a goal wants --for; `list oxide`: a form wants show."""

    from magcli.domain.names import phrases

    catalog = catalogue(data)
    goals, forms, unknown = [], [], []
    for word in phrases(words, lambda name: is_goal(catalog, name) or is_form(catalog, name)):
        if is_goal(catalog, word):
            goals.append(word)
        elif is_form(catalog, word):
            forms.append(word)
        else:
            unknown.append(word)
    commands = []
    if goals:
        commands.append("list " + " ".join(f"--for {shell_word(goal)}" for goal in goals))
    if len(forms) == 1:
        commands.append(f"show {shell_word(forms[0])}")
    elif forms:
        commands.append("compare " + " ".join(shell_word(form) for form in forms))
    if unknown:
        commands.append("goals    (the goals list takes)")
    problem = "list takes its filters as options"
    if unknown:
        problem += f" ({', '.join(shell_word(word) for word in unknown)}: not a goal or form)"
    suggest(problem + "; perhaps:", commands)
