"""A cache of whole runs: a run of magcli is a pure function of its inputs, so a repeated
run is answered by replaying what the first one wrote, without loading anything heavy.

The key of a run is a hash of everything its output can depend on:
- the arguments, the working directory and the whole environment, less VOLATILE (values
  a shell changes between two identical calls, which magcli never reads);
- for stdin, stdout and stderr: whether each is a terminal, its size, the kind of file it
  is, and the encoding and error handling Python chose for it;
- the code: Python's version and executable, and the size and time of every source file
  of magcli and of the packages it runs on (typer, rich, pydantic).
The files a run reads are not in the key but in the entry, by path and hash of the bytes
that were parsed: a hit re-reads and re-hashes them, so an edited file is a miss even
with the same size and time.

Not cached: a run that wrote a file (-o), installed or printed shell completion, was
interrupted, or failed (exit code 1); help and usage errors (exit code 2) are, like any
other output. MAGCLI_NO_CACHE=1 turns the cache off; `magcli cache clear` empties it.

The cache is untrusted input. Its folder ($XDG_CACHE_HOME/magcli, else ~/.cache/magcli)
is created 0700 and used only if it is a real directory owned by this user that no one
else can write to. Entries are opened without following links and without blocking,
read only if they are regular files owned by this user and under the size limit, and
checked against the hash they carry before anything is written. Entries are written to
a new file created exclusively, then renamed into place. The folder is kept under a size
limit, least recently used first. Any problem with any of it is a miss: it costs time,
never a wrong answer, a hang or a traceback.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing (mypy knows the name)
if TYPE_CHECKING:
    from typing import Any, BinaryIO

NO_CACHE_ENV = "MAGCLI_NO_CACHE"
# Values a shell sets afresh for every command (the path of the program run, the folder
# before the last cd), which magcli does not read: in the key they would only cause misses.
VOLATILE = (b"_", b"OLDPWD")
PACKAGES = ("typer", "rich", "pydantic", "pydantic_core")  # what magcli runs on
MAGIC = b"magcli run cache 1\n"
MAX_ENTRY_BYTES = 32 << 20  # a run that printed more is not kept
MAX_FOLDER_BYTES = 256 << 20  # kept under this, least recently used first
CACHEABLE_CODES = (0, 2, 3)  # success, usage error, --strict over the limit
STDOUT, STDERR = 1, 2


class Settings:
    """What the command line tells the cache about the run under way."""

    keep = True  # False: this run must not be cached (it wrote a file, say)


def dont_keep() -> None:
    """The run under way has effects beyond its output: do not cache it."""
    Settings.keep = False


def folder() -> str | None:
    """The cache folder, or None where there is none to use. A relative XDG_CACHE_HOME
    is ignored (as the XDG spec says); so is a HOME that is empty or relative."""
    if os.environ.get(NO_CACHE_ENV, "") not in ("", "0"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        home = os.environ.get("HOME", "")
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    return os.path.join(base, "magcli")


def usable(path: str, create: bool = False) -> bool:
    """True when `path` is a real directory of this user's that others cannot write to;
    with `create`, make it (0700) when it does not exist."""
    import stat

    try:
        info = os.lstat(path)
    except FileNotFoundError:
        if not create:
            return False
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            os.mkdir(path, 0o700)
            info = os.lstat(path)
        except OSError:
            return False
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.geteuid()
        and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


# The key -------------------------------------------------------------------------------


def _stamp(path: str) -> bytes:
    try:
        info = os.stat(path)
    except OSError:
        return b"-"
    return b"%d:%d:%d" % (info.st_size, info.st_mtime_ns, info.st_ino)


def code_stamp() -> bytes:
    """This Python, and the size and time of every source file of magcli and of the
    packages it runs on: a new version of any of them is another key."""
    here = os.path.dirname(os.path.abspath(__file__))
    parts = [sys.version.encode(), os.fsencode(sys.executable), os.fsencode(here)]
    for directory in (here, os.path.join(here, "render")):
        try:
            with os.scandir(directory) as entries:
                for entry in sorted(entries, key=lambda entry: entry.name):
                    if entry.name.endswith(".py"):
                        parts.append(os.fsencode(entry.name) + b"=" + _stamp(entry.path))
        except OSError:
            parts.append(b"unreadable")
    for package in PACKAGES:
        for location in sys.path:
            found = os.path.join(location or ".", package, "__init__.py")
            stamp = _stamp(found)
            if stamp != b"-":
                parts.append(os.fsencode(found) + b"=" + stamp)
                break
        else:
            parts.append(package.encode() + b"=missing")
    return b"\0".join(parts)


def _stream_facts() -> bytes:
    """What the output can depend on in the three standard streams."""
    import stat

    from magcli.stream import State

    parts = []
    for number, stream in enumerate((sys.stdin, sys.stdout, sys.stderr)):
        if stream is None or number in State.closed_at_start:
            parts.append(b"closed")
            continue
        try:
            terminal = stream.isatty()
        except (AttributeError, ValueError, OSError):
            terminal = False
        parts.append(b"%d %s %s" % (terminal, _text(stream, "encoding"), _text(stream, "errors")))
        try:
            parts.append(b"type %d" % stat.S_IFMT(os.fstat(number).st_mode))
        except OSError:
            parts.append(b"type -")
        try:
            parts.append(b"size %d %d" % tuple(os.get_terminal_size(number)))
        except (OSError, ValueError):
            parts.append(b"size -")
    return b"\0".join(parts)


def _text(stream: object, name: str) -> bytes:
    return str(getattr(stream, name, None)).encode("utf-8", "backslashreplace")


def key(argv: list[str]) -> str | None:
    """The name of the cache entry for running magcli with `argv` here and now; None
    when there is no telling (the working directory was deleted, say)."""
    from _blake2 import blake2b

    try:
        here = os.fsencode(os.getcwd())
    except OSError:
        return None

    environment = getattr(os, "environb", None)
    pairs = (
        sorted((k, v) for k, v in environment.items() if k not in VOLATILE)
        if environment is not None
        else sorted((k.encode(), v.encode()) for k, v in os.environ.items())
    )
    hasher = blake2b(digest_size=20)
    for part in (
        b"\0".join(os.fsencode(arg) for arg in argv),
        here,
        b"\0".join(k + b"=" + v for k, v in pairs),
        _stream_facts(),
        code_stamp(),
    ):
        hasher.update(b"%d:" % len(part) + part)
    return "run-" + str(hasher.hexdigest())


# Entries -------------------------------------------------------------------------------


def read_entry(path: str, limit: int = MAX_ENTRY_BYTES + 4096) -> bytes | None:
    """The bytes of a cache file, or None unless it is a regular file of this user's,
    under the limit; opened without following a link and without blocking."""
    import stat

    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid() or info.st_size > limit:
            return None
        data = os.read(descriptor, limit + 1)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    return data if len(data) <= limit else None


def pack(code: int, chunks: list[tuple[int, bytes]], files: list[tuple[str, bytes]]) -> bytes:
    """An entry: the exit code, what went to stdout and stderr in order, the files read."""
    from magcli.paths import digest

    body = [b"%d %d %d\n" % (code, len(chunks), len(files))]
    for stream, data in chunks:
        body.append(b"%d %d\n" % (stream, len(data)) + data)
    for path, file_digest in files:
        name = os.fsencode(path)
        body.append(b"%d\n" % len(name) + name + file_digest)
    payload = b"".join(body)
    return MAGIC + digest(payload) + payload


def unpack(entry: bytes) -> tuple[int, list[tuple[int, bytes]], list[tuple[str, bytes]]] | None:
    """What `pack` packed, or None for anything else (a damaged or foreign file)."""
    from magcli.paths import digest

    head = len(MAGIC) + 32
    if not entry.startswith(MAGIC) or len(entry) < head:
        return None
    payload = entry[head:]
    if digest(payload) != entry[len(MAGIC) : head]:
        return None
    try:
        line, position = _line(payload, 0)
        code, count, file_count = (int(word) for word in line.split(b" "))
        chunks = []
        for _ in range(count):
            line, position = _line(payload, position)
            stream, length = (int(word) for word in line.split(b" "))
            if stream not in (STDOUT, STDERR) or length < 0:
                return None
            chunks.append((stream, payload[position : position + length]))
            position += length
        files = []
        for _ in range(file_count):
            line, position = _line(payload, position)
            length = int(line)
            name = payload[position : position + length]
            file_digest = payload[position + length : position + length + 32]
            position += length + 32
            files.append((os.fsdecode(name), file_digest))
    except ValueError:
        return None
    if position != len(payload) or not 0 <= code <= 255:
        return None
    return code, chunks, files


def _line(data: bytes, start: int) -> tuple[bytes, int]:
    end = data.index(b"\n", start)  # ValueError when there is none
    return data[start:end], end + 1


def _unchanged(files: list[tuple[str, bytes]]) -> bool:
    from magcli.paths import unchanged

    for path, file_digest in files:
        try:
            if not unchanged(path, file_digest):
                return False
        except (OSError, ValueError):  # ValueError: a name no file can have (a NUL in it)
            return False
    return True


# A hit ---------------------------------------------------------------------------------


def replay(argv: list[str]) -> int | None:
    """Write what an earlier identical run wrote and return its exit code; None on a miss
    (no entry, a damaged one, a changed file, no usable cache)."""
    where = folder()
    if where is None or sys.stdout is None or sys.stderr is None or not usable(where):
        return None
    name = key(argv)
    if name is None:
        return None
    path = os.path.join(where, name)
    entry = read_entry(path)
    found = unpack(entry) if entry is not None else None
    if found is None:
        return None
    code, chunks, files = found
    if not _unchanged(files):
        return None
    if _binary(sys.stdout) is None or _binary(sys.stderr) is None:
        return None
    from magcli.stream import quietly

    quietly(os.utime, path)  # recently used: pruned last
    return _write(chunks, code)


def _binary(stream: object) -> BinaryIO | None:
    return getattr(stream, "buffer", None)


def _write(chunks: list[tuple[int, bytes]], code: int) -> int:
    """Write the chunks as the run wrote them, each to stdout whole or not at all (see
    magcli.stream); the exit code, or the one a failure to write stdout gives."""
    from magcli.stream import Closed, write_stdout

    for stream_number, data in chunks:
        if stream_number == STDOUT:
            try:
                write_stdout(data)
            except Closed as closed:
                return closed.code
        else:
            try:
                sys.stderr.flush()
                sys.stderr.buffer.write(data)
                sys.stderr.flush()
            except (OSError, ValueError):  # stderr gone: stdout still gets its document
                pass
    return code


# A miss --------------------------------------------------------------------------------


class Recorder:
    """Keeps what a run writes to stdout and stderr, in order, while it writes it."""

    def __init__(self, name: str, where: str) -> None:
        import io

        self.name = name  # the key, taken before the run could change what it depends on
        self.where = where
        self.chunks: list[tuple[int, bytes]] = []
        self.size = 0
        self.saved = (sys.stdout, sys.stderr)
        recorder = self

        class Tee(io.BufferedIOBase):
            """A binary stream that writes through and keeps a copy."""

            def __init__(self, real: BinaryIO, number: int) -> None:
                super().__init__()
                self.real = real
                self.number = number

            def write(self, data: bytes) -> int:  # type: ignore[override]
                written = self.real.write(data)
                recorder.keep(self.number, bytes(data))
                return len(data) if written is None else written

            def flush(self) -> None:
                self.real.flush()

            def close(self) -> None:  # the real stream stays open
                self.flush()

            def writable(self) -> bool:
                return True

            def isatty(self) -> bool:
                return self.real.isatty()

            def fileno(self) -> int:
                return self.real.fileno()

        def tee(stream: Any, number: int) -> Any:
            return io.TextIOWrapper(
                Tee(stream.buffer, number),
                encoding=stream.encoding,
                errors=stream.errors,
                line_buffering=stream.line_buffering,
                write_through=True,
            )

        sys.stdout = tee(sys.stdout, STDOUT)
        sys.stderr = tee(sys.stderr, STDERR)

    def keep(self, number: int, data: bytes) -> None:
        """Keep a copy of what was written (until it is too much to be worth keeping)."""
        self.size += len(data)
        if self.size > MAX_ENTRY_BYTES:
            self.chunks = []
            dont_keep()
            return
        if self.chunks and self.chunks[-1][0] == number:
            self.chunks[-1] = (number, self.chunks[-1][1] + data)
        elif data:
            self.chunks.append((number, data))

    def finish(self, code: int) -> None:
        """Put the streams back and, if the run may be kept, store it."""
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                dont_keep()
        sys.stdout, sys.stderr = self.saved
        from magcli.stream import State

        # A run whose reader left early printed less than it would have, and exits 0
        # whatever its own code was: it is not the run to replay.
        if not Settings.keep or code not in CACHEABLE_CODES or State.reader_left:
            return
        from magcli.paths import READ

        store(self.where, self.name, pack(code, self.chunks, list(dict.fromkeys(READ))))


def start(argv: list[str]) -> Recorder | None:
    """Start keeping what this run writes, if it could be cached at all."""
    from magcli.paths import READ

    READ.clear()  # what this run reads, and nothing an earlier one in this process read
    Settings.keep = True
    where = folder()
    streams = (sys.stdout, sys.stderr)
    if where is None or any(getattr(stream, "buffer", None) is None for stream in streams):
        return None
    name = key(argv)
    if name is None or not usable(where, create=True):
        return None
    return Recorder(name, where)


def store(where: str, name: str, entry: bytes) -> None:
    """Write an entry atomically (best effort), then keep the folder under its limit."""
    import tempfile

    from magcli.stream import TEMPORARIES, quietly

    try:
        descriptor, temporary = tempfile.mkstemp(dir=where, prefix=".tmp-")
    except OSError:
        return
    TEMPORARIES.append(temporary)  # removed if a signal ends the run meanwhile
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(entry)
        os.replace(temporary, os.path.join(where, name))
    except OSError:
        quietly(os.unlink, temporary)
        return
    finally:
        TEMPORARIES.remove(temporary)
    prune(where)


def prune(where: str, limit: int = MAX_FOLDER_BYTES) -> None:
    """Remove the least recently used entries until the folder is under `limit` bytes."""
    import stat

    try:
        with os.scandir(where) as entries:
            files = []
            for entry in entries:
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(info.st_mode):
                    files.append((info.st_mtime_ns, info.st_size, entry.path))
    except OSError:
        return
    total = sum(size for _, size, _ in files)
    for _, size, path in sorted(files):
        if total <= limit:
            break
        try:
            os.unlink(path)
            total -= size
        except OSError:
            pass


def clear() -> int:
    """Remove every cache entry; the number removed."""
    where = folder()
    if where is None or not usable(where):
        return 0
    removed = 0
    with os.scandir(where) as entries:
        for entry in entries:
            if entry.is_file(follow_symlinks=False):
                try:
                    os.unlink(entry.path)
                    removed += 1
                except OSError:
                    pass
    return removed
