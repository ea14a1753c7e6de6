"""The command line: options in, a report out. No computing happens here."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TextIO, TypeVar, cast

import typer

from magcli import __version__
from magcli.errors import EXIT_OVER_LIMIT, EXIT_RUNTIME, MagcliError, OutputError, UsageError
from magcli.names import normalize_name, repeat_warnings
from magcli.stream import Closed, quiet_broken_pipe, write_stdout
from magcli.text import escape_unsafe, shorten
from magcli.vocab import GRADE_MEANING, Grade, Level, SortField, choose, closest

if TYPE_CHECKING:
    from magcli.intake import LifeStage
    from magcli.report import AnyReport

GRADE_HELP = "\n\n".join(f"{grade.value}: {meaning}" for grade, meaning in GRADE_MEANING.items())

app = typer.Typer(
    name="magcli",
    help=(
        "Compare magnesium supplement forms: absorption, uses, side effects, and how strong "
        "the evidence is behind every claim.\n\n"
        "Evidence grades, strongest first:\n\n" + GRADE_HELP
    ),
    epilog=(
        "Exit codes: 0 success, 1 bad catalogue file or other failure, 2 usage error, "
        "3 dose above the upper limit with --strict, 130 interrupted. "
        "Information only, not medical advice."
    ),
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _complete_formats(incomplete: str) -> list[str]:
    from magcli.render import FORMATS

    return [name for name in FORMATS if name.startswith(incomplete.lower())]


def _complete_from(vocabulary: type[StrEnum]) -> Callable[[str], list[str]]:
    def complete(incomplete: str) -> list[str]:
        return [m.value for m in vocabulary if m.value.startswith(incomplete.lower())]

    return complete


def _complete_goals(incomplete: str) -> list[str]:
    """Goal ids and aliases that start as typed."""
    from magcli.catalog import load_catalog

    try:
        catalog = load_catalog()
    except MagcliError:
        return []
    names = ["-".join(name.split()) for goal in catalog.goals for name in (goal.id, *goal.aliases)]
    return [name for name in names if name.lower().startswith(incomplete.lower())]


def _complete_medicines(incomplete: str) -> list[str]:
    """Medicine names, classes and brands from the interaction table, then form names."""
    from magcli.catalog import load_reference
    from magcli.medicines import display_names

    try:
        names = display_names(load_reference())
    except MagcliError:
        names = []
    # Shells keep only what starts with the word as typed: offer 'levaquin' to 'lev'.
    typed = [name if name.startswith(incomplete) else name.lower() for name in names]
    found = [name for name in typed if name.lower().startswith(incomplete.lower())]
    return list(dict.fromkeys(found)) + _complete_forms(incomplete)


def _complete_forms(incomplete: str) -> list[str]:
    """Ids and aliases (spaces as hyphens, which resolve the same) that start as typed."""
    from magcli.catalog import load_catalog

    try:
        catalog = load_catalog()
    except MagcliError:
        return []
    wanted = normalize_name(incomplete) if incomplete.strip() else ""
    names: dict[str, None] = {}
    for form in catalog.forms:
        for name in (form.id, *form.aliases):
            shown = "-".join(name.split())
            if normalize_name(shown).startswith(wanted) or shown.lower().startswith(
                incomplete.lower()
            ):
                names[shown] = None
    return list(names)


JsonOption = Annotated[
    bool, typer.Option("--json", help="Print one JSON document (the same as --format json).")
]
FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="Output format: table (the default), json, jsonl, csv, tsv, markdown or html.",
        autocompletion=_complete_formats,
    ),
]
OutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE (replaced whole, never half-written) instead of stdout.",
    ),
]
QuietOption = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="Leave the disclaimer out of table, markdown and html."),
]
DataOption = Annotated[
    str | None,
    typer.Option(
        "--data",
        envvar="MAGCLI_DATA",
        metavar="PATH",
        help="Read this catalogue file instead of the bundled one.",
        show_envvar=True,
    ),
]


DEBUG_ENV = "MAGCLI_DEBUG"
BUG_REPORT = (
    "this is a bug in magcli; please report it with the command you ran "
    f"({DEBUG_ENV}=1 shows the details)"
)


class _State:
    """Settings of the current run that the commands share."""

    debug = False


def _debugging() -> bool:
    return _State.debug or os.environ.get(DEBUG_ENV, "") not in ("", "0")


def _fail(message: str, code: int) -> NoReturn:
    typer.echo(f"Error: {escape_unsafe(message)}", err=True)
    raise typer.Exit(code)


E = TypeVar("E", bound=StrEnum)


def _choice(vocabulary: type[E], value: str, option: str) -> E:
    """`value` as a member of `vocabulary`, or a usage error naming the closest choices."""
    try:
        return choose(vocabulary, value, "")
    except UsageError as error:
        raise typer.BadParameter(str(error).strip(), param_hint=f"'{option}'") from None


def _choices(vocabulary: type[StrEnum]) -> str:
    return ", ".join(member.value for member in vocabulary)


@dataclass(frozen=True)
class OutputChoice:
    """Where and how a command writes its report."""

    fmt: str
    path: str | None
    quiet: bool


def _output_choice(as_json: bool, fmt: str | None, output: str | None, quiet: bool) -> OutputChoice:
    from magcli.render import FORMATS

    chosen = fmt.strip().lower() if fmt is not None else None
    if chosen is not None and chosen not in FORMATS:
        close = closest(chosen, FORMATS, limit=2)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise typer.BadParameter(
            f"{escape_unsafe(shorten(fmt or ''))} is not one of {', '.join(FORMATS)}{hint}",
            param_hint="'--format'",
        )
    if as_json and chosen not in (None, "json"):
        raise typer.BadParameter(f"--json asks for json, --format for {chosen}; give one")
    if output is not None and not output.strip():
        raise typer.BadParameter("the file name is empty", param_hint="'--output'")
    return OutputChoice("json" if as_json else chosen or "table", output, quiet)


def _emit(build: Callable[[], AnyReport], choice: OutputChoice) -> AnyReport:
    """Build the report, render all of it, then write it in one go; errors go to stderr."""
    from magcli.render import render

    stdout = sys.stdout
    if stdout is None and choice.path is None:  # stdout closed: nowhere to write
        raise typer.Exit(EXIT_RUNTIME)
    try:
        report = build()
        if choice.path is not None:
            _write_file(
                choice.path, lambda stream: render(report, choice.fmt, stream, choice.quiet)
            )
            return report
        assert stdout is not None
        text = render(report, choice.fmt, stdout, choice.quiet)
    except MagcliError as error:
        _fail(str(error), error.exit_code)
    except typer.BadParameter:
        raise  # a usage error in an option value, reported by Typer with exit 2
    except Exception as error:
        if _debugging():
            raise
        _fail(f"internal error ({type(error).__name__}: {error}); {BUG_REPORT}", EXIT_RUNTIME)
    _write_stdout(text)
    return report


def _write_stdout(text: str) -> None:
    """Write all of `text` to stdout, quietly giving up if nobody is reading."""
    try:
        write_stdout(text)
    except Closed as closed:
        raise typer.Exit(closed.code) from None


def _write_file(path: str, produce: Callable[[TextIO], str]) -> None:
    """Write `path` atomically: a temporary file beside it, renamed over it when complete."""
    target = Path(path)
    try:
        # Closed by the `with` below; opened apart so that a failure to create it is told
        # from a failure to write it.
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115
            "w",
            encoding="utf-8",
            dir=target.parent if str(target.parent) else ".",
            prefix=f".{target.name}.",
            suffix=".tmp",
            delete=False,
        )
    except OSError as error:
        raise OutputError(f"{path}: cannot write: {error.strerror or error}") from None
    try:
        with handle:
            handle.write(produce(cast("TextIO", handle)))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, target)
    except OSError as error:
        raise OutputError(f"{path}: cannot write: {error.strerror or error}") from None
    finally:
        if os.path.exists(handle.name):
            os.unlink(handle.name)


def _warn(message: str) -> None:
    typer.echo(f"Warning: {escape_unsafe(message)}", err=True)


@app.command()
def compare(
    forms: Annotated[
        list[str],
        typer.Argument(
            metavar="FORM FORM [FORM...]",
            help="Form names or aliases.",
            autocompletion=_complete_forms,
        ),
    ],
    sources: Annotated[
        bool, typer.Option("--sources", help="Also list the full citation of every source.")
    ] = False,
    as_json: JsonOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
    quiet: QuietOption = False,
    data: DataOption = None,
) -> None:
    """Set forms side by side, one column each, in the order given.

    Example: magcli compare glycinate citrate
    """
    from magcli.catalog import load_catalog
    from magcli.query import compare as compare_forms
    from magcli.report import Report

    def build() -> Report:
        catalog = load_catalog(data)
        selection = compare_forms(catalog, forms)
        for warning in repeat_warnings(selection.duplicates):
            _warn(warning)
        return Report("compare", catalog, selection.forms, with_sources=sources)

    _emit(build, _output_choice(as_json, fmt, output, quiet))


@app.command("list")
def list_forms(
    goal_names: Annotated[
        list[str] | None,
        typer.Option(
            "--for",
            metavar="GOAL",
            autocompletion=_complete_goals,
            help="Only forms with a claim of their own for this goal; repeat to require "
            "several. 'magcli goals' lists the goals.",
        ),
    ] = None,
    min_bioavailability_name: Annotated[
        str | None,
        typer.Option(
            "--min-bioavailability",
            metavar="LEVEL",
            autocompletion=_complete_from(Level),
            help="Only forms absorbed at least this well in people: high > moderate > low "
            "(unknown never passes).",
        ),
    ] = None,
    gentle: Annotated[
        bool, typer.Option("--gentle", help="Leave out forms that act as laxatives.")
    ] = False,
    min_evidence_name: Annotated[
        str | None,
        typer.Option(
            "--min-evidence",
            metavar="GRADE",
            autocompletion=_complete_from(Grade),
            help="Only forms whose evidence reaches this grade: for every --for goal, or "
            f"without --for, for absorption or any use. One of: {_choices(Grade)}.",
        ),
    ] = None,
    sort_name: Annotated[
        str,
        typer.Option(
            "--sort",
            metavar="FIELD",
            autocompletion=_complete_from(SortField),
            help=f"Order of the rows: {_choices(SortField)}. Measures sort best first.",
        ),
    ] = SortField.CATALOG.value,
    as_json: JsonOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
    quiet: QuietOption = False,
    data: DataOption = None,
) -> None:
    """List forms, optionally filtered and sorted.

    Example: magcli list --for sleep --gentle
    """
    from magcli.catalog import load_catalog, resolve_goal
    from magcli.query import filter_forms, sort_forms
    from magcli.report import Report

    min_bioavailability = (
        _choice(Level, min_bioavailability_name, "--min-bioavailability")
        if min_bioavailability_name
        else None
    )
    min_evidence = (
        _choice(Grade, min_evidence_name, "--min-evidence") if min_evidence_name else None
    )
    sort = _choice(SortField, sort_name, "--sort")

    def build() -> Report:
        catalog = load_catalog(data)
        wanted = list(dict.fromkeys(resolve_goal(catalog, name).id for name in goal_names or []))
        kept = filter_forms(
            catalog.forms,
            goals=wanted,
            min_bioavailability=min_bioavailability,
            gentle=gentle,
            min_evidence=min_evidence,
        )
        filters = {
            "goals": wanted,
            "min_bioavailability": min_bioavailability.value if min_bioavailability else None,
            "gentle": gentle,
            "min_evidence": min_evidence.value if min_evidence else None,
            "sort": sort.value,
        }
        return Report("list", catalog, sort_forms(kept, sort, wanted), filters=filters)

    _emit(build, _output_choice(as_json, fmt, output, quiet))


@app.command()
def show(
    form: Annotated[
        str,
        typer.Argument(
            metavar="FORM", help="A form name or alias.", autocompletion=_complete_forms
        ),
    ],
    as_json: JsonOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
    quiet: QuietOption = False,
    data: DataOption = None,
) -> None:
    """Everything about one form, with full citations.

    Example: magcli show oxide
    """
    from magcli.catalog import load_catalog, resolve
    from magcli.report import Report

    def build() -> Report:
        catalog = load_catalog(data)
        return Report("show", catalog, [resolve(catalog, form)])

    _emit(build, _output_choice(as_json, fmt, output, quiet))


@app.command()
def rank(
    goal_name: Annotated[
        str,
        typer.Option(
            "--for",
            metavar="GOAL",
            autocompletion=_complete_goals,
            help="The goal to rank for; 'magcli goals' lists them.",
        ),
    ],
    explain: Annotated[
        bool, typer.Option("--explain", help="Show how each score was made.")
    ] = False,
    as_json: JsonOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
    quiet: QuietOption = False,
    data: DataOption = None,
) -> None:
    """Rank forms for a goal, after the evidence for magnesium in general.

    First what trials of magnesium in any form found for the goal, and whether any form
    has been shown better than another; then the forms by a transparent score (their own
    evidence for the goal, absorption, tolerance). When the general evidence comes from
    people, forms with no evidence of their own are ranked too, as "no form-specific
    evidence". --explain shows each sum.

    Example: magcli rank --for constipation --explain
    """
    from magcli.catalog import load_catalog, resolve_goal
    from magcli.query import rank as rank_forms
    from magcli.report import Report

    def build() -> Report:
        catalog = load_catalog(data)
        ranking = rank_forms(catalog, resolve_goal(catalog, goal_name))
        return Report("rank", catalog, [item.form for item in ranking.ranked], ranking, explain)

    _emit(build, _output_choice(as_json, fmt, output, quiet))


AgeOption = Annotated[
    float | None,
    typer.Option("--age", metavar="YEARS", help="Age in years (0.5 for six months)."),
]
SexOption = Annotated[str | None, typer.Option("--sex", metavar="SEX", help="female or male.")]
PregnantOption = Annotated[bool, typer.Option("--pregnant", help="Use pregnancy values.")]
LactatingOption = Annotated[bool, typer.Option("--lactating", help="Use breastfeeding values.")]


def _life_stage(
    age: float | None, sex: str | None, pregnant: bool, lactating: bool
) -> LifeStage | None:
    from magcli.intake import Sex, life_stage

    return life_stage(age, _choice(Sex, sex, "--sex") if sex else None, pregnant, lactating)


@app.command()
def dose(
    form: Annotated[
        str,
        typer.Argument(
            metavar="FORM", help="A form name or alias.", autocompletion=_complete_forms
        ),
    ],
    compound: Annotated[
        str | None,
        typer.Option(
            "--compound",
            metavar="AMOUNT",
            help="Weight of the compound, e.g. 1000, 1000mg or 1.5g: how much magnesium is in it?",
        ),
    ] = None,
    elemental: Annotated[
        str | None,
        typer.Option(
            "--elemental",
            metavar="AMOUNT",
            help="Magnesium wanted, e.g. 200mg: how much compound holds it?",
        ),
    ] = None,
    label_mg: Annotated[
        str | None,
        typer.Option(
            "--label-mg",
            metavar="AMOUNT",
            help="With --compound: the magnesium the label claims for that weight; magcli "
            "checks whether the two figures fit the formula.",
        ),
    ] = None,
    age: AgeOption = None,
    sex: SexOption = None,
    pregnant: PregnantOption = False,
    lactating: LactatingOption = False,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Exit 3 when the dose is above the supplement upper limit."),
    ] = False,
    as_json: JsonOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
    quiet: QuietOption = False,
    data: DataOption = None,
) -> None:
    """Convert a dose and check it against intake limits.

    Converts compound weight to elemental magnesium or back; with a life stage, sets the
    dose against the RDA and the upper limit for supplements.

    Example: magcli dose oxide --elemental 400 --age 35 --sex female
    """
    from magcli.catalog import load_catalog, load_reference, resolve
    from magcli.dosing import dose as make_dose
    from magcli.dosing import label_notes_for, parse_quantity, warnings_for
    from magcli.intake import requirement
    from magcli.report import DoseReport

    def build() -> DoseReport:
        person = _life_stage(age, sex, pregnant, lactating)
        compound_mg = parse_quantity(compound, "--compound") if compound is not None else None
        elemental_mg = parse_quantity(elemental, "--elemental") if elemental is not None else None
        label = parse_quantity(label_mg, "--label-mg") if label_mg is not None else None
        catalog = load_catalog(data)
        needs = requirement(load_reference(), person) if person else None
        result = make_dose(
            resolve(catalog, form),
            compound_mg=compound_mg,
            elemental_mg=elemental_mg,
            requirement=needs,
            label_mg=label,
        )
        return DoseReport(catalog, result, person, warnings_for(result), label_notes_for(result))

    choice = _output_choice(as_json, fmt, output, quiet)
    report = _emit(build, choice)
    assert isinstance(report, DoseReport)
    if choice.fmt != "table" or choice.path is not None:  # a table shows them itself
        for warning in report.warnings:
            _warn(warning)
    if strict and report.dose.exceeds_ul:
        raise typer.Exit(EXIT_OVER_LIMIT)


@app.command()
def intake(
    age: AgeOption = None,
    sex: SexOption = None,
    pregnant: PregnantOption = False,
    lactating: LactatingOption = False,
    as_json: JsonOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
    quiet: QuietOption = False,
) -> None:
    """Recommended intake and upper limits by life stage.

    Without options, the whole table; with --age (and --sex, --pregnant or --lactating),
    the values for that person.

    Example: magcli intake --age 16 --sex female --pregnant
    """
    from magcli.catalog import load_reference
    from magcli.intake import requirement
    from magcli.report import IntakeReport

    def build() -> IntakeReport:
        person = _life_stage(age, sex, pregnant, lactating)
        reference = load_reference()
        needs = requirement(reference, person) if person else None
        return IntakeReport(reference, person, needs)

    _emit(build, _output_choice(as_json, fmt, output, quiet))


@app.command()
def interactions(
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="[MEDICINE]",
            help="A medicine (generic or brand name, or its class, such as tetracyclines); "
            "without one, every entry.",
            autocompletion=_complete_medicines,
        ),
    ] = None,
    as_json: JsonOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
    quiet: QuietOption = False,
    data: DataOption = None,
) -> None:
    """Medicines magnesium interacts with, how far apart to take them, and who should ask
    first.

    Give a medicine to see its entry and the spacing rule in hours, by which one you take
    first. A medicine the table does not list is not thereby safe: magcli says so. A form
    name shows every entry, since they apply to every form.

    Example: magcli interactions doxycycline
    """
    from magcli.catalog import load_catalog, load_reference
    from magcli.medicines import lookup
    from magcli.report import InteractionsReport

    def build() -> InteractionsReport:
        reference = load_reference()
        found = lookup(reference, name, lambda: load_catalog(data))
        return InteractionsReport(reference, found)

    choice = _output_choice(as_json, fmt, output, quiet)
    report = _emit(build, choice)
    assert isinstance(report, InteractionsReport)
    notice = report.lookup.not_listed
    if notice and choice.fmt != "json":  # JSON carries it as a field
        _warn(notice)


@app.command()
def goals(
    as_json: JsonOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
    quiet: QuietOption = False,
    data: DataOption = None,
) -> None:
    """What people take magnesium for, and the evidence for magnesium in general.

    For each goal: what trials of magnesium in any form found (graded), whether any form
    has been shown better than another, and the forms with evidence of their own.
    'magcli rank --for GOAL' ranks the forms for one goal.

    Example: magcli goals
    """
    from magcli.catalog import load_catalog
    from magcli.report import GoalsReport

    _emit(lambda: GoalsReport(load_catalog(data)), _output_choice(as_json, fmt, output, quiet))


@app.command()
def foods(
    top: Annotated[
        int | None, typer.Option("--top", metavar="N", help="Only the first N foods.")
    ] = None,
    min_mg: Annotated[
        float,
        typer.Option("--min-mg", metavar="MG", help="Only foods with at least MG per serving."),
    ] = 0,
    sort_name: Annotated[
        str,
        typer.Option("--sort", metavar="FIELD", help="mg (richest first, the default) or name."),
    ] = "mg",
    age: AgeOption = None,
    sex: SexOption = None,
    pregnant: PregnantOption = False,
    lactating: LactatingOption = False,
    as_json: JsonOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
    quiet: QuietOption = False,
) -> None:
    """Food sources of magnesium per serving.

    With the share of the Daily Value; with --age and --sex, how many servings of each
    food reach the RDA.

    Example: magcli foods --top 10
    """
    from magcli.catalog import load_reference
    from magcli.intake import FoodSort, food_rows, requirement
    from magcli.report import FoodsReport

    sort = _choice(FoodSort, sort_name, "--sort")

    def build() -> FoodsReport:
        person = _life_stage(age, sex, pregnant, lactating)
        reference = load_reference()
        needs = requirement(reference, person) if person else None
        rows = food_rows(
            reference,
            top=top,
            min_mg=min_mg,
            sort=sort,
            rda_mg=needs.rda_mg if needs else None,
        )
        filters = {"top": top, "min_mg": min_mg, "sort": sort.value}
        return FoodsReport(reference, rows, person, needs, filters)

    _emit(build, _output_choice(as_json, fmt, output, quiet))


@app.command()
def schema(
    command: Annotated[
        str | None,
        typer.Option(
            "--command",
            metavar="NAME",
            help="Only the document of this command (compare, list, show, rank, goals, dose, "
            "intake, interactions, foods).",
            autocompletion=lambda incomplete: [
                name for name in _document_names() if name.startswith(incomplete)
            ],
        ),
    ] = None,
    catalog: Annotated[
        bool,
        typer.Option("--catalog", help="The schema of a catalogue file instead of the output."),
    ] = False,
    output: OutputOption = None,
) -> None:
    """Print the JSON Schema of the output, or of a catalogue file.

    Example: magcli schema --command compare
    """
    import json

    from magcli.output import catalog_schema, output_schema

    if catalog and command is not None:
        raise typer.BadParameter("--catalog and --command cannot go together")
    if command is not None and command not in _document_names():
        close = closest(command.lower(), _document_names(), limit=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        raise typer.BadParameter(
            f"{escape_unsafe(shorten(command))} has no JSON document{hint}",
            param_hint="'--command'",
        )
    document = catalog_schema() if catalog else output_schema(command)
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if output is not None:
        try:
            _write_file(output, lambda stream: text)
        except MagcliError as error:
            _fail(str(error), error.exit_code)
        return
    _write_stdout(text)


def _document_names() -> list[str]:
    from magcli.output import DOCUMENTS

    return list(DOCUMENTS)


def _version(value: bool) -> None:
    if value:
        from magcli.catalog import load_catalog
        from magcli.report import OUTPUT_SCHEMA_VERSION

        try:
            catalog = load_catalog()
            data = f"data {catalog.data_version} (catalogue schema {catalog.schema_version})"
        except MagcliError as error:
            data = f"data unreadable: {escape_unsafe(str(error).splitlines()[0])}"
        typer.echo(f"magcli {__version__}, {data}, JSON output schema {OUTPUT_SCHEMA_VERSION}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            help=f"Show the full traceback of an internal error (or set {DEBUG_ENV}=1).",
        ),
    ] = False,
) -> None:
    """Compare magnesium supplement forms."""
    _State.debug = debug


def run() -> None:
    """Run the command line in this process; magcli.__main__.main is the entry point."""
    try:
        app(prog_name="magcli")
    except BrokenPipeError:
        quiet_broken_pipe()
        sys.exit(0)
    except Exception as error:
        # Outside the commands' own boundary (parsing, help): the same one line.
        if _debugging():
            raise
        sys.stderr.write(
            f"Error: internal error ({type(error).__name__}: {escape_unsafe(str(error))}); "
            f"{BUG_REPORT}\n"
        )
        sys.exit(EXIT_RUNTIME)
