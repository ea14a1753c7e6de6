"""The command line: options in, a library call, a result out to a renderer and the
stream. No computing happens here."""

from __future__ import annotations

import functools
import inspect
import io
import os
import re
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, NoReturn, TypeVar

import typer

from magcli import __version__
from magcli.clicks import ClickException, NoSuchOption, without_argument_types
from magcli.completion import form_names, goal_names, medicine_names, offer, region_names
from magcli.errors import (
    EXIT_CODES,
    EXIT_OK,
    EXIT_OVER_LIMIT,
    EXIT_RUNTIME,
    EXIT_USAGE,
    MagcliError,
)
from magcli.errors import UsageError as MagcliUsageError
from magcli.names import closest, did_you_mean
from magcli.nutrition import FoodSort, Sex
from magcli.render import FORMAT_ALIASES, FORMATS, HUMAN_FORMATS, View
from magcli.stream import Closed, write_file, write_stderr, write_stdout
from magcli.text import clip, display_path, escape_unsafe, one_line, shorten
from magcli.vocab import GRADE_MEANING, Grade, Level, SortField, choose

if TYPE_CHECKING:
    from magcli.clicks import click
    from magcli.results import Result

GRADE_HELP = "\n\n".join(f"{grade.value}: {meaning}" for grade, meaning in GRADE_MEANING.items())
EXIT_HELP = ", ".join(f"{code} {meaning}" for code, meaning in EXIT_CODES.items())


def _typer() -> typer.Typer:
    """A Typer app with magcli's settings (the whole app, or one command's)."""
    return typer.Typer(
        name="magcli",
        help=(
            "Compare magnesium supplement forms: absorption, uses, side effects, and how "
            "strong the evidence is behind every claim.\n\n"
            "Evidence grades, strongest first:\n\n" + GRADE_HELP
        ),
        epilog=f"Exit codes: {EXIT_HELP}. Information only, not medical advice.",
        no_args_is_help=True,
        add_completion=True,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )


app = _typer()

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
    write_stderr(f"Error: {clip(escape_unsafe(message), 200)}")
    raise typer.Exit(code)


def _warn(message: str) -> None:
    write_stderr(f"Warning: {escape_unsafe(message)}")


def _vocabulary(members: type[StrEnum]) -> list[str]:
    return [member.value for member in members]


# Options every command shares -----------------------------------------------------------

JsonOption = Annotated[
    bool, typer.Option("--json", help="Print one JSON document (the same as --format json).")
]
FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="Output format: table (the default), json, jsonl, csv, tsv, markdown, html, or "
        "ics (plan only).",
        autocompletion=offer(list(FORMATS)),
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
FormArgument = Annotated[
    str,
    typer.Argument(metavar="FORM", help="A form name or alias.", autocompletion=offer(form_names)),
]
AgeOption = Annotated[
    str | None,
    typer.Option("--age", metavar="AGE", help="Age: years (35, 0.5, 2y) or months (6mo, 18m)."),
]
SexOption = Annotated[
    str | None,
    typer.Option(
        "--sex",
        metavar="SEX",
        help="female or male (f, m, woman, man).",
        autocompletion=offer(["female", "male"]),
    ),
]
LongOption = Annotated[
    bool,
    typer.Option("--long", "-l", help="Every note and source, not the summary (tables)."),
]
PregnantOption = Annotated[bool, typer.Option("--pregnant", help="Use pregnancy values.")]
SkipBadOption = Annotated[
    bool,
    typer.Option(
        "--skip-bad",
        help="Report on stderr the products that cannot be read, and answer for the rest.",
    ),
]
WeightOption = Annotated[
    float | None,
    typer.Option(
        "--weight",
        metavar="KG",
        help="Body weight, where a limit is set per kg (Japan's children).",
    ),
]
RegionOption = Annotated[
    str,
    typer.Option(
        "--region",
        metavar="REGION",
        help="Whose intake values and upper limits: us (the default), ca, eu, uk, au-nz, jp "
        "or who.",
        autocompletion=offer(region_names),
    ),
]
LactatingOption = Annotated[bool, typer.Option("--lactating", help="Use breastfeeding values.")]
MedicineOption = Annotated[
    list[str] | None,
    typer.Option(
        "--medicine",
        metavar="'NAME HH:MM [DAYS]'",
        help="A medicine and the time it is taken, then any days: 'alendronate 07:00 sunday', "
        "'ibandronate 07:00 monthly on the 1st'; repeat it, once per dose.",
        autocompletion=offer(medicine_names),
    ),
]


class Answer(NamedTuple):
    """What a command hands back: the result, how to show it, and the exit code."""

    result: Result
    view: View = View()
    code: int = EXIT_OK


class Output(NamedTuple):
    """Where and how the result is written."""

    fmt: str
    path: str | None
    quiet: bool
    long: bool


def _output(as_json: bool, fmt: str | None, path: str | None, quiet: bool, long: bool) -> Output:
    chosen = fmt.strip().lower() if fmt is not None else None
    chosen = FORMAT_ALIASES.get(chosen, chosen) if chosen is not None else None
    if chosen is not None and chosen not in FORMATS:
        hint = did_you_mean(chosen, FORMATS)
        raise typer.BadParameter(
            f"{escape_unsafe(shorten(fmt or ''))} is not one of {', '.join(FORMATS)}{hint}",
            param_hint="'--format'",
        )
    if as_json and chosen not in (None, "json"):
        raise typer.BadParameter(f"--json asks for json, --format for {chosen}; give one")
    return Output("json" if as_json else chosen or "table", _destination(path), quiet, long)


def _destination(path: str | None) -> str | None:
    """The file --output names; None for stdout (no option, or '-' as the usual name for
    it: a file named '-' is written with ./-)."""
    if path is None or path == "-":
        return None
    if not path.strip():
        raise typer.BadParameter("the file name is empty", param_hint="'--output'")
    return path


OUTPUT_PARAMETERS = [
    inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=kind, default=default)
    for name, kind, default in (
        ("as_json", JsonOption, False),
        ("fmt", FormatOption, None),
        ("output", OutputOption, None),
        ("quiet", QuietOption, False),
        ("long", LongOption, False),
    )
]


def output_command(name: str | None = None) -> Callable[[Callable[..., Answer]], Any]:
    """Register a command whose function returns an Answer: adds the output options
    (--json, --format, --output, --quiet, --long), then draws, writes and exits in one
    place."""

    def register(function: Callable[..., Answer]) -> Callable[..., None]:
        signature = inspect.signature(function, eval_str=True)

        @functools.wraps(function)
        def command(
            *args: Any,
            as_json: bool,
            fmt: str | None,
            output: str | None,
            quiet: bool,
            long: bool,
            **kwargs: Any,
        ) -> None:
            _emit(lambda: function(*args, **kwargs), _output(as_json, fmt, output, quiet, long))

        command.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=[*signature.parameters.values(), *OUTPUT_PARAMETERS],
            return_annotation=None,
        )
        app.command(name)(command)
        return command

    return register


def _emit(produce: Callable[[], Answer], choice: Output) -> NoReturn:
    """Run the command, render all of its result, write it in one go, say its warnings,
    and exit with its code; errors go to stderr with theirs."""
    from magcli.render import render

    if sys.stdout is None and choice.path is None:  # stdout closed: nowhere to write
        try:
            write_stdout("")  # says so
        except Closed as closed:
            raise typer.Exit(closed.code) from None
    try:
        answer = produce()
        view = answer.view._replace(quiet=choice.quiet, long=choice.long)
        if choice.path is not None:
            # A file is plain UTF-8, whatever the terminal: render for a plain stream.
            write_file(choice.path, render(answer.result, choice.fmt, io.StringIO(), view))
        else:
            text = render(answer.result, choice.fmt, sys.stdout, view)
    except MagcliError as error:
        _fail(str(error), error.exit_code)
    except ClickException:
        raise  # a usage error, shown as Click shows them, with exit 2
    except Exception as error:
        if _debugging():
            raise
        _fail(f"internal error ({type(error).__name__}: {error}); {BUG_REPORT}", EXIT_RUNTIME)
    if choice.path is None:
        try:
            write_stdout(text)
        except Closed as closed:
            raise typer.Exit(closed.code) from None
    # A document for people on stdout shows its warnings itself; anywhere else, say them.
    if choice.fmt not in HUMAN_FORMATS or choice.path is not None:
        for warning in answer.result.warnings:
            _warn(warning)
    raise typer.Exit(answer.code)


# Commands -------------------------------------------------------------------------------


@output_command()
def compare(
    forms: Annotated[
        list[str],
        typer.Argument(
            metavar="FORM",
            help="Two or more form names or aliases.",
            autocompletion=offer(form_names),
        ),
    ],
    sources: Annotated[
        bool, typer.Option("--sources", help="Also list the full citation of every source.")
    ] = False,
    data: DataOption = None,
) -> Answer:
    """Set forms side by side, one column each, in the order given: a summary, or with
    --long every note.

    Example: magcli compare glycinate citrate
    """
    from magcli import library
    from magcli.names import form_words

    return Answer(library.compare(*form_words(forms), catalog=data), View(sources=sources))


@output_command("list")
def list_forms(
    words: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="WORD",
            help="A goal or form named with no option: magcli says what to run instead.",
            show_default=False,
        ),
    ] = None,
    goals: Annotated[
        list[str] | None,
        typer.Option(
            "--for",
            metavar="GOAL",
            autocompletion=offer(goal_names),
            help="Only forms with a claim of their own for this goal; repeat to require "
            "several. 'magcli goals' lists the goals.",
        ),
    ] = None,
    min_bioavailability: Annotated[
        str | None,
        typer.Option(
            "--min-bioavailability",
            metavar="LEVEL",
            autocompletion=offer(_vocabulary(Level)),
            help="Only forms absorbed at least this well in people: high > moderate > low "
            "(unknown never passes).",
        ),
    ] = None,
    gentle: Annotated[
        bool, typer.Option("--gentle", help="Leave out forms that act as laxatives.")
    ] = False,
    min_evidence: Annotated[
        str | None,
        typer.Option(
            "--min-evidence",
            metavar="GRADE",
            autocompletion=offer(_vocabulary(Grade)),
            help="Only forms whose evidence reaches this grade: for every --for goal, or "
            f"without --for, for absorption or any use. One of: {', '.join(Grade)}.",
        ),
    ] = None,
    sort: Annotated[
        str,
        typer.Option(
            "--sort",
            metavar="FIELD",
            autocompletion=offer(_vocabulary(SortField)),
            help=f"Order of the rows: {', '.join(SortField)}. Measures sort best first.",
        ),
    ] = SortField.CATALOG.value,
    data: DataOption = None,
) -> Answer:
    """List forms, optionally filtered and sorted.

    Example: magcli list --for sleep --gentle
    """
    from magcli import library

    if words:
        _what_list_means(words, data)
    return Answer(
        library.list_forms(
            goals=goals or [],
            min_bioavailability=_choice(Level, min_bioavailability, "--min-bioavailability"),
            gentle=gentle,
            min_evidence=_choice(Grade, min_evidence, "--min-evidence"),
            sort=_choice(SortField, sort, "--sort") or SortField.CATALOG,
            catalog=data,
        )
    )


@output_command()
def show(
    forms: Annotated[
        list[str],
        typer.Argument(
            metavar="FORM", help="A form name or alias.", autocompletion=offer(form_names)
        ),
    ],
    data: DataOption = None,
) -> Answer:
    """Everything about one form, with full citations.

    Example: magcli show oxide
    """
    from magcli import library

    if len(forms) > 1:
        words = " ".join(shell_word(name) for name in forms)
        _suggest("show takes one form; to set several side by side:", [f"compare {words}"])
    return Answer(library.show(forms[0], catalog=data))


@output_command()
def rank(
    goal: Annotated[
        str | None,
        typer.Argument(
            metavar="GOAL",
            autocompletion=offer(goal_names),
            help="The goal to rank for (or --for GOAL); 'magcli goals' lists them.",
            show_default=False,
        ),
    ] = None,
    goals: Annotated[
        list[str] | None,
        typer.Option(
            "--for",
            metavar="GOAL",
            autocompletion=offer(goal_names),
            help="The goal, as an option (the same as GOAL).",
        ),
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show how each score was made.")
    ] = False,
    data: DataOption = None,
) -> Answer:
    """Rank forms for a goal, after the evidence for magnesium in general.

    First what trials of magnesium in any form found for the goal, and whether any form
    has been shown better than another; then the forms by a transparent score (their own
    evidence for the goal, absorption, tolerance). When the general evidence comes from
    people, forms with no evidence of their own are ranked too, their evidence shown as
    "none" and scored as unverified. Equal scores are a tie (=4). --explain shows each
    sum; --long each form's own evidence.

    Example: magcli rank constipation --explain
    """
    from magcli import library

    asked = list(dict.fromkeys([*([goal] if goal is not None else []), *(goals or [])]))
    if not asked:
        _suggest("rank needs a goal ('magcli goals' lists them), for example:", ["rank sleep"])
    if len(asked) > 1:
        words = " ".join(f"--for {shell_word(name)}" for name in asked)
        _suggest(
            "rank ranks forms for one goal at a time; one of:",
            [
                *(f"rank {shell_word(name)}" for name in asked),
                f"list {words}    (forms with evidence of their own for all of them)",
            ],
        )
    return Answer(library.rank(asked[0], catalog=data), View(explain=explain))


@output_command()
def goals(data: DataOption = None) -> Answer:
    """What people take magnesium for, and the evidence for magnesium in general.

    For each goal: what trials of magnesium in any form found (graded), whether any form
    has been shown better than another, and the forms with evidence of their own.
    'magcli rank --for GOAL' ranks the forms for one goal.

    Example: magcli goals
    """
    from magcli import library

    return Answer(library.goals(catalog=data))


@output_command()
def dose(
    form: FormArgument,
    amount: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="AMOUNT",
            help="An amount with no option: magcli says which of --compound and "
            "--elemental you may mean.",
            show_default=False,
        ),
    ] = None,
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
    region: RegionOption = "us",
    weight: WeightOption = None,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Exit 3 when the dose is above the supplement upper limit."),
    ] = False,
    data: DataOption = None,
) -> Answer:
    """Convert a dose and check it against intake limits.

    Converts compound weight to elemental magnesium or back; with a life stage, sets the
    dose against the RDA and the upper limit for supplements.

    Example: magcli dose oxide --elemental 400 --age 35 --sex female
    """
    from magcli import library
    from magcli.dosing import MAX_COMPOUND_MG, MAX_ELEMENTAL_MG

    if amount:
        _which_amount(form, amount, given=compound is not None or elemental is not None)
    result = library.dose(
        form,
        compound=_amount(compound, "--compound", MAX_COMPOUND_MG),
        elemental=_amount(elemental, "--elemental", MAX_ELEMENTAL_MG),
        label_mg=_amount(label_mg, "--label-mg"),
        age=age,
        sex=_choice(Sex, sex, "--sex"),
        pregnant=pregnant,
        lactating=lactating,
        region=region,
        weight_kg=weight,
        catalog=data,
    )
    return Answer(result, code=EXIT_OVER_LIMIT if strict and result.over_limit else EXIT_OK)


@output_command()
def intake(
    age: AgeOption = None,
    sex: SexOption = None,
    pregnant: PregnantOption = False,
    lactating: LactatingOption = False,
    region: RegionOption = "us",
) -> Answer:
    """Recommended intake and upper limits by life stage.

    Without options, the whole table; with --age (and --sex, --pregnant or --lactating),
    the values for that person.

    Example: magcli intake --age 16 --sex female --pregnant
    """
    from magcli import library

    return Answer(
        library.intake(
            age=age,
            sex=_choice(Sex, sex, "--sex"),
            pregnant=pregnant,
            lactating=lactating,
            region=region,
        )
    )


@output_command()
def interactions(
    medicine: Annotated[
        str | None,
        typer.Argument(
            metavar="MEDICINE",
            help="A medicine (generic or brand name, or its class, such as tetracyclines); "
            "without one, every entry.",
            autocompletion=offer(medicine_names),
        ),
    ] = None,
    data: DataOption = None,
) -> Answer:
    """Medicines magnesium interacts with, how far apart to take them, and who should ask
    first.

    Give a medicine to see its entry and the spacing rule in hours, by which one you take
    first. A medicine the table does not list is not thereby safe: magcli says so. A form
    name shows every entry, since they apply to every form.

    Example: magcli interactions doxycycline
    """
    from magcli import library

    return Answer(library.interactions(medicine, catalog=data))


@output_command()
def products(
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE",
            help="Shelf files (TOML), DSLD label records (JSON), or folders of them.",
            show_default=False,
        ),
    ],
    daily: Annotated[
        str | None,
        typer.Option(
            "--daily",
            metavar="AMOUNT",
            help="Plan for this much magnesium a day (300mg); else each product's own "
            "servings_per_day, else one serving.",
        ),
    ] = None,
    goal: Annotated[
        str | None,
        typer.Option(
            "--for",
            metavar="GOAL",
            help="Show the evidence of each product's forms for this goal.",
            autocompletion=offer(goal_names),
        ),
    ] = None,
    sort: Annotated[
        str,
        typer.Option(
            "--sort",
            metavar="ORDER",
            help="file (as given, the default), cost (per 100 mg of magnesium, within each "
            "currency), magnesium (per serving) or evidence (with --for).",
            autocompletion=offer(["file", "cost", "magnesium", "evidence"]),
        ),
    ] = "file",
    region: RegionOption = "us",
    skip_bad: SkipBadOption = False,
    data: DataOption = None,
) -> Answer:
    """Your bottles: what each holds, lasts and costs, and whether its label adds up.

    Reads a shelf file you write (one [[products]] table per product: 'magcli schema
    --products' describes it) or DSLD label records (the JSON of the NIH label
    database). Per product: magnesium per serving and per unit, the units a day for
    --daily, the days a container lasts, the cost per 100 mg of magnesium, and a label
    check: the magnesium share of the compound weight against the formula.

    Example: magcli products examples/shelf.toml --daily 300mg --sort cost
    """
    from magcli import library

    result = library.products(
        *files, daily=daily, goal=goal, sort=sort, region=region, skip_bad=skip_bad, catalog=data
    )
    _say_skipped(result.skipped)
    return Answer(result)


MAX_SKIPPED_SAID = 10  # skipped products named on stderr; beyond, a count


def _say_skipped(skipped: list[str]) -> None:
    """Products --skip-bad left out, on stderr in every format (the JSON has them too)."""
    for problem in skipped[:MAX_SKIPPED_SAID]:
        _warn(f"skipped {problem}")
    if len(skipped) > MAX_SKIPPED_SAID:
        _warn(f"skipped {len(skipped) - MAX_SKIPPED_SAID:,} more products")


@output_command()
def stack(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="FILE",
            help="Shelf files: each product at its servings_per_day (one serving if none).",
            show_default=False,
        ),
    ] = None,
    add: Annotated[
        list[str] | None,
        typer.Option(
            "--add",
            metavar="AMOUNT",
            help="Magnesium from something else, a day: 250mg, or '250mg antacid'. Repeat it.",
        ),
    ] = None,
    diet: Annotated[
        str | None,
        typer.Option(
            "--diet", metavar="AMOUNT", help="An estimate of magnesium from food a day (250mg)."
        ),
    ] = None,
    age: AgeOption = None,
    sex: SexOption = None,
    pregnant: PregnantOption = False,
    lactating: LactatingOption = False,
    region: RegionOption = "us",
    weight: WeightOption = None,
    medicine: MedicineOption = None,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Exit 3 when the day is above the upper limit."),
    ] = False,
    skip_bad: SkipBadOption = False,
    data: DataOption = None,
) -> Answer:
    """Your day: every source of supplemental magnesium against the upper limit.

    The upper limit counts magnesium from supplements and medicines together, and it
    differs by region (--region). Products come from shelf files at their
    servings_per_day; --add adds an antacid or a laxative; --diet sets food against the
    intake need. The medicines of the day (--medicine, or a day file's [[medicines]])
    are listed with how far apart to take them from magnesium.

    Example: magcli stack examples/day.toml --add 250mg --age 35 --sex female --region eu
    """
    from magcli import library

    result = library.stack(
        *(files or []),
        add=add or [],
        medicines=medicine or [],
        diet=diet,
        age=age,
        sex=_choice(Sex, sex, "--sex"),
        pregnant=pregnant,
        lactating=lactating,
        region=region,
        weight_kg=weight,
        skip_bad=skip_bad,
        catalog=data,
    )
    _say_skipped(result.skipped)
    return Answer(result, code=EXIT_OVER_LIMIT if strict and result.over_limit else EXIT_OK)


FIRST_START, LAST_START = 1900, 9000  # years a calendar's first day may fall in


@output_command()
def plan(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="FILE",
            help="Shelf files: the day's magnesium, each product at its servings_per_day.",
            show_default=False,
        ),
    ] = None,
    medicine: MedicineOption = None,
    magnesium: Annotated[
        str | None,
        typer.Option("--magnesium", metavar="AMOUNT", help="The day's magnesium (300mg)."),
    ] = None,
    region: RegionOption = "us",
    start: Annotated[
        str | None,
        typer.Option(
            "--start", metavar="YYYY-MM-DD", help="-f ics: the first day (default: today)."
        ),
    ] = None,
    data: DataOption = None,
) -> Answer:
    """Your timetable: magnesium kept clear of every medicine's spacing window.

    Each magnesium dose is placed at least the hours the interaction table gives after
    and before every dose of every medicine, never before a medicine that must come
    first (a bisphosphonate on its morning), in the evening where nothing else decides,
    and in two doses where the region advises it or the amount is large. A weekly or
    monthly medicine ('alendronate 07:00 sunday', 'ibandronate 07:00 monthly on the
    1st') is kept clear on its days with the same times every day. It says so when no
    time of day is safe. -f ics writes reminders for a calendar: magnesium daily, each
    medicine on its own days.

    Example: magcli plan --medicine doxycycline@08:00 --magnesium 200mg
    """
    import datetime

    from magcli import library

    day = start
    if day is None:
        day = datetime.date.today().isoformat()
    else:
        try:  # YYYY-MM-DD only (fromisoformat also takes 20261201 and week dates)
            if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", day.strip()):
                raise ValueError(day)
            when = datetime.date.fromisoformat(day.strip())
        except ValueError:
            raise typer.BadParameter(
                f"{escape_unsafe(shorten(day))} is not a date: give YYYY-MM-DD",
                param_hint="'--start'",
            ) from None
        if not FIRST_START <= when.year <= LAST_START:
            raise typer.BadParameter(
                f"{when.isoformat()}: give a first day from {FIRST_START} to {LAST_START}",
                param_hint="'--start'",
            )
        day = when.isoformat()
    result = library.plan(
        *(files or []),
        medicines=medicine or [],
        magnesium=magnesium,
        region=region,
        catalog=data,
    )
    return Answer(result, View(start=day))


@output_command()
def foods(
    names: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="FOOD",
            help="Only foods whose name holds one of these words (spinach, bean).",
            show_default=False,
        ),
    ] = None,
    top: Annotated[
        int | None, typer.Option("--top", metavar="N", help="Only the first N foods.")
    ] = None,
    min_mg: Annotated[
        float,
        typer.Option("--min-mg", metavar="MG", help="Only foods with at least MG per serving."),
    ] = 0,
    sort: Annotated[
        str,
        typer.Option(
            "--sort",
            metavar="FIELD",
            help="mg (richest first, the default) or name.",
            autocompletion=offer(["mg", "name"]),
        ),
    ] = "mg",
    age: AgeOption = None,
    sex: SexOption = None,
    pregnant: PregnantOption = False,
    lactating: LactatingOption = False,
) -> Answer:
    """Food sources of magnesium per serving.

    With the share of the Daily Value; with --age and --sex, how many servings of each
    food reach the RDA.

    Example: magcli foods --top 10
    """
    from magcli import library

    return Answer(
        library.foods(
            *(names or []),
            top=top,
            min_mg=min_mg,
            sort=_choice(FoodSort, sort, "--sort") or FoodSort.MG,
            age=age,
            sex=_choice(Sex, sex, "--sex"),
            pregnant=pregnant,
            lactating=lactating,
        )
    )


@app.command()
def schema(
    command: Annotated[
        str | None,
        typer.Option(
            "--command",
            metavar="NAME",
            help="Only the document of this command (compare, list, show, rank, goals, dose, "
            "intake, interactions, foods, products).",
            autocompletion=offer(lambda: _result_names()),
        ),
    ] = None,
    catalog: Annotated[
        bool,
        typer.Option("--catalog", help="The schema of a catalogue file instead of the output."),
    ] = False,
    products: Annotated[
        bool,
        typer.Option("--products", help="The schema of a shelf file (magcli products)."),
    ] = False,
    output: OutputOption = None,
) -> None:
    """Print the JSON Schema of the output, or of a catalogue file.

    Example: magcli schema --command compare
    """
    import json

    from magcli.results import catalog_schema, output_schema, shelf_schema

    if sum((catalog, products, command is not None)) > 1:
        raise typer.BadParameter("give one of --command, --catalog and --products")
    if command is not None and command not in _result_names():
        hint = did_you_mean(command, _result_names(), limit=1)
        raise typer.BadParameter(
            f"{escape_unsafe(shorten(command))} has no JSON document{hint}",
            param_hint="'--command'",
        )
    if products:
        document = shelf_schema()
    else:
        document = catalog_schema() if catalog else output_schema(command)
    text = json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    output = _destination(output)
    try:
        if output is not None:
            write_file(output, text)
        else:
            write_stdout(text)
    except MagcliError as error:
        _fail(str(error), error.exit_code)
    except Closed as closed:
        raise typer.Exit(closed.code) from None


def _what_list_means(words: list[str], data: str | None) -> NoReturn:
    """`list sleep`: a goal wants --for; `list oxide`: a form wants show."""
    from magcli import library

    catalog = library.catalogue(data)
    goals, forms, unknown = [], [], []
    for word in words:
        if library.is_goal(catalog, word):
            goals.append(word)
        elif library.is_form(catalog, word):
            forms.append(word)
        else:
            unknown.append(word)
    commands = []
    if goals:
        commands.append("list " + " ".join(f"--for {shell_word(goal)}" for goal in goals))
    if len(forms) == 1:
        commands.append(f"show {shell_word(forms[0])}")
    elif forms:
        commands.append("compare " + " ".join(shell_word(form) for form in forms))
    if unknown:
        commands.append("goals    (the goals list takes)")
    problem = "list takes its filters as options"
    if unknown:
        problem += f" ({', '.join(shell_word(word) for word in unknown)}: not a goal or form)"
    _suggest(problem + "; perhaps:", commands)


def _which_amount(form: str, words: list[str], given: bool) -> NoReturn:
    """`dose glycinate 500mg`: the amount can be either figure of a label; say both. The
    amount and the form the other way round, or the unit apart ('500 mg'), are read as
    meant; what is no amount at all is said to be none."""
    from magcli.units import is_amount, is_unit

    amount = " ".join(words)
    if not form.strip():
        raise MagcliUsageError("the form name is empty; 'magcli list' shows every form")
    if is_amount(form) and not is_amount(amount):  # dose 500mg glycinate
        form, amount = amount, form
    if given:
        if is_unit(amount):
            raise MagcliUsageError(
                f"{shell_word(amount)} is a unit on its own: write it next to the number, "
                "as in --compound 500mg or --elemental 1.5g"
            )
        raise MagcliUsageError(
            f"{shell_word(amount)} is one amount too many: give it with an option"
        )
    if not is_amount(amount):
        raise MagcliUsageError(
            f"{shell_word(amount)} is not an amount: give one such as 500mg or 1.5g, with "
            "--compound (the weight of the compound) or --elemental (the magnesium in it)"
        )
    name, weight = shell_word(form), shell_word(amount.replace(" ", ""))
    shown = escape_unsafe(shorten_plain(form))
    _suggest(
        f"is {weight} the weight of the compound or of the magnesium in it? One of:",
        [
            f"dose {name} --compound {weight}    (the weight of the compound, as a label's "
            f"'magnesium {shown} {weight}')",
            f"dose {name} --elemental {weight}   (the magnesium it holds, as a label's "
            f"'magnesium (as {shown}) {weight}')",
        ],
    )


def _suggest(problem: str, commands: list[str]) -> NoReturn:
    """A usage error that gives the command(s) to run instead, one per line to copy."""
    raise MagcliUsageError("\n".join([problem, *(f"  magcli {command}" for command in commands)]))


def shell_word(word: str) -> str:
    """`word` as it would be typed in a shell (quoted when it needs to be), made safe."""
    import shlex

    return escape_unsafe(shlex.quote(shorten_plain(word)))


def shorten_plain(word: str, limit: int = 60) -> str:
    return word if len(word) <= limit else word[:limit] + "..."


def _result_names() -> list[str]:
    from magcli.results import RESULTS

    return list(RESULTS)


def _amount(value: str | None, option: str, limit: float | None = None) -> float | None:
    """An amount option as mg, its errors naming the option."""
    from magcli.library import amount

    return amount(value, option, limit)


E = TypeVar("E", bound=StrEnum)


def _choice(vocabulary: type[E], value: str | None, option: str) -> E | None:
    """`value` as a member of `vocabulary`, or a usage error naming the option and the
    closest choices."""
    if value is None:
        return None
    try:
        return choose(vocabulary, value, "")
    except MagcliError as error:
        raise typer.BadParameter(str(error).strip(), param_hint=f"'{option}'") from None


def _version(value: bool) -> None:
    if value:
        from magcli.catalog import load_catalog
        from magcli.results import SCHEMA_VERSION

        try:
            catalog = load_catalog()
            data = f"data {catalog.data_version} (catalogue schema {catalog.schema_version})"
        except MagcliError as error:
            data = f"data unreadable: {str(error).splitlines()[0]}"
        # One line, whatever the catalogue's version holds.
        write_stdout(
            f"magcli {__version__}, {one_line(data)}, JSON output schema {SCHEMA_VERSION}\n"
        )
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


def command_names() -> list[str]:
    """The names of magcli's commands, without building any."""
    return [
        info.name or typer.main.get_command_name(info.callback.__name__)
        for info in app.registered_commands
        if info.callback is not None
    ]


@functools.cache
def click_command(only: str | None = None) -> click.Command:
    """The Click command Typer builds from `app`, built once: every command, or with
    `only`, the group holding that command alone (a command line builds what it runs).
    An argument's help shows its metavar alone: Typer would add the Python type
    (`FORM <list[str]>`), which means nothing to the person reading."""
    source = app
    if only is not None:
        source = _typer()
        source.registered_callback = app.registered_callback
        source.registered_commands = [
            info
            for info, name in zip(app.registered_commands, command_names(), strict=True)
            if name == only
        ]
    return without_argument_types(typer.main.get_command(source))


def run(argv: list[str] | None = None) -> NoReturn:
    """Run the command line in this process; magcli.__main__.main is the entry point.

    Click parses in non-standalone mode so that every message it has for the user (a
    usage error, a completion request gone wrong) is shown here, made safe and short:
    a value from the command line is never echoed with its control characters, nor whole
    when it is huge."""
    args = sys.argv[1:] if argv is None else argv
    try:
        _command_named(args)
        only = args[0] if args and args[0] in command_names() else None
        code = click_command(only).main(args=args, prog_name="magcli", standalone_mode=False)
    except Closed as closed:  # stdout could not be written (already said)
        code = closed.code
    except MagcliError as error:  # a form or goal where the command goes
        write_stderr(f"Error: {error}")
        code = error.exit_code
    except ClickException as error:
        code = _show_click_error(error)
    except typer.Abort:
        write_stderr("Aborted.")
        code = EXIT_RUNTIME
    except Exception as error:
        code = _outside_error(error)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _command_named(args: list[str]) -> None:
    """`magcli glycinate`, `magcli sleep`: a form or a goal where the command goes; say
    which command shows it."""
    import itertools

    words = list(itertools.takewhile(lambda word: not word.startswith("-"), args))
    if not words or words[0] in command_names() or os.environ.get("_MAGCLI_COMPLETE"):
        return
    from magcli import library

    try:
        catalog = library.catalogue(os.environ.get("MAGCLI_DATA") or None)
    except MagcliError:
        return  # the command line's own error says more
    if all(library.is_form(catalog, word) for word in words):
        named = " ".join(shell_word(word) for word in words)
        command = f"show {named}" if len(words) == 1 else f"compare {named}"
    elif len(words) == 1 and library.is_goal(catalog, words[0]):
        command = f"rank {shell_word(words[0])}"
    else:
        return
    rest = "".join(f" {shell_word(word)}" for word in args[len(words) :])
    _suggest(f"{shell_word(words[0])} is not a command; perhaps:", [command + rest])


def _show_click_error(error: ClickException) -> int:
    """A usage error as Click words it, with its usage line, safe and short; an unknown
    option with magcli's own suggestions (see _other_options)."""
    if isinstance(error, NoSuchOption):
        _other_options(error)
    buffer = io.StringIO()
    error.show(file=buffer)
    # Click quotes some values with repr(): an undecodable byte shows as \udcff there,
    # and as \xff everywhere else magcli names it.
    text = re.sub(r"\\udc([89a-f][0-9a-f])", r"\\x\1", buffer.getvalue())
    for line in text.rstrip("\n").split("\n"):
        write_stderr(clip(escape_unsafe(line)))
    return error.exit_code


def _other_options(error: NoSuchOption) -> None:
    """Suggest only options close in their words ('--mg' is not '--age'), and say which
    other commands take an option this one does not ('compare --for' is list's and
    rank's)."""
    context = error.ctx
    wanted = error.option_name.split("=", 1)[0]
    if context is None or context.command is None:
        return
    own = [flag for param in context.command.params for flag in _flags(param)]
    elsewhere = [  # every command's, though this run built its own alone
        name
        for name, command in getattr(click_command(), "commands", {}).items()
        if command is not context.command
        and any(wanted in _flags(param) for param in command.params)
    ]
    # Options are short words: only a near miss (a typo) is worth suggesting.
    close = closest(wanted.lstrip("-"), [flag.lstrip("-") for flag in own], limit=2, cutoff=0.7)
    error.possibilities = [] if elsewhere else [f"--{flag}" for flag in close]
    if elsewhere:
        named = (
            ", ".join(elsewhere[:-1]) + " and " + elsewhere[-1]
            if len(elsewhere) > 1
            else elsewhere[0]
        )
        verb = "takes" if len(elsewhere) == 1 else "take"
        error.message += f" ({named} {verb} {wanted}; this command does not)"


def _flags(param: object) -> list[str]:
    return [*getattr(param, "opts", []), *getattr(param, "secondary_opts", [])]


def _outside_error(error: Exception) -> int:
    """An error outside the commands' own boundary: shell completion given malformed
    variables, a file Click could not write, or a bug."""
    if _debugging():
        raise error
    if os.environ.get("_MAGCLI_COMPLETE"):
        write_stderr(
            "Error: shell completion: the shell's completion variables are missing or "
            f"malformed ({clip(escape_unsafe(str(error)))}); magcli completes only "
            "when the shell calls it"
        )
        return EXIT_USAGE
    if isinstance(error, OSError):
        name = error.filename if error.filename is not None else "a file"
        write_stderr(f"Error: {display_path(name)}: {error.strerror or error}")
        return EXIT_RUNTIME
    write_stderr(
        f"Error: internal error ({type(error).__name__}: {clip(escape_unsafe(str(error)))}); "
        f"{BUG_REPORT}"
    )
    return EXIT_RUNTIME
