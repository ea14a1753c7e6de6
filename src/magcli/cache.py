"""magcli's cache folder ($XDG_CACHE_HOME/magcli, else ~/.cache/magcli), read as the
untrusted input it is.

The folder is created 0700, with any parent it creates 0700 too, and used only if it is
a real directory owned by this user that no one else can write to. An entry is opened
without following links and without blocking, and read only if it is a regular file of
this user's under the size limit; each entry carries a hash of its payload, which the
reader checks. Any problem is a miss: the caller does the work itself. magcli deletes
only files whose header says it wrote them.

Two kinds of entry live here: the completion index (magcli.completion) and the parsed
data files (magcli.domain.catalog), each named by a hash of everything it depends on.
"""

from __future__ import annotations

import os

NO_CACHE_ENV = "MAGCLI_NO_CACHE"  # set to 1: nothing is read from the folder or written
MAX_ENTRY_BYTES = 16 << 20  # larger, a file is none of magcli's


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
    with `create`, make it (0700, and 0700 any parent made for it)."""
    import stat

    try:
        info = os.lstat(path)
    except FileNotFoundError:
        if not create:
            return False
        try:
            _make(path)
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


def _make(path: str) -> None:
    """Make `path` and any missing parent, each 0700 whatever the umask."""
    parent = os.path.dirname(path)
    if parent and parent != path and not os.path.lexists(parent):
        _make(parent)
    os.mkdir(path, 0o700)
    os.chmod(path, 0o700, follow_symlinks=False)


def read_entry(path: str, limit: int) -> bytes | None:
    """The bytes of an entry, or None unless it is a regular file of this user's,
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
        data = os.read(descriptor, min(limit, info.st_size) + 1)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    return data if len(data) <= limit else None


def store(where: str, name: str, entry: bytes, magic: bytes, keep: int) -> None:
    """Write an entry atomically (best effort), then keep only the `keep` newest of the
    entries that start with `magic` (those magcli wrote, of this kind), `name` among
    them."""
    import tempfile

    from magcli.ending import TEMPORARIES, quietly

    try:
        descriptor, temporary = tempfile.mkstemp(dir=where, prefix=".entry-", suffix=".tmp")
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
    prefix = name.split("-", 1)[0] + "-"
    try:
        with os.scandir(where) as found:
            others = [
                (entry.stat(follow_symlinks=False).st_mtime_ns, entry.path)
                for entry in found
                if entry.name.startswith(prefix) and entry.name != name
            ]
    except OSError:
        return
    for _, path in sorted(others, reverse=True)[max(0, keep - 1) :]:
        content = read_entry(path, MAX_ENTRY_BYTES)
        if content is not None and content.startswith(magic):
            quietly(os.unlink, path)
