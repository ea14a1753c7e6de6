"""magcli show: everything about one form, with full citations."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field

from magcli.commands.common import catalogue_of, form_out
from magcli.domain.candidates import form_names
from magcli.domain.catalog import resolve as _resolve_form
from magcli.domain.names import MAGNESIUM_WORDS, form_words, normalize_name
from magcli.options import Answer, Argument, DataOption, shell_word, suggest
from magcli.render.blocks import (
    Block,
    Facts,
    GradeLegend,
    Heading,
    Layout,
    Lead,
    Para,
    Sources,
    VerdictLegend,
)
from magcli.render.facts import INTERACTIONS_HINT, form_facts, summary_facts
from magcli.results import (
    DISCLAIMER,
    FormOut,
    Result,
)

if TYPE_CHECKING:
    from magcli.domain.models import Catalog
    from magcli.render import View


class ShowResult(Result):
    """magcli show --json"""

    command: Literal["show"]
    forms: Annotated[list[FormOut], Field(min_length=1, max_length=1)]
    warnings: list[str] = Field(default=[], description="also written to stderr")
    disclaimer: str = DISCLAIMER


RESULT = ShowResult
# The flat formats (csv, tsv, jsonl): which list holds the rows, and one row's model.
ROWS = ("forms", FormOut)


def show(name: str, *, catalog: Catalog | str | os.PathLike[str] | None = None) -> ShowResult:
    """Everything about one form, with full citations."""
    chosen = catalogue_of(catalog)
    return ShowResult(
        data_version=chosen.data_version,
        command="show",
        forms=[form_out(_resolve_form(chosen, name), chosen)],
    )


# What a person sees ---------------------------------------------------------------------


def layout(result: ShowResult, view: View) -> Layout:
    """The form in one sentence, then everything magcli holds on it, every source in
    full and what the grades and verdicts mean."""
    (form,) = result.forms
    lead = Lead(
        f"{form.name} ({form.compound}, {form.formula}) is {form.elemental_mg_percent:.1f}% "
        f"magnesium by weight; its absorption is {form.bioavailability.level.value} "
        f"[{form.bioavailability.grade.value}]."
    )
    answer: list[Block] = [lead, Facts(summary_facts(form, more="below"), when="document")]
    detail: list[Block] = [
        Heading("Everything magcli holds on it", when="document"),
        Facts(form_facts(form, full=True)[:-1], title=form.name),  # the sources: in full below
        Para(INTERACTIONS_HINT, tone="quiet"),
        Sources(form.sources, full=True),
        GradeLegend(full=True),
        VerdictLegend(),
    ]
    return Layout(form.name, answer, detail)


def cli(
    forms: Annotated[
        list[str],
        Argument(metavar="FORM", help="A form name or alias.", complete=form_names),
    ],
    data: DataOption = None,
) -> Answer:
    """Everything about one form, with full citations.

    Example: magcli show oxide
    """

    from magcli.commands.common import catalogue, is_form

    chosen = catalogue(data)
    # 'magnesium glycinate', 'epsom salt': one form
    named = form_words(forms, lambda name: is_form(chosen, name)) or forms
    if len(named) == 1 and normalize_name(named[0]) in MAGNESIUM_WORDS:
        suggest(
            "which form of magnesium? 'magcli list' shows them all; for example:",
            ["show glycinate", "list"],
        )
    if len(named) > 1:
        words = " ".join(shell_word(name) for name in named)
        suggest("show takes one form; to set several side by side:", [f"compare {words}"])
    return Answer(show(named[0], catalog=chosen))
