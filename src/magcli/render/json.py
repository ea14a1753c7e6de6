"""JSON: the result model itself, one document, so it always matches `magcli schema`."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from magcli.text import escape_json_text

if TYPE_CHECKING:
    from types import ModuleType

    from pydantic import BaseModel

    from magcli.render import View
    from magcli.results import Result


def render(result: Result, stream: TextIO, view: View, command: ModuleType) -> str:
    """The result as one JSON document followed by a newline (the disclaimer is data here,
    so --quiet does not remove it).

    Text is carried exactly; where the stream cannot take UTF-8, non-ASCII characters are
    written as \\u escapes, which is the same JSON value."""
    return escape_json_text(dump(result, needs_ascii(stream), indent=2)) + "\n"


def dump(model: BaseModel, as_ascii: bool, indent: int | None = None) -> str:
    """A model as JSON text. Pydantic's own serialiser writes what json.dumps would, many
    times faster; text it refuses (a lone surrogate: bytes that were not UTF-8 on the
    command line) is written as text.readable writes it, the same in every format."""
    from pydantic_core import PydanticSerializationError

    try:
        return model.model_dump_json(indent=indent, ensure_ascii=as_ascii)
    except PydanticSerializationError:
        import json

        from magcli.text import readable_all

        separators = (",", ": ") if indent is not None else (",", ":")
        cleaned = readable_all(model.model_dump(mode="json"))
        return json.dumps(cleaned, indent=indent, ensure_ascii=as_ascii, separators=separators)


def needs_ascii(stream: TextIO) -> bool:
    """Whether JSON for `stream` must write non-ASCII characters as \\u escapes (the same
    JSON value): when its encoding is not a Unicode one."""
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
    return not encoding.startswith("utf")
