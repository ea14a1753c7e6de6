"""The terminal's view: a command's layout (see render/blocks.py) drawn with Rich, in the
compact view or with --long, then the disclaimer.

Every string from a catalogue goes through `plain()` into a Text object, so it is shown
as written and never read as Rich markup or as terminal control codes.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

import magcli.results as out
from magcli.domain.vocab import GRADE_MEANING, GRADE_ORDER, VERDICT_MEANING, Grade, Verdict
from magcli.render import blocks
from magcli.render.blocks import Entry
from magcli.text import fit_encoding, strip_unsafe

if TYPE_CHECKING:
    from types import ModuleType

    from magcli.render import View

VERDICT_STYLE = {
    Verdict.SUPPORTED: "bold green",
    Verdict.PARTLY_SUPPORTED: "yellow",
    Verdict.NOT_SHOWN: "red",
    Verdict.CONTRADICTED: "bold red",
}

GRADE_STYLE = {
    Grade.RCT: "bold green",
    Grade.SMALL_HUMAN: "green",
    Grade.ANIMAL: "yellow",
    Grade.MECHANISTIC: "yellow",
    Grade.UNVERIFIED: "red",
    Grade.CONTRADICTED: "bold red",
}


def plain(value: str) -> str:
    """Text from a data file with control characters (escape codes included) removed."""
    return strip_unsafe(value)


def render(result: out.Result, stream: TextIO, view: View, command: ModuleType) -> str:
    """The result as the text a terminal (or a pipe) should receive."""
    console = _console(stream)
    laid = blocks.document(result, view, command.layout, terminal=True)
    drawn = [_draw(block, view, console.width) for block in laid.blocks]
    return _print(console, [part for part in drawn if part is not None], view.quiet)


MIN_WIDTH = 40  # narrower (COLUMNS=0, say), tables print nothing or a column of stubs
MAX_WIDTH = 500  # wider, and a table's rules alone would be megabytes


def _console(stream: TextIO) -> Console:
    # FORCE_COLOR is for terminals and pipes; a file written with --output stays plain.
    console = Console(
        file=stream,
        highlight=False,
        emoji=False,
        force_terminal=None if stream is sys.stdout else False,
    )
    console.width = min(max(console.width, MIN_WIDTH), MAX_WIDTH)
    return console


def _print(console: Console, parts: list[RenderableType], quiet: bool) -> str:
    with console.capture() as capture:
        for part in parts:
            console.print(part)
        if not quiet:
            console.print(Text(out.DISCLAIMER, style="italic"))
    # Padding at the ends of lines is noise in files and pipes.
    text = "\n".join(line.rstrip(" ") for line in capture.get().split("\n"))
    # Rich already draws ASCII boxes when the stream cannot take Unicode; the words must
    # fit too (a formula's '·', say), or writing them would fail.
    return fit_encoding(text, console.encoding)


# Blocks ----------------------------------------------------------------------------------

TONE_STYLE = {"": "", "strong": "bold", "alarm": "bold red", "caution": "yellow", "quiet": "dim"}


def _draw(block: blocks.Block, view: View, width: int) -> RenderableType | None:
    """One block as the terminal shows it."""
    if isinstance(block, blocks.Lead | blocks.Para):
        return Text(plain(block.text), style=TONE_STYLE[block.tone])
    if isinstance(block, blocks.Warning):
        return Text.assemble(("Warning: ", "bold red"), plain(block.text))
    if isinstance(block, blocks.Heading):
        return Text(plain(block.text), style="bold")
    if isinstance(block, blocks.Grid):
        return _grid(block, width)
    if isinstance(block, blocks.Facts):
        return _facts(block)
    if isinstance(block, blocks.Bars):
        return _bars(block, width)
    if isinstance(block, blocks.Items):
        if not block.lines:
            return None
        items = Table.grid(padding=(0, 1))  # a hanging indent: the text clear of the dash
        items.add_column(Text(""), no_wrap=True)
        items.add_column(Text(""), ratio=1, overflow="fold")
        for line in block.lines:
            items.add_row(Text("-"), Text(plain(line)))
        return Group(Text(plain(block.title), style="bold"), items) if block.title else items
    if isinstance(block, blocks.Commands):
        return Text("\n".join("  magcli " + plain(line) for line in block.lines), style="bold")
    if isinstance(block, blocks.Sources):
        if not block.sources:
            return None
        if block.full or view.long or view.sources:
            return _sources_table(block.sources)
        keys = ", ".join(plain(source.key) for source in block.sources)
        return Text(f"Sources: {keys} (--long: full citations)", style="dim")
    if isinstance(block, blocks.GradeLegend):
        return _grade_legend() if view.long or block.full else _grade_key()
    return _verdict_legend()


def _grid(grid: blocks.Grid, width: int) -> RenderableType:
    if not grid.side_by_side:
        return _table(grid.title, grid.columns, grid.rows, grid.lines, boxed=False)
    # One column per thing: as many as fit beside the labels, then another table.
    label = max((len(plain(row[0][0].head)) for row in grid.rows if row[0]), default=0) + 2
    gap = 3 if grid.lines else 1  # a box's borders and padding, or the padding alone
    per_table = max(1, (width - label - gap) // (MIN_FORM_COLUMN + gap))
    things = len(grid.columns) - 1
    tables = []
    for start in range(0, things, per_table):
        chosen = range(1 + start, 1 + min(things, start + per_table))
        title = grid.title
        if things > per_table:
            last = chosen[-1]
            span = f"{start + 1}" if last == start + 1 else f"{start + 1}-{last}"
            title += f" ({span} of {things})"
        columns = [grid.columns[0], *(grid.columns[index] for index in chosen)]
        rows = [[row[0], *(row[index] for index in chosen)] for row in grid.rows]
        tables.append(_table(title, columns, rows, grid.lines, boxed=grid.lines))
    return Group(*tables)


def _table(
    title: str,
    columns: Sequence[blocks.Column],
    rows: Sequence[Sequence[list[Entry]]],
    lines: bool,
    boxed: bool,
) -> Table:
    """A table: a rule under the headings (and between rows with `lines`), or a box
    round every cell (`boxed`)."""
    table = Table(
        box=box.SQUARE if boxed else box.SIMPLE_HEAD,
        show_lines=lines,
        title=Text(plain(title)) if title else None,
        min_width=len(plain(title)) + 4 if title else None,  # a title on one line
    )
    for column in columns:
        heading = Text(plain(column.title))
        if column.kind == "number":
            table.add_column(heading, justify="right", no_wrap=True)
        elif column.kind in ("name", "label"):
            table.add_column(heading, style="bold", no_wrap=True)
        elif column.kind == "word":
            table.add_column(heading, no_wrap=True)
        else:
            table.add_column(heading, ratio=column.weight, overflow="fold")
    for row in rows:
        table.add_row(
            *(
                _cell(cell, inline=column.kind == "inline")
                for column, cell in zip(columns, row, strict=True)
            )
        )
    return table


def _facts(facts: blocks.Facts) -> Table:
    """Labelled facts as a two-column box: the labels bold, a rule between long ones."""
    several = any(len(entries) > 1 or any(e.note for e in entries) for _, entries in facts.pairs)
    table = Table(
        box=box.SQUARE,
        show_lines=several,
        show_header=False,
        title=Text(plain(facts.title)) if facts.title else None,
    )
    table.add_column(Text(""), style="bold", no_wrap=True)
    table.add_column(Text(""), ratio=1, overflow="fold")
    for label, entries in facts.pairs:
        table.add_row(Text(plain(label)), _cell(entries))
    return table


def _cell(entries: list[Entry], inline: bool = False) -> Text:
    """A cell's entries, one a line: a graded claim as 'sleep [rct] (3 trials)', a
    popular claim as 'head: verdict', each with its note below it, dim; sources by key
    on one line; '-' for none."""
    if not entries:
        return Text("-", style="dim")
    if all(entry.cite for entry in entries):
        return Text(", ".join(plain(entry.head) for entry in entries))
    lines = []
    for entry in entries:
        head = Text(plain(entry.head), style=TONE_STYLE.get(entry.tone, ""))
        if entry.verdict is not None:
            head = Text.assemble(head, ": " if entry.head else "", _verdict(entry.verdict))
        elif entry.grade is not None:
            head = Text.assemble(head, " [" if entry.head else "[", _grade(entry.grade), "]")
            if entry.size:
                head.append(f" ({plain(entry.size)})")
        lines.append(head if inline else _with_note(head, entry.note))
    return Text(", " if inline else "\n").join(lines)


def _bars(chart: blocks.Bars, width: int) -> RenderableType:
    """Figures as bars on one scale, to half a character, with their title."""
    if not chart.bars:
        return Text("")
    scale = max(item.value for item in chart.bars)
    labels = max(len(plain(item.label)) for item in chart.bars)
    figures = max(len(item.shown) for item in chart.bars)
    cells = max(4, min(50, width - labels - figures - 7))  # 7: the columns' padding
    table = Table(box=None, show_header=False, padding=(0, 1), title=None)
    table.add_column(Text(""), no_wrap=True)
    table.add_column(Text(""), no_wrap=True)
    table.add_column(Text(""), no_wrap=True, justify="right")
    for item in chart.bars:
        table.add_row(
            Text(plain(item.label)),
            Text(bar(item.value, scale, cells), style=MARK_STYLE.get(item.kind, "cyan")),
            Text(plain(item.shown)),
        )
    parts: list[RenderableType] = [Text(plain(chart.title), style="bold"), table]
    if chart.caption:
        parts.append(Text(plain(chart.caption), style="dim"))
    return Group(*parts, Text(""))


# Pieces ----------------------------------------------------------------------------------


def _grade(grade: Grade) -> Text:
    return Text(grade.value, style=GRADE_STYLE[grade])


def _verdict(verdict: Verdict) -> Text:
    return Text(verdict.value, style=VERDICT_STYLE[verdict])


def _with_note(head: Text, note: str) -> Text:
    if not note:
        return head
    return Text.assemble(head, "\n", Text(plain(note), style="dim"))


def _sources_table(sources: Sequence[out.SourceOut]) -> Table:
    """Each source key with its full citation, what could not be confirmed, and its link."""
    table = Table(box=box.SIMPLE, title=Text("Sources"), show_header=False)
    table.add_column(Text(""), style="bold", no_wrap=True)
    # A cut link is useless: a long one folds onto the next line instead.
    table.add_column(Text(""), ratio=1, overflow="fold")
    for source in sources:
        cell = Text(plain(source.citation))
        if source.unconfirmed:
            cell.append("\nNot confirmed: " + plain(source.unconfirmed), style="yellow")
        if source.link:
            cell.append("\n")
            cell.append(plain(source.link), style="cyan")
        table.add_row(Text(plain(source.key)), cell)
    return table


def _grade_key() -> Text:
    key = Text("Evidence, strongest first: ", style="dim")
    for index, grade in enumerate(GRADE_ORDER):
        if index:
            key.append(" > ", style="dim")
        key.append_text(_grade(grade))
    key.append(" (--long or 'magcli --help' says what each means)", style="dim")
    return key


def _grade_legend() -> Table:
    """Every evidence grade with what it means."""
    table = Table(box=None, title=Text("Evidence grades, strongest first"), show_header=False)
    table.add_column(Text(""), no_wrap=True)
    table.add_column(Text(""), ratio=1)
    for grade, meaning in GRADE_MEANING.items():
        table.add_row(_grade(grade), Text(meaning))
    return table


def _verdict_legend() -> Text:
    """What the verdicts on popular claims mean, in one line."""
    key = Text("Popular claims (comparison tables on health sites) against the evidence: ")
    for index, (verdict, meaning) in enumerate(VERDICT_MEANING.items()):
        if index:
            key.append("; ")
        key.append_text(_verdict(verdict))
        key.append(f": {meaning}")
    key.stylize("dim")
    return key


MIN_FORM_COLUMN = 20  # narrower than this, prose turns into a column of word stubs

BAR, HALF = "\u2588", "\u258c"  # full and left-half blocks (ASCII: '#', see magcli.text)


def bar(value: float, scale: float, cells: int) -> str:
    """`value` as a bar of at most `cells` characters, to half a character."""
    halves = round(value / scale * cells * 2) if scale > 0 else 0
    return BAR * (halves // 2) + HALF * (halves % 2)


MARK_STYLE = {
    "taken": "bold",
    "over": "bold red",
    "need": "green",
    "limit": "yellow",
    "share": "cyan",
}
