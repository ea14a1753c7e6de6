"""JSON Lines: one object per row, each carrying the envelope's version fields."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TextIO

from magcli.render.json import dump, needs_ascii
from magcli.render.rows import PIECE_ROWS, TRAILING, Rows, rows
from magcli.text import escape_json_text, readable_all

if TYPE_CHECKING:
    from types import ModuleType

    from pydantic import BaseModel

    from magcli.render import View
    from magcli.results import Result


def render(
    result: Result,
    stream: TextIO,
    view: View,
    command: ModuleType,
    made: Iterable[BaseModel] | None = None,
) -> Iterator[str]:
    """One line per form (or food, stage, interaction; a dose is one line), with \\u
    escapes where the stream cannot take Unicode, as for JSON; a line at a time."""
    as_ascii = needs_ascii(stream)
    table = rows(result, command, made)
    head = {key: table.document[key] for key in ("schema_version", "data_version", "command")}
    # The safety text ends every line, as it ends the JSON document; other document
    # fields (rank's goal) lead it.
    last = {key: value for key, value in table.carried.items() if key in TRAILING}
    first = {key: value for key, value in table.carried.items() if key not in TRAILING}
    lines = []
    fields = set(command.ROWS[1].model_fields)
    for line in _lines(table, head | first, last, as_ascii, fields):
        lines.append(escape_json_text(line) + "\n")
        if len(lines) == PIECE_ROWS:
            yield "".join(lines)
            lines.clear()
    yield "".join(lines)


def _lines(
    table: Rows, before: dict[str, Any], after: dict[str, Any], as_ascii: bool, fields: set[str]
) -> Iterator[str]:
    """Each item's line: the fields before it, its own, the fields after it. Items that
    are models are written by pydantic's own serialiser, between the two (the same JSON
    the document holds, many times faster), unless a field of theirs repeats one of the
    document's."""

    def dumps(value: dict[str, Any]) -> str:
        line = json.dumps(value, ensure_ascii=as_ascii, separators=(",", ":"), allow_nan=False)
        if not line.isascii():
            try:
                line.encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate: written as readable writes it
                cleaned = readable_all(value)
                return json.dumps(cleaned, ensure_ascii=as_ascii, separators=(",", ":"))
        return line

    models = table.models
    if models is None or fields & set(before | after):
        for item in table.dicts():
            yield dumps(before | item | after)
        return
    start, end = dumps(before)[:-1], dumps(after)[1:]
    for model in models:
        own = dump(model, as_ascii)[1:-1]
        yield f"{start},{own},{end}" if own else f"{start},{end}"
