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

# No `from __future__ import annotations`: loading it costs time before magcli's signal
# handlers are set (see magcli.ending); the annotations below are strings instead.
TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing (mypy knows the name)
if TYPE_CHECKING:
    from typing import Any

__version__ = "2.2.0"

if TYPE_CHECKING:
    from magcli.commands.common import resolve
    from magcli.commands.compare import compare
    from magcli.commands.dose import dose
    from magcli.commands.foods import foods
    from magcli.commands.goals import goals
    from magcli.commands.intake import intake
    from magcli.commands.interactions import interactions
    from magcli.commands.list_forms import filter_forms, list_forms
    from magcli.commands.plan import plan
    from magcli.commands.products import products
    from magcli.commands.rank import rank
    from magcli.commands.show import show
    from magcli.commands.stack import stack
    from magcli.domain.catalog import load_catalog, load_reference
    from magcli.errors import CatalogError, MagcliError, UsageError

# Where each public name lives. The commands' own functions are read from their registry
# (magcli.commands), so a new command is in the API without a line here.
_HOMES = {
    "resolve": "magcli.commands.common",
    "filter_forms": "magcli.commands.list_forms",
    "load_catalog": "magcli.domain.catalog",
    "load_reference": "magcli.domain.catalog",
    "CatalogError": "magcli.errors",
    "MagcliError": "magcli.errors",
    "UsageError": "magcli.errors",
}


def _homes() -> "dict[str, str]":
    from magcli.commands import functions

    return {**functions(), **_HOMES}


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


def __getattr__(name: str) -> "Any":
    # Only a public name loads the registry: the import system asks for submodules here
    # too ('from magcli import stream'), at start-up, before the signals are handled.
    if name not in __all__:
        raise AttributeError(f"module 'magcli' has no attribute {name!r}")
    import importlib  # here, not at the top: the command itself does not need it

    homes = _homes()
    if name in homes:
        value = getattr(importlib.import_module(homes[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'magcli' has no attribute {name!r}")


def __dir__() -> "list[str]":
    return sorted([*globals(), *_homes()])
