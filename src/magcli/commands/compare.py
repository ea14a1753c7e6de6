"""magcli compare: forms side by side, one column each."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field

from magcli.catalog import Resolver
from magcli.commands.common import catalogue_of, form_out
from magcli.completion import form_names
from magcli.errors import UsageError
from magcli.names import repeat_warnings
from magcli.options import Answer, Argument, DataOption, option
from magcli.render import View
from magcli.results import (
    DISCLAIMER,
    FormOut,
    Result,
)

if TYPE_CHECKING:
    from magcli.models import Catalog


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
    return CompareResult(
        data_version=chosen.data_version,
        command="compare",
        forms=[form_out(form, chosen) for form in forms],
        warnings=repeat_warnings(repeats),
    )


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
    from magcli.names import form_words

    return Answer(compare(*form_words(forms), catalog=data), View(sources=sources))
