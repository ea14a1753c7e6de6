"""Making untrusted text safe to show: no control codes, no reordering, any encoding."""

from __future__ import annotations

import os
import unicodedata

# C0 controls but newline and tab, DEL, C1 controls (0x9b alone starts an escape sequence
# on some terminals), and the invisible marks that reorder text on screen (every Unicode
# bidirectional control: the implicit marks and the embeddings, overrides and isolates). Kept as
# translate tables rather than regexes: they cost nothing to build.
_UNSAFE_CODES = [
    *range(0x00, 0x09),
    *range(0x0B, 0x20),
    *range(0x7F, 0xA0),
    0x061C,  # Arabic letter mark
    0x200E,
    0x200F,
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
]
_STRIP = dict.fromkeys(_UNSAFE_CODES)
_ESCAPE = {code: chr(code).encode("unicode_escape").decode() for code in _UNSAFE_CODES}
# json.dumps already escapes C0 controls; the rest it leaves raw.
_JSON_ESCAPE = {code: f"\\u{code:04x}" for code in _UNSAFE_CODES if code >= 0x7F}

_ASCII_FOR = {
    "\u00b7": ".",  # middle dot, as in hydrate formulas
    "\u2026": "...",
    "\u2014": "-",  # em dash
    "\u2013": "-",  # en dash
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u00b5": "u",  # micro sign
    "\u03bc": "u",  # Greek mu
    "\u00d7": "x",  # multiplication sign
    "\u2265": ">=",
    "\u2264": "<=",
    "\u2192": "->",
    "\u2588": "#",  # full block, as in a bar
    "\u258c": "#",  # left half block
}


def strip_unsafe(value: str) -> str:
    """`value` without control characters or reordering marks."""
    # Printable text holds none of them (they are all control or format characters).
    return value if value.isprintable() else value.translate(_STRIP)


def escape_unsafe(value: str) -> str:
    """`value` with control characters and reordering marks written out as escapes."""
    return value.translate(_ESCAPE)


def one_line(value: str) -> str:
    """`value` safe to show and on one line: line breaks and tabs escaped as well."""
    return escape_unsafe(value).replace("\n", "\\n").replace("\t", "\\t")


def display_path(path: str | bytes | os.PathLike[str]) -> str:
    """A file name as it can be shown: bytes that are not UTF-8 as \\xNN (not as the
    surrogates Python decodes them to), and nothing a terminal would act on."""
    return shorten_text(one_line(readable(path)))


def readable(value: str | bytes | os.PathLike[str]) -> str:
    """Text given as bytes or with bytes that were not UTF-8 (which Python carries as
    lone surrogates) with those bytes written \\xNN: a str any encoder can take."""
    return os.fsencode(value).decode("utf-8", "backslashreplace")


def shorten_text(value: str, limit: int = 200) -> str:
    """`value`, cut in the middle when longer than `limit`, saying how long it was."""
    if len(value) <= limit:
        return value
    half = limit // 2
    return f"{value[:half]}...{value[-half // 2 :]} ({len(value):,} characters)"


def clip(message: str, limit: int = 80) -> str:
    """A message with each run of more than `limit` characters without a space cut short,
    so that a huge value a user typed is not echoed whole."""
    import re

    def cut(match: re.Match[str]) -> str:
        word = match.group(0)
        return f"{word[: limit // 2]}... ({len(word):,} characters)"

    return re.sub(rf"\S{{{limit + 1},}}", cut, message)


def escape_json_text(document: str) -> str:
    """A JSON text with the characters json.dumps leaves raw but terminals act on escaped.

    They can only occur inside strings, so the result is the same JSON value."""
    return document.translate(_JSON_ESCAPE)


def fit_encoding(text: str, encoding: str) -> str:
    """`text` changed only where `encoding` cannot carry a character: a close ASCII
    spelling where there is one, '?' otherwise."""
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        pass
    else:
        return text
    return "".join(_fit_char(char, encoding) for char in text)


def _fit_char(char: str, encoding: str) -> str:
    try:
        char.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        pass
    else:
        return char
    if char in _ASCII_FOR:
        return _ASCII_FOR[char]
    decomposed = unicodedata.normalize("NFKD", char)
    ascii_only = "".join(c for c in decomposed if c.isascii())
    return ascii_only or "?"


def shorten(value: str, limit: int = 40) -> str:
    """User input fit to echo in a message: repr'd, and cut short when long."""
    if len(value) <= limit:
        return repr(value)
    return f"{value[:limit]!r}... ({len(value):,} characters)"


def mg_text(value: float) -> str:
    """A milligram figure, with a gram equivalent once it is large."""
    text = f"{value:,.1f}".removesuffix(".0") + " mg"
    return text + f" ({value / 1000:,.2f} g)" if value >= 1000 else text


def or_list(words: list[str]) -> str:
    """'a', 'a or b', 'a, b or c'."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


def unnested(name: str) -> str:
    """A name as it reads inside brackets: its own bracketed part set off by a comma,
    'US (IOM 1997)' as 'US, IOM 1997', so that no brackets sit inside brackets."""
    head, bracket, rest = name.partition(" (")
    if not bracket or not rest.endswith(")"):
        return name
    return f"{head}, {rest[:-1]}"
