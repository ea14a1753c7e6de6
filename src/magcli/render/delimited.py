"""CSV and TSV: a header row, then one row per form (or food, stage, interaction)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, TextIO

from magcli.render.rows import PIECE_ROWS, TRAILING, rows
from magcli.text import strip_unsafe

if TYPE_CHECKING:
    from types import ModuleType

    from pydantic import BaseModel

    from magcli.render import View
    from magcli.results import Result


def _renderer(dialect: type[csv.Dialect], flatten: bool) -> Callable[..., Iterator[str]]:
    def render(
        result: Result,
        stream: TextIO,
        view: View,
        command: ModuleType,
        made: Iterable[BaseModel] | None = None,
    ) -> Iterator[str]:
        return _write(result, command, dialect, made, flatten)

    return render


# Comma-separated values, quoted where needed (RFC 4180); tab-separated values, where
# tabs and line breaks inside a value become spaces.
render_csv = _renderer(csv.excel, flatten=False)
render_tsv = _renderer(csv.excel_tab, flatten=True)


def _write(
    result: Result,
    command: ModuleType,
    dialect: type[csv.Dialect],
    made: Iterable[BaseModel] | None,
    flatten: bool = False,
) -> Iterator[str]:
    table = rows(result, command, made)
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect=dialect, lineterminator="\n")
    writer.writerow(table.columns)
    clean: dict[str, str] = {}  # the document's cells, the same on every row: made once
    for number, row in enumerate(table.cells(), start=1):
        if number == 1:
            clean = {cell: _clean(cell, flatten) for cell in row[len(row) - len(TRAILING) :]}
        writer.writerow([clean.get(cell) or _clean(cell, flatten) for cell in row])
        if number % PIECE_ROWS == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _clean(cell: str, flatten: bool) -> str:
    """A cell as written: on one line for TSV, without control characters, and never
    read as a formula (a spreadsheet would run a cell that starts with = + - @)."""
    if flatten:
        cell = " ".join(cell.split())
    return _defuse(strip_unsafe(cell))


# What a spreadsheet reads as the start of a formula (OWASP's list: = + - @, and tab and
# carriage return, which some programs skip before one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _defuse(cell: str) -> str:
    """A cell a spreadsheet shows as text, never runs: a quote before a formula start
    (a negative number is left as it is)."""
    if cell.startswith(FORMULA_STARTS) and not (cell.startswith("-") and _is_number(cell)):
        return "'" + cell
    return cell


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True
