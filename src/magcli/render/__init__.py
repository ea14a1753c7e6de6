"""Output formats: one module each, chosen by name from RENDERERS (the --format choices)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from magcli.report import AnyReport

Renderer = Callable[["AnyReport", TextIO, bool], str]

# format name -> (module, function). Modules load only when used, so JSON output never
# pays for rich, and a new format is one new module and one line here.
RENDERERS: dict[str, tuple[str, str]] = {
    "table": ("magcli.render.table", "render"),
    "json": ("magcli.render.json", "render_document"),
    "jsonl": ("magcli.render.jsonl", "render"),
    "csv": ("magcli.render.delimited", "render_csv"),
    "tsv": ("magcli.render.delimited", "render_tsv"),
    "markdown": ("magcli.render.markdown", "render"),
    "html": ("magcli.render.html", "render"),
}
FORMATS = tuple(RENDERERS)


def render(report: AnyReport, fmt: str, stream: TextIO, quiet: bool = False) -> str:
    """The whole output of `report` in format `fmt`, as the text to write to `stream`.

    `quiet` leaves the disclaimer out of the human formats."""
    module, function = RENDERERS[fmt]
    renderer: Renderer = getattr(importlib.import_module(module), function)
    return renderer(report, stream, quiet)
