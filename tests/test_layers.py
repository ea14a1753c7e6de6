"""The house's layers, read from the imports of every module in src/magcli:

- infrastructure (paths, cache, stream, text, errors) knows nothing of magnesium;
- the domain (magcli.domain: the rules) knows no command, no output and no command line;
- the renderers know no command (they draw the blocks of the layout they are handed);
- the commands know no command line beyond the option records they declare.

A test of imports, not of behaviour: moving a rule into the wrong layer fails here."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "magcli"
INFRASTRUCTURE = {"paths", "cache", "stream", "text", "errors", "fanout", "ending"}
COMMAND_LINE = {"cli", "clicks", "completion", "phrasing", "__main__"}


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    """Every magcli module `path` imports, at its top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # 'from magcli import cache' imports the module magcli.cache
            found |= {node.module, *(f"{node.module}.{alias.name}" for alias in node.names)}
    return {name for name in found if name == "magcli" or name.startswith("magcli.")}


MODULES = {module_name(path): imported(path) for path in sorted(SRC.rglob("*.py"))}


def layer(name: str) -> str:
    parts = name.split(".")
    if len(parts) >= 2 and parts[1] in ("domain", "commands", "render"):
        return parts[1]
    if len(parts) == 2 and parts[1] in INFRASTRUCTURE:
        return "infrastructure"
    if len(parts) == 2 and parts[1] in COMMAND_LINE:
        return "command line"
    return "other"


def known(name: str) -> bool:
    return name in MODULES


FORBIDDEN = {
    "infrastructure": {"domain", "commands", "render", "command line"},
    "domain": {"commands", "render", "command line"},
    "render": {"command line"},
    "commands": {"command line"},
}


def test_the_modules_are_found() -> None:
    assert "magcli.domain.grammar" in MODULES and "magcli.commands.rank" in MODULES
    assert {layer(name) for name in MODULES} >= {"infrastructure", "domain", "commands", "render"}


@pytest.mark.parametrize("name", sorted(name for name in MODULES if layer(name) in FORBIDDEN))
def test_no_module_reaches_into_a_layer_above_its_own(name: str) -> None:
    reached = {
        other for other in MODULES[name] if known(other) and layer(other) in FORBIDDEN[layer(name)]
    }
    assert not reached, f"{name} ({layer(name)}) imports {sorted(reached)}"


# A calendar is the plan's own format: the one renderer that is for one command.
OWN_FORMAT = {"magcli.render.ics": {"magcli.commands.plan"}}


@pytest.mark.parametrize("name", sorted(name for name in MODULES if layer(name) == "render"))
def test_renderers_import_no_command(name: str) -> None:
    # The caller hands a renderer the command's module (its layout, its rows).
    commands = {other for other in MODULES[name] if known(other) and layer(other) == "commands"}
    allowed = OWN_FORMAT.get(name, set())
    assert commands <= allowed, f"{name} imports {sorted(commands - allowed)}"


def test_the_domain_loads_no_command_line_library() -> None:
    # The rules are usable from a script without Typer, Click or Rich.
    for name, path in ((module_name(p), p) for p in (SRC / "domain").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        libraries = {
            alias.name.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        } | {
            node.module.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module
        }
        assert not libraries & {"typer", "click", "rich"}, name
