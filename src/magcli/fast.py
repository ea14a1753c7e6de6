"""The fast path: the most common invocations answered from the cache, without loading
Typer, pydantic or json. Typer stays the definition of the command line; this module
only recognises a strict whitelist and hands anything else back (returns None), so the
full command line handles it exactly as before:

    magcli compare FORM FORM [FORM...] [--json] [--data PATH]
    magcli list --json [--data PATH]
    magcli rank --for GOAL --json [--data PATH]
    bash completion (_MAGCLI_COMPLETE=complete_bash) of a command, or of form names after
    compare, show and dose

Options may come in any order, once each. Anything else (another option, a form of an
option it does not know, a value that is not exactly a goal, a stdout that is not UTF-8,
a catalogue that is missing or invalid) goes to Typer. A differential test runs every
invocation of the CLI test suite both ways and requires the same stdout, stderr and
exit code.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing (mypy knows the name)
if TYPE_CHECKING:
    from magcli.cache import Cached

COMMANDS = [
    "compare", "list", "show", "rank", "dose", "intake", "interactions", "goals", "foods",
    "schema",
]  # fmt: skip
FORM_ARGUMENT_COMMANDS = ("compare", "show", "dose")


def run_fast(argv: list[str]) -> int | None:
    """Answer `argv` and return the exit code, or None to let the full command line run."""
    if os.environ.get("_MAGCLI_COMPLETE"):
        return _complete()
    if not argv or argv[0] not in ("compare", "list", "rank"):
        return None
    parsed = _parse(argv[0], argv[1:])
    if parsed is None:
        return None
    as_json, data, names, goal = parsed
    answerable = {"compare": len(names) >= 2, "list": as_json, "rank": as_json and bool(goal)}
    if not answerable[argv[0]]:
        return None  # decided before any file is read: the full path loses nothing
    if sys.stdout is None:
        return None  # stdout closed: the full path says nothing and exits 1
    if as_json and not _utf8_stdout():
        return None  # JSON for another encoding is the full path's job
    data = _catalog_file(data)
    if data is None:
        return None
    from magcli import cache

    cached = cache.load(data)
    if cached is None:
        return None
    if argv[0] == "compare":
        return _compare(cached, names, as_json)
    if argv[0] == "list":
        return _write(cached["list_document"])
    assert goal is not None
    from magcli.names import normalize_name

    goal_id = cached["goals"].get(normalize_name(goal))
    if goal_id is None:
        return None  # not a goal: the full path explains
    return _write(cached["rankings"][goal_id])


def _parse(command: str, words: list[str]) -> tuple[bool, str | None, list[str], str | None] | None:
    """The options and names of a whitelisted invocation, or None for anything else."""
    as_json, data, goal, names = False, None, None, []
    seen: set[str] = set()
    index = 0
    while index < len(words):
        word = words[index]
        if word.startswith("-"):
            if word in seen:
                return None
            seen.add(word)
            if word == "--json":
                as_json = True
            elif word in ("--data", "--for") and index + 1 < len(words):
                value = words[index + 1]
                if value.startswith("-"):
                    return None
                index += 1
                if word == "--data":
                    data = value
                else:
                    goal = value
            else:
                return None
        else:
            if command != "compare":
                return None
            names.append(word)
        index += 1
    if goal is not None and command != "rank":
        return None
    return as_json, data, names, goal


def _utf8_stdout() -> bool:
    encoding = getattr(sys.stdout, "encoding", None) or ""
    return encoding.lower().replace("_", "-") in ("utf-8", "utf8")


def _catalog_file(given: str | None) -> str | None:
    """The catalogue the full path would read (explicit, $MAGCLI_DATA, bundled)."""
    if given == "":
        return None  # an empty --data is passed on by Typer in its own way: full path
    from magcli.paths import catalog_file

    return catalog_file(given)


def _document(cached: Cached, command: str, members: list[tuple[str, str]]) -> str:
    """The JSON text json.dumps(indent=2) would write for the envelope."""
    fields = [
        ("schema_version", cached["schema_version"]),
        ("data_version", cached["data_version"]),
        ("command", f'"{command}"'),
        *members,
        ("disclaimer", cached["disclaimer"]),
    ]
    return "{\n" + ",\n".join(f'  "{key}": {value}' for key, value in fields) + "\n}\n"


def _items(texts: list[str]) -> str:
    return "[\n" + ",\n".join(texts) + "\n  ]" if texts else "[]"


def _write(text: str) -> int:
    from magcli.stream import Closed, write_stdout

    try:
        write_stdout(text)
    except Closed as closed:
        return closed.code
    return 0


def _compare(cached: Cached, names: list[str], as_json: bool) -> int:
    from magcli.errors import MagcliError
    from magcli.names import NameIndex, repeat_warnings
    from magcli.stream import write_stderr

    index = NameIndex([(key, form_id) for key, form_id in cached["index"]])
    chosen: list[str] = []
    repeats: list[tuple[str, str]] = []
    for name in names:
        try:
            form_id = index.find(name)
        except MagcliError as error:
            from magcli.text import escape_unsafe

            write_stderr(f"Error: {escape_unsafe(str(error))}")
            return error.exit_code
        if form_id in chosen:
            repeats.append((name, form_id))
        else:
            chosen.append(form_id)
    for warning in repeat_warnings(repeats):
        from magcli.text import escape_unsafe

        write_stderr(f"Warning: {escape_unsafe(warning)}")
    if as_json:
        forms = _items([cached["forms"][form_id] for form_id in chosen])
        return _write(_document(cached, "compare", [("forms", forms)]))
    from magcli import cache

    key = _render_key(chosen)
    text = cache.rendered(cached, key) if key is not None else None
    if text is None:
        text = _render_table(cached, chosen)
        if key is not None:
            cache.remember(cached, key, text)
    return _write(text)


def _render_table(cached: Cached, chosen: list[str]) -> str:
    from magcli.render.facts import Entry
    from magcli.render.table import render_compare
    from magcli.vocab import Grade, Verdict

    pairs = [
        (
            form_id,
            [
                (
                    label,
                    [
                        Entry(
                            head,
                            Grade(grade) if grade else None,
                            note,
                            Verdict(verdict) if verdict else None,
                        )
                        for head, grade, note, verdict in entries
                    ],
                )
                for label, entries in cached["facts"][form_id]
            ],
        )
        for form_id in chosen
    ]
    return render_compare(pairs, sys.stdout, quiet=False)


# Everything Rich reads from the environment when it sizes and colours a table.
RICH_ENVIRONMENT = (
    "COLUMNS", "LINES", "JUPYTER_COLUMNS", "JUPYTER_LINES", "NO_COLOR", "FORCE_COLOR",
    "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLORTERM", "TERM", "DATABRICKS_RUNTIME_VERSION",
    "UNICODE_VERSION",
)  # fmt: skip


def _render_key(chosen: list[str]) -> str | None:
    """Every input that decides the bytes of a compare table, or None when one cannot be
    known without Rich (then the table is simply rendered)."""
    stream = sys.stdout
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):
        return None
    size = None
    for descriptor in (0, 1, 2):  # Rich asks stdin, stdout, stderr, in that order
        try:
            size = tuple(os.get_terminal_size(descriptor))
        except (OSError, ValueError):
            continue
        break
    rich = _rich_stamp()
    if rich is None:
        return None
    environment = tuple(os.environ.get(name) for name in RICH_ENVIRONMENT)
    inputs = (chosen, terminal, size, environment, stream.encoding, sys.platform, rich)
    return repr(inputs)


def _rich_stamp() -> tuple[str, int, int] | None:
    """Where Rich is installed, and the size and time of its package file."""
    for folder in sys.path:
        candidate = os.path.join(folder or ".", "rich", "__init__.py")
        try:
            info = os.stat(candidate)
        except OSError:
            continue
        return candidate, info.st_size, info.st_mtime_ns
    return None


def _complete() -> int | None:
    """Bash completion of a command, or of form names where a form is expected."""
    if os.environ.get("_MAGCLI_COMPLETE") != "complete_bash":
        return None
    line = os.environ.get("COMP_WORDS", "")
    if any(char in line for char in "\"'\\"):
        return None  # quoting: let Click split the line
    words = line.split()
    if line.endswith(" "):
        words.append("")
    try:
        position = int(os.environ.get("COMP_CWORD", ""))
    except ValueError:
        return None
    if position != len(words) - 1 or position < 1:
        return None
    incomplete = words[position]
    if incomplete.startswith("-"):
        return None
    if position == 1:
        return _write(
            "".join(f"{name}\n" for name in COMMANDS if name.startswith(incomplete)) or "\n"
        )
    command, before = words[1], words[2:position]
    if command not in FORM_ARGUMENT_COMMANDS or any(word.startswith("-") for word in before):
        return None
    if before and command != "compare":
        return None
    path = _catalog_file(None)
    if path is None:
        return None
    from magcli import cache

    cached = cache.load(path)
    if cached is None:
        return None
    from magcli.names import normalize_name

    wanted = normalize_name(incomplete) if incomplete.strip() else ""
    found = [
        shown
        for shown, folded in cached["completions"]
        if folded.startswith(wanted) or shown.lower().startswith(incomplete.lower())
    ]
    # Click keeps only what starts with the word as typed, then prints one per line.
    shown = [name for name in dict.fromkeys(found) if name.startswith(incomplete)]
    return _write("\n".join(shown) + "\n")
