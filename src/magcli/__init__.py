"""magcli: compare magnesium supplement forms, with the evidence behind every claim.

    >>> import magcli
    >>> result = magcli.rank("sleep")
    >>> result.general_evidence.grade.value, [form.id for form in result.forms[:2]]
    ('rct', ['glycinate', 'oxide'])

Each command of the `magcli` program is a function here, returning that command's
result model (a Pydantic model, the same one `--json` prints). The functions load on
first use, so that running the `magcli` command does not pay for a library it may not
need.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing (mypy knows the name)
if TYPE_CHECKING:
    from typing import Any

__version__ = "2.0.0"

if TYPE_CHECKING:
    from magcli.catalog import load_catalog, load_reference
    from magcli.errors import CatalogError, MagcliError, UsageError
    from magcli.library import (
        compare,
        dose,
        filter_forms,
        foods,
        goals,
        intake,
        interactions,
        list_forms,
        plan,
        products,
        rank,
        resolve,
        show,
        stack,
    )

_HOMES = {
    "compare": "magcli.library",
    "list_forms": "magcli.library",
    "show": "magcli.library",
    "rank": "magcli.library",
    "goals": "magcli.library",
    "dose": "magcli.library",
    "intake": "magcli.library",
    "interactions": "magcli.library",
    "foods": "magcli.library",
    "products": "magcli.library",
    "stack": "magcli.library",
    "plan": "magcli.library",
    "resolve": "magcli.library",
    "filter_forms": "magcli.library",
    "load_catalog": "magcli.catalog",
    "load_reference": "magcli.catalog",
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
    "foods",
    "goals",
    "intake",
    "interactions",
    "list_forms",
    "load_catalog",
    "load_reference",
    "plan",
    "products",
    "rank",
    "resolve",
    "show",
    "stack",
]


def __getattr__(name: str) -> Any:
    import importlib  # here, not at the top: the command itself does not need it

    if name in _HOMES:
        value = getattr(importlib.import_module(_HOMES[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'magcli' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])
