"""magcli compare: forms side by side, one column each."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field

from magcli.commands.common import catalogue_of, form_out
from magcli.domain.candidates import form_names
from magcli.domain.catalog import Resolver
from magcli.domain.names import repeat_warnings
from magcli.errors import UsageError
from magcli.options import Answer, Argument, DataOption, option
from magcli.render import View
from magcli.render.blocks import (
    Block,
    Column,
    Entry,
    GradeLegend,
    Grid,
    Heading,
    Layout,
    Lead,
    Para,
    Sources,
    VerdictLegend,
    text,
)
from magcli.render.facts import (
    INTERACTIONS_HINT,
    form_facts,
    share_bars,
    short_name,
    summary_facts,
    unique_sources,
)
from magcli.results import (
    DISCLAIMER,
    FormOut,
    Result,
)

if TYPE_CHECKING:
    from magcli.domain.models import Catalog
    from magcli.render import View


class CompareResult(Result):
    """magcli compare --json"""

    command: Literal["compare"]
    forms: list[FormOut]
    warnings: list[str] = Field(default=[], description="also written to stderr")
    disclaimer: str = DISCLAIMER


RESULT = CompareResult
# The flat formats (csv, tsv, jsonl): which list holds the rows, and one row's model.
ROWS = ("forms", FormOut)


def compare(*names: str, catalog: Catalog | str | os.PathLike[str] | None = None) -> CompareResult:
    """Forms side by side, in the order named, each once (a repeat is a warning)."""
    if len(names) < 2:
        raise UsageError("compare needs at least two forms; use 'magcli show FORM' for one")
    chosen = catalogue_of(catalog)
    forms, repeats = Resolver(chosen).select(names)
    if len(forms) < 2:  # 'glycinate bisglycinate': one form by two names
        from magcli.options import suggest
        from magcli.text import shorten

        name, form_id = repeats[0]
        again = "named twice" if name.strip().casefold() == form_id else f"{form_id} again"
        problem = f"compare needs two different forms: {shorten(name)} is {again}. For one form:"
        suggest(problem, [f"show {form_id}"])
    return CompareResult(
        data_version=chosen.data_version,
        command="compare",
        forms=[form_out(form, chosen) for form in forms],
        warnings=repeat_warnings(repeats),
    )


# What a person sees ---------------------------------------------------------------------


def layout(result: CompareResult, view: View) -> Layout:
    """The forms side by side, one column each: the few lines that answer first (with
    the popular claims' verdicts), or with --long every claim with its note; their
    magnesium shares as bars, the sources and what the grades and verdicts mean."""
    forms = result.forms
    title = "Magnesium forms compared"

    def side_by_side(facts: list[list[tuple[str, list[Entry]]]], long: bool, **shown: Any) -> Grid:
        heads = [form.id if long else short_name(form) for form in forms]
        rows = []
        for index, (label, _) in enumerate(facts[0]):
            cells = [each[index][1] for each in facts]
            if any(cells):
                rows.append([text(label), *cells])
        columns = [Column("", "label"), *(Column(head) for head in heads)]
        return Grid(columns, rows, title=title, lines=long, side_by_side=True, **shown)

    lead = Lead(
        f"{len(forms)} forms side by side: the magnesium each holds, how well it is "
        "absorbed, what it is taken for and how strong the evidence is, with the popular "
        "claims set against it.",
        when="document",
    )
    answer: list[Block] = [
        lead,
        side_by_side([summary_facts(form) for form in forms], False, when="compact"),
        side_by_side([summary_facts(form, more="below") for form in forms], False, when="document"),
    ]
    detail: list[Block] = [
        Heading("Every claim, with its note", when="document"),
        side_by_side([form_facts(form) for form in forms], True, when="detail"),
        share_bars(forms, when="detail"),
        # The summary is for a glance: its sources are a --long (or --sources) away.
        Sources(
            unique_sources(forms), full=view.sources, when="always" if view.sources else "detail"
        ),
        GradeLegend(),
        VerdictLegend(when="detail"),
        Para(INTERACTIONS_HINT, tone="quiet"),
    ]
    return Layout(title, answer, detail)


def cli(
    forms: Annotated[
        list[str],
        Argument(
            metavar="FORM",
            help="Two or more form names or aliases.",
            complete=form_names,
        ),
    ],
    sources: Annotated[
        bool, option("--sources", help="Also list the full citation of every source.")
    ] = False,
    data: DataOption = None,
) -> Answer:
    """Set forms side by side, one column each, in the order given: a summary, or with
    --long every note.

    Example: magcli compare glycinate citrate
    """
    from magcli.commands.common import catalogue, is_form
    from magcli.domain.names import form_words

    chosen = catalogue(data)
    named = form_words(forms, lambda name: is_form(chosen, name))  # 'epsom salt' unquoted
    return Answer(compare(*named, catalog=chosen), View(sources=sources))
