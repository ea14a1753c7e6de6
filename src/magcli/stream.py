"""Writing output the same way on every path: a document goes out whole, to stdout or
to a file replaced atomically; a reader that leaves ends magcli quietly; Ctrl-C never
cuts a document in half."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from magcli.errors import EXIT_OK, EXIT_RUNTIME, OutputError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing (mypy knows the name)

if TYPE_CHECKING:  # the same functions; _signal has no stubs of its own
    import signal as _signal
else:
    import _signal


class Closed(Exception):
    """Output cannot be written: stdout was closed, or nobody is reading."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def write_stdout(text: str) -> None:
    """Write all of `text` to stdout; raise Closed with the exit code if that cannot be."""
    stream = sys.stdout
    if stream is None:  # started with stdout closed: nowhere to write
        raise Closed(EXIT_RUNTIME)
    try:
        with interrupts_held():
            stream.write(text)
            stream.flush()
    except BrokenPipeError:
        quiet_broken_pipe()
        raise Closed(EXIT_OK) from None
    except OSError:  # stdout closed or full: the output is lost, and says nothing more
        raise Closed(EXIT_RUNTIME) from None


def write_stderr(line: str) -> None:
    """One line on stderr (a message or a warning)."""
    if sys.stderr is not None:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()


def write_file(path: str, text: str) -> None:
    """Write `text` to `path` as UTF-8, atomically: a temporary file beside it, renamed
    over it when complete, so the file is never half-written."""
    import tempfile

    folder = os.path.dirname(path) or "."
    try:
        # Closed by the `with` below; opened apart so that a failure to create it is told
        # from a failure to write it.
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115
            "w",
            encoding="utf-8",
            dir=folder,
            prefix=f".{os.path.basename(path)}.",
            suffix=".tmp",
            delete=False,
        )
    except OSError as error:
        raise OutputError(f"{path}: cannot write: {error.strerror or error}") from None
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except OSError as error:
        raise OutputError(f"{path}: cannot write: {error.strerror or error}") from None
    finally:
        if os.path.exists(handle.name):
            os.unlink(handle.name)


@contextmanager
def interrupts_held() -> Iterator[None]:
    """Hold SIGINT back for the duration; it is delivered as soon as the block ends."""
    mask = getattr(_signal, "pthread_sigmask", None)
    if mask is None:  # pragma: no cover - not on POSIX
        yield
        return
    mask(_signal.SIG_BLOCK, {_signal.SIGINT})
    try:
        yield
    finally:
        mask(_signal.SIG_UNBLOCK, {_signal.SIGINT})


def quiet_broken_pipe() -> None:
    """The reader went away (`| head`): send what Python still wants to flush nowhere."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):  # pragma: no cover - stdout already gone
        pass
