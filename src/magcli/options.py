"""What the commands' command-line functions share: their options described as plain
data, the Answer each hands back, and the helpers that turn option values into library
arguments or into a usage error that says what to type instead.

Nothing here imports Typer: an option is an `Option` or `Argument` record, which the
command line (magcli.cli) turns into Typer's own when it builds the command being run.
So `import magcli` and a library call never load Typer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, NoReturn, TypeVar

from magcli.domain.candidates import form_names, medicine_names, region_names
from magcli.errors import EXIT_OK, MagcliError
from magcli.errors import UsageError as MagcliUsageError
from magcli.render import View
from magcli.text import escape_unsafe, readable
from magcli.text import message as safe_message

if TYPE_CHECKING:
    from magcli.domain.nutrition import Person, Sex
    from magcli.results import Result

Names = Callable[[], Iterable[str]] | Iterable[str]


@dataclass(eq=False, repr=False)
class Option:
    """A command-line option, as Typer's `Option` takes it (`complete`: the names a TAB
    offers, or a function giving them; `carried`: kept, as typed, in the commands a
    message suggests, being what the run is about rather than what it asks: which
    catalogue, region, person, day and output)."""

    names: tuple[str, ...]
    metavar: str | None = None
    help: str | None = None
    complete: Names | None = None
    show_default: bool = True
    envvar: str | None = None
    show_envvar: bool = False
    carried: bool = False


def option(
    *names: str,
    metavar: str | None = None,
    help: str | None = None,
    complete: Names | None = None,
    show_default: bool = True,
    envvar: str | None = None,
    show_envvar: bool = False,
    carried: bool = False,
) -> Option:
    return Option(names, metavar, help, complete, show_default, envvar, show_envvar, carried)


@dataclass(eq=False, repr=False)
class Argument:
    """A command-line argument, as Typer's `Argument` takes it."""

    metavar: str | None = None
    help: str | None = None
    complete: Names | None = None
    show_default: bool = True


class Answer(NamedTuple):
    """What a command hands back: the result, how to show it, and the exit code. A
    command with many rows may hand them over as they are made (`made`: the items of
    its ROWS list, which the result itself then leaves empty), so that the flat formats
    write one at a time and never hold them all; `whole` is the result with them."""

    result: Result
    view: View = View()
    code: int = EXIT_OK
    made: Iterable[Any] | None = None

    def whole(self) -> Result:
        if self.made is None:
            return self.result
        from magcli.commands import module

        key = module(self.result.command).ROWS[0]
        return self.result.model_copy(update={key: list(self.made)})


# Options several commands share -----------------------------------------------------------

OutputOption = Annotated[
    str | None,
    option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE (replaced whole, never half-written) instead of stdout.",
        carried=True,
    ),
]
DataOption = Annotated[
    str | None,
    option(
        "--data",
        envvar="MAGCLI_DATA",
        metavar="PATH",
        help="Read this catalogue file instead of the bundled one.",
        show_envvar=True,
        carried=True,
    ),
]
FormArgument = Annotated[
    str, Argument(metavar="FORM", help="A form name or alias.", complete=form_names)
]
AgeOption = Annotated[
    str | None,
    option(
        "--age",
        metavar="AGE",
        help="Age: years (35, 0.5, 2y) or months (6mo, 18m).",
        carried=True,
    ),
]
SexOption = Annotated[
    str | None,
    option(
        "--sex",
        metavar="SEX",
        help="female or male (f, m, woman, man).",
        complete=["female", "male"],
        carried=True,
    ),
]
PregnantOption = Annotated[bool, option("--pregnant", help="Use pregnancy values.", carried=True)]
LactatingOption = Annotated[
    bool,
    option(
        "--lactating",
        "--breastfeeding",
        "--nursing",
        help="Use breastfeeding values.",
        carried=True,
    ),
]
SkipBadOption = Annotated[
    bool,
    option(
        "--skip-bad",
        help="Report on stderr the products that cannot be read, and answer for the rest.",
    ),
]
WeightOption = Annotated[
    str | None,
    option(
        "--weight",
        metavar="WEIGHT",
        help="Body weight, where a limit is set per kg (Japan's children): kg (20, 20kg) or "
        "pounds (44lb).",
        carried=True,
    ),
]
RegionOption = Annotated[
    str,
    option(
        "--region",
        metavar="REGION",
        help="Whose intake values and upper limits: us (the default), ca, eu, uk, au-nz, jp "
        "or who.",
        complete=region_names,
        carried=True,
    ),
]
MedicineOption = Annotated[
    list[str] | None,
    option(
        "--medicine",
        metavar="'NAME HH:MM [DAYS]'",
        help="A medicine and the time it is taken, then any days: 'alendronate 07:00 sunday', "
        "'ibandronate 07:00 monthly on the 1st'; twice a day as 'doxycycline 08:00 20:00', "
        "or repeat it.",
        complete=medicine_names,
    ),
]


# Option values in, usage errors out ---------------------------------------------------------


def values(members: type[StrEnum]) -> list[str]:
    """A vocabulary's words, as an option takes them."""
    return [member.value for member in members]


E = TypeVar("E", bound=StrEnum)


def choice(vocabulary: type[E], value: str | None, option_name: str) -> E | None:
    """`value` as a member of `vocabulary`, or a usage error naming the option and the
    closest choices."""
    from magcli.domain.vocab import choose

    if value is None:
        return None
    try:
        return choose(vocabulary, value, "")
    except MagcliError as error:
        bad_option(str(error).strip(), option_name)


class Who(NamedTuple):
    """The person of a command: the options, with what the words said added."""

    age: str | float | None
    sex: Sex | None
    pregnant: bool
    lactating: bool


def person_of(
    words: Sequence[str],
    age: str | float | None,
    sex: str | None,
    pregnant: bool,
    lactating: bool,
    bare: bool = True,
    only: bool = False,
    aged_later: bool = False,
) -> tuple[Who, list[str]]:
    """The person the options and the words give together ('--age 70 female', 'foods
    spinach 35 female'), and the words left; an age or a sex given by both is refused.
    `only`: the words are the person's alone ('intake 70 female'), each one read or
    refused (nutrition.person_words); else the person is picked out from among them,
    and `bare` says whether a bare figure beside a sex or a state is the age
    (nutrition.person_among). `aged_later`: a sex without an age is left for the caller
    to refuse, after what it asks first."""
    from magcli.domain.nutrition import Sex, person_among, person_words

    said: Person | None = None
    rest: list[str] = []
    if only and words:
        said = person_words(list(words))
    elif words:
        said, rest = person_among(words, bare=bare)
    chosen = choice(Sex, sex, "--sex")
    if said is None:
        return Who(age, chosen, pregnant, lactating), rest
    for option_name, given, worded in (("--age", age, said.age), ("--sex", chosen, said.sex)):
        if given is not None and worded is not None:
            raise MagcliUsageError(f"{option_name} and the words give it twice: give it once")
    who = Who(
        age if said.age is None else said.age,
        chosen if said.sex is None else said.sex,
        pregnant or said.pregnant,
        lactating or said.lactating,
    )
    # What the words said, checked with the options as one person, in words.
    stated = said.sex is not None or said.pregnant or said.lactating
    if who.age is None and stated and not aged_later:
        raise MagcliUsageError("an age is needed too, as in: 35 female")
    if who.pregnant and who.lactating:
        raise MagcliUsageError("pregnant and breastfeeding: give one of them")
    if (who.pregnant or who.lactating) and who.sex is Sex.MALE:
        state = "pregnant" if who.pregnant else "breastfeeding"
        raise MagcliUsageError(f"{state} goes with female, not male")
    return who, rest


def bad_option(message: str, option_name: str) -> NoReturn:
    """A usage error about one option, shown as Click shows them (with the usage line)."""
    import typer

    raise typer.BadParameter(message, param_hint=f"'{option_name}'")


class Carrying(NamedTuple):
    """The carried options of the command that runs (set by magcli.cli), and how they
    complete a command it suggests."""

    values: dict[str, object]  # parameter name -> value
    complete: Callable[[dict[str, object], str], str]


# The run's carrying, if a command line runs (in this context: a library call made in
# another thread, or after the run, suggests the commands as they are).
CARRYING: ContextVar[Carrying | None] = ContextVar("magcli_carrying", default=None)


def carry(**values: object) -> None:
    """What a command read from its words (the person in 'dose glycinate 500mg 30
    female'), kept in the commands it suggests as the options that say it."""
    carrying = CARRYING.get()
    if carrying is not None:
        carrying.values.update(values)


def suggest(problem: str, commands: list[str]) -> NoReturn:
    """A usage error that gives the command(s) to run instead, one per line to copy:
    each with the carried options typed for the run that it takes too."""
    carrying = CARRYING.get()
    if carrying is not None:
        commands = [carrying.complete(carrying.values, command) for command in commands]
    raise MagcliUsageError("\n".join([problem, *(f"  magcli {command}" for command in commands)]))


def shell_word(word: str) -> str:
    """`word` as it would be typed in a shell (quoted when it needs to be), made safe: a
    word with a character that is not printable (a line break, a control code, a line
    separator, a reordering mark) in ANSI-C quotes, $'x\\ny', which bash and zsh read back
    as the same word, on one line that nothing can forge."""
    import shlex

    cut = shorten_plain(word)
    text = readable(cut)
    if text == cut and text.isprintable():
        return shlex.quote(text)
    return "$'" + "".join(_ansi_c(char) for char in cut) + "'"


def _ansi_c(char: str) -> str:
    """One character as bash and zsh read it back inside $'...': a byte that was not
    UTF-8 (Python's surrogate escape) as that byte, \\xNN; any other character that is
    not printable by its code point, \\uNNNN or \\UNNNNNNNN (\\xNN only below 128, where
    it is the same character)."""
    if char in "'\\":
        return "\\" + char
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    if char.isprintable():  # never a surrogate
        return char
    if code < 0x80:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def shorten_plain(word: str, limit: int = 200) -> str:
    return word if len(word) <= limit else word[:limit] + "..."


def warn(message: str) -> None:
    """A warning on stderr, made safe."""
    from magcli.stream import write_stderr

    write_stderr(f"Warning: {safe_message(message)}")


def fail(message: str, code: int) -> NoReturn:
    """An error on stderr, made safe and short, and the run's end with `code`."""
    import typer

    from magcli.stream import write_stderr
    from magcli.text import clip

    write_stderr(f"Error: {clip(safe_message(message), 200)}")
    raise typer.Exit(code)


def destination(path: str | None) -> str | None:
    """The file --output names; None for stdout (no option, or '-' as the usual name for
    it: a file named '-' is written with ./-)."""
    if path is None or path == "-":
        return None
    if not path.strip():
        bad_option("the file name is empty", "--output")
    return path


MAX_SKIPPED_SAID = 10  # skipped products named on stderr; beyond, a count


def say_skipped(skipped: list[str]) -> None:
    """Products --skip-bad left out, on stderr in every format (the JSON has them too)."""
    for problem in skipped[:MAX_SKIPPED_SAID]:
        warn(f"skipped {problem}")
    if len(skipped) > MAX_SKIPPED_SAID:
        warn(f"skipped {len(skipped) - MAX_SKIPPED_SAID:,} more products")


@contextmanager
def progress_bar(what: str, after: float = 0.5) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr for a read of many files, as `with progress_bar("Reading
    labels") as tell: ...(progress=tell)`: shown only when stderr is a terminal and the
    read has taken longer than `after` seconds, redrawn at most ten times a second (no
    thread of its own), and gone when the read ends, so that nothing of it is left
    among the output."""
    import sys
    import time

    stream = sys.stderr
    if stream is None or not stream.isatty():
        yield None
        return
    began = time.monotonic()
    shown: list[Any] = []  # the Rich Progress and its task, once there is one
    drawn = [0.0]

    def tell(done: int, total: int) -> None:
        now = time.monotonic()
        if not shown:
            if now - began < after or done >= total:
                return
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            bar = Progress(
                TextColumn(escape_unsafe(what)),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(file=stream),
                transient=True,
                auto_refresh=False,
            )
            bar.start()
            # Rich hides the cursor while a bar is live; a signal ends magcli at once, and
            # a terminal must never be left without its cursor.
            bar.console.show_cursor(True)
            shown.extend((bar, bar.add_task(what, total=total)))
        bar, task = shown
        bar.update(task, completed=done, total=total)
        if now - drawn[0] >= 0.1 or done >= total:
            drawn[0] = now
            bar.refresh()

    try:
        yield tell
    finally:
        if shown:
            shown[0].stop()
