"""The command line: the app built from the commands' registry, the output options and
the one place a result is drawn, written and the run ended; the error boundary. No
computing happens here, and no command is defined here (see magcli.commands)."""

from __future__ import annotations

import contextlib
import enum
import functools
import inspect
import io
import os
import re
import sys
import typing
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, NoReturn

import typer

from magcli import __version__
from magcli.clicks import ClickException, NoSuchOption, without_argument_types
from magcli.commands import module, names
from magcli.completion import offer
from magcli.domain.grammar import UNIT_WORDS
from magcli.domain.names import closest, did_you_mean
from magcli.domain.nutrition import SEX_WORDS
from magcli.domain.vocab import GRADE_MEANING
from magcli.errors import (
    EXIT_CODES,
    EXIT_OK,
    EXIT_RUNTIME,
    EXIT_USAGE,
    MagcliError,
)
from magcli.options import (
    CARRYING,
    Answer,
    Argument,
    Carrying,
    Option,
    OutputOption,
    destination,
    fail,
    option,
    shell_word,
    suggest,
    warn,
)
from magcli.phrasing import options_after_command, spoken, units_joined
from magcli.render import FORMAT_ALIASES, FORMATS, HUMAN_FORMATS, format_of
from magcli.stream import Closed, page, write_file, write_stderr, write_stdout
from magcli.text import clip, display_path, escape_unsafe, figure, one_line, shorten
from magcli.text import message as safe_message

if TYPE_CHECKING:
    from magcli.clicks import click

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


# Options every command shares -----------------------------------------------------------

JsonOption = Annotated[
    bool,
    option("--json", help="Print one JSON document (the same as --format json).", carried=True),
]
FormatOption = Annotated[
    str | None,
    option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="Output format: table (the default), json, jsonl, csv, tsv, markdown, html, or "
        "ics (plan only).",
        complete=list(FORMATS),
        carried=True,
    ),
]

QuietOption = Annotated[
    bool,
    option(
        "--quiet",
        "-q",
        help="Leave the disclaimer out of table, markdown and html.",
        carried=True,
    ),
]


LongOption = Annotated[
    bool,
    option("--long", "-l", help="Every note and source, not the summary (tables).", carried=True),
]


NoPagerOption = Annotated[
    bool,
    option(
        "--no-pager",
        help="Print all of the output, never through a pager (else output taller than the "
        "terminal goes through $MAGCLI_PAGER, $PAGER or less).",
    ),
]


class Output(NamedTuple):
    """Where and how the result is written."""

    fmt: str
    path: str | None
    quiet: bool
    long: bool
    paged: bool = True
    chosen: bool = False  # the format given (--format, --json), not taken from -o's name


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
    # -o report.html writes HTML: the file's extension says the format, unless --format
    # or --json does.
    named = format_of(path) if path is not None and chosen is None and not as_json else None
    fmt_used = "json" if as_json else chosen or named or "table"
    given = as_json or chosen is not None
    return Output(fmt_used, destination(path), quiet, long, chosen=given)


OUTPUT_PARAMETERS = [
    inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=kind, default=default)
    for name, kind, default in (
        ("as_json", JsonOption, False),
        ("fmt", FormatOption, None),
        ("output", OutputOption, None),
        ("quiet", QuietOption, False),
        ("long", LongOption, False),
        ("no_pager", NoPagerOption, False),
    )
]


def _say_unknown_extension(path: str) -> None:
    """'report.xlsx' written as the table: said once the file is written, not guessed
    silently."""
    extension = os.path.splitext(path)[1]
    if extension and format_of(path) is None:
        warn(
            f"{one_line(escape_unsafe(shorten(extension)))} is no extension magcli writes; "
            "the file has the table as text (--format chooses another)"
        )


def _emit(produce: Callable[[], Answer], choice: Output) -> NoReturn:
    """Run the command, render all of its result, write it in one go, say its warnings,
    and exit with its code; errors go to stderr with theirs."""
    from magcli.render import STREAMED, pieces, render

    if sys.stdout is None and choice.path is None:  # stdout closed: nowhere to write
        try:
            write_stdout("")  # says so
        except Closed as closed:
            raise typer.Exit(closed.code) from None
    try:
        answer = produce()
        view = answer.view._replace(quiet=choice.quiet, long=choice.long)
        spec = module(answer.result.command)
        streamed = choice.fmt in STREAMED  # written as made: rows one at a time
        result = answer.result if streamed else answer.whole()
        made = answer.made if streamed else None
        if choice.path is not None:
            # A file is plain UTF-8, whatever the terminal: render for a plain stream.
            write_file(choice.path, pieces(result, choice.fmt, io.StringIO(), spec, view, made))
            if not choice.chosen:
                _say_unknown_extension(choice.path)
        elif streamed:
            text: str | Iterator[str] = pieces(result, choice.fmt, sys.stdout, spec, view, made)
        else:
            text = render(result, choice.fmt, sys.stdout, spec, view)
    except MagcliError as error:
        fail(str(error), error.exit_code)
    except ClickException:
        raise  # a usage error, shown as Click shows them, with exit 2
    except Exception as error:
        if _debugging():
            raise
        fail(f"internal error ({type(error).__name__}: {error}); {BUG_REPORT}", EXIT_RUNTIME)
    if choice.path is None:
        try:
            if not (choice.paged and isinstance(text, str) and page(text)):
                write_stdout(text)
        except Closed as closed:
            raise typer.Exit(closed.code) from None
        except Exception as error:  # a row made as it was written
            if _debugging():
                raise
            fail(f"internal error ({type(error).__name__}: {error}); {BUG_REPORT}", EXIT_RUNTIME)
    # A document for people on stdout shows its warnings itself; anywhere else, say them.
    if choice.fmt not in HUMAN_FORMATS or choice.path is not None:
        for warning in answer.result.warnings:
            warn(warning)
    raise typer.Exit(answer.code)


# The app ------------------------------------------------------------------------------


def _version(value: bool) -> None:
    if value:
        from magcli.domain.catalog import load_catalog
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
    """The names of magcli's commands, without loading any."""
    return names()


@functools.cache
def app(only: str | None = None) -> typer.Typer:
    """The Typer app: every command, or with `only`, that command alone (a command line
    loads and builds what it runs). Each command comes from its module (the registry in
    magcli.commands), its options turned from plain records into Typer's own."""
    built = _typer()
    built.callback()(main_options)
    for name in names():
        if only is None or name == only:
            built.command(name)(typer_function(module(name).cli))
    return built


@functools.cache
def click_command(only: str | None = None) -> click.Command:
    """The Click command Typer builds from `app(only)`, built once. An argument's help
    shows its metavar alone: Typer would add the Python type (`FORM <list[str]>`), which
    means nothing to the person reading."""
    return without_argument_types(typer.main.get_command(app(only)))


def typer_function(function: Callable[..., Any]) -> Callable[..., None]:
    """A command's function as Typer takes it: each `Option` or `Argument` record (see
    magcli.options) made Typer's own, and for a command that returns an Answer, the
    output options (--json, --format, --output, --quiet, --long) added, with the result
    drawn, written and the run ended in one place (`_emit`)."""
    signature = inspect.signature(function, eval_str=True)
    parameters = [
        parameter.replace(annotation=_typer_annotation(parameter.annotation))
        for parameter in signature.parameters.values()
    ]
    answers = signature.return_annotation is Answer
    carried = _carried([*signature.parameters.values(), *(OUTPUT_PARAMETERS if answers else [])])
    if answers:

        @functools.wraps(function)
        def command(
            *args: Any,
            as_json: bool,
            fmt: str | None,
            output: str | None,
            quiet: bool,
            long: bool,
            no_pager: bool,
            **kwargs: Any,
        ) -> None:
            outputs = {
                "as_json": as_json,
                "fmt": fmt,
                "output": output,
                "quiet": quiet,
                "long": long,
            }
            with _suggesting(carried, {**kwargs, **outputs}):
                choice = _output(as_json, fmt, output, quiet, long)._replace(paged=not no_pager)
                _emit(lambda: function(*args, **kwargs), choice)

        parameters += [
            output.replace(annotation=_typer_annotation(output.annotation))
            for output in OUTPUT_PARAMETERS
        ]
    else:

        @functools.wraps(function)
        def command(*args: Any, **kwargs: Any) -> None:
            with _suggesting(carried, kwargs):
                function(*args, **kwargs)

    command.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=parameters, return_annotation=None
    )
    command.__annotations__ = {p.name: p.annotation for p in parameters}
    del command.__wrapped__  # Typer must read the signature above, not the function's
    return command


# The options a suggested command keeps ------------------------------------------------


class _Carried(NamedTuple):
    name: str  # the parameter's
    default: Any
    option: Option


def _carried(parameters: list[inspect.Parameter]) -> list[_Carried]:
    """The parameters among these whose option is carried into suggested commands."""
    found = []
    for parameter in parameters:
        record = _option_of(parameter.annotation)
        if record is not None and record.carried:
            found.append(_Carried(parameter.name, parameter.default, record))
    return found


def _option_of(annotation: Any) -> Option | None:
    extras = typing.get_args(annotation)[1:] if typing.get_origin(annotation) is Annotated else ()
    return next((extra for extra in extras if isinstance(extra, Option)), None)


@contextlib.contextmanager
def _suggesting(carried: list[_Carried], values: dict[str, Any]) -> Iterator[None]:
    """While a command runs, the commands it suggests keep its carried options (see
    magcli.options.carry)."""
    token = CARRYING.set(Carrying(dict(values), functools.partial(_completed, carried)))
    try:
        yield
    finally:
        CARRYING.reset(token)


def _completed(carried: list[_Carried], values: dict[str, object], command: str) -> str:
    """`command` with the carried options typed for the run (a value other than the
    default, and not the one its environment variable gives, which the suggested command
    reads again) that its command takes and does not give already, before any note in
    parentheses."""
    import shlex

    head, tail = _note_apart(command)
    said = shlex.split(head)
    takes = _option_names(said[0]) if said else frozenset()
    words = []
    for each in carried:
        value = values.get(each.name, each.default)
        envvar, names = each.option.envvar, each.option.names
        if value == each.default or (envvar and value == os.environ.get(envvar)):
            continue
        if names[0] not in takes or any(
            word == name or word.startswith(name + "=") for word in said for name in names
        ):
            continue
        shown = value.value if isinstance(value, enum.Enum) else value
        shown = figure(shown) if isinstance(shown, float) else shown
        words.append(names[0] if shown is True else f"{names[0]} {shell_word(str(shown))}")
    return " ".join([head, *words]) + tail


def _note_apart(command: str) -> tuple[str, str]:
    """A suggested command and its note ('rank sleep    (why)'): the note begins at two
    spaces and a parenthesis outside any quoted word."""
    import shlex

    for note in reversed(list(re.finditer(r"\s{2,}\(", command))):
        try:
            shlex.split(command[: note.start()])
        except ValueError:  # inside a quoted word: 'shelf  (1).toml'
            continue
        return command[: note.start()], command[note.start() :]
    return command, ""


@functools.cache
def _option_names(name: str) -> frozenset[str]:
    """Every option name the command `name` takes (none for a name that is not one)."""
    if name not in names():
        return frozenset()
    signature = inspect.signature(module(name).cli, eval_str=True)
    answers = signature.return_annotation is Answer
    parameters = [*signature.parameters.values(), *(OUTPUT_PARAMETERS if answers else [])]
    records = [_option_of(parameter.annotation) for parameter in parameters]
    return frozenset(flag for record in records if record is not None for flag in record.names)


def _typer_annotation(annotation: Any) -> Any:
    """`Annotated[type, Option(...)]` as `Annotated[type, typer.Option(...)]`."""
    if typing.get_origin(annotation) is not Annotated:
        return annotation
    kind, *extras = typing.get_args(annotation)
    made = [_typer_parameter(extra) for extra in extras]
    return Annotated[(kind, *made)]


def _typer_parameter(extra: Any) -> Any:
    complete = offer(extra.complete) if getattr(extra, "complete", None) is not None else None
    if isinstance(extra, Option):
        return typer.Option(
            *extra.names,
            metavar=extra.metavar,
            help=extra.help,
            autocompletion=complete,
            show_default=extra.show_default,
            envvar=extra.envvar,
            show_envvar=extra.show_envvar,
        )
    if isinstance(extra, Argument):
        return typer.Argument(
            metavar=extra.metavar,
            help=extra.help,
            autocompletion=complete,
            show_default=extra.show_default,
        )
    return extra


def run(argv: list[str] | None = None) -> NoReturn:
    """Run the command line in this process; magcli.__main__.main is the entry point.

    Click parses in non-standalone mode so that every message it has for the user (a
    usage error, a completion request gone wrong) is shown here, made safe and short:
    a value from the command line is never echoed with its control characters, nor whole
    when it is huge."""
    args = sys.argv[1:] if argv is None else argv
    _State.debug = False  # until this run's --debug is read: never an earlier run's
    if not args and not os.environ.get("_MAGCLI_COMPLETE"):  # a first look, commands to try
        try:
            write_stdout(START)
        except Closed as closed:
            sys.exit(closed.code)
        sys.exit(EXIT_OK)
    try:
        args = _as_meant(args)
        _command_named(args)
        only = args[0] if args and args[0] in command_names() else None
        group = click_command(only)
        if only is not None:
            own = getattr(group, "commands", {}).get(only)
            # A unit that is also a sex ('40 m': months, or male?) is asked about: a
            # wrong reading is worse than none.
            both = UNIT_WORDS & SEX_WORDS.keys()
            if own is not None:
                args = units_joined(args, own, UNIT_WORDS - both, both)
        code = group.main(args=args, prog_name="magcli", standalone_mode=False)
    except Closed as closed:  # stdout could not be written (already said)
        code = closed.code
    except MagcliError as error:  # a form or goal where the command goes
        write_stderr(f"Error: {safe_message(str(error))}")
        code = error.exit_code
    except ClickException as error:
        code = _show_click_error(error)
    except typer.Abort:
        write_stderr("Aborted.")
        code = EXIT_RUNTIME
    except Exception as error:
        code = _outside_error(error)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


# What `magcli` alone prints: what it does, and commands to try (each tested to run).
START_COMMANDS = [
    ("compare glycinate citrate", "two forms side by side"),
    ("rank sleep", "the forms for a goal, after the evidence for magnesium itself"),
    ("dose citrate --compound 500mg --age 35 --sex female", "what a dose holds, and limits"),
    ("interactions levothyroxine", "how far apart from a medicine"),
    ("intake 35 female", "how much a day, and the most from supplements"),
]
START = (
    "magcli compares magnesium supplement forms: the magnesium each holds, the\n"
    "evidence behind every claim, the limits, and when to take it around medicines.\n\n"
    "Try:\n"
    + "".join(f"  magcli {command}\n      {said}\n" for command, said in START_COMMANDS)
    + "\n'magcli --help' lists every command; 'magcli help COMMAND' explains one.\n"
    "For information only, not medical advice.\n"
)


def _as_meant(args: list[str]) -> list[str]:
    """The words read as meant (see magcli.phrasing): `help`, `version` and `-V`, and the
    output options before the command."""
    names = command_names()
    return options_after_command(spoken(args, names), names, _output_flags())


def _output_flags() -> dict[str, bool]:
    """Every name of the output options, and whether it takes a value."""
    flags = {}
    for parameter in OUTPUT_PARAMETERS:
        kind, info = typing.get_args(parameter.annotation)[:2]
        for name in info.names:
            flags[name] = kind is not bool
    return flags


def _command_named(args: list[str]) -> None:
    """`magcli glycinate`, `magcli sleep`, `magcli which is best for sleep`: forms, a goal
    or medicines where the command goes, in a name or a sentence; say which command
    answers (the words that name nothing are passed over)."""
    import itertools

    words = list(itertools.takewhile(lambda word: not word.startswith("-"), args))
    if not words or words[0] in command_names() or os.environ.get("_MAGCLI_COMPLETE"):
        return
    from magcli.commands.common import catalogue, is_form, is_goal
    from magcli.domain.catalog import load_reference
    from magcli.domain.medicines import is_medicine_name
    from magcli.domain.names import phrases

    try:
        catalog = catalogue(os.environ.get("MAGCLI_DATA") or None)
        reference = load_reference()
    except MagcliError:
        return  # the command line's own error says more

    def medicine(name: str) -> bool:
        return not is_form(catalog, name) and is_medicine_name(reference, name)

    def known(name: str) -> bool:
        return is_form(catalog, name) or is_goal(catalog, name) or medicine(name)

    named = phrases(words, known)
    forms = [name for name in named if is_form(catalog, name)]
    goals = [name for name in named if is_goal(catalog, name) and name not in forms]
    medicines = [name for name in named if medicine(name) and name not in goals]
    rest = "".join(f" {shell_word(word)}" for word in args[len(words) :])
    commands = [f"rank {shell_word(goal)}{rest}" for goal in goals]
    if forms:
        listed = " ".join(shell_word(form) for form in forms)
        commands.append(f"{'show' if len(forms) == 1 else 'compare'} {listed}{rest}")
    if medicines:
        commands.append(f"interactions {' '.join(shell_word(name) for name in medicines)}{rest}")
    person = _person_in(words)
    if person and not commands:  # 'how much should a 70 year old woman take'
        commands.append(f"intake {person}{rest}")
    if commands:
        suggest(f"{shell_word(words[0])} is not a command; perhaps:", commands)


def _person_in(words: list[str]) -> str:
    """The person a question names, as intake's words ('70 female', '18mo'), or '': read
    by intake's own grammar from among the other words (an age with its unit, '18 month
    old'; a figure beside a sex or a state), else a lone figure as the age."""
    from magcli.domain.grammar import age_said, is_bare_figure
    from magcli.domain.nutrition import person_among, person_words

    try:
        person, _ = person_among(words)
        if person.age is None:
            figures = [word for word in words if is_bare_figure(word)]
            person = person_words(figures[:1]) if len(figures) == 1 else person
    except MagcliError:  # two ages, two sexes: no one person to suggest
        return ""
    if person.age is None:
        return ""
    state = "pregnant" if person.pregnant else "breastfeeding" if person.lactating else ""
    sex = person.sex.value if person.sex else ""
    return " ".join(part for part in (age_said(person.age), sex, state) if part)


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
    if elsewhere and isinstance(context.command, typer.core.TyperGroup):
        # `magcli --long compare ...`: a command's option given before the command.
        args = sys.argv[1:]
        command = next((word for word in args if word in command_names()), None)
        if command is not None and error.option_name in args:
            at = args.index(error.option_name)
            # Its value with it: the word after it, if that is neither the command nor
            # another option.
            follows = args[at + 1 : at + 2]
            taken = 2 if follows and follows[0] != command and not follows[0].startswith("-") else 1
            moved = args[at : at + taken]
            rest = args[:at] + args[at + taken :]
            where = rest.index(command)
            fixed = " ".join(shell_word(word) for word in [*rest[where:], *moved])
            error.message = f"{wanted} is an option of the command: after it, as in magcli {fixed}"
            error.possibilities = []
            return
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
