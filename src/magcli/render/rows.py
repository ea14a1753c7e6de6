"""Flat rows for the tabular formats (csv, tsv, jsonl, markdown, html), made from the
result model itself, so every format carries the same fields as the JSON document.

Columns come from the models, not from the data, so they are the same on every run:
nested objects become prefixed columns (`bioavailability_level`), lists are joined with
';', and lists of objects are shortened to their key (`sources`) or to `name:value`.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple, Union

from pydantic import BaseModel

if TYPE_CHECKING:
    from magcli.results import Result

ENVELOPE_FIELDS = ("schema_version", "data_version", "command", "warnings", "disclaimer")
LEADING = ("rank", "score")  # shown first when a row has them
TRAILING = ("warnings", "disclaimer")  # the document's safety text, at the end of every row
PIECE_ROWS = 256  # rows the flat formats write at a time


class Rows(NamedTuple):
    """A document as a header and string cells, plus its items as plain data (made one
    at a time as they are read, where the command hands them over so)."""

    document: dict[str, Any]
    items: Iterable[dict[str, Any]] | None  # as plain data; None where `models` holds them
    models: Iterable[BaseModel] | None  # the items as they are made, to dump one at a time
    columns: list[str]
    layout: list[tuple[bool, tuple[str, ...]]]  # each column: the document's or a row's, its path
    carried: dict[str, Any]  # document fields repeated on every row, by column name

    def dicts(self) -> Iterable[dict[str, Any]]:
        """The items as plain data, one at a time."""
        if self.items is not None:
            return self.items
        assert self.models is not None
        return (model.model_dump(mode="json") for model in self.models)

    def cells(self) -> Iterator[list[str]]:
        """Each row's cells as strings, made one row at a time (JSONL needs none); the
        document's own cells are the same strings on every row."""
        document = self.document
        fixed = [_cell(_get(document, path)) if whole else "" for whole, path in self.layout]
        own = [(index, path) for index, (whole, path) in enumerate(self.layout) if not whole]
        for item in self.dicts():
            row = fixed.copy()
            for index, path in own:
                row[index] = _cell(_get(item, path))
            yield row


def rows(result: Result, spec: types.ModuleType, made: Iterable[BaseModel] | None = None) -> Rows:
    """The result's rows, in the order of the table output; `spec` is the module of the
    result's command (its ROWS, CARRIED or flat_rows). The items of a list are dumped one
    at a time, as they are read: from `made` where the command makes them as they are
    written, else from the result's own list."""
    key, model = spec.ROWS
    flat = getattr(spec, "flat_rows", None)  # a command whose rows are not one list's items
    leading = getattr(spec, "CARRIED", [])
    items: list[dict[str, Any]] | None = None
    models: Iterable[BaseModel] | None = None
    if flat is not None or key is None:
        document = result.model_dump(mode="json")
        items = (
            flat(document)
            if flat is not None
            else [{k: v for k, v in document.items() if k not in ENVELOPE_FIELDS}]
        )
    else:
        document = result.model_dump(mode="json", exclude={key})
        models = getattr(result, key) if made is None else made
        if leading:  # few rows: whether there are any decides the one row below
            items = [model.model_dump(mode="json") for model in models]
            models = None
    if leading and not items:  # the answer is in the document's own fields: keep one row
        items = [{}]
    paths = [path for path in _paths(model) if path[0] not in ENVELOPE_FIELDS]
    paths.sort(key=lambda path: LEADING.index(path[0]) if path[0] in LEADING else len(LEADING))
    # Every row ends with the result's warnings and the disclaimer, so that no row is
    # read without the safety text.
    layout = [(True, path) for path in leading]
    layout += [(False, path) for path in paths] + [(True, (name,)) for name in TRAILING]
    columns = ["_".join(path) for _, path in layout]
    repeated = {"_".join(path): _get(document, path) for whole, path in layout if whole}
    return Rows(document, items, models, columns, layout, repeated)


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
