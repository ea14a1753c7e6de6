"""JSON Lines: one object per row, each carrying the envelope's version fields."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

from magcli.render.rows import rows
from magcli.text import escape_json_text

if TYPE_CHECKING:
    from magcli.report import AnyReport


def render(report: AnyReport, stream: TextIO, quiet: bool = False) -> str:
    """One line per form (or food, stage, interaction; a dose is one line)."""
    del stream, quiet
    table = rows(report)
    head = {key: table.document[key] for key in ("schema_version", "data_version", "command")}
    lines = [
        escape_json_text(
            json.dumps(head | table.carried | item, ensure_ascii=False, separators=(",", ":"))
        )
        for item in table.items
    ]
    return "".join(line + "\n" for line in lines)
