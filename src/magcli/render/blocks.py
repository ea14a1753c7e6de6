"""What a person sees of a result, as blocks: a headline, paragraphs, tables, labelled
facts, bars, lists, commands to copy, sources and legends. Each command lays its result
out once, in its module (`layout`); the table, markdown and HTML renderers draw the same
blocks, each in its own way, and know nothing of any command.

How much is shown is said by each block's `when`:

- `always`: in every view;
- `summary`: in the compact terminal view and in the documents (markdown, HTML), not
  with --long in the terminal, where a fuller block (`detail`) takes its place;
- `detail`: with --long in the terminal, and in the documents;
- `hint`: in the compact terminal view only (a pointer such as "--long says why").

No Rich here, and no I/O: blocks are plain data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from magcli.render.facts import Entry

if TYPE_CHECKING:
    from magcli import results as out
    from magcli.render import View
    from magcli.results import Result

When = Literal["always", "summary", "detail", "hint"]
# How a line reads: strong (the answer), alarm (over a limit), caution (unconfirmed, a
# limit), quiet (a secondary note, a legend).
Tone = Literal["", "strong", "alarm", "caution", "quiet"]
# What a column holds: text (wraps), a name (bold, never broken), a number (aligned
# right), a word (a short vocabulary word, never broken), a label (the row's label).
ColumnKind = Literal["text", "name", "number", "word", "label"]


@dataclass(frozen=True, kw_only=True)
class Shown:
    when: When = "always"


@dataclass(frozen=True)
class Lead(Shown):
    """The answer, said first."""

    text: str
    tone: Tone = "strong"


@dataclass(frozen=True)
class Para(Shown):
    """A paragraph."""

    text: str
    tone: Tone = ""


@dataclass(frozen=True)
class Heading(Shown):
    text: str


@dataclass(frozen=True)
class Column:
    title: str
    kind: ColumnKind = "text"


@dataclass(frozen=True)
class Grid(Shown):
    """A table: its columns, then rows of cells, each cell a list of entries. With
    `side_by_side`, the first column labels the rows and every other column is one
    thing (a form): the terminal splits the columns over several tables to fit."""

    columns: list[Column]
    rows: list[list[list[Entry]]]
    title: str = ""
    lines: bool = False  # a rule between rows
    side_by_side: bool = False


@dataclass(frozen=True)
class Facts(Shown):
    """Labelled facts about one thing."""

    pairs: list[tuple[str, list[Entry]]]
    title: str = ""


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str  # the value as said ('300 mg', '14.1%')
    kind: str = "share"  # share, dose, over, need, limit: its colour


@dataclass(frozen=True)
class Bars(Shown):
    """Figures to compare at a glance, on one scale."""

    title: str
    bars: list[Bar]
    caption: str = ""


@dataclass(frozen=True)
class Items(Shown):
    """A list of short paragraphs, under a title if it has one."""

    lines: list[str]
    title: str = ""


@dataclass(frozen=True)
class Commands(Shown):
    """Command lines to copy."""

    lines: list[str]


@dataclass(frozen=True)
class Sources(Shown):
    """The sources cited: their keys in the compact terminal view, in full elsewhere (or
    with `full`, everywhere)."""

    sources: list[out.SourceOut]
    full: bool = False


@dataclass(frozen=True)
class GradeLegend(Shown):
    """What the evidence grades mean: a one-line key in the compact terminal view."""


@dataclass(frozen=True)
class VerdictLegend(Shown):
    """What the verdicts on popular claims mean."""


@dataclass(frozen=True)
class Warning(Shown):
    text: str


Block = (
    Lead
    | Para
    | Heading
    | Grid
    | Facts
    | Bars
    | Items
    | Commands
    | Sources
    | GradeLegend
    | VerdictLegend
    | Warning
)


@dataclass(frozen=True)
class Layout:
    """A command's layout of its result: a title, the answer, then the detail."""

    title: str
    answer: list[Block]
    detail: list[Block] = field(default_factory=list)


@dataclass(frozen=True)
class Document:
    title: str
    blocks: list[Block]


def document(result: Result, view: View, terminal: bool) -> Document:
    """The blocks a person sees of `result`: the command's layout, its warnings right
    after the answer, and only the blocks this view shows (`terminal`: the table view,
    compact or --long; else a document, which holds everything but the hints)."""
    from magcli.commands import module

    laid = module(result.command).layout(result, view)
    warnings: list[Block] = [Warning(text) for text in result.warnings]
    blocks = [*laid.answer, *warnings, *laid.detail]
    return Document(laid.title, [block for block in blocks if shown(block, view, terminal)])


def shown(block: Block, view: View, terminal: bool) -> bool:
    if block.when == "always":
        return True
    if not terminal:
        return block.when != "hint"
    if view.long:
        return block.when == "detail"
    return block.when in ("summary", "hint")


def text(value: str) -> list[Entry]:
    """A cell of one plain entry."""
    return [Entry(value)]
