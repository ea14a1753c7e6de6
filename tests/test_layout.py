"""One layout per command, drawn by every format for people: what each view shows, and
that the renderers hold no command's own code."""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import TESTS, Run
from magcli import commands
from magcli.render import View
from magcli.render.blocks import Lead, Para, document, shown

SRC = Path(commands.__file__).parent.parent
EXAMPLES = TESTS.parent / "examples"
# One invocation a command, with warnings where the command can have them.
INVOCATIONS = {
    "compare": "compare glycinate citrate",
    "list": "list --for sleep",
    "show": "show oxide",
    "rank": "rank sleep",
    "goals": "goals",
    "dose": "dose citrate --compound 2g --age 6",
    "intake": "intake --age 35 --sex female",
    "interactions": "interactions doxycycline",
    "products": f"products {EXAMPLES / 'shelf.toml'} --daily 300mg --region eu",
    "stack": "stack --add 400mg --age 35",
    "plan": "plan --medicine 'alendronate 07:00 sunday' --magnesium 500mg --region eu",
    "foods": "foods --top 5 --age 35 --sex female",
}


def test_every_command_with_a_result_has_a_layout_and_an_invocation_here() -> None:
    laid_out = {name for name in commands.names() if hasattr(commands.module(name), "layout")}
    assert laid_out == set(commands.results()) == set(INVOCATIONS)


@pytest.mark.parametrize(
    ("when", "compact", "long", "documents"),
    [
        ("always", True, True, True),
        ("summary", True, False, True),
        ("detail", False, True, True),
        ("compact", True, False, False),
        ("document", False, False, True),
        ("long", False, True, False),
    ],
)
def test_what_each_view_shows(when: str, compact: bool, long: bool, documents: bool) -> None:
    block = Para("x", when=when)  # type: ignore[arg-type]
    assert shown(block, View(), terminal=True) is compact
    assert shown(block, View(long=True), terminal=True) is long
    assert shown(block, View(), terminal=False) is documents
    assert shown(block, View(long=True), terminal=False) is documents  # they hold everything


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", sorted(INVOCATIONS))
def test_every_format_opens_with_the_answer_and_carries_the_warnings(run: Run, name: str) -> None:
    """The table, markdown and HTML are drawn from the same layout: each holds its
    answer (the layout's first lead), its warnings and the disclaimer."""
    args = INVOCATIONS[name]
    doc = run(f"{args} --json")
    assert doc.exit_code in (0, 3), doc.stderr
    outputs = {
        "table": _flat(run(args, env={"COLUMNS": "100"}).stdout),
        "markdown": _flat(re.sub(r"\\(.)", r"\1", run(f"{args} -f markdown").stdout)),
        "html": _flat(html.unescape(re.sub(r"<[^>]+>", " ", run(f"{args} -f html").stdout))),
    }
    warnings = json.loads(doc.stdout)["warnings"]
    for fmt, text in outputs.items():
        for warning in warnings:
            assert _flat(warning) in text, (fmt, warning)
        assert text.rstrip("*").endswith(_flat(json.loads(doc.stdout)["disclaimer"])), fmt


@pytest.mark.parametrize("name", sorted(INVOCATIONS))
def test_the_answer_comes_first_in_the_documents(name: str) -> None:
    result = _result(name)
    first = commands.module(name).layout(result, View()).answer[0]
    assert isinstance(first, Lead) and first.text, name
    laid = document(result, View(), commands.module(name).layout, terminal=False)
    assert isinstance(laid.blocks[0], Lead), name


def _result(name: str) -> object:
    """The command's result, from its library function."""
    import magcli

    calls = {
        "compare": lambda: magcli.compare("glycinate", "citrate"),
        "list": lambda: magcli.list_forms(goals=["sleep"]),
        "show": lambda: magcli.show("oxide"),
        "rank": lambda: magcli.rank("sleep"),
        "goals": lambda: magcli.goals(),
        "dose": lambda: magcli.dose("citrate", compound="2g", age=6),
        "intake": lambda: magcli.intake(age=35, sex="female"),
        "interactions": lambda: magcli.interactions("doxycycline"),
        "products": lambda: magcli.products(EXAMPLES / "shelf.toml", daily="300mg", region="eu"),
        "stack": lambda: magcli.stack(add=["400mg"], age=35),
        "plan": lambda: magcli.plan(medicines=["alendronate 07:00 sunday"], magnesium="500mg"),
        "foods": lambda: magcli.foods(top=5, age=35, sex="female"),
    }
    return calls[name]()


RENDERERS = ("table.py", "markdown.py", "html.py")


@pytest.mark.parametrize("renderer", RENDERERS)
def test_the_renderers_know_no_command(renderer: str) -> None:
    """A renderer draws blocks: it imports no command, reads no result's own fields and
    names no command."""
    source = (SRC / "render" / renderer).read_text(encoding="utf-8")
    assert "magcli.commands" not in source
    assert not re.search(r"\w+Result\b(?<!\bResult)", source)
    named = [name for name in commands.names() if re.search(rf'"{name}"', source)]
    assert named == [], named


@pytest.mark.parametrize("name", sorted(INVOCATIONS))
@pytest.mark.parametrize(("columns", "colour"), [("80", False), ("120", True), ("64", False)])
def test_a_long_table_is_drawn_as_rich_draws_a_short_one(
    run: Run, monkeypatch: pytest.MonkeyPatch, name: str, columns: str, colour: bool
) -> None:
    """Tables longer than LONG_TABLE rows are drawn line by line, measured once: every
    command's tables, so drawn, are what Rich draws, in colour and without."""
    from magcli.render import table

    env = {"COLUMNS": columns, **({"FORCE_COLOR": "1"} if colour else {"NO_COLOR": "1"})}
    by_rich = run(INVOCATIONS[name], env=env)
    monkeypatch.setattr(table, "LONG_TABLE", 0)
    by_lines = run(INVOCATIONS[name], env=env)
    assert by_lines.stdout == by_rich.stdout
    assert by_lines.exit_code == by_rich.exit_code
    assert ("\x1b[" in by_rich.stdout) is colour


@settings(max_examples=400, deadline=None)
@given(
    # Wide and combining characters, a full-width letter, other spaces.
    text=st.text(
        alphabet=st.sampled_from("ab cd  xyz-\u00e9\u4e2d\u6587\u0301\uff2d\u00a0\u3000"),
        max_size=60,
    ),
    width=st.integers(min_value=1, max_value=30),
    overflow=st.sampled_from(["fold", "ellipsis", "crop"]),
    no_wrap=st.booleans(),
)
def test_a_long_table_folds_text_as_rich_does(
    text: str, width: int, overflow: str, no_wrap: bool
) -> None:
    """The long table's own wrapping of plain text gives Rich's lines, to the cell."""
    import io

    from rich.console import Console
    from rich.table import Column
    from rich.text import Text

    from magcli.render.table import _fold

    console = Console(file=io.StringIO(), width=80)
    column = Column(overflow=overflow, no_wrap=no_wrap)  # type: ignore[arg-type]
    by_rich = Text(text).wrap(console, width, overflow=overflow, no_wrap=no_wrap)  # type: ignore[arg-type]
    assert _fold(text, width, column) == [(line.plain, line.cell_len) for line in by_rich]


@pytest.mark.parametrize("colour", [False, True])
def test_a_shelf_longer_than_a_long_table_is_what_rich_draws(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, colour: bool
) -> None:
    """Real labels, each its own name, some folded over lines, more than LONG_TABLE of
    them: drawn line by line, as Rich draws them."""
    from labelfolder import labels
    from magcli.render import table

    count = table.LONG_TABLE + 20
    folder = labels(tmp_path / "labels", count)
    env = {"COLUMNS": "80", **({"FORCE_COLOR": "1"} if colour else {"NO_COLOR": "1"})}
    by_lines = run(["products", str(folder)], env=env)
    monkeypatch.setattr(table, "LONG_TABLE", 10**9)
    by_rich = run(["products", str(folder)], env=env)
    assert by_lines.exit_code == by_rich.exit_code == 0
    assert by_lines.stdout == by_rich.stdout
    assert by_lines.stdout.count("#") >= count  # every product is there


def test_two_forms_compared_fit_a_first_screen(run: Run) -> None:
    """Any two forms of the catalogue, compared at 80 columns: the answer and its safety
    text in 24 lines (--long has everything)."""
    import itertools

    from magcli.domain.catalog import load_catalog

    ids = [form.id for form in load_catalog().forms]
    for first, second in itertools.combinations(ids, 2):
        result = run(["compare", first, second, "--no-pager"], env={"COLUMNS": "80"})
        lines = result.stdout.splitlines()
        assert result.exit_code == 0, (first, second, result.stderr)
        assert len(lines) <= 24, (first, second, len(lines))
        assert "not medical advice" in result.stdout


@pytest.mark.parametrize("goal", ["sleep", "constipation", "migraine", "cognition"])
def test_the_ranked_forms_come_on_the_first_screen(run: Run, goal: str) -> None:
    """The evidence for magnesium in general in a few lines, then the forms: the first
    three ranked are within 24 lines at 80 columns."""
    result = run(["rank", goal, "--no-pager"], env={"COLUMNS": "80"})
    lines = result.stdout.splitlines()[:24]
    ranked = [line for line in lines if line.strip()[:1] in ("1", "2", "3", "=")]
    assert len(ranked) >= 3 or "Not ranked" in result.stdout, lines
    assert lines[0].startswith("Magnesium in general (any form)")


@pytest.mark.parametrize("name", sorted(INVOCATIONS))
@pytest.mark.parametrize("view", [View(), View(long=True), View(explain=True)])
def test_the_documents_keep_every_legend_the_terminal_shows(name: str, view: View) -> None:
    """Markdown and HTML hold everything: every key to the figures that the terminal
    shows (the grade and verdict legends, the sources, and the quiet lines that say how
    a figure was made, rank's score rule among them) is in the document too, in full."""
    from magcli.render.blocks import GradeLegend, Sources, VerdictLegend

    result = _result(name)
    module = commands.module(name)
    terminal = document(result, view, module.layout, terminal=True).blocks
    documents = document(result, view, module.layout, terminal=False).blocks
    kinds = (GradeLegend, VerdictLegend, Sources)
    assert {type(block) for block in terminal if isinstance(block, kinds)} <= {
        type(block) for block in documents
    }, name
    from magcli.render import render

    written = _flat(
        re.sub(r"\\(.)", r"\1", render(result, "markdown", io.StringIO(), module, view))
    )
    written = written.replace("**", "").replace("`", "")
    for block in terminal:
        if isinstance(block, Para) and block.tone == "quiet" and block.when != "compact":
            # Said in the document, whole or piece by piece (a legend in a list of its own)
            for piece in block.text.removeprefix("Label: ").rstrip(".").split("; "):
                assert _flat(piece).replace(": ", " ") in written.replace(": ", " "), (name, piece)


@pytest.mark.parametrize("goal", ["blood-pressure", "sleep", "constipation"])
def test_ranks_gut_column_says_what_the_score_counts(run: Run, goal: str) -> None:
    """A tolerance no study of the form supports is scored as unknown; the Gut column says
    so too, never the catalogue's unverified word beside a score that ignores it."""
    import json

    doc = json.loads(run(["rank", goal, "--json"]).stdout)
    table = run(["rank", goal], env={"COLUMNS": "200"}).stdout.splitlines()
    for item in doc["forms"]:
        (gi,) = [part for part in item["score_parts"] if part["name"] == "gi"]
        row = next(line.split() for line in table if f" {item['id']} " in f" {line} ")
        shown = (
            "unknown"
            if gi["reason"].startswith("unknown")
            else item["side_effects"]["gi_tolerance"]
        )
        assert row[-1] == shown, (item["id"], row, gi)
