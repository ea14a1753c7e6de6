"""Everything magcli takes from inside Typer, in one place: Typer keeps Click inside
itself (`typer._click`) and offers no public way to these few things. `tests/test_api.py`
fails when the installed Typer no longer has them, and pyproject.toml bounds its version.

- the Click exceptions the command line catches to word its own messages;
- the Click context a completion index is built with;
- Typer's option and argument classes, to tell them apart;
- an argument's help without its Python type: Typer would print `FORM <list[str]>`,
  which means nothing to the person reading.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from typer._click.core import Context
from typer._click.exceptions import ClickException, NoSuchOption
from typer.core import TyperArgument, TyperOption

if TYPE_CHECKING:
    import typer._click as click

__all__ = [
    "ClickException",
    "Context",
    "NoSuchOption",
    "TyperArgument",
    "TyperOption",
    "click",
    "without_argument_types",
]


def without_argument_types(command: click.Command) -> click.Command:
    """`command` (a group and its commands) with its arguments' help showing their
    metavar alone."""
    for each in [command, *getattr(command, "commands", {}).values()]:
        for param in each.params:
            if isinstance(param, TyperArgument):
                param.display_type_rich = _no_type  # type: ignore[method-assign]
    return command


def _no_type(ctx: click.Context) -> None:
    return None
