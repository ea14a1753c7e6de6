"""Every command's views as designed documents: the answer first, the warnings and the
safety text in every format, pictures where they help, a short view by default and
everything with --long."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from typing import Any

import pytest

from conftest import Run
from magcli.results import DISCLAIMER
from test_formats import COMMANDS, parse_page

# Commands whose answer carries a warning, and the words it starts with.
WARNED = {
    "dose oxide --elemental 400 --age 35 --sex female": "400 mg of magnesium is above",
    "interactions warfarinn": "'warfarinn' is not in magcli's table",
    "dose glycinate --compound 500 --age 6mo": "No upper limit is set for infants",
}


def field_names(value: Any) -> set[str]:
    """Every key of a JSON document that a field dump would show: the snake_case ones."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            if "_" in key:
                found.add(key)
            found |= field_names(inner)
    elif isinstance(value, list):
        for inner in value:
            found |= field_names(inner)
    return found


def prose(text: str) -> str:
    """The text without its links, where a field name could appear legitimately."""
    return re.sub(r"https?://\S+", "", text)


@pytest.mark.parametrize("command", COMMANDS)
def test_markdown_is_a_document_not_a_field_dump(run: Run, command: str) -> None:
    text = run(f"{COMMANDS[command]} -f markdown").stdout
    lines = [line for line in text.splitlines() if line.strip()]
    assert lines[0].startswith("# ")
    # The answer comes first: a bold lead before any table, heading or picture.
    assert lines[1].startswith("**") and lines[1].endswith("**"), lines[1]
    assert lines[-1] == f"*{DISCLAIMER}*"
    names = field_names(json.loads(run(f"{COMMANDS[command]} --json").stdout))
    assert names, "the JSON document has snake_case fields to look for"
    shown = [name for name in names if re.search(rf"\b{name}\b", prose(text))]
    assert shown == []
    for line in text.splitlines():  # tables have a handful of columns, not dozens
        if line.startswith("|---") or line.startswith("|--:"):
            assert line.count("|") - 1 <= 7, line


@pytest.mark.parametrize("command", COMMANDS)
def test_html_is_a_document_not_a_field_dump(run: Run, command: str) -> None:
    html = run(f"{COMMANDS[command]} -f html").stdout
    page = parse_page(html)
    assert "script" not in page.tags and page.external == []
    body = page.tags[page.tags.index("body") + 1 :]
    assert body[:2] == ["h1", "p"]
    assert re.search(r"<h1>[^<]*</h1>\n<p class=\"meta\">[^<]*</p>\n<p class=\"lead[^\"]*\">", html)
    text = " ".join(" ".join(page.text).split())
    assert DISCLAIMER in text
    names = field_names(json.loads(run(f"{COMMANDS[command]} --json").stdout))
    assert [name for name in names if re.search(rf"\b{name}\b", prose(text))] == []
    for head in re.findall(r"<thead><tr>(.*?)</tr></thead>", html):
        assert head.count("<th") <= 7, head


@pytest.mark.parametrize(
    "args", ["compare glycinate citrate", "list", "dose oxide --elemental 300 --age 40 --sex m"]
)
def test_html_draws_figures_as_inline_svg(run: Run, args: str) -> None:
    html = run(f"{args} -f html").stdout
    svg = re.findall(r"<svg [^>]*>.*?</svg>", html, re.DOTALL)
    assert svg, "a picture"
    assert all("<rect" in picture and "href" not in picture for picture in svg)


@pytest.mark.parametrize("args", WARNED)
@pytest.mark.parametrize("fmt", ["table", "markdown", "html", "csv", "tsv", "jsonl", "json"])
def test_every_format_carries_the_warnings_and_the_disclaimer(
    run: Run, args: str, fmt: str
) -> None:
    result = run(f"{args} -f {fmt}")
    assert result.exit_code == 0, result.stderr
    said = WARNED[args]
    flat = " ".join(result.stdout.split())
    assert said in flat.replace("&#x27;", "'")
    if fmt in ("table", "markdown", "html"):  # a document shows its warnings itself
        assert result.stderr == ""
    else:  # a script's data: the warnings are in it, and said on stderr for a person
        assert f"Warning: {said}" in " ".join(result.stderr.split())
    if fmt in ("csv", "tsv"):
        rows = list(
            csv.DictReader(
                io.StringIO(result.stdout), dialect="excel-tab" if fmt == "tsv" else "excel"
            )
        )
        assert rows and all(said in row["warnings"] for row in rows)
        assert all(row["disclaimer"] == DISCLAIMER for row in rows)
    elif fmt == "jsonl":
        records = [json.loads(line) for line in result.stdout.splitlines()]
        assert all(record["disclaimer"] == DISCLAIMER for record in records)
        assert all(any(said in w for w in record["warnings"]) for record in records)
    else:
        assert DISCLAIMER in flat


def test_markdown_warnings_come_after_the_answer_and_before_the_detail(run: Run) -> None:
    text = run("dose oxide --elemental 400 --age 35 --sex female -f markdown").stdout
    lead = text.index("**400 mg of magnesium comes in")
    warning = text.index("> **Warning:** 400 mg of magnesium is above")
    assert lead < warning < text.index("## Reading labels")


# Short by default, everything with --long ------------------------------------------------

LONG = {  # a word only the long view has
    "rank sleep": "industry-linked",  # a form's own evidence note
    "interactions": "What happens",  # what each medicine meets, a column of its own
    "goals": "risk of bias",  # the general evidence, in full
    "foods --top 5": "Professionals.",  # the full citation
    "intake --age 15 --sex f": "Phosphorus,",  # the full citation
    "list": "",
    "compare glycinate citrate": "Aliases",  # every field of each form
}


@pytest.mark.parametrize("args", LONG)
def test_long_shows_more_than_the_default(run: Run, args: str) -> None:
    short = run(f"{args}", env={"COLUMNS": "80"}).stdout
    long = run(f"{args} --long", env={"COLUMNS": "80"}).stdout
    assert len(long.splitlines()) > len(short.splitlines())
    if LONG[args]:
        flat_short, flat_long = " ".join(short.split()), " ".join(long.split())
        assert LONG[args] not in flat_short and LONG[args] in flat_long
    assert " ".join(long.split()).endswith(DISCLAIMER)
    assert run(f"{args} -l", env={"COLUMNS": "80"}).stdout == long


def test_list_short_view_names_the_best_uses_and_says_how_many_more(run: Run) -> None:
    short = run("list", env={"COLUMNS": "120"}).stdout
    glycinate = json.loads(run("show glycinate --json").stdout)["forms"][0]
    assert len(glycinate["uses"]) > 3
    assert f"+{len(glycinate['uses']) - 3} more (--long)" in short
    assert "more (--long)" not in run("list --long", env={"COLUMNS": "120"}).stdout


# Dose: a picture of the dose against the limits ------------------------------------------


def test_dose_bars_set_the_dose_against_the_rda_and_the_limit(run: Run) -> None:
    out = run("dose oxide --elemental 300 --age 40 --sex m", env={"COLUMNS": "80"}).stdout
    rows = {
        line.split()[0] + " " + line.split()[1]: line for line in out.splitlines() if "█" in line
    }
    assert set(rows) == {"This dose", "RDA, all", "Limit, supplements"}
    lengths = {name: line.count("█") for name, line in rows.items()}
    # 300 mg dose, RDA 420 mg (the longest bar), limit 350 mg: lengths in that proportion
    assert lengths["RDA, all"] > lengths["Limit, supplements"] > lengths["This dose"]
    assert abs(lengths["This dose"] / lengths["RDA, all"] - 300 / 420) < 0.05


def test_dose_bars_fall_back_to_ascii() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "magcli", "dose", "oxide", "--elemental", "300", "--age", "40"],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii", "COLUMNS": "80", "MAGCLI_NO_CACHE": "1"},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("ascii")  # would fail on any block character
    lengths = {line.split()[0]: line.count("#") for line in text.splitlines() if "####" in line}
    assert set(lengths) == {"This", "Limit,"}  # no sex given: no RDA, the limit holds
    assert abs(lengths["This"] / lengths["Limit,"] - 300 / 350) < 0.05


def test_dose_without_a_life_stage_says_how_to_get_the_verdict(run: Run) -> None:
    out = " ".join(run("dose glycinate --compound 500").stdout.split())
    assert "Is it too much?" in out
    assert "magcli dose glycinate --compound 500mg --age 35 --sex female" in out


@pytest.mark.parametrize(
    ("age", "said"),
    [
        ("6mo", "No upper limit is set for infants"),
        ("0.5", "No upper limit is set for infants"),
        ("2y", "The upper limit for a child of 1-3 years is 65 mg a day"),
        ("6", "The upper limit for a child of 4-8 years is 110 mg a day"),
    ],
)
def test_infants_and_young_children_get_a_caution(run: Run, age: str, said: str) -> None:
    doc = json.loads(run(f"dose glycinate --compound 100 --age {age} --json").stdout)
    assert any(said in warning for warning in doc["warnings"])


@pytest.mark.parametrize("age", ["9", "15", "35"])
def test_older_children_and_adults_get_no_child_caution(run: Run, age: str) -> None:
    doc = json.loads(run(f"dose glycinate --compound 100 --age {age} --sex f --json").stdout)
    assert not any("child" in w or "infant" in w for w in doc["warnings"])


def test_intake_infant_footnote_only_with_infant_rows(run: Run) -> None:
    infant = "ai: adequate intake"
    teen = run("intake --age 15 --sex f").stdout.lower()
    baby = run("intake --age 6mo").stdout.lower()
    whole = run("intake").stdout.lower()
    assert infant not in " ".join(teen.split())
    assert infant in " ".join(baby.split()) and infant in " ".join(whole.split())


def test_a_six_month_old_is_in_the_first_infant_row(run: Run) -> None:
    for age in ("6mo", "0.5", "26w"):
        doc = json.loads(run(f"dose glycinate --compound 100 --age {age} --json").stdout)
        assert doc["life_stage"]["stage"] == "0-6 months", age
        assert doc["need_mg"] == 30
    assert json.loads(run("intake --age 7mo --json").stdout)["life_stage"]["stage"] == (
        "7-12 months"
    )


def test_an_infant_dose_over_the_adequate_intake_is_said(run: Run) -> None:
    doc = json.loads(run("dose glycinate --elemental 100 --age 5mo --json").stdout)
    (warning,) = doc["warnings"]
    assert f"This dose alone is {doc['percent_of_need']:.0f}% of an infant's adequate intake" in (
        warning
    )
    small = json.loads(run("dose glycinate --elemental 10 --age 5mo --json").stdout)
    assert "This dose alone" not in small["warnings"][0]


def test_a_child_over_the_limit_is_told_the_limit_once(run: Run) -> None:
    doc = json.loads(run("dose citrate --compound 1000 --age 2 --json").stdout)
    over, caution = doc["warnings"]
    assert "above the 65 mg a day upper limit" in over
    assert "65" not in caution and "Ask a clinician before giving a child" in caution


def test_foods_for_an_infant_give_no_servings(run: Run) -> None:
    doc = json.loads(run("foods --top 3 --age 0.5 --json").stdout)
    assert all(food["servings_for_need"] is None for food in doc["foods"])
    table = run("foods --top 3 --age 0.5").stdout
    assert "Servings for RDA" not in table and "No servings for infants" in table
    adult = json.loads(run("foods --top 3 --age 30 --sex m --json").stdout)
    assert all(food["servings_for_need"] is not None for food in adult["foods"])


def test_dose_bars_fit_the_terminal(run: Run) -> None:
    for width in (40, 60, 80, 120):
        out = run("dose citrate --compound 1000 --age 2", env={"COLUMNS": str(width)}).stdout
        bars = [line for line in out.splitlines() if "█" in line]
        assert len(bars) == 3 and all(len(line) <= width for line in bars), width
        assert all("…" not in line for line in bars), width


def test_rank_without_sources_prints_no_empty_sources_line(run: Run) -> None:
    out = run("rank fatigue").stdout
    assert "Sources:" not in out
    assert "Sources:" in run("rank sleep").stdout


def test_rank_says_what_the_score_is(run: Run) -> None:
    out = " ".join(run("rank sleep").stdout.split())
    assert "Score: the form's own evidence for the goal, counted twice" in out
    assert "--explain" in out


def test_jsonl_lines_end_with_the_safety_text(run: Run) -> None:
    for line in run("rank sleep -f jsonl").stdout.splitlines():
        keys = list(json.loads(line))
        assert keys[:4] == ["schema_version", "data_version", "command", "goal"]
        assert keys[-2:] == ["warnings", "disclaimer"]


def test_markdown_lists_put_several_entries_under_their_label(run: Run) -> None:
    out = run("show glycinate -f markdown").stdout
    assert "<br>" not in "\n".join(line for line in out.splitlines() if line.startswith("- "))
    assert "- **Uses:**\n  - **sleep** \\[rct\\] (1 trial, 155 people, 4 weeks or less" in out


def test_show_opens_with_an_answer_not_the_name_again(run: Run) -> None:
    out = run("show glycinate -f markdown").stdout
    lead = out.splitlines()[2]
    assert lead.startswith("**Magnesium glycinate (magnesium bisglycinate") and "14.1%" in lead


def test_html_keeps_names_whole(run: Run) -> None:
    html = run("rank sleep -f html").stdout
    assert '<td class="name">l-threonate</td>' in html
    assert "td.name { white-space: nowrap; }" in html
