"""Tables for people: Rich tables of a result, then its legend and the disclaimer.

Every string from a catalogue goes through `plain()` into a Text object, so it is shown
as written and never read as Rich markup or as terminal control codes.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from magcli import results as out
from magcli.query import score_rule
from magcli.render import blocks
from magcli.render.facts import (
    CHECK_MEANING,
    INTERACTIONS_HINT,
    MAX_USES,
    PRODUCT_COLUMNS,
    Entry,
    best_uses,
    daily_said,
    dose_marks,
    food_name,
    food_notes,
    form_facts,
    intake_line,
    label_check_text,
    limit_cell,
    limit_said,
    medicine_rules,
    names_said,
    no_value_said,
    over_limit,
    plan_lead,
    product_cells,
    product_details,
    servings_note,
    short_name,
    stack_marks,
    stack_verdict,
    summary_facts,
    timeline,
    unique_sources,
    usual_name,
)
from magcli.text import fit_encoding, mg_text, strip_unsafe
from magcli.vocab import GRADE_MEANING, GRADE_ORDER, VERDICT_MEANING, Grade, Verdict

if TYPE_CHECKING:
    from magcli.commands.compare import CompareResult
    from magcli.commands.dose import DoseResult
    from magcli.commands.foods import FoodsResult
    from magcli.commands.goals import GoalsResult
    from magcli.commands.intake import IntakeResult
    from magcli.commands.interactions import InteractionsResult, RiskGroupOut
    from magcli.commands.list_forms import ListResult
    from magcli.commands.plan import PlanResult
    from magcli.commands.products import ProductsResult
    from magcli.commands.rank import RankResult
    from magcli.commands.show import ShowResult
    from magcli.commands.stack import StackResult
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

SCORE_HINT = (
    "Score: the form's own evidence for the goal, counted twice, plus absorption and gut "
    "tolerance (--explain shows each sum); 'none': no evidence of its own."
)


def plain(value: str) -> str:
    """Text from a data file with control characters (escape codes included) removed."""
    return strip_unsafe(value)


def render(result: out.Result, stream: TextIO, view: View) -> str:
    """The result as the text a terminal (or a pipe) should receive."""
    console = _console(stream)
    from magcli.commands import module

    if hasattr(module(result.command), "layout"):
        laid = blocks.document(result, view, terminal=True)
        drawn = [_draw(block, view, console.width) for block in laid.blocks]
        return _print(console, [part for part in drawn if part is not None], view.quiet)
    parts = BODIES[result.command](result, view, console.width)
    # Warnings come right after the answer they are about.
    warnings = [Text.assemble(("Warning: ", "bold red"), plain(w)) for w in result.warnings]
    return _print(console, [*parts[:1], *warnings, *parts[1:]], view.quiet)


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
        lines = [Text(plain(block.title), style="bold")] if block.title else []
        lines += [Text("- " + plain(line)) for line in block.lines]
        return Group(*lines) if lines else None
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
        return _grade_legend() if view.long else _grade_key()
    return _verdict_legend()


def _grid(grid: blocks.Grid, width: int) -> RenderableType:
    if not grid.side_by_side:
        return _table(grid.title, grid.columns, grid.rows, grid.lines)
    # One column per thing: as many as fit beside the labels, then another table.
    label = max((len(plain(row[0][0].head)) for row in grid.rows if row[0]), default=0) + 3
    per_table = max(1, (width - label) // (MIN_FORM_COLUMN + 3))
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
        tables.append(_table(title, columns, rows, grid.lines))
    return Group(*tables)


def _table(
    title: str, columns: Sequence[blocks.Column], rows: Sequence[Sequence[list[Entry]]], lines: bool
) -> Table:
    table = Table(
        box=box.SQUARE if lines else box.SIMPLE_HEAD,
        show_lines=lines,
        title=Text(plain(title)) if title else None,
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
            table.add_column(heading, ratio=1, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(cell) for cell in row))
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


def _cell(entries: list[Entry]) -> Text:
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
        lines.append(_with_note(head, entry.note))
    return Text("\n").join(lines)


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


def _graded(label: str, grade: Grade) -> Text:
    return Text.assemble((plain(label), "bold"), " [", _grade(grade), "]")


def _with_note(head: Text, note: str) -> Text:
    if not note:
        return head
    return Text.assemble(head, "\n", Text(plain(note), style="dim"))


def _entries_cell(label: str, entries: list[Entry]) -> Text:
    if label == "Name":
        return Text(plain(entries[0].head), style="bold")
    if entries and all(entry.cite for entry in entries):
        return Text(", ".join(plain(entry.head) for entry in entries))
    lines = []
    for entry in entries:
        if entry.verdict is not None:
            head = Text.assemble(plain(entry.head), ": ", _verdict(entry.verdict))
        elif entry.grade is not None:
            head = _graded(entry.head, entry.grade)
            if entry.size:
                head.append(f" ({plain(entry.size)})")
        else:
            head = Text(plain(entry.head))
        lines.append(_with_note(head, entry.note))
    return Text("\n").join(lines)


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


# Forms -----------------------------------------------------------------------------------

MIN_FORM_COLUMN = 20  # narrower than this, prose turns into a column of word stubs
LABEL_COLUMN = 18  # "Popular claims" plus borders and padding


def _compare(result: CompareResult, view: View, width: int) -> list[RenderableType]:
    """The summary: a few lines per form, each claim with its grade, the popular claims
    with their verdicts. --long gives every note."""
    if view.long:
        return _compare_long(result, view, width)
    forms = result.forms
    per_table = max(1, (width - SUMMARY_LABEL) // (MIN_FORM_COLUMN + 1))
    tables = []
    for start in range(0, len(forms), per_table):
        chunk = forms[start : start + per_table]
        table = Table(box=box.SIMPLE_HEAD, title=Text(_chunk_title(start, chunk, forms)))
        table.add_column(Text(""), style="bold", no_wrap=True)
        for form in chunk:
            table.add_column(Text(plain(short_name(form))), ratio=1, overflow="fold")
        facts = [summary_facts(form) for form in chunk]
        for index, (label, _) in enumerate(facts[0]):
            entries = [each[index][1] for each in facts]
            if any(entries):
                table.add_row(Text(label), *(_summary_cell(each) for each in entries))
        tables.append(table)
    parts: list[RenderableType] = [Group(*tables)]
    if view.sources:
        parts.append(_sources_table(unique_sources(forms)))
    return [*parts, _grade_key(), Text(INTERACTIONS_HINT, style="dim")]


SUMMARY_LABEL = len("Absorption") + 2


def _chunk_title(start: int, chunk: Sequence[out.FormOut], forms: Sequence[out.FormOut]) -> str:
    title = "Magnesium forms compared"
    if len(chunk) < len(forms):
        last = start + len(chunk)
        span = f"{start + 1}" if last == start + 1 else f"{start + 1}-{last}"
        title += f" ({span} of {len(forms)})"
    return title


def _summary_cell(entries: list[Entry]) -> Text:
    """A summary's lines: a graded claim as 'sleep [rct]', a popular claim as
    '"Calming": not-shown'; no notes."""
    lines = []
    for entry in entries:
        if entry.verdict is not None:
            lines.append(Text.assemble(f'"{plain(entry.head)}": ', _verdict(entry.verdict)))
        elif entry.grade is not None:
            lines.append(Text.assemble(plain(entry.head), " [", _grade(entry.grade), "]"))
        else:
            lines.append(Text(plain(entry.head)))
    return Text("\n").join(lines) if lines else Text("-", style="dim")


def _compare_long(result: CompareResult, view: View, width: int) -> list[RenderableType]:
    """One table, or several side by side chunks when the forms would not fit the width."""
    forms = result.forms
    per_table = max(1, (width - LABEL_COLUMN) // (MIN_FORM_COLUMN + 3))
    tables = []
    for start in range(0, len(forms), per_table):
        chunk = forms[start : start + per_table]
        title = "Magnesium forms compared"
        if len(forms) > per_table:
            last = start + len(chunk)
            span = f"{start + 1}" if last == start + 1 else f"{start + 1}-{last}"
            title += f" ({span} of {len(forms)})"
        table = Table(box=box.SQUARE, show_lines=True, title=Text(title))
        table.add_column(Text(""), style="bold", no_wrap=True)
        for form in chunk:
            table.add_column(Text(plain(form.id)), ratio=1, overflow="fold")
        facts = [form_facts(form) for form in chunk]
        for index, (label, _) in enumerate(facts[0]):
            table.add_row(Text(label), *(_entries_cell(label, each[index][1]) for each in facts))
        tables.append(table)
    parts: list[RenderableType] = [Group(*tables)]
    if view.sources:
        parts.append(_sources_table(unique_sources(forms)))
    return [*parts, _grade_legend(), _verdict_legend(), Text(INTERACTIONS_HINT)]


def _show(result: ShowResult, view: View, width: int) -> list[RenderableType]:
    (form,) = result.forms
    table = Table(box=box.SQUARE, show_lines=True, show_header=False, title=Text(plain(form.name)))
    table.add_column(Text(""), style="bold", no_wrap=True)
    table.add_column(Text(""), ratio=1, overflow="fold")
    for label, entries in form_facts(form, full=True)[:-1]:  # sources: in full below
        table.add_row(Text(label), _entries_cell(label, entries))
    return [
        table,
        _sources_table(form.sources),
        _grade_legend(),
        _verdict_legend(),
        Text(INTERACTIONS_HINT),
    ]


def _list(result: ListResult, view: View, width: int) -> list[RenderableType]:
    if not result.forms:
        message = Text("No form matches these filters.")
        if result.filters.goals:
            message.append(
                "\n--for keeps forms with a claim of their own for the goal. "
                f"'magcli rank --for {result.filters.goals[0]}' shows the evidence for "
                "magnesium in general.",
                style="dim",
            )
        return [message, _grade_key()]
    table = Table(box=box.SIMPLE_HEAD, title=Text(f"Magnesium forms ({len(result.forms)})"))
    table.add_column(Text("Form"), style="bold", no_wrap=True)
    table.add_column(Text("Mg %"), justify="left" if view.long else "right", no_wrap=True)
    table.add_column(Text("Absorption"))
    table.add_column(Text("Gut"), no_wrap=True, min_width=len("laxative"))
    table.add_column(Text("Uses [evidence]"), ratio=1)
    most = max(form.elemental_mg_percent for form in result.forms)
    for form in result.forms:
        uses = best_uses(form)
        shown = uses if view.long else uses[:MAX_USES]
        cells = [_graded(use.goal, use.grade) for use in shown]
        if len(uses) > len(shown):
            cells.append(Text(f"+{len(uses) - len(shown)} more (--long)", style="dim"))
        share = f"{form.elemental_mg_percent:.1f}"
        cell = Text(share)
        if view.long:  # the magnesium share as a picture too
            cell = Text.assemble(f"{share:>4} ", (bar(form.elemental_mg_percent, most, 6), "cyan"))
        table.add_row(
            Text(plain(form.id)),
            cell,
            _graded(form.bioavailability.level.value, form.bioavailability.grade),
            Text(form.side_effects.gi_tolerance.value),
            Text("\n").join(cells) if cells else Text("none claimed", style="dim"),
        )
    return [table, _grade_key()]


def _general_evidence(name: str, evidence: out.EvidenceOut, comparison: str) -> Text:
    """The evidence for magnesium in general, and whether any form was shown better."""
    line = Text(f"Magnesium in general (any form) for {plain(name.lower())}: ", style="bold")
    line.append_text(Text.assemble("[", _grade(evidence.grade), "] "))
    if evidence.size:
        line.append(f"({plain(evidence.size)}) ")
    line.append(plain(evidence.note))
    if evidence.sources:
        line.append(" [" + ", ".join(plain(key) for key in evidence.sources) + "]", style="dim")
    line.append("\n")
    line.append(plain(comparison), style="bold")
    return line


def _rank(result: RankResult, view: View, width: int) -> list[RenderableType]:
    name = plain(result.goal_name.lower())
    table = Table(box=box.SIMPLE_HEAD, title=Text(f"Forms ranked for {name}"))
    table.add_column(Text("#"), justify="right", no_wrap=True)
    table.add_column(Text("Form"), style="bold", no_wrap=True)
    table.add_column(Text("Score"), justify="right", no_wrap=True)
    table.add_column(Text("This form's own evidence"), ratio=1, overflow="fold")
    notes = view.long or view.explain
    if view.explain:
        table.add_column(Text("How the score was made"), ratio=1, overflow="fold")
    elif notes:  # the notes need the width: absorption and gut share a column
        table.add_column(Text("Absorption,\ngut"), no_wrap=True)
    else:
        table.add_column(Text("Absorption"), no_wrap=True)
        table.add_column(Text("Gut"), no_wrap=True, min_width=len("laxative"))
    for item in result.forms:
        own = item.form_evidence
        if own is None:
            evidence = Text("none", style="dim")
        else:
            grade = Text.assemble("[", _grade(own.grade), "]")
            if own.size:
                grade.append(f" {plain(own.size)}")
            evidence = _with_note(grade, own.note) if notes else grade
        place = Text(f"={item.rank}" if item.tied else str(item.rank))
        cells = [place, Text(plain(item.id)), Text(str(item.score)), evidence]
        if view.explain:
            terms = [f"{part.name} {part.points} ({part.reason})" for part in item.score_parts]
            cells.append(Text(plain("\n+ ".join(terms) + f"\n= {item.score}")))
        elif notes:
            level, gut = item.bioavailability.level.value, item.side_effects.gi_tolerance.value
            cells.append(Text(f"{level}\n{gut}"))
        else:
            cells.append(Text(item.bioavailability.level.value))
            cells.append(Text(item.side_effects.gi_tolerance.value))
        table.add_row(*cells)
    parts: list[RenderableType] = [
        _general_evidence(result.goal_name, result.general_evidence, result.comparison)
    ]
    if result.forms:
        parts.append(table)
    else:
        parts.append(Text(f"No form has evidence of its own for {name}."))
    if view.explain:
        parts.append(Text(score_rule(), style="dim"))
    if result.unranked:
        why = UNRANKED_BECAUSE.get(result.general_evidence.grade, UNRANKED_BECAUSE[None])
        names = ", ".join(plain(form_id) for form_id in result.unranked)
        parts.append(
            Text(f"Not ranked (no evidence of their own for {name}; {why}): {names}", style="dim")
        )
    if result.forms and not view.explain:
        parts.append(Text(SCORE_HINT, style="dim"))
    if any(item.tied for item in result.forms):
        parts.append(Text("=: the same score as another form, a tie.", style="dim"))
    cited = [source for source in result.sources]
    for item in result.forms:
        if item.form_evidence is not None:
            keys = set(item.form_evidence.sources)
            cited += [source for source in item.sources if source.key in keys]
    unique = list({source.key: source for source in cited}.values())
    parts += _cited(unique, view)
    return [*parts, _grade_key()]


def _cited(sources: Sequence[out.SourceOut], view: View) -> list[RenderableType]:
    """The sources in full with --long, else one line of keys; nothing when none."""
    if not sources:
        return []
    if view.long:
        return [_sources_table(sources)]
    keys = ", ".join(plain(source.key) for source in sources)
    return [Text(f"Sources: {keys} (--long: full citations)", style="dim")]


UNRANKED_BECAUSE = {
    Grade.CONTRADICTED: "trials of magnesium in general found it unlikely to help",
    Grade.UNVERIFIED: "no study of magnesium in general was found",
    None: "the evidence for magnesium in general does not come from people",
}


def _goals(result: GoalsResult, view: View, width: int) -> list[RenderableType]:
    table = Table(
        box=box.SIMPLE_HEAD,
        show_lines=view.long,
        title=Text("Goals: the evidence for magnesium in general (any form)"),
    )
    table.add_column(Text("Goal"), style="bold", no_wrap=True)
    if view.long:
        table.add_column(Text("Magnesium in general"), ratio=3, overflow="fold")
    else:
        table.add_column(Text("Magnesium in general"), overflow="fold")
    table.add_column(Text("Forms with their own evidence"), ratio=2, overflow="fold")
    for goal in result.goals:
        evidence = goal.general_evidence
        general = Text.assemble("[", _grade(evidence.grade), "]")
        if evidence.size:
            general.append(f" {plain(evidence.size)}")
        if view.long:
            general.append(" " + plain(evidence.note))
            general.append("\n" + plain(goal.comparison), style="dim")
        elif goal.form_shown_better:
            general.append(" a form shown better", style="dim")
        own = [_graded(form.id, form.grade) for form in goal.forms_with_evidence]
        table.add_row(
            Text(plain(goal.id)),
            general,
            Text("\n" if view.long else ", ").join(own) if own else Text("none", style="dim"),
        )
    hint = Text(
        "'magcli rank GOAL' ranks the forms for one goal; --long gives each finding.",
        style="dim",
    )
    return [table, hint, *_cited(result.sources, view), _grade_key()]


# Dose, intake, interactions, foods -----------------------------------------------------


def _dose(result: DoseResult, view: View, width: int) -> list[RenderableType]:
    table = Table(box=box.SQUARE, show_header=False, title=Text(f"Dose of {plain(result.name)}"))
    table.add_column(Text(""), style="bold", no_wrap=True)
    table.add_column(Text(""), ratio=1, overflow="fold")
    compound = Text(mg_text(result.compound_mg) + " of " + plain(result.compound))
    magnesium = Text(
        mg_text(result.magnesium_mg) + f" of magnesium ({result.elemental_mg_percent:.2f}% "
        f"by weight of {plain(result.formula)})"
    )
    rows = [("Compound", compound), ("Magnesium", magnesium)]
    if result.input == "elemental":
        rows.reverse()
    person = result.life_stage
    if person is not None:
        rows.append(
            ("For", Text(f"{person.description} ({person.reference} table, {person.stage})"))
        )
        if result.need_mg is None:
            rda = Text(no_value_said(result), style="dim")
        else:
            rda = Text(f"{result.need_mg} mg/day; this dose is {result.percent_of_need:.0f}% of it")
        rows.append((person.reference, rda))
        if result.upper_limit_mg is None:
            limit = Text(limit_said(None, result.upper_limit_mg_per_kg), style="yellow")
        elif result.over_limit:
            limit = Text(f"{result.upper_limit_mg} mg/day from supplements: ", style="bold")
            limit.append("ABOVE the limit", style="bold red")
        else:
            limit = Text(f"{result.upper_limit_mg} mg/day from supplements: within it")
        rows.append(("Upper limit", limit))
    if result.label_check is not None:
        rows.append(("Label check", Text(label_check_text(result, result.label_check))))
    for label, cell in rows:
        table.add_row(Text(label), cell)
    parts: list[RenderableType] = [table]
    marks = dose_marks(result)
    if marks:
        parts.append(_dose_bars(marks, width))
    if person is None:
        parts.append(_next_step(result))
    notes = result.label_notes if view.long else result.label_notes[:1]
    if notes:
        parts.append(Text("Reading labels", style="bold"))
        parts.extend(Text("- " + plain(note)) for note in notes)
        if len(result.label_notes) > len(notes):
            parts.append(Text("(--long: more on reading this form's labels)", style="dim"))
    return [*parts, Text(INTERACTIONS_HINT, style="dim")]


def _next_step(result: DoseResult) -> Text:
    """Without a life stage there is no verdict: say how to get one."""
    given = "--compound" if result.input == "compound" else "--elemental"
    amount = result.compound_mg if result.input == "compound" else result.magnesium_mg
    line = Text("Is it too much? Add an age and sex to set it against the RDA and the ")
    line.append("upper limit, for example:\n")
    line.append(
        f"  magcli dose {plain(result.form)} {given} {amount:g}mg --age 35 --sex female",
        style="bold",
    )
    return line


BAR, HALF = "\u2588", "\u258c"  # full and left-half blocks (ASCII: '#', see magcli.text)


def bar(value: float, scale: float, cells: int) -> str:
    """`value` as a bar of at most `cells` characters, to half a character."""
    halves = round(value / scale * cells * 2) if scale > 0 else 0
    return BAR * (halves // 2) + HALF * (halves % 2)


MARK_STYLE = {
    "dose": "bold",
    "over": "bold red",
    "need": "green",
    "limit": "yellow",
    "share": "cyan",
}


def _dose_bars(marks: list[tuple[str, float, str]], width: int) -> Table:
    """The dose, the RDA (or AI) and the upper limit as bars on one scale."""
    scale = max(value for _, value, _ in marks)
    labels = max(len(label) for label, _, _ in marks)
    figures = max(len(mg_text(value)) for _, value, _ in marks)
    cells = max(4, min(50, width - labels - figures - 7))  # 7: the columns' padding
    chart = Table(box=None, show_header=False, padding=(0, 1))
    chart.add_column(Text(""), no_wrap=True)
    chart.add_column(Text(""), no_wrap=True)
    chart.add_column(Text(""), no_wrap=True, justify="right")
    for label, value, kind in marks:
        chart.add_row(
            Text(label),
            Text(bar(value, scale, cells), style=MARK_STYLE[kind]),
            Text(mg_text(value)),
        )
    return chart


def _intake(result: IntakeResult, view: View, width: int) -> list[RenderableType]:
    table = Table(
        box=box.SIMPLE_HEAD, title=Text(f"Magnesium intake, mg a day: {plain(result.region.name)}")
    )
    for header in ("Life stage", "Male", "Female", "Pregnancy", "Lactation", "Upper limit*"):
        table.add_column(Text(header), justify="left" if header == "Life stage" else "right")
    usual = usual_name(result)

    def cell(value: int | None, reference: str) -> Text:
        if value is None:
            return Text("-", style="dim")
        return Text(f"{value}" + (f" ({reference})" if reference != usual else ""))

    for stage in result.stages:
        limit = limit_cell(stage.upper_limit_mg, stage.upper_limit_mg_per_kg)
        table.add_row(
            Text(plain(stage.label)),
            cell(stage.male_mg, stage.reference),
            cell(stage.female_mg, stage.reference),
            cell(stage.pregnancy_mg, stage.reference),
            cell(stage.lactation_mg, stage.reference),
            Text(limit, style="dim" if limit == "not set" else ""),
        )
    parts: list[RenderableType] = [table]
    if result.life_stage is not None:
        parts.append(Text(intake_line(result), style="bold"))
    parts.append(Text("* " + plain(result.upper_limit_note), style="dim"))
    parts.append(Text(names_said([stage.reference for stage in result.stages]), style="dim"))
    if result.region.unconfirmed:
        parts.append(
            Text(
                f"Not confirmed in the authority's document: {plain(result.region.unconfirmed)}.",
                style="yellow",
            )
        )
    parts += _cited(result.sources, view)
    return parts


def _interactions(result: InteractionsResult, view: View, width: int) -> list[RenderableType]:
    title = "Medicines and magnesium"
    if result.form is not None:
        title += f" (these apply to {plain(result.form)} as to every form)"
    elif result.query is not None:
        title += f": {plain(result.query)}"
    table = Table(box=box.SIMPLE_HEAD, show_lines=True, title=Text(title))
    table.add_column(Text("Medicines"), ratio=2, overflow="fold")
    if view.long:
        table.add_column(Text("What happens"), ratio=3, overflow="fold")
    table.add_column(Text("What to do"), ratio=3, overflow="fold")
    for item in result.interactions:
        medicines = Text(plain(item.drug_class), style="bold")
        named = [name for name in item.medicines if name.lower() not in item.drug_class.lower()]
        if named:
            medicines.append("\n" + plain(", ".join(named)), style="dim")
        if item.brands:
            medicines.append("\n(" + plain(", ".join(item.brands)) + ")", style="dim")
        advice = Text(plain(item.advice))
        if view.long:
            if item.note:
                advice.append("\n" + plain(item.note), style="dim")
            keys = ", ".join(plain(key) for key in item.sources)
            advice.append(f"\n[{keys}]", style="dim")
            table.add_row(medicines, Text(plain(item.effect)), advice)
        else:
            table.add_row(medicines, advice)
    first: RenderableType = table
    if not result.interactions:  # the warning below says what that means
        first = Text(f"No entry in magcli's interaction table for {plain(result.query or '')}.")
    if not view.long:
        return [first, _risk_line(result.risk_groups), *_cited(result.sources, view)]
    groups = Table(
        box=box.SIMPLE_HEAD,
        title=Text("Ask a clinician before taking magnesium if this is you"),
        show_header=False,
    )
    groups.add_column(Text(""), style="bold", ratio=2, overflow="fold")
    groups.add_column(Text(""), ratio=5, overflow="fold")
    for group in result.risk_groups:
        groups.add_row(Text(plain(group.group)), Text(plain(group.reason)))
    return [first, groups, _sources_table(result.sources)]


def _risk_line(groups: Sequence[RiskGroupOut]) -> Text:
    """Who should ask a clinician first, in one paragraph (--long says why)."""
    line = Text(
        "Ask a clinician before taking magnesium if one of these applies to you: ", style="bold"
    )
    line.append("; ".join(plain(group.group) for group in groups))
    line.append(" (--long says why).", style="dim")
    return line


def _foods(result: FoodsResult, view: View, width: int) -> list[RenderableType]:
    servings = any(food.servings_for_need is not None for food in result.foods)
    table = Table(
        box=box.SIMPLE_HEAD, title=Text(f"Food sources of magnesium ({len(result.foods)})")
    )
    table.add_column(Text("Food"), ratio=1, overflow="fold")
    table.add_column(Text("Serving"), no_wrap=True)
    table.add_column(Text("mg"), justify="right", no_wrap=True)
    table.add_column(Text("% DV"), justify="right", no_wrap=True)
    if servings:
        table.add_column(Text("Servings for RDA"), justify="right", no_wrap=True)
    for food in result.foods:
        cells = [
            Text(plain(food_name(food))),
            Text(plain(food.serving)),
            Text(str(food.magnesium_mg)),
            Text(f"{food.percent_dv}%"),
        ]
        if servings and food.servings_for_need is not None:
            cells.append(Text(f"{food.servings_for_need:.1f}"))
        table.add_row(*cells)
    parts: list[RenderableType] = [table if result.foods else Text("No food matches.")]
    parts.append(
        Text(
            f"% DV: share of the {result.daily_value_mg} mg Daily Value on US labels "
            "(adults and children 4 and up).",
            style="dim",
        )
    )
    if servings_note(result):
        parts.append(Text(servings_note(result)))
    parts += [Text(plain(note), style="dim") for note in food_notes(result)]
    parts += _cited(result.sources, view)
    return parts


def _products(result: ProductsResult, view: View, width: int) -> list[RenderableType]:
    table = Table(box=box.SIMPLE_HEAD, title=Text(f"Your products ({len(result.products)})"))
    for index, column in enumerate(PRODUCT_COLUMNS):
        if index == 0:
            table.add_column(Text(column), ratio=1, overflow="fold", min_width=16)
        else:
            right = index < len(PRODUCT_COLUMNS) - 1
            table.add_column(Text(column), justify="right" if right else "left", no_wrap=True)
    for product in result.products:
        cells = product_cells(product)
        name, forms = cells[0].split("\n", 1)
        first = Text.assemble((plain(name), "bold"), "\n")
        if product.evidence is not None:  # each form's own evidence for the goal, in place
            first.append_text(
                Text(", ").join(
                    Text.assemble(plain(item.form), " [", _grade(item.grade), "]")
                    if item.grade is not None
                    else Text(f"{plain(item.form)} [none]", style="dim")
                    for item in product.evidence
                )
                if product.evidence
                else Text(plain(forms), style="dim")
            )
        else:
            first.append(plain(forms), style="dim")
        verdict = Text(cells[-1], style=CHECK_STYLE[product.label_check.verdict])
        table.add_row(first, *(Text(cell) for cell in cells[1:-1]), verdict)
    parts: list[RenderableType] = []
    if result.general_evidence is not None and result.filters.goal is not None:
        evidence = result.general_evidence
        parts.append(
            Text.assemble(
                (f"Magnesium in general (any form) for {plain(result.filters.goal)}: ", "bold"),
                "[",
                _grade(evidence.grade),
                "] ",
                plain(evidence.note),
            )
        )
    parts.append(table if result.products else Text("No product to show."))
    if over_limit(result):
        parts.append(Text(over_limit(result), style="yellow"))
    if view.long:  # each product's reasons, at full width
        for product in result.products:
            parts.append(Text(plain(product.name), style="bold"))
            parts.extend(Text("- " + plain(line)) for line in product_details(product))
    parts.append(Text(daily_said(result), style="dim"))
    if view.long:
        seen = dict.fromkeys(product.label_check.verdict for product in result.products)
        legend = "; ".join(f"{word}: {CHECK_MEANING[word]}" for word in seen)
        parts.append(
            Text(
                f"Label: the magnesium share of the weight against the formula; {legend}.",
                style="dim",
            )
        )
    else:
        parts.append(
            Text(
                "Label: the magnesium share of the weight against the formula; --long gives "
                "each reason, the magnesium a unit and the cost of 30 days.",
                style="dim",
            )
        )
    parts += _cited(result.sources, view)
    return parts


def _stack(result: StackResult, view: View, width: int) -> list[RenderableType]:
    table = Table(box=box.SIMPLE_HEAD, title=Text("Supplemental magnesium in a day"), expand=True)
    table.add_column(Text("Source"), ratio=1, overflow="fold")
    table.add_column(Text("mg a day"), justify="right", no_wrap=True)
    table.add_column(Text("Note"), ratio=1)
    for row in result.rows:
        table.add_row(
            Text(plain(row.source)),
            Text(mg_text(row.magnesium_mg_per_day)),
            Text(plain(row.note), style="dim"),
        )
    table.add_row(
        Text("Total", style="bold"),
        Text(mg_text(result.total_magnesium_mg_per_day), style="bold"),
        Text(""),
    )
    style = "bold red" if result.over_limit else "bold"
    parts: list[RenderableType] = [Text(stack_verdict(result), style=style), table]
    parts.append(_dose_bars(stack_marks(result), width))
    if result.total_intake_mg is not None and result.percent_of_need is not None:
        parts.append(
            Text(
                f"With {mg_text(result.diet_mg or 0)} from food: {mg_text(result.total_intake_mg)} "
                f"a day, {result.percent_of_need:.0f}% of the {result.need_mg} mg "
                f"{result.need_name}."
            )
        )
    if result.medicines:
        parts.append(Text("With your medicines ('magcli plan' times the magnesium):", style="bold"))
        parts += [Text("- " + plain(line)) for line in medicine_rules(result.medicines)]
    parts.append(Text("* " + plain(result.region.upper_limit_note), style="dim"))
    parts += _cited(result.sources, view)
    return parts


def _plan(result: PlanResult, view: View, width: int) -> list[RenderableType]:
    lead = Text(plan_lead(result), style="bold" if result.doses else "bold red")
    table = Table(box=box.SIMPLE_HEAD, title=Text("Your day"), expand=True)
    table.add_column(Text("Time"), no_wrap=True)
    table.add_column(Text("What"), ratio=1)
    table.add_column(Text("Why"), ratio=3)
    for time, what, why in timeline(result):
        style = "bold" if what.startswith("magnesium") else ""
        table.add_row(Text(time, style=style), Text(plain(what), style=style), Text(plain(why)))
    parts: list[RenderableType] = [lead, table]
    parts += [Text(plain(note), style="dim") for note in result.notes]
    parts.append(Text(f"Region: {plain(result.region.name)}.", style="dim"))
    parts += _cited(result.sources, view)
    return parts


CHECK_STYLE = {
    "consistent": "green",
    "likely-blend": "bold red",
    "below-formula": "yellow",
    "impossible": "bold red",
    "unchecked": "dim",
}


BODIES: dict[str, Callable[[Any, View, int], list[RenderableType]]] = {
    "compare": _compare,
    "show": _show,
    "list": _list,
    "rank": _rank,
    "goals": _goals,
    "dose": _dose,
    "intake": _intake,
    "interactions": _interactions,
    "foods": _foods,
    "products": _products,
    "stack": _stack,
    "plan": _plan,
}
