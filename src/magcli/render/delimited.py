"""CSV and TSV: a header row, then one row per form (or food, stage, interaction)."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, TextIO

from magcli.render.rows import rows
from magcli.text import strip_unsafe

if TYPE_CHECKING:
    from types import ModuleType

    from magcli.render import View
    from magcli.results import Result


def render_csv(result: Result, stream: TextIO, view: View, command: ModuleType) -> str:
    """Comma-separated values, quoted where needed (RFC 4180)."""
    return _write(result, command, csv.excel)


def render_tsv(result: Result, stream: TextIO, view: View, command: ModuleType) -> str:
    """Tab-separated values; tabs and line breaks inside a value become spaces."""
    return _write(result, command, csv.excel_tab, flatten=True)


def _write(
    result: Result, command: ModuleType, dialect: type[csv.Dialect], flatten: bool = False
) -> str:
    table = rows(result, command)
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect=dialect, lineterminator="\n")
    writer.writerow(table.columns)
    for row in table.cells():
        if flatten:
            row = [" ".join(cell.split()) for cell in row]
        # A spreadsheet would run a cell that starts with = + - @ as a formula.
        writer.writerow([_defuse(strip_unsafe(cell)) for cell in row])
    return buffer.getvalue()


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
