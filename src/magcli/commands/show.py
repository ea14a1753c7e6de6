"""magcli show: everything about one form, with full citations."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field

from magcli.catalog import resolve as _resolve_form
from magcli.commands.common import catalogue_of, form_out
from magcli.completion import form_names
from magcli.options import Answer, Argument, DataOption, shell_word, suggest
from magcli.results import (
    DISCLAIMER,
    FormOut,
    Result,
)

if TYPE_CHECKING:
    from magcli.models import Catalog


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

    if len(forms) > 1:
        words = " ".join(shell_word(name) for name in forms)
        suggest("show takes one form; to set several side by side:", [f"compare {words}"])
    return Answer(show(forms[0], catalog=data))
