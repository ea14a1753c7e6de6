"""Shell completion: the names a shell is offered, and an index of them that lets a TAB
be answered without loading the command line.

The index is made from the command line itself (the Click command Typer builds: every
command, option and argument, and the candidates each one's completion offers), stored
under a key of the code and the data files it was made from, and remade by the next
full run whenever either changes. A TAB it cannot place with certainty (an option name,
quoting, a shell other than bash) goes to the full command line, which gives the same
answer more slowly.
"""

from __future__ import annotations

import os
import sys

from magcli import cache
from magcli.domain.names import completions

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from magcli.clicks import click

INDEX_MAGIC = b"magcli completion index 2\n"


# The names offered -------------------------------------------------------------------------


def offer(names: Any) -> Any:
    """A Typer autocompletion callback offering the names `names()` gives; none when the
    data cannot be read (completion must never fail loudly)."""

    def complete(incomplete: str) -> list[str]:
        from magcli.errors import MagcliError

        try:
            return completions(names() if callable(names) else names, incomplete)
        except MagcliError:
            return []

    return complete


# The index ---------------------------------------------------------------------------------
#
# The index is untrusted input. Its folder ($XDG_CACHE_HOME/magcli, else ~/.cache/magcli)
# is created 0700, with any parent it creates 0700 too, and used only if it is a real
# directory owned by this user that no one else can write to. The index is opened
# without following links and without blocking, read only if it is a regular file of
# this user's under the size limit, and checked against the hash it carries. Its name
# is a hash of everything it depends on: this Python, every source file of magcli and
# of the packages the command line is built from (by size, time and inode), and the
# bytes of the data files, or that one was missing or unreadable. Any problem is a
# miss, answered by the full command line; magcli deletes only files it wrote.

PACKAGES = ("typer", "click", "rich", "pydantic", "pydantic_core")  # what the index comes from
MAX_INDEX_BYTES = 4 << 20


def _stamp(path: str) -> bytes:
    try:
        info = os.stat(path)
    except OSError:
        return b"-"
    return b"%d:%d:%d" % (info.st_size, info.st_mtime_ns, info.st_ino)


def code_stamp() -> bytes:
    """This Python, and the size, time and inode of every source file of magcli (every
    folder of it) and of the packages the command line is built from."""
    here = os.path.dirname(os.path.abspath(__file__))
    parts = [sys.version.encode(), os.fsencode(sys.executable), os.fsencode(here)]
    for root, folders, files in os.walk(here):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(root, name)
                parts.append(os.fsencode(os.path.relpath(path, here)) + b"=" + _stamp(path))
    for package in PACKAGES:
        for location in sys.path:
            found = os.path.join(location or ".", package, "__init__.py")
            stamp = _stamp(found)
            if stamp != b"-":
                parts.append(os.fsencode(found) + b"=" + stamp)
                break
        else:
            parts.append(package.encode() + b"=missing")
    return b"\0".join(parts)


def index_name() -> str:
    """The index's file name for the code and the data a TAB would read now: a data file
    that is missing or unreadable is part of the name as such."""
    from magcli.paths import catalog_file, data_file, digest, read_bytes

    parts = [code_stamp()]
    for path in (catalog_file(), data_file("reference.toml")):
        try:
            content = read_bytes(path, remember=False)
        except FileNotFoundError:
            content = b"missing"
        except OSError as error:
            content = b"unreadable " + str(error.errno).encode()
        parts.append(os.fsencode(os.path.abspath(path)) + b"\0" + digest(content))
    return "index-" + digest(b"\0\0".join(parts)).hex()[:40]


def build(command: click.Command) -> dict[str, Any]:
    """Every command's options and arguments, and the candidates of each that completes."""
    from magcli.clicks import Context, TyperOption

    group: Any = command
    commands: dict[str, Any] = {}
    for name, sub in group.commands.items():
        context = Context(sub, info_name=name, resilient_parsing=True)
        options: dict[str, Any] = {}
        arguments: list[Any] = []
        for param in sub.get_params(context):
            offered = None
            if getattr(param, "_custom_shell_complete", None) is not None:
                offered = [item.value for item in param.shell_complete(context, "")]
            if isinstance(param, TyperOption):
                takes_value = not param.is_flag and param.nargs == 1
                for flag in (*param.opts, *param.secondary_opts):
                    options[flag] = (takes_value, offered)
            else:
                arguments.append((param.nargs, offered))
        commands[name] = (options, arguments)
    return {"commands": commands}


def refresh(command: Callable[[], click.Command]) -> None:
    """Make the index for the current code and data if there is none (best effort,
    silent); `command` builds the whole command line, only when it is needed."""
    where = cache.folder()
    if where is None:
        return
    name = index_name()
    if os.path.exists(os.path.join(where, name)) or not cache.usable(where, create=True):
        return
    import marshal

    from magcli.domain.catalog import parsed_once
    from magcli.paths import digest

    try:
        with parsed_once():  # every completing parameter reads the same few files
            payload = marshal.dumps(build(command()))
    except Exception:
        return
    cache.store(where, name, INDEX_MAGIC + digest(payload) + payload, INDEX_MAGIC, keep=1)


def _load() -> dict[str, Any] | None:
    import marshal

    from magcli.paths import DIGEST_SIZE, digest

    where = cache.folder()
    if where is None or not cache.usable(where):
        return None
    entry = cache.read_entry(os.path.join(where, index_name()), MAX_INDEX_BYTES)
    head = len(INDEX_MAGIC) + DIGEST_SIZE
    if entry is None or not entry.startswith(INDEX_MAGIC) or len(entry) < head:
        return None
    payload = entry[head:]
    if digest(payload) != entry[len(INDEX_MAGIC) : head]:
        return None
    try:
        index = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    return index if isinstance(index, dict) else None


# Answering a TAB ------------------------------------------------------------------------


def answer() -> int | None:
    """Answer bash's TAB from the index; None to let the full command line answer."""
    if os.environ.get("_MAGCLI_COMPLETE") != "complete_bash":
        return None
    line = os.environ.get("COMP_WORDS", "")
    if any(char in line for char in "\"'\\="):
        return None  # quoting or --opt=value: let Click split the line
    words = line.split()
    if line.endswith(" ") or not words:
        words.append("")
    try:
        position = int(os.environ.get("COMP_CWORD", ""))
    except ValueError:
        return None
    if position != len(words) - 1 or position < 1:
        return None
    index = _load()
    if index is None or not isinstance(index.get("commands"), dict):
        return None
    try:
        offered = _candidates(index["commands"], words[1:position], words[position])
    except (KeyError, TypeError, ValueError):  # an index of another shape: not ours to trust
        return None
    if offered is None:
        return None
    from magcli.stream import Closed, write_stdout

    try:
        write_stdout("\n".join(completions(offered, words[position])) + "\n")
    except Closed as closed:
        return closed.code
    return 0


def _candidates(commands: dict[str, Any], before: list[str], incomplete: str) -> list[str] | None:
    """What the parameter being typed offers, or None when that is not certain."""
    if incomplete.startswith("-"):
        return None
    if not before:
        return list(commands)
    if before[0] not in commands:
        return None
    options, arguments = commands[before[0]]
    slot = 0
    words = iter(before[1:])
    for word in words:
        if word == "--" or (word.startswith("-") and word not in options):
            return None
        if word.startswith("-"):
            takes_value, offered = options[word]
            if takes_value:
                value = next(words, None)
                if value is None:  # the value of this option is being typed
                    return None if offered is None else list(offered)
            continue
        if slot >= len(arguments):
            return None
        if arguments[slot][0] != -1:  # a variadic argument takes every word after it
            slot += 1
    if slot >= len(arguments):
        return None
    offered = arguments[slot][1]
    return None if offered is None else list(offered)
