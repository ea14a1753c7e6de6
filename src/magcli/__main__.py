"""The magcli command: python -m magcli, and the installed script."""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType

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
    """Entry point: take over Ctrl-C first, then load and run the command line."""
    signal.signal(signal.SIGINT, _interrupted)
    from magcli.cli import run

    run()


if __name__ == "__main__":
    main()
