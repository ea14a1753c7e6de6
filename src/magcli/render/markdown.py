"""Markdown: GitHub-style tables, the sources as links, the grade key and the disclaimer."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TextIO

from magcli.render.facts import Entry, form_facts
from magcli.render.rows import rows
from magcli.report import DISCLAIMER, Report
from magcli.text import strip_unsafe
from magcli.vocab import GRADE_MEANING

if TYPE_CHECKING:
    from magcli.report import AnyReport

TITLES = {
    "compare": "Magnesium forms compared",
    "show": "Magnesium form",
    "list": "Magnesium forms",
    "rank": "Forms ranked",
    "dose": "Dose",
    "intake": "Magnesium intake, mg a day (IOM 1997)",
    "interactions": "Medicines and magnesium",
    "foods": "Food sources of magnesium",
}


def escape(text: str) -> str:
    """Text that Markdown shows as written: no markup, no HTML, no table breaks."""
    text = strip_unsafe(text).replace("\\", "\\\\")
    text = re.sub(r"([`*_\[\]<>|#~!])", r"\\\1", text)
    return " ".join(text.split())  # a line break would end a table row


def render(report: AnyReport, stream: TextIO, quiet: bool = False) -> str:
    """The report as a Markdown document."""
    del stream
    title = TITLES[report.command]
    if isinstance(report, Report) and report.ranking is not None:
        title += f" for {report.ranking.goal.value}"
    parts = [f"# {title}\n"]
    if isinstance(report, Report) and report.command in ("compare", "show"):
        parts.append(_facts_table(report))
    else:
        parts.append(_rows_table(report))
    table = rows(report)
    sources = table.document.get("sources") or [
        source
        for item in table.items
        for source in item.get("sources", [])
        if isinstance(source, dict)
    ]
    if sources:
        parts.append("## Sources\n")
        seen: set[str] = set()
        for source in sources:
            if source["key"] in seen:
                continue
            seen.add(source["key"])
            parts.append(
                f"- **{escape(source['key'])}**: {escape(source['citation'])} "
                f"<{escape_link(source['link'])}>"
            )
        parts.append("")
    if isinstance(report, Report):
        parts.append("## Evidence grades, strongest first\n")
        parts += [f"- `{grade.value}`: {meaning}" for grade, meaning in GRADE_MEANING.items()]
        parts.append("")
    if not quiet:
        parts.append(f"*{DISCLAIMER}*\n")
    return "\n".join(parts)


def escape_link(url: str) -> str:
    """A URL inside <...>: nothing that would close it or break the line."""
    return re.sub(r"[<>\s]", lambda match: f"%{ord(match.group()):02X}", strip_unsafe(url))


def _entries(entries: list[Entry]) -> str:
    shown = []
    for entry in entries:
        text = escape(entry.head)
        if entry.grade is not None:
            text = f"**{text}** \\[{entry.grade.value}\\]"
            if entry.note:
                text += f" {escape(entry.note)}"
        shown.append(text)
    return "<br>".join(shown)


def _facts_table(report: Report) -> str:
    facts = [form_facts(form) for form in report.forms]
    header = "| | " + " | ".join(escape(form.id) for form in report.forms) + " |"
    lines = [header, "|---" * (len(report.forms) + 1) + "|"]
    for index, (label, _) in enumerate(facts[0]):
        cells = [_entries(form_facts_[index][1]) for form_facts_ in facts]
        lines.append(f"| **{label}** | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _rows_table(report: AnyReport) -> str:
    table = rows(report)
    lines = [
        "| " + " | ".join(escape(column) for column in table.columns) + " |",
        "|---" * len(table.columns) + "|",
    ]
    lines += ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in table.cells]
    if not table.cells:
        lines = ["Nothing matches."]
    return "\n".join(lines) + "\n"
