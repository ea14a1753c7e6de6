"""A self-contained HTML page to share: the comparison (or table), the evidence legend,
the sources as links and the disclaimer. No scripts, no external assets."""

from __future__ import annotations

from html import escape as _escape
from typing import TYPE_CHECKING, TextIO

from magcli import __version__
from magcli import results as out
from magcli.render.facts import Entry, form_facts, forms_of, outline
from magcli.render.rows import rows
from magcli.text import strip_unsafe
from magcli.vocab import GRADE_MEANING, VERDICT_MEANING

if TYPE_CHECKING:
    from magcli.render import View

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 75rem;
       padding: 0 1rem; color: #1d1d1f; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
.meta { color: #666; font-size: .85rem; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { border: 1px solid #d0d0d7; padding: .45rem .6rem; vertical-align: top;
         text-align: left; font-size: .92rem; }
thead th, th[scope=row] { background: #f3f3f6; }
.note { color: #555; display: block; font-size: .86rem; }
.grade { border-radius: .3rem; padding: 0 .35rem; font-size: .8rem; white-space: nowrap; }
.g-rct { background: #d7f5dd; } .g-small-human { background: #e6f5d7; }
.g-animal, .g-mechanistic { background: #fbf0c9; }
.g-unverified { background: #fbdcd7; } .g-contradicted { background: #f7b9b0; }
.v-supported { background: #d7f5dd; } .v-partly-supported { background: #fbf0c9; }
.v-not-shown { background: #fbdcd7; } .v-contradicted { background: #f7b9b0; }
.lead { font-weight: 600; }
.warning { font-weight: 600; color: #a11; }
.entry { border-top: 1px solid #d0d0d7; margin-top: 1rem; }
.entry h2 { font-size: 1.2rem; margin-bottom: .1rem; }
.entry dt { margin-top: .3rem; }
.risk { border-left: 4px solid #c33; padding: .1rem 1rem; margin: 1.5rem 0; }
dt { font-weight: 600; } dd { margin: 0 0 .4rem 1rem; }
.disclaimer { border-left: 4px solid #c33; padding: .5rem 1rem; background: #fff4f2; }
@media print { body { margin: 0; } }
"""


def esc(text: str) -> str:
    """Catalogue text as inert HTML."""
    return _escape(strip_unsafe(text), quote=True)


def render(result: out.Result, stream: TextIO, view: View) -> str:
    """The result as one HTML page."""
    doc = outline(result)
    body = [
        f"<h1>{esc(doc.title)}</h1>",
        f'<p class="meta">magcli {esc(__version__)}, data version {esc(result.data_version)}</p>',
    ]
    body += [f'<p class="lead">{esc(paragraph)}</p>' for paragraph in doc.leads]
    body += [f'<p class="warning">Warning: {esc(warning)}</p>' for warning in doc.warnings]
    if doc.body == "forms":
        body.append(_facts_table(forms_of(result), full=doc.full))
    elif isinstance(result, out.InteractionsResult):
        body.append(_interactions(result))
    else:
        body.append(_rows_table(*rows(result).own()))
    body.append(_sources(doc.sources))
    if doc.grades:
        body.append(_legend())
    if doc.verdicts:
        body.append(_verdicts())
    if not view.quiet:
        body.append(f'<p class="disclaimer">{esc(out.DISCLAIMER)}</p>')
    heading = doc.title
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(heading)} - magcli</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _grade(entry: Entry) -> str:
    assert entry.grade is not None
    return f'<span class="grade g-{entry.grade.value}">{entry.grade.value}</span>'


def _entries(label: str, entries: list[Entry]) -> str:
    if label == "Sources":
        return ", ".join(
            f'<a href="#source-{esc(entry.head)}">{esc(entry.head)}</a>' for entry in entries
        )
    shown = []
    for entry in entries:
        note = f'<span class="note">{esc(entry.note)}</span>' if entry.note else ""
        if entry.verdict is not None:
            verdict = f'<span class="grade v-{entry.verdict.value}">{entry.verdict.value}</span>'
            shown.append(f"{esc(entry.head)}: {verdict}{note}")
        elif entry.grade is not None:
            shown.append(f"<strong>{esc(entry.head)}</strong> {_grade(entry)}{note}")
        else:
            shown.append(esc(entry.head))
    return "<br>".join(shown)


def _facts_table(forms: list[out.FormOut], full: bool) -> str:
    facts = [form_facts(form, full=full) for form in forms]
    head = "".join(f'<th scope="col">{esc(form.name)}</th>' for form in forms)
    lines = [f"<table>\n<thead><tr><th></th>{head}</tr></thead>\n<tbody>"]
    for index, (label, _) in enumerate(facts[0]):
        cells = "".join(f"<td>{_entries(label, each[index][1])}</td>" for each in facts)
        lines.append(f'<tr><th scope="row">{esc(label)}</th>{cells}</tr>')
    lines.append("</tbody>\n</table>")
    return "\n".join(lines)


def _interactions(result: out.InteractionsResult) -> str:
    """Each medicine's entry as a section, then who should ask a clinician first."""
    parts = []
    for item in result.interactions:
        names = ", ".join(item.medicines)
        if item.brands:
            names += f" ({', '.join(item.brands)})"
        details = [("What happens", esc(item.effect)), ("What to do", esc(item.advice))]
        if item.note:
            details.append(("Note", esc(item.note)))
        links = ", ".join(f'<a href="#source-{esc(key)}">{esc(key)}</a>' for key in item.sources)
        details.append(("Sources", links))
        listed = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in details)
        parts.append(
            f'<section class="entry"><h2>{esc(item.drug_class)}</h2>'
            + (f'<p class="meta">{esc(names)}</p>' if names else "")
            + f"<dl>{listed}</dl></section>"
        )
    groups = "".join(
        f"<li><strong>{esc(group.group)}</strong>: {esc(group.reason)}</li>"
        for group in result.risk_groups
    )
    parts.append(
        '<section class="risk"><h2>Ask a clinician before taking magnesium if this is you'
        f"</h2><ul>{groups}</ul></section>"
    )
    return "\n".join(parts)


def _rows_table(columns: list[str], cells: list[list[str]]) -> str:
    if not cells:
        return "<p>Nothing matches.</p>"
    head = "".join(f'<th scope="col">{esc(column)}</th>' for column in columns)
    body = "\n".join(
        "<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>" for row in cells
    )
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _sources(sources: list[out.SourceOut]) -> str:
    if not sources:
        return ""
    entries = []
    for source in sources:
        link = esc(source.link) if source.link else ""
        anchor = f' <a href="{link}" rel="noreferrer">{link}</a>' if link else ""
        unconfirmed = (
            f" <em>Not confirmed: {esc(source.unconfirmed)}.</em>" if source.unconfirmed else ""
        )
        entries.append(
            f'<li id="source-{esc(source.key)}"><strong>{esc(source.key)}</strong>: '
            f"{esc(source.citation)}{unconfirmed}{anchor}</li>"
        )
    return "<h2>Sources</h2>\n<ol>\n" + "\n".join(entries) + "\n</ol>"


def _verdicts() -> str:
    items = "\n".join(
        f'<dt><span class="grade v-{verdict.value}">{verdict.value}</span></dt>'
        f"<dd>{esc(meaning)}</dd>"
        for verdict, meaning in VERDICT_MEANING.items()
    )
    return (
        "<h2>Popular claims: the verdicts</h2>\n<p>Claims repeated by comparison tables on "
        f"consumer health sites, set against the evidence.</p>\n<dl>\n{items}\n</dl>"
    )


def _legend() -> str:
    items = "\n".join(
        f'<dt><span class="grade g-{grade.value}">{grade.value}</span></dt><dd>{esc(meaning)}</dd>'
        for grade, meaning in GRADE_MEANING.items()
    )
    return f"<h2>Evidence grades, strongest first</h2>\n<dl>\n{items}\n</dl>"
