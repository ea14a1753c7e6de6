"""Making untrusted text safe to show: no control codes, no reordering, any encoding."""

from __future__ import annotations

import os
import re
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
    0x200B,  # zero-width space, joiners: invisible, a name of them looks empty
    0x200C,
    0x200D,
    0x2028,  # line and paragraph separators: line breaks to some terminals and readers
    0x2029,
    0x2060,  # word joiner
    0xFEFF,  # zero-width no-break space (a byte-order mark inside text)
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
]
_STRIP = dict.fromkeys(_UNSAFE_CODES)
_AS_SPACE = dict.fromkeys(_UNSAFE_CODES, " ")
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


def one_name(value: str) -> str:
    """A name read from a file or the command line (a product's, a brand's, a
    medicine's) as one line of plain text: no control code, line break, line separator,
    reordering mark or lone surrogate, and its runs of white space one space each. Made
    so where the name enters, it is safe in every format it reaches."""
    plain = " ".join(readable(value).translate(_AS_SPACE).split())
    return shorten_text(plain, MAX_NAME)


MAX_NAME = 200  # characters of a name shown; a longer one is cut in the middle, said so


def message(text: str) -> str:
    """A message of magcli's made safe to print, from whatever it quotes: control codes
    escaped, and a line break kept only where a line of its own begins indented (a
    command to copy, a problem listed under the message), so that no value inside it can
    start a line that reads as a message of its own ('Error: ...')."""
    lines = escape_unsafe(text).split("\n")
    kept = [lines[0]]
    for line in lines[1:]:
        if line.startswith(" "):
            kept.append(line)
        else:
            kept[-1] += "\\n" + line
    return "\n".join(kept)


def display_path(path: str | bytes | os.PathLike[str]) -> str:
    """A file name as it can be shown: bytes that are not UTF-8 as \\xNN (not as the
    surrogates Python decodes them to), and nothing a terminal would act on."""
    return shorten_text(one_line(readable(path)))


def readable(value: str | bytes | os.PathLike[str]) -> str:
    """Text from any source as a str any encoder can take: bytes that were not UTF-8
    (which Python carries as the lone surrogates U+DC80-U+DCFF) written \\xNN, as the
    bytes they were, and any other lone surrogate (from a JSON escape, say) as \\uNNNN.
    The one way magcli makes text of unknown origin encodable, for every sink."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return _LONE.sub(_unpaired, value)
        return value
    return os.fsencode(value).decode("utf-8", "backslashreplace")


_LONE = re.compile("[\ud800-\udfff]")


def readable_all(value: object) -> object:
    """A document (dicts, lists, strings, numbers) with every string, keys too, made
    readable: for a serialiser that refuses lone surrogates, as JSON's must."""
    if isinstance(value, str):
        return readable(value)
    if isinstance(value, dict):
        return {readable_all(key): readable_all(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [readable_all(item) for item in value]
    return value


def _unpaired(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


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
    """User input fit to echo in a message, from any source: quoted as repr quotes it,
    bytes that were not UTF-8 as \\xNN (as readable writes them), every character that
    is not printable (a line break, a control code, a line separator) escaped, so that
    it can never start a line of its own; cut short when long."""
    text = readable(value)
    if len(text) <= limit:
        return _quoted(text)
    return f"{_quoted(text[:limit])}... ({len(text):,} characters)"


def _quoted(text: str) -> str:
    shown = text if text.isprintable() else "".join(_visible(char) for char in text)
    quote = '"' if "'" in shown and '"' not in shown else "'"
    return quote + shown.replace(quote, "\\" + quote) + quote


def _visible(char: str) -> str:
    return char if char.isprintable() else char.encode("unicode_escape").decode("ascii")


def figure(value: float) -> str:
    """A figure as a person (and a command line) writes it: no exponent, no trailing
    zeros ('0.00000001', '2', '1.5')."""
    text = f"{value:.12f}".rstrip("0").rstrip(".")
    return text or "0"


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
