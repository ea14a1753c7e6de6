"""Human output: Rich tables, then the evidence key and the disclaimer.

Every string from a catalogue goes through `plain()` into a Text object, so it is shown
as written and never read as Rich markup or as terminal control codes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TextIO

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from magcli.report import DISCLAIMER
from magcli.vocab import GRADE_ORDER, Grade

if TYPE_CHECKING:
    from magcli.models import Claim, Form
    from magcli.query import Ranking
    from magcli.report import Report

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

GRADE_STYLE = {
    Grade.RCT: "bold green",
    Grade.SMALL_HUMAN: "green",
    Grade.ANIMAL: "yellow",
    Grade.MECHANISTIC: "yellow",
    Grade.UNVERIFIED: "red",
    Grade.CONTRADICTED: "bold red",
}

SCORE_FORMULA = (
    "score = 2 x evidence for the goal (rct 5, small-human 4, animal 3, mechanistic 2, "
    "unverified 1, contradicted 0) + bioavailability (high 3, moderate 2, unknown 1, low 0) "
    "+ GI tolerance (gentle 2, typical 1, laxative 0). For constipation, absorption is not "
    "counted and the GI scale is reversed."
)


def plain(value: str) -> str:
    """Text from a data file with control characters (escape codes included) removed."""
    return _CONTROL.sub("", value)


def render(report: Report, stream: TextIO) -> str:
    """The report as the text a terminal (or a pipe) should receive."""
    console = Console(file=stream, highlight=False, emoji=False)
    body = _BODIES[report.command](report, console.width)
    with console.capture() as capture:
        console.print(body)
        console.print(_grade_key())
        console.print(Text(DISCLAIMER, style="italic"))
    # Padding at the ends of lines is noise in files and pipes.
    return "\n".join(line.rstrip(" ") for line in capture.get().split("\n"))


def _grade(grade: Grade) -> Text:
    return Text(grade.value, style=GRADE_STYLE[grade])


def _claim_line(label: str, claim: Claim) -> Text:
    line = Text(plain(label), style="bold")
    line.append(" ")
    line.append("[")
    line.append_text(_grade(claim.grade))
    line.append("]")
    return line


def _with_note(head: Text, note: str) -> Text:
    if not note:
        return head
    return Text.assemble(head, "\n", Text(plain(note), style="dim"))


def _uses_cell(form: Form, notes: bool) -> Text:
    if not form.uses:
        return Text("none claimed", style="dim")
    lines = [
        _with_note(_claim_line(use.goal.value, use), use.note if notes else "") for use in form.uses
    ]
    return Text("\n").join(lines)


def _field_rows(form: Form) -> list[tuple[str, Text]]:
    """Label and cell for every field of a form, in the order compare and show use."""
    return [
        ("Name", Text(plain(form.name), style="bold")),
        ("Aliases", Text(plain(", ".join(form.aliases)) or "-")),
        ("Compound", Text(plain(form.compound))),
        ("Formula", Text(plain(form.formula))),
        ("Elemental Mg", Text(f"{form.elemental_mg_percent:.2f}% by weight")),
        (
            "Bioavailability",
            _with_note(
                _claim_line(form.bioavailability.level.value, form.bioavailability),
                form.bioavailability.note,
            ),
        ),
        ("Uses", _uses_cell(form, notes=True)),
        (
            "GI tolerance",
            _with_note(
                _claim_line(form.side_effects.gi_tolerance.value, form.side_effects),
                form.side_effects.note,
            ),
        ),
        ("Notes", Text(plain(form.notes) or "-")),
        ("Sources", Text(", ".join(form.source_keys()))),
    ]


MIN_FORM_COLUMN = 20  # narrower than this, prose turns into a column of word stubs
LABEL_COLUMN = 19  # "Bioavailability" plus borders and padding


def _compare(report: Report, width: int) -> RenderableType:
    """One table, or several side by side chunks when the forms would not fit the width."""
    per_table = max(1, (width - LABEL_COLUMN) // (MIN_FORM_COLUMN + 3))
    forms = report.forms
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
        rows = [_field_rows(form) for form in chunk]
        for index, (label, _) in enumerate(rows[0]):
            table.add_row(Text(label), *(form_rows[index][1] for form_rows in rows))
        tables.append(table)
    return Group(*tables)


def _show(report: Report, _width: int) -> RenderableType:
    form = report.forms[0]
    table = Table(box=box.SQUARE, show_lines=True, show_header=False, title=Text(plain(form.name)))
    table.add_column(Text(""), style="bold", no_wrap=True)
    table.add_column(Text(""), ratio=1, overflow="fold")
    for label, cell in _field_rows(form)[:-1]:
        table.add_row(Text(label), cell)
    sources = Table(box=box.SIMPLE, title=Text("Sources"), show_header=False)
    sources.add_column(Text(""), style="bold", no_wrap=True)
    # A cut link is useless: a long one folds onto the next line instead.
    sources.add_column(Text(""), ratio=1, overflow="fold")
    for key in form.source_keys():
        source = report.catalog.sources[key]
        sources.add_row(
            Text(plain(key)),
            Text.assemble(
                Text(plain(source.citation)), "\n", Text(plain(source.link), style="cyan")
            ),
        )
    return Group(table, sources)


def _list(report: Report, _width: int) -> RenderableType:
    table = Table(box=box.SIMPLE_HEAD, title=Text(f"Magnesium forms ({len(report.forms)})"))
    table.add_column(Text("Form"), style="bold", no_wrap=True)
    table.add_column(Text("Mg %"), justify="right", no_wrap=True)
    table.add_column(Text("Bioavailability"), no_wrap=True)
    table.add_column(Text("GI"), no_wrap=True)
    table.add_column(Text("Uses [evidence]"), ratio=1, overflow="fold")
    for form in report.forms:
        table.add_row(
            Text(plain(form.id)),
            Text(f"{form.elemental_mg_percent:.1f}"),
            _claim_line(form.bioavailability.level.value, form.bioavailability),
            Text(form.side_effects.gi_tolerance.value),
            _uses_cell(form, notes=False),
        )
    if not report.forms:
        return Text("No form matches these filters.")
    return table


def _rank(report: Report, _width: int) -> RenderableType:
    ranking: Ranking | None = report.ranking
    assert ranking is not None
    goal = ranking.goal.value
    table = Table(box=box.SIMPLE_HEAD, title=Text(f"Forms ranked for {goal}"))
    table.add_column(Text("#"), justify="right", no_wrap=True)
    table.add_column(Text("Form"), style="bold", no_wrap=True)
    table.add_column(Text("Score"), justify="right", no_wrap=True)
    table.add_column(Text(f"Evidence for {goal}"), ratio=1, overflow="fold")
    if report.explain:
        table.add_column(Text("How the score was made"), ratio=1, overflow="fold")
    else:
        table.add_column(Text("Bioavailability"), no_wrap=True)
        table.add_column(Text("GI"), no_wrap=True)
    for position, item in enumerate(ranking.ranked, start=1):
        use = item.form.use_for(ranking.goal)
        assert use is not None
        cells = [
            Text(str(position)),
            Text(plain(item.form.id)),
            Text(str(item.score)),
            _with_note(Text.assemble("[", _grade(use.grade), "]"), use.note),
        ]
        if report.explain:
            terms = [f"{part.name} {part.points} ({part.reason})" for part in item.parts]
            cells.append(Text(plain("\n+ ".join(terms) + f"\n= {item.score}")))
        else:
            cells.append(Text(item.form.bioavailability.level.value))
            cells.append(Text(item.form.side_effects.gi_tolerance.value))
        table.add_row(*cells)
    parts: list[RenderableType] = []
    if ranking.ranked:
        parts.append(table)
    else:
        parts.append(Text(f"No form in the catalogue makes a claim for {goal}."))
    if report.explain:
        parts.append(Text(SCORE_FORMULA, style="dim"))
    if ranking.unranked:
        names = ", ".join(plain(form.id) for form in ranking.unranked)
        parts.append(Text(f"Not ranked (no claim for {goal}): {names}", style="dim"))
    return Group(*parts)


def _grade_key() -> Text:
    key = Text("Evidence, strongest first: ", style="dim")
    for index, grade in enumerate(GRADE_ORDER):
        if index:
            key.append(" > ", style="dim")
        key.append_text(_grade(grade))
    key.append(" ('magcli --help' says what each means)", style="dim")
    return key


_BODIES = {"compare": _compare, "show": _show, "list": _list, "rank": _rank}
