"""What a person sees of a result, as blocks: a headline, paragraphs, tables, labelled
facts, bars, lists, commands to copy, sources and legends. Each command lays its result
out once, in its module (`layout`); the table, markdown and HTML renderers draw the same
blocks, each in its own way, and know nothing of any command.

How much is shown is said by each block's `when`:

- `always`: in every view;
- `summary`: in the compact terminal view and in the documents (markdown, HTML), not
  with --long in the terminal, where a fuller block (`detail`) takes its place;
- `detail`: with --long in the terminal, and in the documents;
- `compact`: in the compact terminal view only (a pointer such as "--long says why",
  or a shorter table where --long and the documents have a fuller one);
- `document`: in the documents only (a page's opening sentence, where the terminal's
  table title says as much);
- `long`: with --long in the terminal only (a wide table where the documents have a
  section apiece).

No Rich here, and no I/O: blocks are plain data.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    import magcli.results as out
    from magcli.domain.vocab import Grade, Verdict
    from magcli.render import View
    from magcli.results import Result

When = Literal["always", "summary", "detail", "compact", "document", "long"]
# How a line reads: strong (the answer), alarm (over a limit), caution (unconfirmed, a
# limit), quiet (a secondary note, a legend).
Tone = Literal["", "strong", "alarm", "caution", "quiet"]
# What a column holds: text (wraps), a name (bold, never broken), a number (aligned
# right), a word (a short vocabulary word, never broken), a label (the row's label),
# inline (its entries on one line, joined by commas).
ColumnKind = Literal["text", "name", "number", "word", "label", "inline"]


class Entry:
    """One line of a field: a head, the grade of its evidence if it is a claim (with the
    size of that evidence in a few words), or the verdict on it if it is a popular claim,
    and a note. A `cite` entry names a source by its key, which a document links to the
    full citation. `tone` marks a head to read first ('alarm': above a limit; see
    render.blocks.Tone)."""

    __slots__ = ("cite", "grade", "head", "note", "size", "tone", "verdict")

    def __init__(
        self,
        head: str,
        grade: Grade | None = None,
        note: str = "",
        verdict: Verdict | None = None,
        cite: bool = False,
        size: str = "",
        tone: str = "",
    ) -> None:
        self.tone = tone
        self.cite = cite
        self.head = head
        self.grade = grade
        self.note = note
        self.verdict = verdict
        self.size = size


@dataclass(kw_only=True, eq=False, repr=False)
class Shown:
    """What every block has: the views it is shown in."""

    when: When = "always"


@dataclass(eq=False, repr=False)
class Lead(Shown):
    """The answer, said first."""

    text: str
    tone: Tone = "strong"


@dataclass(eq=False, repr=False)
class Para(Shown):
    """A paragraph."""

    text: str
    tone: Tone = ""


@dataclass(eq=False, repr=False)
class Heading(Shown):
    """A section's heading."""

    text: str


@dataclass(eq=False, repr=False)
class Column:
    """A table's column: its heading, what it holds, its share of the width."""

    title: str
    kind: ColumnKind = "text"
    weight: int = 1  # a text column's share of the width left by the others


@dataclass(eq=False, repr=False)
class Grid(Shown):
    """A table: its columns, then rows of cells, each cell a list of entries. With
    `side_by_side`, the first column labels the rows and every other column is one
    thing (a form): the terminal splits the columns over several tables to fit."""

    columns: list[Column]
    rows: list[list[list[Entry]]]
    title: str = ""
    lines: bool = False  # a rule between rows
    side_by_side: bool = False


@dataclass(eq=False, repr=False)
class Facts(Shown):
    """Labelled facts about one thing."""

    pairs: list[tuple[str, list[Entry]]]
    title: str = ""


@dataclass(eq=False, repr=False)
class Bar:
    """One bar of a chart: its label, its value, the value as said, its colour."""

    label: str
    value: float
    shown: str  # the value as said ('300 mg', '14.1%')
    kind: str = "share"  # share, taken, over, need, limit: its colour


@dataclass(eq=False, repr=False)
class Bars(Shown):
    """Figures to compare at a glance, on one scale."""

    title: str
    bars: list[Bar]
    caption: str = ""


@dataclass(eq=False, repr=False)
class Items(Shown):
    """A list of short paragraphs, under a title if it has one."""

    lines: list[str]
    title: str = ""


@dataclass(eq=False, repr=False)
class Commands(Shown):
    """Command lines to copy."""

    lines: list[str]


@dataclass(eq=False, repr=False)
class Sources(Shown):
    """The sources cited: their keys in the compact terminal view, in full elsewhere (or
    with `full`, everywhere)."""

    sources: list[out.SourceOut]
    full: bool = False
    more: str = ""  # what else --long shows, said after "full citations"


@dataclass(eq=False, repr=False)
class GradeLegend(Shown):
    """What the evidence grades mean: a one-line key in the compact terminal view, in
    full elsewhere (or with `full`, everywhere)."""

    full: bool = False


@dataclass(eq=False, repr=False)
class VerdictLegend(Shown):
    """What the verdicts on popular claims mean."""


@dataclass(eq=False, repr=False)
class Warning(Shown):
    """A warning, said right after the answer."""

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


@dataclass(eq=False, repr=False)
class Layout:
    """A command's layout of its result: a title, the answer, then the detail."""

    title: str
    answer: list[Block]
    detail: list[Block] = field(default_factory=list)


@dataclass(eq=False, repr=False)
class Document:
    """The blocks a view shows, under the page's title."""

    title: str
    blocks: list[Block]


def document(
    result: Result, view: View, layout: Callable[[Any, View], Layout], terminal: bool
) -> Document:
    """The blocks a person sees of `result`: the command's layout, its warnings right
    after the answer, and only the blocks this view shows (`terminal`: the table view,
    compact or --long; else a document, which holds everything but the hints)."""
    laid = layout(result, view)
    warnings: list[Block] = [Warning(text) for text in result.warnings]
    blocks = [
        block for block in [*laid.answer, *warnings, *laid.detail] if shown(block, view, terminal)
    ]
    if not terminal:  # a page has its title once: a table named as it is needs none
        blocks = [
            replace(block, title="")
            if isinstance(block, Grid | Facts) and block.title.startswith(laid.title)
            else block
            for block in blocks
        ]
    return Document(laid.title, blocks)


def shown(block: Block, view: View, terminal: bool) -> bool:
    if block.when == "always":
        return True
    if not terminal:
        return block.when not in ("compact", "long")
    if block.when == "document":
        return False
    if view.long:
        return block.when in ("detail", "long")
    return block.when in ("summary", "compact")


def text(value: str) -> list[Entry]:
    """A cell of one plain entry."""
    return [Entry(value)]
