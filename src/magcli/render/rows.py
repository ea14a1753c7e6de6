"""Flat rows for the tabular formats (csv, tsv, jsonl, markdown, html), derived from the
same output models as the JSON document, so every format carries the same fields.

Columns come from the models, not from the data, so they are the same on every run:
nested objects become prefixed columns (`bioavailability_level`), lists are joined with
';', and lists of objects are shortened to their key (`sources`) or to `name:value`.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Union

from pydantic import BaseModel

from magcli import output as out
from magcli.render.json import build

if TYPE_CHECKING:
    from magcli.report import AnyReport

ENVELOPE_FIELDS = ("schema_version", "data_version", "command", "disclaimer")
# Which list in each document holds the rows, and the model of one row.
ITEMS: dict[str, tuple[str | None, type[BaseModel]]] = {
    "compare": ("forms", out.FormOut),
    "list": ("forms", out.FormOut),
    "show": ("forms", out.FormOut),
    "rank": ("forms", out.RankedFormOut),
    "dose": (None, out.DoseDoc),  # the document is the one row
    "intake": ("stages", out.StageOut),
    "interactions": ("interactions", out.InteractionOut),
    "foods": ("foods", out.FoodOut),
}
LEADING = ("rank", "score")  # shown first when a row has them


@dataclass(frozen=True)
class Rows:
    """A document as a header and string cells, plus its items as plain data."""

    document: dict[str, Any]
    items: list[dict[str, Any]]
    columns: list[str]
    cells: list[list[str]]


def rows(report: AnyReport) -> Rows:
    """The report's rows, in the order of the table output."""
    document = build(report).model_dump(mode="json")
    key, model = ITEMS[report.command]
    if key is None:
        items = [{k: v for k, v in document.items() if k not in ENVELOPE_FIELDS}]
    else:
        items = document[key]
    paths = [path for path in _paths(model) if path[0] not in ENVELOPE_FIELDS]
    paths.sort(key=lambda path: LEADING.index(path[0]) if path[0] in LEADING else len(LEADING))
    columns = ["_".join(path) for path in paths]
    cells = [[_cell(_get(item, path)) for path in paths] for item in items]
    return Rows(document, items, columns, cells)


def _paths(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for name, field in model.model_fields.items():
        nested = _nested_model(field.annotation)
        if nested is not None:
            found.extend(_paths(nested, (*prefix, name)))
        else:
            found.append((*prefix, name))
    return found


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds directly (or optionally), None for lists and scalars."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                return arg
    return None


def _get(item: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = item
    for part in path:
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(_short(entry) for entry in value)
    return str(value)


def _short(entry: Any) -> str:
    if isinstance(entry, dict):
        if "key" in entry:
            return str(entry["key"])
        first, second = list(entry.values())[:2]
        return f"{first}:{second}"
    return _cell(entry)
