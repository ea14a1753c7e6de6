"""Output formats: one module each, chosen by name from RENDERERS."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from magcli.report import AnyReport

Renderer = Callable[["AnyReport", TextIO], str]


def _table(report: AnyReport, stream: TextIO) -> str:
    from magcli.render.table import render

    return render(report, stream)


def _json(report: AnyReport, stream: TextIO) -> str:
    from magcli.render.json import render

    return render(report, stream)


# Imports stay inside the functions so that JSON output never pays for rich.
RENDERERS: dict[str, Renderer] = {"table": _table, "json": _json}


def render(report: AnyReport, fmt: str, stream: TextIO) -> str:
    """The whole output of `report` in format `fmt`, as the text to write to `stream`."""
    return RENDERERS[fmt](report, stream)
