"""magcli: compare magnesium supplement forms, with the evidence behind every claim.

    >>> import magcli
    >>> [item.form.id for item in magcli.rank("sleep")]
    ['l-threonate', 'glycinate']

The functions load on first use, so that running the `magcli` command does not pay for
the library it may not need.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing (mypy knows the name)
if TYPE_CHECKING:
    from typing import Any

__version__ = "1.0.0"

if TYPE_CHECKING:
    from magcli.api import compare, dose, filter_forms, goal, rank, resolve
    from magcli.catalog import load_catalog
    from magcli.errors import CatalogError, MagcliError, UsageError

_HOMES = {
    "compare": "magcli.api",
    "dose": "magcli.api",
    "filter_forms": "magcli.api",
    "goal": "magcli.api",
    "rank": "magcli.api",
    "resolve": "magcli.api",
    "load_catalog": "magcli.catalog",
    "CatalogError": "magcli.errors",
    "MagcliError": "magcli.errors",
    "UsageError": "magcli.errors",
}

__all__ = [
    "CatalogError",
    "MagcliError",
    "UsageError",
    "__version__",
    "compare",
    "dose",
    "filter_forms",
    "goal",
    "load_catalog",
    "rank",
    "resolve",
]


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        value = getattr(importlib.import_module(_HOMES[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'magcli' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])
