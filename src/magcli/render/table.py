"""The terminal's view: a command's layout (see render/blocks.py) drawn with Rich, in the
compact view or with --long, then the disclaimer.

Every string from a catalogue goes through `plain()` into a Text object, so it is shown
as written and never read as Rich markup or as terminal control codes.
"""

from __future__ import annotations

import io
import itertools
import re
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple, TextIO

from rich import box
from rich.cells import cell_len, chop_cells, set_cell_size
from rich.color import ColorSystem
from rich.console import Console, Group, RenderableType
from rich.style import Style
from rich.table import Column, Table
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
    drawn = [_draw(block, view, console) for block in laid.blocks]
    return _print(console, [part for part in drawn if part is not None], view.quiet)


COLOR_SYSTEMS = {
    "standard": ColorSystem.STANDARD,
    "256": ColorSystem.EIGHT_BIT,
    "truecolor": ColorSystem.TRUECOLOR,
    "windows": ColorSystem.WINDOWS,
}
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


class Drawn(NamedTuple):
    """A part already drawn as the console would print it (a long table)."""

    text: str


def _print(console: Console, parts: list[RenderableType | Drawn], quiet: bool) -> str:
    if not quiet:
        parts = [*parts, Text(out.DISCLAIMER, style="italic")]
    printed = []
    for index, part in enumerate(parts):
        if isinstance(part, Drawn):
            printed.append(part.text)
            continue
        if index and not isinstance(parts[index - 1], Drawn):
            continue  # printed with the part before it
        with console.capture() as capture:
            for following in parts[index:]:
                if isinstance(following, Drawn):
                    break
                console.print(following)
        printed.append(capture.get())
    # Padding at the ends of lines is noise in files and pipes.
    text = "\n".join(line.rstrip(" ") for line in "".join(printed).split("\n"))
    # Rich already draws ASCII boxes when the stream cannot take Unicode; the words must
    # fit too (a formula's '·', say), or writing them would fail.
    return fit_encoding(text, console.encoding)


# Blocks ----------------------------------------------------------------------------------

TONE_STYLE = {"": "", "strong": "bold", "alarm": "bold red", "caution": "yellow", "quiet": "dim"}


def _draw(block: blocks.Block, view: View, console: Console) -> RenderableType | Drawn | None:
    """One block as the terminal shows it."""
    width = console.width
    if isinstance(block, blocks.Lead | blocks.Para):
        return Text(plain(block.text), style=TONE_STYLE[block.tone])
    if isinstance(block, blocks.Warning):
        return Text.assemble(("Warning: ", "bold red"), plain(block.text))
    if isinstance(block, blocks.Heading):
        return Text(plain(block.text), style="bold")
    if isinstance(block, blocks.Grid):
        if len(block.rows) > LONG_TABLE and not block.side_by_side and not block.lines:
            return _long_table(console, block.title, block.columns, block.rows)
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
        more = f" and {plain(block.more)}" if block.more else ""
        return Text(f"Sources: {keys} (--long: full citations{more})", style="dim")
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
    table = _frame(title, columns, lines, boxed)
    for row in rows:
        table.add_row(
            *(
                _cell(cell, inline=column.kind == "inline")
                for column, cell in zip(columns, row, strict=True)
            )
        )
    return table


def _frame(title: str, columns: Sequence[blocks.Column], lines: bool, boxed: bool) -> Table:
    """A table's frame and columns, without its rows."""
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
    return Text("\n").join(Text.assemble(*line) for line in _fragments(entries, inline))


Fragment = tuple[str, str]  # a piece of text and its style's name


def _fragments(entries: list[Entry], inline: bool = False) -> list[list[Fragment]]:
    """A cell's lines (see `_cell`), each as its pieces of text and their styles."""
    if not entries:
        return [[("-", "dim")]]
    if all(entry.cite for entry in entries):
        return [[(", ".join(plain(entry.head) for entry in entries), "")]]
    lines: list[list[Fragment]] = []
    for entry in entries:
        head = [(plain(entry.head), TONE_STYLE.get(entry.tone, ""))]
        if entry.verdict is not None:
            head += [(": " if entry.head else "", ""), _verdict_fragment(entry.verdict)]
        elif entry.grade is not None:
            head += [(" [" if entry.head else "[", ""), _grade_fragment(entry.grade), ("]", "")]
            if entry.size:
                head.append((f" ({plain(entry.size)})", ""))
        if inline and lines:
            lines[0] += [(", ", ""), *head]
        else:
            lines.append(head)
        if entry.note and not inline:
            lines.append([(plain(entry.note), "dim")])
    return lines


# Long tables -----------------------------------------------------------------------------

# A table of more rows is drawn here, line by line: Rich measures every cell, then renders
# each through its padding and wrapping (20,000 products took 15 s). The widths are
# Rich's own, and a cell that does not fit is cut or folded by Rich's own Text; the rest
# is plain strings, so that a long table is drawn as Rich draws a short one.
LONG_TABLE = 500


def _long_table(
    console: Console,
    title: str,
    columns: Sequence[blocks.Column],
    rows: Sequence[Sequence[list[Entry]]],
) -> Drawn:
    heads = [[[(plain(column.title), "")]] for column in columns]
    cells = [
        [
            _fragments(cell, column.kind == "inline")
            for column, cell in zip(columns, row, strict=True)
        ]
        for row in rows
    ]
    frame = _frame(title, columns, lines=False, boxed=False)
    widths = _widths(console, _frame(title, columns, lines=False, boxed=False), cells)
    padded = [width + 2 for width in widths]
    drawn = box.SIMPLE_HEAD.substitute(console.options, safe=True)
    paint = _painter(console)
    lines = []
    if title:  # centred over the table, as Rich centres it
        said = plain(title)
        left = (sum(padded) + len(padded) + 1 - cell_len(said)) // 2
        lines.append(" " * max(0, left) + said)  # a Text of no style of its own
    lines.append(drawn.get_top(padded))
    bold = [console.get_style("table.header")] * len(columns)
    styles = [console.get_style(str(column.style or "")) for column in frame.columns]
    wraps: dict[tuple[int, tuple[Fragment, ...]], list[tuple[str, int]]] = {}
    lines += _row_lines(console, heads, widths, bold, frame.columns, paint, drawn, wraps, True)
    lines.append(drawn.get_row(padded, "head"))
    for row in cells:
        lines += _row_lines(console, row, widths, styles, frame.columns, paint, drawn, wraps)
    lines.append(drawn.get_bottom(padded))
    return Drawn("\n".join(lines) + "\n")


Lines = list[list[Fragment]]  # a cell's lines


def _widths(console: Console, frame: Table, rows: list[list[Lines]]) -> list[int]:
    """The widths Rich gives the columns of `frame` holding these rows (without their
    padding). Rich decides them from each column's widest line and longest word alone:
    a table of one row that holds both, in a box that marks where each column ends, is
    measured as the whole table would be."""
    proxy = []
    for index in range(len(frame.columns)):
        texts = [
            piece
            for row in rows
            for line in row[index]
            for piece in "".join(text for text, _ in line).split("\n")
        ]
        widest = max(texts, key=cell_len, default="")
        longest = max((word for text in texts for word in text.split()), key=cell_len, default="")
        proxy.append(Text(f"{widest}\n{longest}"))
    frame.box = box.ASCII2  # its top: +---+---+
    frame.add_row(*proxy)
    measure = Console(width=console.width, file=io.StringIO(), color_system=None)
    with measure.capture() as capture:
        measure.print(frame)
    top = next(line for line in capture.get().split("\n") if line and set(line) <= {"+", "-"})
    return [len(piece) - 2 for piece in top.strip("+").split("+")]


_WORD = re.compile(r"\s*\S+\s*")  # a word, with the spaces before and after it
_END_SPACE = re.compile(r"\s+$")


def _fold(text: str, width: int, column: Column) -> list[tuple[str, int]]:
    """Plain text on one line, wrapped to `width` cells as Rich's Text.wrap wraps it
    (a word that fits goes on the line, one that does not starts the next, one longer
    than a line is folded, or, in a column that does not wrap, the line is cut with its
    overflow): the same lines, at a fraction of the cost. Tested against Rich itself."""
    if column.no_wrap:
        lines = [text]
    else:
        breaks = []
        used = 0
        for match in _WORD.finditer(text):
            start, word = match.start(), match.group()
            length = cell_len(word.rstrip())
            if width - used >= length:
                used += cell_len(word)
            elif length > width:
                pieces = chop_cells(word, width) if column.overflow == "fold" else [word]
                for number, piece in enumerate(pieces, start=1):
                    if start:
                        breaks.append(start)
                    if number == len(pieces):
                        used = cell_len(piece)
                    else:
                        start += len(piece)
            elif used and start:
                breaks.append(start)
                used = cell_len(word)
        ends = [0, *breaks, len(text)]
        lines = [text[begin:end] for begin, end in itertools.pairwise(ends)]
        for index, line in enumerate(lines):  # spaces past the width go, as in Rich
            spaces = _END_SPACE.search(line)
            if len(line) > width and spaces is not None:
                lines[index] = line[: len(line) - min(len(spaces.group()), len(line) - width)]
    found = []
    for line in lines:
        if cell_len(line) > width:
            if column.overflow == "ellipsis":
                line = set_cell_size(line, width - 1) + "\u2026"
            else:
                line = set_cell_size(line, width)
        found.append((line, cell_len(line)))
    return found


Painter = Callable[[str, Style], str]


def _unpainted(text: str, style: Style) -> str:
    return text


def _painter(console: Console) -> Painter:
    """Text in a style as the console writes it: plain where it writes no colours."""
    system = COLOR_SYSTEMS.get(console.color_system or "")
    if system is None:
        return _unpainted
    plainly = console.no_color

    def paint(text: str, style: Style) -> str:
        if not text or not style:
            return text
        return (style.without_color if plainly else style).render(text, color_system=system)

    return paint


def _row_lines(
    console: Console,
    row: Sequence[Lines],
    widths: list[int],
    styles: list[Style],
    columns: list[Column],
    paint: Painter,
    drawn: box.Box,
    wraps: dict[tuple[int, tuple[Fragment, ...]], list[tuple[str, int]]],
    header: bool = False,
) -> list[str]:
    """A row's lines: each cell's lines in its column's width, the shorter cells
    padded below (a header's above, as Rich aligns them)."""
    plainly = paint is _unpainted  # tens of thousands of rows: no painting to do, none done
    done: list[list[tuple[str, int] | None]] = []
    for cell, width, base, column in zip(row, widths, styles, columns, strict=True):
        lines: list[tuple[str, int] | None] = []
        right = column.justify == "right"
        for line in cell:
            whole = line[0][0] if len(line) == 1 else "".join(text for text, _ in line)
            used = cell_len(whole)
            if used > width or "\n" in whole or "\t" in whole:
                key = (id(column), tuple(line))  # shelves name the same forms again and again
                if key not in wraps:
                    wraps[key] = _wrapped(console, line, width, base, column, paint)
                lines += wraps[key]
                continue
            if plainly:
                space = " " * (width - used)
                lines.append((space + whole if right else whole + space, width))
                continue
            # As Rich writes a line of Text: a styled piece on its own, the unstyled ones
            # and the spaces that justify the line run together, all in the cell's style.
            gap = (" " * (width - used), "")
            runs = [gap, *line] if right else [*line, gap]
            pieces, loose = [], ""
            for text, name in runs:
                if name:
                    pieces += [paint(loose, base), paint(text, base + console.get_style(name))]
                    loose = ""
                else:
                    loose += text
            lines.append(("".join(pieces) + paint(loose, base), width))
        done.append(lines)
    height = max(len(cell) for cell in done)
    if header:
        blank: list[tuple[str, int] | None] = [None] * height
        done = [blank[: height - len(made)] + made for made in done]
    found = []
    for number in range(height):
        parts = []
        for made, room, base, column in zip(done, widths, styles, columns, strict=True):
            written = made[number] if number < len(made) else None
            if written is None:  # below (in a header, above) the cell: blank, padding and all
                parts.append(paint(" " * (room + 2), base))
                continue
            ink, filled = written
            if plainly and filled == room:
                parts.append(f" {ink} ")
                continue
            space = paint(" " * (room - filled), base)
            ink = space + ink if column.justify == "right" else ink + space
            pad = paint(" ", base)
            parts.append(pad + ink + pad)
        found.append(drawn.mid_left + drawn.mid_vertical.join(parts) + drawn.mid_right)
    return found


def _wrapped(
    console: Console,
    line: list[Fragment],
    width: int,
    base: Style,
    column: Column,
    paint: Painter,
) -> list[tuple[str, int]]:
    """A line that does not fit its column, cut or folded as Rich does it."""
    if paint is _unpainted and not any("\n" in text or "\t" in text for text, _ in line):
        return _fold("".join(text for text, _ in line), width, column)  # no styles to carry
    found = []
    wrapped = Text.assemble(*line, style=base).wrap(
        console, width, overflow=column.overflow, no_wrap=column.no_wrap
    )
    for piece in wrapped:
        said = "".join(
            paint(segment.text, segment.style) if segment.style else segment.text
            for segment in piece.render(console, end="")
        )
        found.append((said, piece.cell_len))
    return found


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
    return Text(*_grade_fragment(grade))


def _grade_fragment(grade: Grade) -> Fragment:
    return grade.value, GRADE_STYLE[grade]


def _verdict(verdict: Verdict) -> Text:
    return Text(*_verdict_fragment(verdict))


def _verdict_fragment(verdict: Verdict) -> Fragment:
    return verdict.value, VERDICT_STYLE[verdict]


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
    key = Text("Evidence: ", style="dim")
    for index, grade in enumerate(GRADE_ORDER):
        if index:
            key.append(" > ", style="dim")
        key.append_text(_grade(grade))
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
