"""The magcli command: python -m magcli, and the installed script.

A TAB is answered from the completion index when it can be; anything else runs the
command line in full, which makes the index when it is missing."""

# No `from __future__ import annotations` (loading it would come before the signals are
# handled); the annotations below need none.

# First of all, with nothing to find or read (the C module `_signal` is loaded with the
# interpreter): until magcli's own handlers are set, Ctrl-C ends the process as SIGTERM
# and SIGHUP already do, killed by the signal, rather than raising KeyboardInterrupt in
# the middle of loading magcli.ending. One that the parent set to be ignored stays so.
TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing (mypy knows the name)
if TYPE_CHECKING:
    import signal as _signal
else:
    import _signal

if _signal.signal(_signal.SIGINT, _signal.SIG_DFL) == _signal.SIG_IGN:
    _signal.signal(_signal.SIGINT, _signal.SIG_IGN)

# Then: a signal from here on ends magcli with one line and exit 128 + its number,
# never a traceback (see magcli.ending).
from magcli import ending  # noqa: E402 - after the line above, on purpose
from magcli.ending import handle_signals  # noqa: E402

handle_signals()

import os  # noqa: E402 - after the signals, on purpose
import sys  # noqa: E402

from magcli import stream  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    """Entry point: answer a TAB from the index, or run the command line. Called with
    no arguments, as the installed command, it is the whole process: it exits with
    os._exit once everything is written (see `_end`); with `argv`, it raises SystemExit."""
    whole_process = argv is None
    if whole_process:
        # A run is short: the collector would only walk the objects every import makes,
        # and pydantic's search of every installed package for plugins finds none of use.
        import gc

        gc.set_threshold(100_000, 50, 50)
        os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    handle_signals()  # again: main() may be called without running this module
    stream.State.reader_left = stream.State.stdout_failed = False
    stream.take_over()
    args = sys.argv[1:] if argv is None else argv
    code: int | None = None
    if os.environ.get("_MAGCLI_COMPLETE"):
        from magcli.completion import answer

        code = answer()
    if code is None:
        code = _run(args)
    if whole_process:
        _end(code)
    sys.exit(code)


def _end(code: int) -> None:
    """Flush what is written and leave at once: the interpreter's own shutdown (freeing
    every module and object one by one) would take longer than the run. Nothing is
    left to do: output is written in one go, -o's file is closed and renamed, and no
    handler is registered to run at exit."""
    for name in ("stdout", "stderr"):
        output = getattr(sys, name)
        if output is not None:
            ending.quietly(output.flush)
    os._exit(code)


def _run(args: list[str]) -> int:
    """The full command line; then the completion index, if it is missing."""
    from magcli.paths import READ

    READ.clear()  # the files this run reads, not those of an earlier one in this process
    code = 1
    try:
        from magcli.cli import run

        run(args)
    except SystemExit as exit:
        code = _exit_code(exit.code)
    from magcli.cli import click_command
    from magcli.completion import refresh

    try:
        refresh(click_command)
    except Exception:  # the index only speeds up a TAB; the run has said any bug already
        if os.environ.get("MAGCLI_DEBUG"):
            raise
    return code


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    return 1  # sys.exit("message"): Python prints it and exits 1


if __name__ == "__main__":
    main()
