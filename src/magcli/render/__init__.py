"""Output formats: one module each, chosen by name from RENDERERS (the --format choices).

A renderer draws a result model (magcli.results) as text; how much it shows is a View.
What it knows of the command is what the caller hands it, the command's module (its
`layout`, and `ROWS`, `CARRIED` and `flat_rows` for the flat formats): a renderer
imports no command.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple, TextIO

if TYPE_CHECKING:
    from pydantic import BaseModel

    from magcli.results import Result


class View(NamedTuple):
    """How a person asked to see a result; the machine formats ignore it."""

    quiet: bool = False  # leave the disclaimer out of table, markdown and html
    explain: bool = False  # rank: the sum behind each score
    sources: bool = False  # compare: every citation in full
    long: bool = False  # tables: every note, not the summary
    start: str = ""  # ics: the first day of the reminders, YYYY-MM-DD


Renderer = Callable[["Result", TextIO, View, ModuleType], str]

# format name -> module. Modules load only when used, so JSON output never pays for rich,
# and a new format is one new module and one line here.
RENDERERS: dict[str, str] = {
    "table": "magcli.render.table",
    "json": "magcli.render.json",
    "jsonl": "magcli.render.jsonl",
    "csv": "magcli.render.delimited",
    "tsv": "magcli.render.delimited",
    "markdown": "magcli.render.markdown",
    "html": "magcli.render.html",
    "ics": "magcli.render.ics",
}
FORMATS = tuple(RENDERERS)
# Formats for one command only: a calendar holds a timetable.
ONLY_FOR = {"ics": "plan"}
# Other names people give the same formats, read as them.
FORMAT_ALIASES = {"md": "markdown", "htm": "html", "ndjson": "jsonl", "text": "table"}
# The format a file's extension names, for -o FILE without --format.
EXTENSIONS = {
    **{f".{name}": name for name in FORMATS if name != "table"},
    ".ndjson": "jsonl",
    ".md": "markdown",
    ".markdown": "markdown",
    ".htm": "html",
    ".txt": "table",
}


def format_of(path: str) -> str | None:
    """The format a file name's extension names ('report.html': html), or None."""
    import os

    return EXTENSIONS.get(os.path.splitext(path)[1].lower())


HUMAN_FORMATS = ("table", "markdown", "html")  # documents for a person: they show warnings
STREAMED = ("jsonl", "csv", "tsv")  # flat, a row at a time: written as they are made


PLAIN = View()


def render(
    result: Result, fmt: str, stream: TextIO, command: ModuleType, view: View = PLAIN
) -> str:
    """The whole output of `result` in format `fmt`, as the text to write to `stream`;
    `command` is the module of the command the result is of (magcli.commands)."""
    return "".join(pieces(result, fmt, stream, command, view))


def pieces(
    result: Result,
    fmt: str,
    stream: TextIO,
    command: ModuleType,
    view: View = PLAIN,
    items: Iterable[BaseModel] | None = None,
) -> Iterator[str]:
    """The output as `render` gives it, in pieces to write as they come: the flat
    formats (STREAMED) make theirs a row at a time, from `items` where the command hands
    its rows over as they are made (the result's own list then holds none of them)."""
    module = importlib.import_module(RENDERERS[fmt])
    renderer = getattr(module, f"render_{fmt}", None) or module.render
    if fmt in STREAMED:
        yield from renderer(result, stream, view, command, items)
    else:
        yield renderer(result, stream, view, command)
