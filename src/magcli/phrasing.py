"""The command line as people type it, read as they mean it, before Click parses it.

- **Words for the options everyone knows**: `magcli help [COMMAND]` is `--help`,
  `magcli version` and `-V` are `--version`.
- **Output options where people put them**: `--json`, `--format`, `--output`, `--quiet`
  and `--long` given before the command (`magcli --json rank sleep`) are the command's.
- **A figure and its unit in two words**: `--age 6 months`, `--weight 44 lb`,
  `--compound 2 g` are one value each, as `--age '6 months'` is.

Each rule is one pass over the words, known from the commands themselves (which
options take a value), not from a list of cases.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from magcli.errors import UsageError

if TYPE_CHECKING:
    import typer._click as click  # Typer's own Click (see magcli.clicks)

HELP_WORDS = ("help",)
VERSION_WORDS = ("version",)
VERSION_FLAGS = ("-V",)


def spoken(args: list[str], commands: Sequence[str]) -> list[str]:
    """`help`, `help COMMAND`, `version` and `-V` as the options they name."""
    if not args:
        return args
    first = args[0].casefold()
    if first in HELP_WORDS:
        named = [word for word in args[1:] if not word.startswith("-")][:1]
        return [*named, "--help"] if named else ["--help"]
    if first in VERSION_WORDS and all(word.startswith("-") for word in args[1:]):
        return ["--version"]  # 'version', and 'version --json' as well: one line either way
    front = []
    for word in args:  # -V before the command, among the group's own options
        if not word.startswith("-") or word in commands:
            break
        front.append(word)
    if any(word in VERSION_FLAGS for word in front):
        return ["--version"]
    return args


def options_after_command(
    args: list[str], commands: Sequence[str], output: dict[str, bool]
) -> list[str]:
    """The output options given before the command moved after it; `output` maps each
    output option's names to whether it takes a value."""
    before: list[str] = []
    moved: list[str] = []
    index = 0
    while index < len(args) and args[index].startswith("-") and args[index] != "--":
        word = args[index]
        name = word.split("=", 1)[0]
        short = name[:2] if not name.startswith("--") and len(name) > 2 else name
        if short in output:
            takes = output[short] and "=" not in word and short == name
            moved += args[index : index + (2 if takes else 1)]
            index += 2 if takes else 1
            continue
        before.append(word)
        index += 1
    if not moved or index >= len(args) or args[index] not in commands:
        return args
    rest = args[index:]
    end = rest.index("--") if "--" in rest else len(rest)
    return [*before, *rest[:end], *moved, *rest[end:]]


# A bare figure: what may be followed by its unit as the next word.
_FIGURE = re.compile(r"^\s*\d+(?:[.,]\d+)?\s*$")


def units_joined(
    args: list[str],
    command: click.Command,
    units: frozenset[str],
    ambiguous: frozenset[str] = frozenset(),
) -> list[str]:
    """An option's value that is a bare figure, followed by a word that is a unit
    (`--age 6 months`), joined into one value ('6 months'), as the grammar reads it. A
    word that may be a unit or a word of its own (`--age 40 m`: months, or male?) is a
    UsageError that says how to write either."""
    takes_value = {
        name
        for param in command.params
        if getattr(param, "opts", None) and not getattr(param, "is_flag", False)
        for name in [*param.opts, *getattr(param, "secondary_opts", [])]
        if name.startswith("-")
    }
    joined: list[str] = []
    index = 0
    while index < len(args):
        word = args[index]
        if word == "--":
            return joined + args[index:]
        joined.append(word)
        index += 1
        if word in takes_value and index < len(args):
            value = args[index]
            joined.append(value)
            index += 1
            follows = args[index].casefold() if index < len(args) else ""
            if _FIGURE.match(value) and follows in ambiguous:
                raise UsageError(
                    f"{word} {value} {args[index]}: {args[index]!r} may be a unit or a word of "
                    f"its own; write the unit next to the figure ({word} {value}{args[index]}) "
                    "or the word in full"
                )
            if _FIGURE.match(value) and follows in units:
                joined[-1] = f"{value} {args[index]}"
                index += 1
    return joined
