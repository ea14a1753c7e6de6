"""The magcli command: python -m magcli, and the installed script.

A run is answered from the run cache when an identical one was seen before, a TAB from
the completion index when it can be; anything else runs the command line in full, and
what it writes is kept for next time."""

from __future__ import annotations

import os
import sys

from magcli.errors import EXIT_INTERRUPTED

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing (mypy knows the name)

if TYPE_CHECKING:  # the same functions; _signal has no stubs of its own
    import signal as _signal
    from types import FrameType
else:
    import _signal  # not signal, which would load enum before anything is needed


def _interrupted(signum: int, frame: FrameType | None) -> None:
    """Ctrl-C: one short line and exit 130, whatever was under way (no traceback)."""
    del signum, frame
    try:
        sys.stderr.write("Interrupted.\n")
        sys.stderr.flush()
    finally:
        os._exit(EXIT_INTERRUPTED)


def main(argv: list[str] | None = None) -> None:
    """Entry point: replay a cached run, or answer a TAB from the index, or run the
    command line and keep what it wrote."""
    _signal.signal(_signal.SIGINT, _interrupted)
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

    refresh(click_command())
    return code


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    return 1  # sys.exit("message"): Python prints it and exits 1


if __name__ == "__main__":
    main()
