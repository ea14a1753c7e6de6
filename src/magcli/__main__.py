"""The magcli command: python -m magcli, and the installed script.

A run is answered from the run cache when an identical one was seen before, a TAB from
the completion index when it can be; anything else runs the command line in full, and
what it writes is kept for next time."""

from __future__ import annotations

# First of all, before anything slower is loaded: a signal from here on ends magcli with
# one line and exit 128 + its number, never a traceback (see magcli.stream).
from magcli import stream

stream.handle_signals()

import os  # noqa: E402 - after the signals, on purpose
import sys  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    """Entry point: replay a cached run, or answer a TAB from the index, or run the
    command line and keep what it wrote."""
    stream.handle_signals()  # again: main() may be called without running this module
    stream.State.reader_left = stream.State.stdout_failed = False
    stream.take_over()
    args = sys.argv[1:] if argv is None else argv
    from magcli import runcache

    code = runcache.replay(args)
    if code is None and os.environ.get("_MAGCLI_COMPLETE"):
        from magcli.completion import answer

        code = answer()
    if code is not None:
        sys.exit(code)
    code = _run(args)
    sys.exit(code)


def _run(args: list[str]) -> int:
    """The full command line, recorded; then the completion index if it is missing."""
    from magcli import runcache

    recorder = runcache.start(args)
    code = 1
    try:
        from magcli.cli import run

        run(args)
    except SystemExit as exit:
        code = _exit_code(exit.code)
    finally:
        if recorder is not None:
            recorder.finish(code)
    from magcli.cli import click_command
    from magcli.completion import refresh

    try:
        refresh(click_command())
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
