"""Which catalogue file magcli reads, and how large one may be. Only `os`: the fast path
asks this before anything else is loaded."""

from __future__ import annotations

import os

DATA_ENV = "MAGCLI_DATA"
MAX_CATALOG_BYTES = 8 * 1024 * 1024  # far above any real catalogue; refuse rather than hang


def data_file(name: str = "forms.toml") -> str:
    """A data file shipped with magcli: inside the installed package, else the source
    tree's data/ folder (an editable install)."""
    package = os.path.dirname(os.path.abspath(__file__))
    packaged = os.path.join(package, "data", name)
    if os.path.isfile(packaged):
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(package)), "data", name)


def catalog_file(explicit: str | os.PathLike[str] | None = None) -> str:
    """The catalogue to read: an explicit path, else $MAGCLI_DATA, else the bundled one."""
    if explicit:
        return os.fspath(explicit)
    return os.environ.get(DATA_ENV) or data_file()
