"""CSV and TSV: a header row, then one row per form (or food, stage, interaction)."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, TextIO

from magcli.render.rows import rows
from magcli.text import strip_unsafe

if TYPE_CHECKING:
    from magcli.report import AnyReport


def render_csv(report: AnyReport, stream: TextIO, quiet: bool = False) -> str:
    """Comma-separated values, quoted where needed (RFC 4180)."""
    del stream, quiet
    return _write(report, csv.excel)


def render_tsv(report: AnyReport, stream: TextIO, quiet: bool = False) -> str:
    """Tab-separated values; tabs and line breaks inside a value become spaces."""
    del stream, quiet
    return _write(report, csv.excel_tab, flatten=True)


def _write(report: AnyReport, dialect: type[csv.Dialect], flatten: bool = False) -> str:
    table = rows(report)
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect=dialect, lineterminator="\n")
    writer.writerow(table.columns)
    for row in table.cells:
        if flatten:
            row = [" ".join(cell.split()) for cell in row]
        # A spreadsheet would run a cell that starts with = + - @ as a formula.
        writer.writerow([_defuse(strip_unsafe(cell)) for cell in row])
    return buffer.getvalue()


def _defuse(cell: str) -> str:
    if cell[:1] in ("=", "+", "@") or (cell[:1] == "-" and not _is_number(cell)):
        return "'" + cell
    return cell


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True
