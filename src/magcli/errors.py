"""Errors magcli reports, and every exit code it uses: named here and nowhere else."""

from __future__ import annotations

from magcli.ending import EXIT_SIGNAL_BASE  # a signal: 128 + its number, as shells report it

EXIT_OK = 0
EXIT_RUNTIME = 1  # bad data file, an output that cannot be written, or a bug
EXIT_USAGE = 2  # unknown form, bad option or value
EXIT_OVER_LIMIT = 3  # --strict: the dose is above the supplement upper limit
EXIT_HANGUP = EXIT_SIGNAL_BASE + 1  # SIGHUP: the terminal went away
EXIT_INTERRUPTED = EXIT_SIGNAL_BASE + 2  # Ctrl-C (SIGINT)
EXIT_TERMINATED = EXIT_SIGNAL_BASE + 15  # SIGTERM: asked to stop

EXIT_CODES = {
    EXIT_OK: "success",
    EXIT_RUNTIME: "bad catalogue file, output that cannot be written, or other failure",
    EXIT_USAGE: "usage error",
    EXIT_OVER_LIMIT: "dose above the upper limit with --strict",
    EXIT_HANGUP: "hung up (SIGHUP)",
    EXIT_INTERRUPTED: "interrupted (Ctrl-C, SIGINT)",
    EXIT_TERMINATED: "terminated (SIGTERM)",
}


class MagcliError(Exception):
    """Base of every error magcli reports to the user."""

    exit_code = EXIT_RUNTIME


class CatalogError(MagcliError):
    """The catalogue file is missing, unreadable or invalid."""

    exit_code = EXIT_RUNTIME


class OutputError(MagcliError):
    """The output file could not be written."""

    exit_code = EXIT_RUNTIME


class UsageError(MagcliError):
    """The user asked for something that does not exist or makes no sense."""

    exit_code = EXIT_USAGE


class UnknownFormError(UsageError):
    """A form name matched no id or alias."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        from magcli.text import or_list, shorten

        self.name = name
        self.suggestions = suggestions
        message = f"unknown form {shorten(name)}"
        foreign = _lookalikes(name)
        if foreign:
            message += f" (it has non-Latin letters: {foreign})"
        if suggestions:
            message += f"; did you mean {or_list(suggestions)}?"
        else:
            message += "; run 'magcli list' to see every form"
        super().__init__(message)


class UnknownFormsError(UsageError):
    """Several form names matched nothing: every one is reported, with its closest names."""

    def __init__(self, named: list[tuple[str, list[str]]], count: int) -> None:
        from magcli.text import or_list, shorten

        lines = [f"{count:,} unknown form names ('magcli list' shows every form):"]
        for name, suggestions in named:
            hint = f"did you mean {or_list(suggestions)}?" if suggestions else "no close name"
            lines.append(f"  {shorten(name)}: {hint}")
        if count > len(named):
            lines.append(f"  ... and {count - len(named):,} more")
        super().__init__("\n".join(lines))


def _lookalikes(name: str) -> str:
    """Letters that look Latin but are not, named with their code points."""
    import unicodedata

    seen = dict.fromkeys(
        char
        for char in name
        if char.isalpha() and not unicodedata.normalize("NFKC", char).isascii()
    )
    described = [
        f"{char!r} U+{ord(char):04X} {unicodedata.name(char, '')}".rstrip() for char in seen
    ]
    return ", ".join(described[:3])
