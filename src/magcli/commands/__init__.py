"""magcli's commands, one module each, and the registry that lists them.

A command's module holds everything that is that command's own: its library function
(what `import magcli` calls), its result model (what `--json` prints and every format
draws), and `cli`, its command-line function (options described as plain data, see
magcli.options). The command line, `magcli.__all__`, the JSON schema, completion and
the docs all come from this registry, so adding a command is one new module and one
line here.

Nothing is imported until it is used: a command line loads the one module it runs.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import ModuleType

    from magcli.results import Result

# name on the command line -> (module, library function), in the order of `magcli --help`.
REGISTRY: dict[str, tuple[str, str | None]] = {
    "compare": ("magcli.commands.compare", "compare"),
    "list": ("magcli.commands.list_forms", "list_forms"),
    "show": ("magcli.commands.show", "show"),
    "rank": ("magcli.commands.rank", "rank"),
    "goals": ("magcli.commands.goals", "goals"),
    "dose": ("magcli.commands.dose", "dose"),
    "intake": ("magcli.commands.intake", "intake"),
    "interactions": ("magcli.commands.interactions", "interactions"),
    "products": ("magcli.commands.products", "products"),
    "stack": ("magcli.commands.stack", "stack"),
    "plan": ("magcli.commands.plan", "plan"),
    "foods": ("magcli.commands.foods", "foods"),
    "schema": ("magcli.commands.schema", None),  # prints a schema: no result, no library call
}


def names() -> list[str]:
    """Every command's name, in the order of `magcli --help`."""
    return list(REGISTRY)


def module(name: str) -> ModuleType:
    """The module of the command `name`."""
    import importlib

    return importlib.import_module(REGISTRY[name][0])


def functions() -> dict[str, str]:
    """Library function name -> the module it lives in, for `magcli.__all__`."""
    return {function: path for path, function in REGISTRY.values() if function is not None}


def results() -> dict[str, type[Result]]:
    """Command name -> its result model, for every command that has one."""
    return {name: module(name).RESULT for name, (_, function) in REGISTRY.items() if function}
