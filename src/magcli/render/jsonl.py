"""JSON Lines: one object per row, each carrying the envelope's version fields."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

from magcli.render.json import needs_ascii
from magcli.render.rows import TRAILING, rows
from magcli.text import escape_json_text

if TYPE_CHECKING:
    from types import ModuleType

    from magcli.render import View
    from magcli.results import Result


def render(result: Result, stream: TextIO, view: View, command: ModuleType) -> str:
    """One line per form (or food, stage, interaction; a dose is one line), with \\u
    escapes where the stream cannot take Unicode, as for JSON."""
    as_ascii = needs_ascii(stream)
    table = rows(result, command)
    head = {key: table.document[key] for key in ("schema_version", "data_version", "command")}
    # The safety text ends every line, as it ends the JSON document; other document
    # fields (rank's goal) lead it.
    last = {key: value for key, value in table.carried.items() if key in TRAILING}
    first = {key: value for key, value in table.carried.items() if key not in TRAILING}
    lines = [
        escape_json_text(
            json.dumps(
                head | first | item | last,
                ensure_ascii=as_ascii,
                separators=(",", ":"),
                allow_nan=False,
            )
        )
        for item in table.items
    ]
    return "".join(line + "\n" for line in lines)
