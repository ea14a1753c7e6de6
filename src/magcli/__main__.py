"""The magcli command: python -m magcli, and the installed script."""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing (mypy knows the name)

if TYPE_CHECKING:  # the same functions; _signal has no stubs of its own
    import signal as _signal
    from types import FrameType
else:
    import _signal  # not signal, which would load enum before anything is needed

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


def _interrupted(signum: int, frame: FrameType | None) -> None:
    """Ctrl-C: one short line and exit 130, whatever was under way (no traceback)."""
    del signum, frame
    try:
        sys.stderr.write("Interrupted.\n")
        sys.stderr.flush()
    finally:
        os._exit(EXIT_INTERRUPTED)


def main() -> None:
    """Entry point: take over Ctrl-C, answer from the fast path if it can, else run the
    full command line (Typer)."""
    _signal.signal(_signal.SIGINT, _interrupted)
    from magcli.fast import run_fast

    code = run_fast(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    from magcli.cli import run

    run()


if __name__ == "__main__":
    main()
