"""Markdown: GitHub-style tables, the sources as links, the grade key and the disclaimer."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, TextIO

from magcli.render.facts import Entry, form_facts, preamble
from magcli.render.rows import rows
from magcli.report import DISCLAIMER, InteractionsReport, Report
from magcli.text import strip_unsafe
from magcli.vocab import GRADE_MEANING, VERDICT_MEANING

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
    "goals": "Goals: the evidence for magnesium in general",
}


def escape(text: str) -> str:
    """Text that Markdown shows as written: no markup, no HTML, no table breaks."""
    text = strip_unsafe(text).replace("\\", "\\\\")
    text = re.sub(r"([`*_\[\]<>|#~!])", r"\\\1", text)
    return " ".join(text.split())  # a line break would end a table row


def title(report: AnyReport) -> str:
    """The document's title: what was asked, in plain words."""
    text = TITLES[report.command]
    if isinstance(report, Report) and report.ranking is not None:
        text += f" for {report.ranking.goal.id}"
    if isinstance(report, InteractionsReport) and report.lookup.query is not None:
        text += f": {report.lookup.query}"
    return text


def render(report: AnyReport, stream: TextIO, quiet: bool = False) -> str:
    """The report as a Markdown document."""
    del stream
    parts = [f"# {escape(title(report))}\n"]
    table = rows(report)
    parts += [f"**{escape(paragraph)}**\n" for paragraph in preamble(table.document)]
    if isinstance(report, Report) and report.command in ("compare", "show"):
        parts.append(_facts_table(report))
    elif report.command == "interactions":
        parts.append(_interactions(table.document))
    else:
        parts.append(_rows_table(report))
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
            link = f" <{escape_link(source['link'])}>" if source["link"] else ""
            unconfirmed = (
                f" *Not confirmed: {escape(source['unconfirmed'])}.*"
                if source.get("unconfirmed")
                else ""
            )
            parts.append(
                f"- **{escape(source['key'])}**: {escape(source['citation'])}{unconfirmed}{link}"
            )
        parts.append("")
    if isinstance(report, Report):
        parts.append("## Evidence grades, strongest first\n")
        parts += [f"- `{grade.value}`: {meaning}" for grade, meaning in GRADE_MEANING.items()]
        parts.append("")
    if isinstance(report, Report) and report.command in ("compare", "show"):
        parts.append("## Popular claims: the verdicts\n")
        parts.append(
            "Claims repeated by comparison tables on consumer health sites, set against the "
            "evidence:\n"
        )
        parts += [f"- `{verdict.value}`: {meaning}" for verdict, meaning in VERDICT_MEANING.items()]
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
        if entry.verdict is not None:
            text += f": **{entry.verdict.value}**"
            if entry.note:
                text += f" {escape(entry.note)}"
        elif entry.grade is not None:
            text = f"**{text}** \\[{entry.grade.value}\\]"
            if entry.note:
                text += f" {escape(entry.note)}"
        shown.append(text)
    return "<br>".join(shown)


def _facts_table(report: Report) -> str:
    facts = [form_facts(form, full=report.command == "show") for form in report.forms]
    header = "| | " + " | ".join(escape(form.id) for form in report.forms) + " |"
    lines = [header, "|---" * (len(report.forms) + 1) + "|"]
    for index, (label, _) in enumerate(facts[0]):
        cells = [_entries(form_facts_[index][1]) for form_facts_ in facts]
        lines.append(f"| **{label}** | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _interactions(document: dict[str, Any]) -> str:
    """Each medicine's entry as a section, then who should ask a clinician first."""
    parts = []
    for item in document["interactions"]:
        parts.append(f"## {escape(item['drug_class'])}\n")
        names = ", ".join(item["medicines"])
        if item["brands"]:
            names += f" ({', '.join(item['brands'])})"
        if names:
            parts.append(f"{escape(names)}\n")
        parts.append(f"- **What happens:** {escape(item['effect'])}")
        parts.append(f"- **What to do:** {escape(item['advice'])}")
        if item["note"]:
            parts.append(f"- **The sources' own words:** {escape(item['note'])}")
        parts.append(f"- **Sources:** {escape(', '.join(item['sources']))}\n")
    parts.append("## Ask a clinician before taking magnesium if this is you\n")
    parts += [
        f"- **{escape(group['group'])}**: {escape(group['reason'])}"
        for group in document["risk_groups"]
    ]
    return "\n".join(parts) + "\n"


def _rows_table(report: AnyReport) -> str:
    columns, cells = rows(report).own()
    lines = [
        "| " + " | ".join(escape(column) for column in columns) + " |",
        "|---" * len(columns) + "|",
    ]
    lines += ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in cells]
    if not cells:
        lines = ["Nothing matches."]
    return "\n".join(lines) + "\n"
