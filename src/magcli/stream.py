"""Writing output the same way on every path, and ending the same way on every signal.

- A document goes to stdout in one write, with the signals that end magcli held until
  it is written: a reader gets all of it or none of it. If stdout cannot take it (a full
  disk, a closed or read-only descriptor), magcli says so in one line on stderr, exits
  1, and cuts a regular file back to where the document began.
- A reader that leaves (`| head`) ends magcli quietly, with exit 0.
- A file named with -o is written under a temporary name beside it and renamed over it
  when complete; only a regular file is ever replaced, and it keeps its mode.
- SIGINT, SIGTERM and SIGHUP end magcli with one line on stderr and exit 128 + the
  signal's number, after removing any temporary file it was writing.
- Nothing reaches stdout with a byte-order mark, whatever encoding Python was given.
"""

from __future__ import annotations

import io
import os
import signal
import sys

from magcli.ending import ENDINGS, TEMPORARIES, quietly
from magcli.errors import EXIT_OK, EXIT_RUNTIME, OutputError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing (mypy knows the name)

if TYPE_CHECKING:
    from collections.abc import Iterable


class State:
    """What happened to the standard streams in this run."""

    reader_left = False  # stdout's reader went away: the output was cut short
    stdout_failed = False  # stdout could not be written (and magcli has said so)
    closed_at_start: set[int] = set()  # noqa: RUF012 - descriptors closed when magcli began
    holds = 0  # the holds of the ending signals not yet released


class Closed(Exception):
    """Output cannot be written: stdout was closed, full, or nobody is reading."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


# Signals -------------------------------------------------------------------------------


def hold() -> None:
    """Hold back the signals that end magcli (delivered when as many `release` calls
    have been made: a hold inside a hold ends with the outer one)."""
    State.holds += 1
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is not None and State.holds == 1:
        mask(signal.SIG_BLOCK, set(ENDINGS))


def release() -> None:
    State.holds = max(0, State.holds - 1)
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is not None and State.holds == 0:
        mask(signal.SIG_UNBLOCK, set(ENDINGS))


# Standard streams -------------------------------------------------------------------------


def put(data: bytes) -> None:
    """Write all of `data` to file descriptor 1 with the ending signals held; raise
    Closed with the exit code when it cannot be written, after saying why on stderr and
    cutting a regular file back to where `data` began."""
    if not data:
        return
    if State.stdout_failed:  # said once already; the run is ending with its code
        raise Closed(EXIT_RUNTIME)
    if 1 in State.closed_at_start:
        _cannot("standard output is closed")
        raise Closed(EXIT_RUNTIME)
    hold()
    start = _offset(1)
    try:
        _write_all(1, data)
    except BrokenPipeError:
        quiet_broken_pipe()
        raise Closed(EXIT_OK) from None
    except OSError as error:
        if start is not None:
            quietly(os.ftruncate, 1, start)
        _cannot(error.strerror or str(error))
        raise Closed(EXIT_RUNTIME) from None
    finally:
        release()


def _write_all(number: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(number, view)
        view = view[written:]


def _offset(number: int) -> int | None:
    """Where the next write to a regular file goes (its end, if it was opened to append,
    as by >>); None for anything else."""
    import fcntl
    import stat

    try:
        info = os.fstat(number)
        if not stat.S_ISREG(info.st_mode):
            return None
        if fcntl.fcntl(number, fcntl.F_GETFL) & os.O_APPEND:
            return info.st_size
        return os.lseek(number, 0, os.SEEK_CUR)
    except OSError:
        return None


def _cannot(reason: str) -> None:
    """Say, once, why stdout cannot be written."""
    if not State.stdout_failed:
        State.stdout_failed = True
        write_stderr(f"Error: cannot write the output: {reason}")


def write_stdout(output: str | bytes | Iterable[str]) -> None:
    """Write all of `output` (text, bytes as they are, or text in pieces made as they are
    written) to stdout; raise Closed with the exit code if that cannot be, having said
    why unless the reader simply left. A signal waits for the whole output, and output
    in pieces that fails on the way is cut back from a regular file, as one piece is."""
    stream = sys.stdout
    if stream is None:  # started with stdout closed: nowhere to write
        _cannot("standard output is closed")
        raise Closed(EXIT_RUNTIME)
    pieces: Iterable[str | bytes] = [output] if isinstance(output, str | bytes) else output
    hold()
    start = None if isinstance(output, str | bytes) else _offset(1)
    try:
        for piece in pieces:
            if isinstance(piece, str):
                stream.write(piece)
            else:
                stream.flush()
                stream.buffer.write(piece)
        stream.flush()
    except BrokenPipeError:
        quiet_broken_pipe()
        raise Closed(EXIT_OK) from None
    except (OSError, ValueError) as error:  # a stream other than magcli's own (see take_over)
        _cut_back(start)
        _cannot(getattr(error, "strerror", None) or str(error))
        raise Closed(EXIT_RUNTIME) from None
    except BaseException as error:
        if not isinstance(error, Closed) or error.code != EXIT_OK:
            _cut_back(start)
        raise
    finally:
        release()


PAGER_ENV = "MAGCLI_PAGER"
DEFAULT_PAGER = "less -FRX"  # quit if it fits, keep colours, leave the screen as it was
PAGER_FAILS_WITHIN = 1.0  # seconds: a pager that ends badly sooner showed nothing


def page(text: str) -> bool:
    """Show `text` through a pager, as git and gh do: only when stdout is a terminal and
    the text is taller than it, with $MAGCLI_PAGER, else $PAGER, else less; `cat` (or
    an empty setting) means none. False when it was not paged (no terminal, short text,
    no pager, one that failed): the caller writes it plainly. While the pager runs,
    Ctrl-C is the pager's (less stays and takes it), and magcli waits for it to end."""
    import shlex
    import shutil
    import subprocess

    stream = sys.stdout
    try:
        if stream is None or not stream.isatty():
            return False
        rows = shutil.get_terminal_size().lines
    except (OSError, ValueError):
        return False
    if text.count("\n") < rows:
        return False
    setting = os.environ.get(PAGER_ENV)
    setting = os.environ.get("PAGER") if setting is None else setting
    try:
        words = shlex.split(DEFAULT_PAGER if setting is None else setting)
    except ValueError:
        return False
    if not words or words[0] == "cat" or shutil.which(words[0]) is None:
        return False
    environment = dict(os.environ)
    environment.setdefault("LESS", "FRX")
    try:  # started first: it takes the signals' own defaults, not magcli's handling
        pager = subprocess.Popen(words, stdin=subprocess.PIPE, env=environment)
    except OSError:
        return False
    interrupt = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        assert pager.stdin is not None
        encoding = getattr(stream, "encoding", None) or "utf-8"
        import time

        began = time.monotonic()
        try:  # the text is made for this terminal's encoding already
            pager.stdin.write(text.encode(encoding, errors="replace"))
            pager.stdin.close()
        except BrokenPipeError:  # quit before reading it all ('q'): as it should
            pass
        except OSError:
            pass
        # A pager that fails at once (missing, broken) showed nothing: the text is written
        # plainly. One that ran a while and then ended badly (less -K on Ctrl-C) showed it
        # to the person, who does not want it all again.
        return pager.wait() == 0 or time.monotonic() - began > PAGER_FAILS_WITHIN
    finally:
        signal.signal(signal.SIGINT, signal.SIG_DFL if interrupt is None else interrupt)


def _cut_back(start: int | None) -> None:
    """A regular file on stdout back to where the output began."""
    if start is not None:
        quietly(os.ftruncate, 1, start)


def write_stderr(line: str) -> None:
    """One line on stderr (a message or a warning), wrapped at word boundaries to a
    terminal's width (a command to copy, indented, is left whole); a stderr that fails
    is let be."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        if stream.isatty():
            line = _wrapped(line)
        stream.write(line + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass


def _wrapped(text: str) -> str:
    import shutil
    import textwrap

    width = max(40, shutil.get_terminal_size().columns - 1)
    return "\n".join(
        part
        if part.startswith(" ") or len(part) <= width
        else textwrap.fill(part, width, break_long_words=False, break_on_hyphens=False)
        for part in text.split("\n")
    )


def _encoding(stream: object) -> str:
    """The stream's encoding, less the byte-order mark some encodings would write first
    (utf-8-sig, utf-16, utf-32): a document never starts with one."""
    import codecs

    name = str(getattr(stream, "encoding", None) or "utf-8")
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return "utf-8"
    order = "le" if sys.byteorder == "little" else "be"
    return {"utf-8-sig": "utf-8", "utf-16": f"utf-16-{order}", "utf-32": f"utf-32-{order}"}.get(
        name, name
    )


class _Direct(io.RawIOBase):
    """Standard output or error without Python's buffer: each write goes to the
    descriptor at once, so a failure is seen where it happens (stdout's as `put` says,
    stderr's ignored) and nothing is left to fail again at exit."""

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number

    def write(self, data: bytes) -> int:  # type: ignore[override]
        data = bytes(data)
        if self.number == 1:
            put(data)
        elif self.number not in State.closed_at_start:
            quietly(_write_all, self.number, data)  # a stderr that fails is let be
        return len(data)

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return os.isatty(self.number)

    def fileno(self) -> int:
        return self.number


def take_over() -> None:
    """Make sys.stdout and sys.stderr write straight to their descriptors, without a
    byte-order mark, spelling what the encoding cannot carry in ASCII (see `_fit`).

    A descriptor that was closed when magcli started is held on /dev/null (so that no
    file opened later can take its number and receive the output) and every write to
    it fails as it should: stdout's with one line and exit 1."""
    import codecs

    codecs.register_error(FIT, _fit)
    for number, name in ((1, "stdout"), (2, "stderr")):
        stream = getattr(sys, name)
        if stream is None:
            if not _hold_closed(number):
                continue
            State.closed_at_start.add(number)
            encoding, errors = "utf-8", FIT
        else:
            try:
                if stream.fileno() != number:
                    continue  # not the real descriptor (a test harness's): leave it be
            except (AttributeError, OSError, ValueError):
                continue
            encoding = _encoding(stream)
            errors = FIT if stream.errors == "strict" else stream.errors
        replacement = io.TextIOWrapper(  # type: ignore[type-var]
            _Direct(number),
            encoding=encoding,
            errors=errors,
            line_buffering=False,
            write_through=True,
        )
        setattr(sys, name, replacement)


def _hold_closed(number: int) -> bool:
    """Put /dev/null (read only, so writes fail) on a closed descriptor."""
    try:
        os.fstat(number)
        return False  # open after all: Python left the stream out for another reason
    except OSError:
        pass
    try:
        placeholder = os.open(os.devnull, os.O_RDONLY)
        if placeholder != number:
            os.dup2(placeholder, number)
            os.close(placeholder)
    except OSError:
        return False
    return True


FIT = "magcli.fit"  # the error handler that spells unencodable characters in ASCII


def _fit(error: UnicodeError) -> tuple[str, int]:
    """For text a stream's encoding cannot carry (a Latin-1 or ASCII terminal): a close
    ASCII spelling, '?' where there is none; a byte that was not UTF-8 in a name given on
    the command line (a lone surrogate) becomes U+FFFD if it can, else '?'."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    from magcli.text import fit_encoding

    bad = error.object[error.start : error.end]
    if any("\ud800" <= char <= "\udfff" for char in bad):
        replacement = fit_encoding("\ufffd" * len(bad), error.encoding)
    else:
        replacement = fit_encoding(bad, "ascii")
    return replacement, error.end


def quiet_broken_pipe() -> None:
    """The reader went away (`| head`): send what Python still wants to flush nowhere."""
    State.reader_left = True
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:  # pragma: no cover - nothing more can be done
        pass


# Files ---------------------------------------------------------------------------------

_KINDS = {  # what a path is, by the S_IFMT bits of its mode, for messages
    0o140000: "a socket",
    0o120000: "a symbolic link",
    0o060000: "a block device",
    0o040000: "a folder",
    0o020000: "a character device",
    0o010000: "a named pipe (FIFO)",
}


def write_file(path: str, text: str | Iterable[str]) -> None:
    """Write `text` (or text in pieces, made as they are written) to `path` as UTF-8,
    atomically: a new file beside it, renamed over it when complete, so the file is
    never half-written. Only a regular file is
    replaced, keeping its mode (and owner, where allowed); a new file gets 0666 less
    the umask, as any program's would."""
    import stat
    import tempfile

    from magcli.text import display_path

    shown = display_path(path)
    if path.endswith(os.sep) or (os.altsep and path.endswith(os.altsep)):
        raise OutputError(f"{shown}: ends with '{os.sep}', so it names a folder; give a file name")
    try:
        info: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise OutputError(f"{shown}: cannot write: {error.strerror or error}") from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
        advice = (
            "give a file name inside it"
            if stat.S_ISDIR(info.st_mode)
            else "magcli replaces only regular files; to write through it, use '>' instead"
        )
        raise OutputError(f"{shown} is {kind}: {advice}")
    if info is not None:
        _may_replace(path, shown, info)
    folder = os.path.dirname(path) or "."
    try:
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".magcli-", suffix=".tmp")
    except FileNotFoundError:
        where = display_path(folder)
        raise OutputError(f"{shown}: cannot write: the folder {where} does not exist") from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise OutputError(f"{shown}: cannot write in {display_path(folder)}: {reason}") from None
    TEMPORARIES.append(temporary)
    try:
        try:
            _give_mode(descriptor, info)
            for piece in [text] if isinstance(text, str) else text:
                _write_all(descriptor, _utf8(piece))
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(temporary, path)
    except OSError as error:
        raise OutputError(f"{shown}: cannot write: {error.strerror or error}") from None
    finally:
        quietly(os.unlink, temporary)  # gone once renamed; removed if anything failed
        TEMPORARIES.remove(temporary)


def _utf8(text: str) -> bytes:
    """A file's text as UTF-8; a lone surrogate (a byte that was not UTF-8 on the command
    line) written as text.readable writes it, as on every other path."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        from magcli.text import readable

        return readable(text).encode("utf-8")


def _may_replace(path: str, shown: str, info: os.stat_result) -> None:
    """Refuse to replace a file that this run read its data from, or one its owner made
    read-only (as the shell's > would refuse to write it)."""
    from magcli.paths import READ, data_file

    if (info.st_dev, info.st_ino) in READ:
        raise OutputError(f"{shown} is the data file this command read; write elsewhere")
    for name in ("forms.toml", "reference.toml"):  # magcli's own, read or not this time
        try:
            own = os.stat(data_file(name))
        except OSError:
            continue
        if (own.st_dev, own.st_ino) == (info.st_dev, info.st_ino):
            raise OutputError(f"{shown} is one of magcli's own data files; write elsewhere")
    if not os.access(path, os.W_OK):
        raise OutputError(f"{shown} is read-only: magcli will not replace it")


def _give_mode(descriptor: int, existing: os.stat_result | None) -> None:
    """The mode (and owner) the file will have: the old file's, or 0666 less the umask."""
    import stat

    if existing is None:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(descriptor, 0o666 & ~umask)
        return
    os.fchmod(descriptor, stat.S_IMODE(existing.st_mode))
    if (existing.st_uid, existing.st_gid) != (os.geteuid(), os.getegid()):
        # Only root may give a file away; the mode is kept all the same.
        quietly(os.fchown, descriptor, existing.st_uid, existing.st_gid)
