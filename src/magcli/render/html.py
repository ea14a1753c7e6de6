"""A self-contained HTML page to share: the document for people (see render/blocks.py),
its pictures as inline SVG, the sources as links and the disclaimer. No scripts, no
external assets; it fits a 1000-pixel window without scrolling sideways."""

from __future__ import annotations

from html import escape as _escape
from typing import TYPE_CHECKING, TextIO

import magcli.results as out
from magcli import __version__
from magcli.domain.vocab import GRADE_MEANING, VERDICT_MEANING
from magcli.render import blocks
from magcli.render.blocks import Entry
from magcli.text import strip_unsafe

if TYPE_CHECKING:
    from types import ModuleType

    from magcli.render import View

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem;
       padding: 0 1rem; color: #1d1d1f; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.15rem; margin: 1.6rem 0 .4rem; }
.meta { color: #666; font-size: .85rem; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { border: 1px solid #d0d0d7; padding: .4rem .55rem; vertical-align: top;
         text-align: left; font-size: .9rem; overflow-wrap: break-word; }
thead th, th[scope=row] { background: #f3f3f6; }
th[scope=row] { width: 8.5rem; }
td.num, th.num { text-align: right; white-space: nowrap; width: 1%; }
td.name { white-space: nowrap; }
.note { color: #555; display: block; font-size: .85rem; }
.size { color: #333; font-size: .85rem; }
.grade { border-radius: .3rem; padding: 0 .35rem; font-size: .8rem; white-space: nowrap; }
.g-rct { background: #d7f5dd; } .g-small-human { background: #e6f5d7; }
.g-animal, .g-mechanistic { background: #fbf0c9; }
.g-unverified { background: #fbdcd7; } .g-contradicted { background: #f7b9b0; }
.v-supported { background: #d7f5dd; } .v-partly-supported { background: #fbf0c9; }
.v-not-shown { background: #fbdcd7; } .v-contradicted { background: #f7b9b0; }
.lead { font-weight: 600; font-size: 1.02rem; } .alarm { color: #a11; }
.caution { color: #8a5a00; } .quiet { color: #555; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: .2rem 0; }
.warning { font-weight: 600; color: #a11; border-left: 4px solid #c33; padding-left: .6rem; }
dl.facts { display: grid; grid-template-columns: 9rem 1fr; gap: .25rem 1rem; }
dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; overflow-wrap: anywhere; }
figure { margin: 1rem 0; } figcaption { color: #555; font-size: .85rem; }
svg text { font: 13px system-ui, sans-serif; fill: #1d1d1f; }
pre { background: #f3f3f6; padding: .6rem .8rem; overflow-wrap: anywhere;
      white-space: pre-wrap; }
.risk { border-left: 4px solid #c33; padding: .1rem 1rem; margin: 1.5rem 0; }
ol.sources li { overflow-wrap: anywhere; margin-bottom: .3rem; }
dl.legend dt { font-weight: 600; } dl.legend dd { margin: 0 0 .4rem 1rem; }
.disclaimer { border-left: 4px solid #c33; padding: .5rem 1rem; background: #fff4f2; }
@media print { body { margin: 0; } }
"""

BAR_COLOURS = {  # the kind of a bar (see blocks.Bar) to its fill
    "share": "#4a7fb5",
    "taken": "#4a7fb5",
    "over": "#c33",
    "need": "#3a9a54",
    "limit": "#d69a1c",
}


def esc(text: str) -> str:
    """Catalogue text as inert HTML."""
    return _escape(strip_unsafe(text), quote=True)


def render(result: out.Result, stream: TextIO, view: View, command: ModuleType) -> str:
    """The result as one HTML page."""
    laid = blocks.document(result, view, command.layout, terminal=False)
    title, drawn = laid.title, [_draw(block) for block in laid.blocks]
    body = [
        f"<h1>{esc(title)}</h1>",
        f'<p class="meta">magcli {esc(__version__)}, data version {esc(result.data_version)}</p>',
    ]
    body += drawn
    if not view.quiet:
        body.append(f'<p class="disclaimer">{esc(out.DISCLAIMER)}</p>')
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)} - magcli</title>\n<style>{STYLE}</style>\n</head>\n"
        "<body>\n" + "\n".join(part for part in body if part) + "\n</body>\n</html>\n"
    )


def _draw(block: blocks.Block) -> str:
    """One block as HTML."""
    if isinstance(block, blocks.Lead):
        kind = "lead alarm" if block.tone == "alarm" else "lead"
        return f'<p class="{kind}">{esc(block.text)}</p>'
    if isinstance(block, blocks.Warning):
        return f'<p class="warning">Warning: {esc(block.text)}</p>'
    if isinstance(block, blocks.Para):
        kind = {"caution": ' class="caution"', "quiet": ' class="quiet"'}.get(block.tone, "")
        return f"<p{kind}>{esc(block.text)}</p>"
    if isinstance(block, blocks.Heading):
        return f"<h2>{esc(block.text)}</h2>"
    if isinstance(block, blocks.Grid):
        return _table(block)
    if isinstance(block, blocks.Facts):
        pairs = "".join(
            f"<dt>{esc(label)}</dt><dd>{_entries(entries)}</dd>" for label, entries in block.pairs
        )
        title = f"<h2>{esc(block.title)}</h2>" if block.title else ""
        return f'{title}<dl class="facts">{pairs}</dl>'
    if isinstance(block, blocks.Bars):
        return _bars(block)
    if isinstance(block, blocks.Items):
        title = f"<h2>{esc(block.title)}</h2>" if block.title else ""
        return title + "<ul>" + "".join(f"<li>{esc(line)}</li>" for line in block.lines) + "</ul>"
    if isinstance(block, blocks.Commands):
        return "<pre>" + "\n".join("magcli " + esc(line) for line in block.lines) + "</pre>"
    if isinstance(block, blocks.Sources):
        return _sources(block.sources)
    if isinstance(block, blocks.GradeLegend):
        return _legend(
            "Evidence grades, strongest first",
            "",
            [
                (f"g-{grade.value}", grade.value, meaning)
                for grade, meaning in GRADE_MEANING.items()
            ],
        )
    return _legend(
        "Popular claims: the verdicts",
        "Claims repeated by comparison tables on consumer health sites, set against the evidence.",
        [
            (f"v-{verdict.value}", verdict.value, meaning)
            for verdict, meaning in VERDICT_MEANING.items()
        ],
    )


def _table(grid: blocks.Grid) -> str:
    kinds = {"number": ' class="num"', "name": ' class="name"', "word": ' class="name"'}
    head = "".join(
        f'<th scope="col"{kinds.get(column.kind, "")}>{esc(column.title)}</th>'
        for column in grid.columns
    )
    caption = f"<caption>{esc(grid.title)}</caption>" if grid.title else ""
    lines = [f"<table>{caption}\n<thead><tr>{head}</tr></thead>\n<tbody>"]
    labels = grid.side_by_side or grid.columns[0].kind == "label"
    for row in grid.rows:
        cells = []
        for index, cell in enumerate(row):
            if labels and index == 0:
                cells.append(f'<th scope="row">{_entries(cell)}</th>')
            else:
                column = grid.columns[index]
                shown = _entries(cell, inline=column.kind == "inline")
                cells.append(f"<td{kinds.get(column.kind, '')}>{shown}</td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines.append("</tbody>\n</table>")
    return "\n".join(lines)


def _entries(entries: list[Entry], inline: bool = False) -> str:
    shown = []
    for entry in entries:
        if entry.cite:
            shown.append(f'<a href="#source-{esc(entry.head)}">{esc(entry.head)}</a>')
            continue
        note = f'<span class="note">{esc(entry.note)}</span>' if entry.note else ""
        if entry.verdict is not None:
            verdict = f'<span class="grade v-{entry.verdict.value}">{entry.verdict.value}</span>'
            shown.append(f"{esc(entry.head)}: {verdict}{note}")
        elif entry.grade is not None:
            grade = f'<span class="grade g-{entry.grade.value}">{entry.grade.value}</span>'
            head = f"<strong>{esc(entry.head)}</strong> " if entry.head else ""
            size = f' <span class="size">{esc(entry.size)}</span>' if entry.size else ""
            shown.append(f"{head}{grade}{size}{note}")
        elif entry.tone == "strong":
            shown.append(f"<strong>{esc(entry.head)}</strong>")
        elif entry.tone in TONE_CLASS:
            shown.append(f'<span class="{TONE_CLASS[entry.tone]}">{esc(entry.head)}</span>')
        else:
            shown.append(esc(entry.head))
    return (", " if inline else "<br>").join(shown)


TONE_CLASS = {"alarm": "alarm", "caution": "caution", "quiet": "note"}


def _bars(bars: blocks.Bars) -> str:
    """The figures as horizontal bars in an inline SVG, drawn to fit any width."""
    row_height, label_width, value_width, width = 24, 190, 110, 640
    most = max((item.value for item in bars.bars), default=0) or 1
    span = width - label_width - value_width
    shapes = []
    for index, item in enumerate(bars.bars):
        label, value, shown, kind = item.label, item.value, item.shown, item.kind
        y = index * row_height
        length = max(1.0, value / most * span)
        fill = BAR_COLOURS.get(kind, BAR_COLOURS["share"])
        shapes.append(
            f'<text x="0" y="{y + 16}">{esc(label[:28])}</text>'
            f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="16" '
            f'fill="{fill}"/>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + 16}">{esc(shown)}</text>'
        )
    height = row_height * len(bars.bars)
    caption = f"<figcaption>{esc(bars.caption)}</figcaption>" if bars.caption else ""
    return (
        f"<figure><h2>{esc(bars.title)}</h2>"
        f'<svg role="img" aria-label="{esc(bars.title)}" viewBox="0 0 {width} {height}" '
        f'width="100%" style="max-width: {width}px" xmlns="http://www.w3.org/2000/svg">'
        + "".join(shapes)
        + f"</svg>{caption}</figure>"
    )


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
    return '<h2>Sources</h2>\n<ol class="sources">\n' + "\n".join(entries) + "\n</ol>"


def _legend(title: str, intro: str, items: list[tuple[str, str, str]]) -> str:
    listed = "\n".join(
        f'<dt><span class="grade {css}">{esc(word)}</span></dt><dd>{esc(meaning)}</dd>'
        for css, word, meaning in items
    )
    said = f"<p>{esc(intro)}</p>\n" if intro else ""
    return f'<h2>{esc(title)}</h2>\n{said}<dl class="legend">\n{listed}\n</dl>'
