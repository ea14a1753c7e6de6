"""Flat rows for the tabular formats (csv, tsv, jsonl, markdown, html), made from the
result model itself, so every format carries the same fields as the JSON document.

Columns come from the models, not from the data, so they are the same on every run:
nested objects become prefixed columns (`bioavailability_level`), lists are joined with
';', and lists of objects are shortened to their key (`sources`) or to `name:value`.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple, Union

from pydantic import BaseModel

if TYPE_CHECKING:
    from magcli.results import Result

ENVELOPE_FIELDS = ("schema_version", "data_version", "command", "warnings", "disclaimer")
LEADING = ("rank", "score")  # shown first when a row has them
TRAILING = ("warnings", "disclaimer")  # the document's safety text, at the end of every row


class Rows(NamedTuple):
    """A document as a header and string cells, plus its items as plain data."""

    document: dict[str, Any]
    items: list[dict[str, Any]]
    columns: list[str]
    layout: list[tuple[bool, tuple[str, ...]]]  # each column: the document's or a row's, its path
    carried: dict[str, Any]  # document fields repeated on every row, by column name

    def cells(self) -> Iterator[list[str]]:
        """Each row's cells as strings, made one row at a time (JSONL needs none)."""
        document = self.document
        for item in self.items:
            yield [_cell(_get(document if whole else item, path)) for whole, path in self.layout]


def rows(result: Result, spec: types.ModuleType) -> Rows:
    """The result's rows, in the order of the table output; `spec` is the module of the
    result's command (its ROWS, CARRIED or flat_rows)."""
    document = result.model_dump(mode="json")
    key, model = spec.ROWS
    flat = getattr(spec, "flat_rows", None)  # a command whose rows are not one list's items
    if flat is not None:
        items = flat(document)
    elif key is None:
        items = [{k: v for k, v in document.items() if k not in ENVELOPE_FIELDS}]
    else:
        items = document[key]
    leading = getattr(spec, "CARRIED", [])
    if not items and leading:  # the answer is in the document's own fields: keep one row
        items = [{}]
    paths = [path for path in _paths(model) if path[0] not in ENVELOPE_FIELDS]
    paths.sort(key=lambda path: LEADING.index(path[0]) if path[0] in LEADING else len(LEADING))
    # Every row ends with the result's warnings and the disclaimer, so that no row is
    # read without the safety text.
    layout = [(True, path) for path in leading]
    layout += [(False, path) for path in paths] + [(True, (name,)) for name in TRAILING]
    columns = ["_".join(path) for _, path in layout]
    repeated = {"_".join(path): _get(document, path) for whole, path in layout if whole}
    return Rows(document, items, columns, layout, repeated)


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
