"""How magcli ends on a signal: SIGINT, SIGTERM and SIGHUP end it with one line on
stderr and exit 128 + the signal's number, after removing any temporary file it was
writing; never a traceback.

The first module the magcli command loads, and it loads nothing but `os` and `_signal`:
the handlers are in place a few milliseconds after the interpreter starts, before any
of magcli's own code runs (see magcli.__main__). What comes before that is the
interpreter's own start-up, documented in the guide ("Signals")."""

import os

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing (mypy knows the name)

# No `from __future__`, and the C module `_signal` rather than `signal` (which loads
# enum): each would cost time before the handlers are set.
if TYPE_CHECKING:
    import signal
    from collections.abc import Callable
    from types import FrameType
else:
    import _signal as signal

EXIT_SIGNAL_BASE = 128  # a signal ends magcli with 128 + its number, as shells report it
# The signals that end magcli, and the line each leaves on stderr.
ENDINGS: dict[int, str] = {
    signal.SIGINT: "Interrupted.",
    signal.SIGTERM: "Terminated.",
    signal.SIGHUP: "Hung up.",
}
# Files being written that a signal must not leave behind.
TEMPORARIES: list[str] = []


def handle_signals() -> None:
    """End magcli cleanly on SIGINT, SIGTERM and SIGHUP (a signal the parent set to be
    ignored, as nohup does with SIGHUP, stays ignored)."""
    for number in ENDINGS:
        try:
            if signal.getsignal(number) != signal.SIG_IGN:
                signal.signal(number, _end)
        except (OSError, ValueError):  # pragma: no cover - not the main thread
            pass


def _end(number: int, frame: "FrameType | None") -> None:
    """Remove what was being written, say why magcli stopped, exit 128 + the number."""
    del frame
    for path in TEMPORARIES:
        quietly(os.unlink, path)
    # stderr may have gone with the terminal: then there is nothing more to say.
    quietly(os.write, 2, (ENDINGS.get(number, "Stopped.") + "\n").encode())
    os._exit(EXIT_SIGNAL_BASE + number)


def quietly(action: "Callable[..., object]", *args: object) -> None:
    """Do `action`, and let an OSError pass, or the ValueError of a closed stream
    (contextlib.suppress, without loading it)."""
    try:  # noqa: SIM105 - this is that suppress
        action(*args)
    except (OSError, ValueError):
        pass
