"""JSON: the result model itself, one document, so it always matches `magcli schema`."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from magcli.text import escape_json_text

if TYPE_CHECKING:
    from types import ModuleType

    from magcli.render import View
    from magcli.results import Result


def render(result: Result, stream: TextIO, view: View, command: ModuleType) -> str:
    """The result as one JSON document followed by a newline (the disclaimer is data here,
    so --quiet does not remove it).

    Text is carried exactly; where the stream cannot take UTF-8, non-ASCII characters are
    written as \\u escapes, which is the same JSON value."""
    # Pydantic's own serialiser writes what json.dumps(indent=2) would, many times faster.
    document = result.model_dump_json(indent=2, ensure_ascii=needs_ascii(stream))
    return escape_json_text(document) + "\n"


def needs_ascii(stream: TextIO) -> bool:
    """Whether JSON for `stream` must write non-ASCII characters as \\u escapes (the same
    JSON value): when its encoding is not a Unicode one."""
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
    return not encoding.startswith("utf")
