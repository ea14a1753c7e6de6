"""Markdown: a document for people, with GitHub-style tables, the sources as links, the
grade key and the disclaimer."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TextIO

from magcli import results as out
from magcli.render.facts import Entry, form_facts, forms_of, outline
from magcli.render.rows import rows
from magcli.text import strip_unsafe
from magcli.vocab import GRADE_MEANING, VERDICT_MEANING

if TYPE_CHECKING:
    from magcli.render import View


def escape(text: str) -> str:
    """Text that Markdown shows as written: no markup, no HTML, no table breaks."""
    text = strip_unsafe(text).replace("\\", "\\\\")
    text = re.sub(r"([`*_\[\]<>|#~!])", r"\\\1", text)
    return " ".join(text.split())  # a line break would end a table row


def escape_link(url: str) -> str:
    """A URL inside <...>: nothing that would close it or break the line."""
    return re.sub(r"[<>\s]", lambda match: f"%{ord(match.group()):02X}", strip_unsafe(url))


def render(result: out.Result, stream: TextIO, view: View) -> str:
    """The result as a Markdown document."""
    doc = outline(result)
    parts = [f"# {escape(doc.title)}\n"]
    parts += [f"**{escape(paragraph)}**\n" for paragraph in doc.leads]
    parts += [f"**Warning: {escape(warning)}**\n" for warning in doc.warnings]
    if doc.body == "forms":
        parts.append(_facts_table(forms_of(result), full=doc.full))
    elif isinstance(result, out.InteractionsResult):
        parts.append(_interactions(result))
    else:
        parts.append(_rows_table(result))
    if doc.sources:
        parts.append("## Sources\n")
        parts += [_source(source) for source in doc.sources]
        parts.append("")
    if doc.grades:
        parts.append("## Evidence grades, strongest first\n")
        parts += [f"- `{grade.value}`: {meaning}" for grade, meaning in GRADE_MEANING.items()]
        parts.append("")
    if doc.verdicts:
        parts.append("## Popular claims: the verdicts\n")
        parts.append(
            "Claims repeated by comparison tables on consumer health sites, set against the "
            "evidence:\n"
        )
        parts += [f"- `{verdict.value}`: {meaning}" for verdict, meaning in VERDICT_MEANING.items()]
        parts.append("")
    if not view.quiet:
        parts.append(f"*{out.DISCLAIMER}*\n")
    return "\n".join(parts)


def _source(source: out.SourceOut) -> str:
    link = f" <{escape_link(source.link)}>" if source.link else ""
    unconfirmed = f" *Not confirmed: {escape(source.unconfirmed)}.*" if source.unconfirmed else ""
    return f"- **{escape(source.key)}**: {escape(source.citation)}{unconfirmed}{link}"


def _entries(entries: list[Entry]) -> str:
    shown = []
    for entry in entries:
        text = escape(entry.head)
        if entry.verdict is not None:
            text += f": **{entry.verdict.value}**"
        elif entry.grade is not None:
            text = f"**{text}** \\[{entry.grade.value}\\]"
        if (entry.verdict is not None or entry.grade is not None) and entry.note:
            text += f" {escape(entry.note)}"
        shown.append(text)
    return "<br>".join(shown)


def _facts_table(forms: list[out.FormOut], full: bool) -> str:
    facts = [form_facts(form, full=full) for form in forms]
    header = "| | " + " | ".join(escape(form.id) for form in forms) + " |"
    lines = [header, "|---" * (len(forms) + 1) + "|"]
    for index, (label, _) in enumerate(facts[0]):
        cells = [_entries(each[index][1]) for each in facts]
        lines.append(f"| **{label}** | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _interactions(result: out.InteractionsResult) -> str:
    """Each medicine's entry as a section, then who should ask a clinician first."""
    parts = []
    for item in result.interactions:
        parts.append(f"## {escape(item.drug_class)}\n")
        names = ", ".join(item.medicines)
        if item.brands:
            names += f" ({', '.join(item.brands)})"
        if names:
            parts.append(f"{escape(names)}\n")
        parts.append(f"- **What happens:** {escape(item.effect)}")
        parts.append(f"- **What to do:** {escape(item.advice)}")
        if item.note:
            parts.append(f"- **Note:** {escape(item.note)}")
        parts.append(f"- **Sources:** {escape(', '.join(item.sources))}\n")
    parts.append("## Ask a clinician before taking magnesium if this is you\n")
    parts += [
        f"- **{escape(group.group)}**: {escape(group.reason)}" for group in result.risk_groups
    ]
    return "\n".join(parts) + "\n"


def _rows_table(result: out.Result) -> str:
    columns, cells = rows(result).own()
    lines = [
        "| " + " | ".join(escape(column) for column in columns) + " |",
        "|---" * len(columns) + "|",
    ]
    lines += ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in cells]
    if not cells:
        lines = ["Nothing matches."]
    return "\n".join(lines) + "\n"
