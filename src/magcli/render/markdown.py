"""Markdown: the document for people (see render/blocks.py) with GitHub-style tables,
the sources as links, the grade key and the disclaimer."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TextIO

import magcli.results as out
from magcli.domain.vocab import GRADE_MEANING, VERDICT_MEANING
from magcli.render import blocks
from magcli.render.blocks import Entry
from magcli.text import strip_unsafe

if TYPE_CHECKING:
    from types import ModuleType

    from magcli.render import View

BAR_CELLS = 30  # the longest bar of a picture, in characters


def escape(text: str) -> str:
    """Text that Markdown shows as written: no markup, no HTML, no table breaks."""
    text = strip_unsafe(text).replace("\\", "\\\\")
    text = re.sub(r"([`*_\[\]<>|#~!])", r"\\\1", text)
    return " ".join(text.split())  # a line break would end a table row


def code(text: str) -> str:
    """Text for a line of a fenced code block: no backtick can close the fence."""
    return strip_unsafe(text).replace("`", "'")


def escape_link(url: str) -> str:
    """A URL inside <...>: nothing that would close it or break the line."""
    return re.sub(r"[<>\s]", lambda match: f"%{ord(match.group()):02X}", strip_unsafe(url))


def render(result: out.Result, stream: TextIO, view: View, command: ModuleType) -> str:
    """The result as a Markdown document."""
    laid = blocks.document(result, view, command.layout, terminal=False)
    parts = [f"# {escape(laid.title)}\n"]
    parts += [_draw(block) for block in laid.blocks]
    if not view.quiet:
        parts.append(f"*{escape(out.DISCLAIMER)}*\n")
    return "\n".join(parts)


def _draw(block: blocks.Block) -> str:
    """One block as Markdown."""
    if isinstance(block, blocks.Lead):
        return f"**{escape(block.text)}**\n"
    if isinstance(block, blocks.Warning):
        return f"> **Warning:** {escape(block.text)}\n"
    if isinstance(block, blocks.Para):
        return f"*{escape(block.text)}*\n" if block.tone == "caution" else f"{escape(block.text)}\n"
    if isinstance(block, blocks.Heading):
        return f"## {escape(block.text)}\n"
    if isinstance(block, blocks.Grid):
        title = f"**{escape(block.title)}**\n\n" if block.title else ""
        return title + _table(block.columns, block.rows, block.side_by_side)
    if isinstance(block, blocks.Facts):
        title = f"**{escape(block.title)}**\n\n" if block.title else ""
        return title + "\n".join(_fact(label, entries) for label, entries in block.pairs) + "\n"
    if isinstance(block, blocks.Bars):
        return _chart(block)
    if isinstance(block, blocks.Items):
        heading = [f"## {escape(block.title)}\n"] if block.title else []
        return "\n".join([*heading, *(f"- {escape(line)}" for line in block.lines)]) + "\n"
    if isinstance(block, blocks.Commands):
        return "```sh\n" + "\n".join("magcli " + code(line) for line in block.lines) + "\n```\n"
    if isinstance(block, blocks.Sources):
        return _sources(block.sources)
    if isinstance(block, blocks.GradeLegend):
        lines = ["## Evidence grades, strongest first\n"]
        lines += [f"- `{grade.value}`: {meaning}" for grade, meaning in GRADE_MEANING.items()]
        return "\n".join(lines) + "\n"
    lines = [
        "## Popular claims: the verdicts\n",
        "Claims repeated by comparison tables on consumer health sites, set against the "
        "evidence:\n",
    ]
    lines += [f"- `{verdict.value}`: {meaning}" for verdict, meaning in VERDICT_MEANING.items()]
    return "\n".join(lines) + "\n"


def _table(columns: list[blocks.Column], rows: list[list[list[Entry]]], labels: bool) -> str:
    align = ["---:" if column.kind == "number" else "---" for column in columns]
    lines = [
        "| " + " | ".join(escape(column.title) for column in columns) + " |",
        "|" + "|".join(align) + "|",
    ]
    for row in rows:
        cells = [
            ", ".join(_shown(cell)) if column.kind == "inline" else _entries(cell)
            for column, cell in zip(columns, row, strict=True)
        ]
        if labels or columns[0].kind == "label":
            cells[0] = f"**{cells[0]}**"
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _chart(chart: blocks.Bars) -> str:
    """A picture in text: one bar per row, in a code block so that it lines up."""
    most = max((item.value for item in chart.bars), default=0) or 1
    width = max((len(code(item.label)) for item in chart.bars), default=0)
    figures = max((len(code(item.shown)) for item in chart.bars), default=0)
    lines = [f"**{escape(chart.title)}**\n", "```"]
    for item in chart.bars:
        cells = round(item.value / most * BAR_CELLS)
        bar = "#" * cells
        lines.append(
            f"{code(item.label):<{width}}  {bar:<{BAR_CELLS}}  {code(item.shown):>{figures}}"
        )
    lines.append("```")
    if chart.caption:
        lines.append(f"\n{escape(chart.caption)}")
    return "\n".join(lines) + "\n"


def _fact(label: str, entries: list[Entry]) -> str:
    """A labelled fact as a list item; several entries as items under it."""
    shown = _shown(entries)
    if len(shown) == 1 or all(entry.cite for entry in entries):
        return f"- **{escape(label)}:** {_entries(entries)}"
    return f"- **{escape(label)}:**\n" + "\n".join(f"  - {line}" for line in shown)


def _entries(entries: list[Entry]) -> str:
    """Entries in one table cell."""
    if entries and all(entry.cite for entry in entries):
        return ", ".join(escape(entry.head) for entry in entries)
    return "<br>".join(_shown(entries))


def _shown(entries: list[Entry]) -> list[str]:
    shown = []
    for entry in entries:
        text = escape(entry.head)
        if entry.verdict is not None:
            text += f": **{entry.verdict.value}**"
        elif entry.grade is not None:
            text = f"**{text}** \\[{entry.grade.value}\\]" if text else f"\\[{entry.grade.value}\\]"
            if entry.size:
                text += f" ({escape(entry.size)})"
        elif entry.tone in ("strong", "alarm") and text:
            text = f"**{text}**"
        if entry.note:
            text += f" {escape(entry.note)}"
        shown.append(text)
    return shown


def _sources(sources: list[out.SourceOut]) -> str:
    if not sources:
        return ""
    lines = ["## Sources\n"]
    for source in sources:
        link = f" <{escape_link(source.link)}>" if source.link else ""
        unconfirmed = (
            f" *Not confirmed: {escape(source.unconfirmed)}.*" if source.unconfirmed else ""
        )
        lines.append(f"- **{escape(source.key)}**: {escape(source.citation)}{unconfirmed}{link}")
    return "\n".join(lines) + "\n"
