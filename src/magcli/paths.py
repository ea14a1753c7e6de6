"""Where magcli's files are, and reading them: every data file is read here, once, as
bytes, and the files read are remembered (as the files themselves, device and inode, not
their names), so that -o never replaces one of them."""

from __future__ import annotations

import os
from collections.abc import Callable

DATA_ENV = "MAGCLI_DATA"
MAX_CATALOG_BYTES = 8 * 1024 * 1024  # far above any real catalogue; refuse rather than hang
MAX_DATA_BYTES = 256 * 1024 * 1024  # the largest data file of any kind (label records)

# Every data file read by this run, as (device, inode): the file itself, whatever name
# or link reaches it.
READ: set[tuple[int, int]] = set()


def data_file(name: str = "forms.toml") -> str:
    """A data file shipped with magcli: in the installed package's data/ folder, else in
    the source tree's data/ folder (an editable install, where the package is the
    src/magcli folder), else wherever the package's loader keeps its resources
    (importlib.resources). The first two are looked for directly: a TAB reads the data
    files' bytes, and importlib.resources would cost it more than the rest of its work."""
    package = os.path.dirname(os.path.abspath(__file__))
    for folder in (package, os.path.dirname(os.path.dirname(package))):
        path = os.path.join(folder, "data", name)
        if os.path.isfile(path):
            return path
    from importlib.resources import files

    packaged = files("magcli").joinpath("data", name)
    if isinstance(packaged, os.PathLike) and packaged.is_file():
        return str(os.fspath(packaged))
    return os.path.join(package, "data", name)  # missing: the error names where it belongs


def catalog_file(explicit: str | os.PathLike[str] | None = None) -> str:
    """The catalogue to read: an explicit path, else $MAGCLI_DATA, else the bundled one.
    An explicit path that is empty is an error, not a way to ask for the default."""
    if explicit is not None:
        path = os.fspath(explicit)
        if not path.strip():
            from magcli.errors import UsageError

            if path == os.environ.get(DATA_ENV):  # Typer passes the variable on as --data
                raise UsageError(
                    f"{DATA_ENV}: the catalogue file name is empty; unset it for the "
                    "bundled catalogue"
                )
            raise UsageError("--data: the catalogue file name is empty")
        return path
    return os.environ.get(DATA_ENV) or data_file()


class NotRegular(OSError):
    """The path is a directory, a device, a FIFO or anything but a regular file."""


class TooLarge(OSError):
    """The file is larger than the limit for its kind."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


DIGEST_SIZE = 24


def digest(data: bytes) -> bytes:
    """A fingerprint of `data` (DIGEST_SIZE bytes: its CRC-32 and Adler-32 in hex, and
    its length), enough to tell a file that changed or an index that was damaged; zlib
    is small, where hashlib would load OpenSSL on the path of a TAB."""
    import zlib

    return b"%08x%08x" % (zlib.crc32(data), zlib.adler32(data)) + len(data).to_bytes(8, "big")


def _open_regular(path: str) -> tuple[int, os.stat_result]:
    """A descriptor on a regular file, opened without blocking (a FIFO cannot hang
    magcli), and its status; IsADirectoryError or NotRegular for anything else."""
    import stat

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags)
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(path)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor, info


def head(path: str, size: int = 4096) -> bytes:
    """The first `size` bytes of a regular file (for telling its kind before reading it
    whole); nothing is remembered."""
    descriptor, _ = _open_regular(path)
    try:
        return os.read(descriptor, size)
    finally:
        os.close(descriptor)


HEAD_BYTES = 4096  # what tells a file's kind


def read_bytes(
    path: str,
    limit: int = MAX_CATALOG_BYTES,
    remember: bool = True,
    check_head: Callable[[bytes, int], None] | None = None,
) -> bytes:
    """The bytes of a regular file of at most `limit` bytes: opened without blocking (a
    FIFO cannot hang magcli) and read once, so what is hashed is what is parsed. With
    `check_head`, its first bytes and its size are shown to it before the rest is read
    (it raises to refuse the file unread)."""
    descriptor, info = _open_regular(path)
    try:
        if info.st_size > limit:
            raise TooLarge(info.st_size)
        chunks = []
        remaining = limit + 1
        if check_head is not None:
            first = os.read(descriptor, HEAD_BYTES)
            check_head(first, info.st_size)
            chunks.append(first)
            remaining -= len(first)
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    finally:
        os.close(descriptor)
    data = b"".join(chunks)
    if len(data) > limit:  # it grew while being read
        raise TooLarge(len(data))
    if remember:
        READ.add((info.st_dev, info.st_ino))
    return data


FOLDER_SUFFIX = (".json", ".toml")  # the files of a folder that are read: label records, shelves


def list_folder(path: str) -> list[str]:
    """The names of the label records and shelf files in a folder, sorted."""
    return sorted(name for name in os.listdir(path) if name.lower().endswith(FOLDER_SUFFIX))
