"""Making untrusted text safe to show: no control codes, no reordering, any encoding."""

from __future__ import annotations

import re
import unicodedata

# C0 controls but newline and tab, DEL, C1 controls (0x9b alone starts an escape sequence
# on some terminals), and the invisible marks that reorder text on screen.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# The same minus the C0 controls, which json.dumps already escapes.
_UNSAFE_FOR_JSON = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")

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
}


def strip_unsafe(value: str) -> str:
    """`value` without control characters or reordering marks."""
    return UNSAFE.sub("", value)


def escape_unsafe(value: str) -> str:
    """`value` with control characters and reordering marks written out as escapes."""
    return UNSAFE.sub(lambda match: match.group().encode("unicode_escape").decode(), value)


def escape_json_text(document: str) -> str:
    """A JSON text with the characters json.dumps leaves raw but terminals act on escaped.

    They can only occur inside strings, so the result is the same JSON value."""
    return _UNSAFE_FOR_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", document)


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
