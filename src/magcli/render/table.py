"""Human output: Rich tables, then the evidence key and the disclaimer.

Every string from a catalogue goes through `plain()` into a Text object, so it is shown
as written and never read as Rich markup or as terminal control codes.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from magcli.render.facts import Entry, form_facts
from magcli.text import fit_encoding, strip_unsafe
from magcli.texts import DISCLAIMER, INTERACTIONS_HINT
from magcli.vocab import (
    GRADE_MEANING,
    GRADE_ORDER,
    VERDICT_MEANING,
    Grade,
    Verdict,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from magcli.intake import LifeStage, Requirement
    from magcli.models import Claim, Form, Goal, IntakeStage, Source
    from magcli.query import Ranking
    from magcli.report import (
        AnyReport,
        DoseReport,
        FoodsReport,
        GoalsReport,
        IntakeReport,
        InteractionsReport,
        Report,
    )


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

SCORE_FORMULA = (
    "score = 2 x evidence for the goal (rct 5, small-human 4, animal 3, mechanistic 2, "
    "unverified 1, contradicted 0) + bioavailability (high 3, moderate 2, unknown 1, low 0) "
    "+ GI tolerance (gentle 2, typical 1, laxative 0). For constipation, absorption is not "
    "counted and the GI scale is reversed."
)


def plain(value: str) -> str:
    """Text from a data file with control characters (escape codes included) removed."""
    return strip_unsafe(value)


def render(report: AnyReport, stream: TextIO, quiet: bool = False) -> str:
    """The report as the text a terminal (or a pipe) should receive; `quiet` leaves out
    the disclaimer."""
    # Loaded here, not at the top: the fast path renders compare without the reports.
    from magcli.report import DoseReport, GoalsReport, IntakeReport, InteractionsReport, Report

    console = _console(stream)
    parts: list[RenderableType]
    if isinstance(report, Report) and report.command == "compare":
        pairs = [(form.id, form_facts(form)) for form in report.forms]
        sources = None
        if report.with_sources:
            keys = dict.fromkeys(k for form in report.forms for k in form.source_keys())
            sources = _sources_table(list(keys), report.catalog.sources)
        parts = _compare_parts(pairs, console.width, sources)
    elif isinstance(report, Report):
        parts = [_BODIES[report.command](report, console.width)]
        if report.command == "show":
            parts += [_grade_legend(), _verdict_legend(), Text(INTERACTIONS_HINT)]
        else:
            parts.append(_grade_key())
    elif isinstance(report, DoseReport):
        parts = [_dose(report), Text(INTERACTIONS_HINT)]
    elif isinstance(report, IntakeReport):
        parts = [_intake(report)]
    elif isinstance(report, InteractionsReport):
        parts = [_interactions(report)]
    elif isinstance(report, GoalsReport):
        parts = [_goals(report), _grade_key()]
    else:
        parts = [_foods(report)]
    return _print(console, parts, quiet)


Facts = list[tuple[str, list[Entry]]]  # form_facts(): (label, entries) for every field


def render_compare(pairs: list[tuple[str, Facts]], stream: TextIO, quiet: bool) -> str:
    """The compare table from (form id, form_facts) pairs, without sources: the fast path
    renders cached facts through this, so both paths print the same bytes."""
    console = _console(stream)
    return _print(console, _compare_parts(pairs, console.width, None), quiet)


def _console(stream: TextIO) -> Console:
    # FORCE_COLOR is for terminals and pipes; a file written with --output stays plain.
    return Console(
        file=stream,
        highlight=False,
        emoji=False,
        force_terminal=None if stream is sys.stdout else False,
    )


def _print(console: Console, parts: list[RenderableType], quiet: bool) -> str:
    with console.capture() as capture:
        for part in parts:
            console.print(part)
        if not quiet:
            console.print(Text(DISCLAIMER, style="italic"))
    # Padding at the ends of lines is noise in files and pipes.
    text = "\n".join(line.rstrip(" ") for line in capture.get().split("\n"))
    # Rich already draws ASCII boxes when the stream cannot take Unicode; the words must
    # fit too (a formula's '·', say), or writing them would fail.
    return fit_encoding(text, console.encoding)


def _compare_parts(
    pairs: list[tuple[str, Facts]], width: int, sources: Table | None
) -> list[RenderableType]:
    parts: list[RenderableType] = [_compare(pairs, width)]
    if sources is not None:
        parts.append(sources)
    return [*parts, _grade_legend(), _verdict_legend(), Text(INTERACTIONS_HINT)]


def _grade(grade: Grade) -> Text:
    return Text(grade.value, style=GRADE_STYLE[grade])


def _verdict(verdict: Verdict) -> Text:
    return Text(verdict.value, style=VERDICT_STYLE[verdict])


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


def _uses_cell(form: Form) -> Text:
    """Goals and grades only, for the one-line-per-form list."""
    if not form.uses:
        return Text("none claimed", style="dim")
    return Text("\n").join(_claim_line(use.goal, use) for use in form.uses)


def _entries_cell(label: str, entries: list[Entry]) -> Text:
    if label == "Name":
        return Text(plain(entries[0].head), style="bold")
    if label == "Sources":
        return Text(", ".join(plain(entry.head) for entry in entries))
    lines = []
    for entry in entries:
        if entry.verdict is not None:
            head = Text(plain(entry.head))
            head.append(": ")
            head.append_text(_verdict(entry.verdict))
            lines.append(_with_note(head, entry.note))
            continue
        if entry.grade is None:
            lines.append(Text(plain(entry.head)))
            continue
        head = Text(plain(entry.head), style="bold")
        head.append(" [")
        head.append_text(_grade(entry.grade))
        head.append("]")
        lines.append(_with_note(head, entry.note))
    return Text("\n").join(lines)


def _field_rows(form: Form) -> list[tuple[str, Text]]:
    """Label and cell for every field of a form, in full, as show gives it."""
    return _facts_rows(form_facts(form, full=True))


def _facts_rows(facts: Facts) -> list[tuple[str, Text]]:
    return [(label, _entries_cell(label, entries)) for label, entries in facts]


MIN_FORM_COLUMN = 20  # narrower than this, prose turns into a column of word stubs
LABEL_COLUMN = 19  # "Bioavailability" plus borders and padding


def _compare(pairs: list[tuple[str, Facts]], width: int) -> RenderableType:
    """One table, or several side by side chunks when the forms would not fit the width."""
    per_table = max(1, (width - LABEL_COLUMN) // (MIN_FORM_COLUMN + 3))
    forms = pairs
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
        for form_id, _ in chunk:
            table.add_column(Text(plain(form_id)), ratio=1, overflow="fold")
        rows = [_facts_rows(facts) for _, facts in chunk]
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
    return Group(table, _sources_table(form.source_keys(), report.catalog.sources))


def _sources_table(keys: list[str], sources: Mapping[str, Source]) -> Table:
    """Each source key with its full citation and link."""
    table = Table(box=box.SIMPLE, title=Text("Sources"), show_header=False)
    table.add_column(Text(""), style="bold", no_wrap=True)
    # A cut link is useless: a long one folds onto the next line instead.
    table.add_column(Text(""), ratio=1, overflow="fold")
    for key in dict.fromkeys(keys):
        source = sources[key]
        cell = Text(plain(source.citation))
        if source.unconfirmed:
            cell.append("\nNot confirmed: " + plain(source.unconfirmed), style="yellow")
        if source.link:
            cell.append("\n")
            cell.append(plain(source.link), style="cyan")
        table.add_row(Text(plain(key)), cell)
    return table


def _list(report: Report, _width: int) -> RenderableType:
    table = Table(box=box.SIMPLE_HEAD, title=Text(f"Magnesium forms ({len(report.forms)})"))
    table.add_column(Text("Form"), style="bold", no_wrap=True)
    table.add_column(Text("Mg %"), justify="right", no_wrap=True)
    table.add_column(Text("Bioavailability"), no_wrap=True)
    table.add_column(Text("GI"), no_wrap=True, min_width=len("laxative"))
    table.add_column(Text("Uses [evidence]"), ratio=1, overflow="fold")
    for form in report.forms:
        table.add_row(
            Text(plain(form.id)),
            Text(f"{form.elemental_mg_percent:.1f}"),
            _claim_line(form.bioavailability.level.value, form.bioavailability),
            Text(form.side_effects.gi_tolerance.value),
            _uses_cell(form),
        )
    if not report.forms:
        message = Text("No form matches these filters.")
        goals = report.filters.get("goals")
        if isinstance(goals, list) and goals:
            message.append(
                "\n--for keeps forms with a claim of their own for the goal. "
                f"'magcli rank --for {goals[0]}' shows the evidence for magnesium in general.",
                style="dim",
            )
        return message
    return table


def _general_evidence(goal: Goal) -> Text:
    """The evidence for magnesium in general, and whether any form was shown better."""
    evidence = goal.general_evidence
    line = Text(f"Magnesium in general (any form) for {plain(goal.name.lower())}: ", style="bold")
    line.append("[")
    line.append_text(_grade(evidence.grade))
    line.append("] ")
    line.append(plain(evidence.note))
    if evidence.sources:
        line.append(" [" + ", ".join(plain(key) for key in evidence.sources) + "]", style="dim")
    line.append("\n")
    line.append(plain(goal.comparison), style="bold")
    return line


def _rank(report: Report, _width: int) -> RenderableType:
    ranking: Ranking | None = report.ranking
    assert ranking is not None
    goal = ranking.goal
    name = plain(goal.name.lower())
    table = Table(box=box.SIMPLE_HEAD, title=Text(f"Forms ranked for {name}"))
    table.add_column(Text("#"), justify="right", no_wrap=True)
    table.add_column(Text("Form"), style="bold", no_wrap=True)
    table.add_column(Text("Score"), justify="right", no_wrap=True)
    table.add_column(Text("This form's own evidence"), ratio=1, overflow="fold")
    if report.explain:
        table.add_column(Text("How the score was made"), ratio=1, overflow="fold")
    else:
        table.add_column(Text("Bioavailability"), no_wrap=True)
        table.add_column(Text("GI"), no_wrap=True, min_width=len("laxative"))
    for position, item in enumerate(ranking.ranked, start=1):
        if item.use is None:
            evidence = Text("no form-specific evidence", style="dim")
        else:
            evidence = _with_note(Text.assemble("[", _grade(item.use.grade), "]"), item.use.note)
        cells = [
            Text(str(position)),
            Text(plain(item.form.id)),
            Text(str(item.score)),
            evidence,
        ]
        if report.explain:
            terms = [f"{part.name} {part.points} ({part.reason})" for part in item.parts]
            cells.append(Text(plain("\n+ ".join(terms) + f"\n= {item.score}")))
        else:
            cells.append(Text(item.form.bioavailability.level.value))
            cells.append(Text(item.form.side_effects.gi_tolerance.value))
        table.add_row(*cells)
    parts: list[RenderableType] = [_general_evidence(goal)]
    if ranking.ranked:
        parts.append(table)
    else:
        parts.append(Text(f"No form in the catalogue makes a claim of its own for {name}."))
    if report.explain:
        parts.append(Text(SCORE_FORMULA, style="dim"))
    if ranking.unranked:
        names = ", ".join(plain(form.id) for form in ranking.unranked)
        parts.append(
            Text(
                f"Not ranked (no claim of their own for {name}, and no evidence in people "
                f"for magnesium in general): {names}",
                style="dim",
            )
        )
    return Group(*parts)


def _goals(report: GoalsReport) -> RenderableType:
    from magcli.query import forms_with_evidence

    catalog = report.catalog
    table = Table(
        box=box.SIMPLE_HEAD,
        show_lines=True,
        title=Text("Goals: the evidence for magnesium in general (any form)"),
    )
    table.add_column(Text("Goal"), style="bold", no_wrap=True)
    table.add_column(Text("Magnesium in general"), ratio=3, overflow="fold")
    table.add_column(Text("Forms with their own evidence"), ratio=2, overflow="fold")
    for goal in catalog.goals:
        evidence = goal.general_evidence
        general = Text.assemble("[", _grade(evidence.grade), "] ", plain(evidence.note))
        general.append("\n" + plain(goal.comparison), style="dim")
        own = [
            Text.assemble(plain(form.id), " [", _grade(use.grade), "]")
            for form, use in forms_with_evidence(catalog, goal)
        ]
        table.add_row(
            Text(plain(goal.id)),
            general,
            Text("\n").join(own) if own else Text("none", style="dim"),
        )
    hint = Text("'magcli rank --for GOAL' ranks the forms for one goal.", style="dim")
    keys = [key for goal in catalog.goals for key in goal.general_evidence.sources]
    return Group(table, hint, _sources_table(keys, catalog.sources))


def _grade_key() -> Text:
    key = Text("Evidence, strongest first: ", style="dim")
    for index, grade in enumerate(GRADE_ORDER):
        if index:
            key.append(" > ", style="dim")
        key.append_text(_grade(grade))
    key.append(" ('magcli --help' says what each means)", style="dim")
    return key


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


def _grade_legend() -> Table:
    """Every evidence grade with what it means."""
    table = Table(box=None, title=Text("Evidence grades, strongest first"), show_header=False)
    table.add_column(Text(""), no_wrap=True)
    table.add_column(Text(""), ratio=1)
    for grade, meaning in GRADE_MEANING.items():
        table.add_row(_grade(grade), Text(meaning))
    return table


def _mg(value: float) -> str:
    """A milligram figure with a gram equivalent once it is large."""
    text = f"{value:,.1f}".removesuffix(".0") + " mg"
    return text + f" ({value / 1000:,.2f} g)" if value >= 1000 else text


def _person_line(person: LifeStage, requirement: Requirement) -> str:
    return f"{person.describe()} ({requirement.reference} table, {requirement.stage.label})"


def _dose(report: DoseReport) -> RenderableType:
    result = report.dose
    form = result.form
    table = Table(box=box.SQUARE, show_header=False, title=Text(f"Dose of {plain(form.name)}"))
    table.add_column(Text(""), style="bold", no_wrap=True)
    table.add_column(Text(""), ratio=1, overflow="fold")
    compound = Text(_mg(result.compound_mg) + " of " + plain(form.compound))
    magnesium = Text(
        _mg(result.elemental_mg)
        + f" of magnesium ({form.elemental_mg_percent:.2f}% by weight of {plain(form.formula)})"
    )
    rows = [("Compound", compound), ("Magnesium", magnesium)]
    if result.asked == "elemental":
        rows.reverse()
    requirement = result.requirement
    if report.person is not None and requirement is not None:
        rows.append(("For", Text(_person_line(report.person, requirement))))
        percent = result.percent_rda
        if requirement.rda_mg is None:
            rda = Text("differs by sex at this age: add --sex for a percentage", style="dim")
        else:
            rda = Text(f"{requirement.rda_mg} mg/day; this dose is {percent:.0f}% of it")
        rows.append((requirement.reference, rda))
        if requirement.ul_mg is None:
            limit = Text("none set for infants", style="yellow")
        elif result.exceeds_ul:
            limit = Text(f"{requirement.ul_mg} mg/day from supplements: ", style="bold")
            limit.append("ABOVE the limit", style="bold red")
        else:
            limit = Text(f"{requirement.ul_mg} mg/day from supplements: within it")
        rows.append(("Upper limit", limit))
    if result.label is not None:
        rows.append(
            (
                "Label check",
                Text(
                    f"label says {_mg(result.label.label_mg)} of magnesium in "
                    f"{_mg(result.compound_mg)}: {result.label.implied_percent:.1f}% "
                    f"({result.label.verdict} than the formula's "
                    f"{form.elemental_mg_percent:.2f}%)"
                    if result.label.verdict != "consistent"
                    else f"label says {_mg(result.label.label_mg)} of magnesium in "
                    f"{_mg(result.compound_mg)}: {result.label.implied_percent:.1f}%, "
                    "as the formula allows"
                ),
            )
        )
    for label, cell in rows:
        table.add_row(Text(label), cell)
    parts: list[RenderableType] = [table]
    for warning in report.warnings:
        parts.append(Text.assemble(("Warning: ", "bold red"), plain(warning)))
    if report.label_notes:
        parts.append(Text("Reading labels", style="bold"))
        parts.extend(Text("- " + plain(note)) for note in report.label_notes)
    return Group(*parts)


def _intake_table(stages: list[IntakeStage]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, title=Text("Magnesium intake, mg a day (IOM 1997)"))
    for header in ("Life stage", "Male", "Female", "Pregnancy", "Lactation", "Upper limit*"):
        table.add_column(Text(header), justify="left" if header == "Life stage" else "right")

    def cell(value: int | None, reference: str) -> Text:
        if value is None:
            return Text("-", style="dim")
        return Text(f"{value}" + (" (AI)" if reference == "AI" else ""))

    for stage in stages:
        table.add_row(
            Text(plain(stage.label)),
            cell(stage.male_mg, stage.reference),
            cell(stage.female_mg, stage.reference),
            cell(stage.pregnancy_mg, stage.reference),
            cell(stage.lactation_mg, stage.reference),
            Text(str(stage.ul_mg)) if stage.ul_mg else Text("not set", style="dim"),
        )
    return table


def _intake(report: IntakeReport) -> RenderableType:
    reference = report.reference
    requirement = report.requirement
    stages = reference.intake.stages if requirement is None else [requirement.stage]
    parts: list[RenderableType] = [_intake_table(stages)]
    if report.person is not None and requirement is not None:
        line = Text(f"For a {report.person.describe()}: ", style="bold")
        if requirement.rda_mg is None:
            line.append("the RDA differs by sex at this age (add --sex); ")
        else:
            line.append(f"{requirement.reference} {requirement.rda_mg} mg a day; ")
        if requirement.ul_mg is None:
            line.append("no upper limit is set for infants.")
        else:
            line.append(f"at most {requirement.ul_mg} mg a day from supplements.")
        parts.append(line)
    parts.append(Text("* " + plain(reference.intake.ul_note), style="dim"))
    parts.append(Text("AI: adequate intake, set for infants where no RDA could be.", style="dim"))
    parts.append(_sources_table(reference.intake.sources, reference.sources))
    return Group(*parts)


def _interactions(report: InteractionsReport) -> RenderableType:
    reference = report.reference
    lookup = report.lookup
    title = "Medicines and magnesium"
    if lookup.form is not None:
        title += f" (these apply to {plain(lookup.form.name)} as to every form)"
    elif lookup.query is not None:
        title += f": {plain(lookup.query)}"
    table = Table(box=box.SIMPLE_HEAD, show_lines=True, title=Text(title))
    table.add_column(Text("Medicines"), ratio=2, overflow="fold")
    table.add_column(Text("What happens"), ratio=3, overflow="fold")
    table.add_column(Text("What to do"), ratio=3, overflow="fold")
    for item in lookup.interactions:
        medicines = Text(plain(item.drug_class), style="bold")
        if item.medicines:
            medicines.append("\n" + plain(", ".join(item.medicines)), style="dim")
        if item.brands:
            medicines.append("\n(" + plain(", ".join(item.brands)) + ")", style="dim")
        advice = Text(plain(item.full_advice))
        if item.note:
            advice.append("\n" + plain(item.note), style="dim")
        advice.append("\n[" + ", ".join(item.sources) + "]", style="dim")
        table.add_row(medicines, Text(plain(item.effect)), advice)
    groups = Table(
        box=box.SIMPLE_HEAD,
        title=Text("Ask a clinician before taking magnesium if this is you"),
        show_header=False,
    )
    groups.add_column(Text(""), style="bold", ratio=2, overflow="fold")
    groups.add_column(Text(""), ratio=5, overflow="fold")
    for group in reference.risk_groups:
        groups.add_row(Text(plain(group.group)), Text(plain(group.reason)))
    keys: dict[str, None] = {}
    for cited in [*lookup.interactions, *reference.risk_groups]:
        keys.update(dict.fromkeys(cited.sources))
    parts: list[RenderableType] = []
    if lookup.interactions:
        parts.append(table)
    else:  # the warning itself goes to stderr; the groups below still apply
        parts.append(
            Text(f"No entry in magcli's interaction table for {plain(lookup.query or '')}.")
        )
    return Group(*parts, groups, _sources_table(list(keys), reference.sources))


def _foods(report: FoodsReport) -> RenderableType:
    reference = report.reference
    requirement = report.requirement
    servings = requirement is not None and requirement.rda_mg is not None
    table = Table(
        box=box.SIMPLE_HEAD, title=Text(f"Food sources of magnesium ({len(report.rows)})")
    )
    table.add_column(Text("Food"), ratio=1, overflow="fold")
    table.add_column(Text("Serving"), no_wrap=True)
    table.add_column(Text("mg"), justify="right", no_wrap=True)
    table.add_column(Text("% DV"), justify="right", no_wrap=True)
    if servings:
        table.add_column(Text("Servings for RDA"), justify="right", no_wrap=True)
    for row in report.rows:
        cells = [
            Text(plain(row.food.food)),
            Text(plain(row.food.serving)),
            Text(str(row.food.mg)),
            Text(f"{row.percent_dv}%"),
        ]
        if servings and row.servings_for_rda is not None:
            cells.append(Text(f"{row.servings_for_rda:.1f}"))
        table.add_row(*cells)
    parts: list[RenderableType] = [table if report.rows else Text("No food matches.")]
    parts.append(
        Text(
            f"% DV: share of the {reference.daily_value_mg} mg Daily Value on US labels "
            "(adults and children 4 and up).",
            style="dim",
        )
    )
    if report.person is not None and requirement is not None:
        if requirement.rda_mg is None:
            parts.append(Text("Add --sex for servings: the RDA differs by sex at this age."))
        else:
            parts.append(
                Text(
                    f"Servings for RDA: how many servings of that food alone give the "
                    f"{requirement.rda_mg} mg a day a {report.person.describe()} needs."
                )
            )
    parts.append(_sources_table(reference.foods.sources, reference.sources))
    return Group(*parts)


_BODIES = {"show": _show, "list": _list, "rank": _rank}
