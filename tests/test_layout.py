"""One layout per command, drawn by every format for people: what each view shows, and
that the renderers hold no command's own code."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

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
