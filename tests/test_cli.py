"""The command line as a user and a script see it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, Run
from magcli.results import DISCLAIMER

COLOUR_CODE = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|9[0-7])[;m]")
MINIMAL = DATA / "valid" / "minimal.toml"
MARKUP = DATA / "valid" / "markup.toml"
ENVELOPE_KEYS = ["schema_version", "data_version", "command", "forms", "warnings", "disclaimer"]
FORM_KEYS = [
    "id",
    "name",
    "aliases",
    "compound",
    "formula",
    "elemental_mg_percent",
    "bioavailability",
    "uses",
    "side_effects",
    "notes",
    "label_note",
    "popular_claims",
    "sources",
]


def one_line(text: str) -> str:
    """Rich wraps long text; fold it back to compare sentences."""
    return " ".join(text.split())


def parse(stdout: str) -> dict[str, Any]:
    doc = json.loads(stdout)
    assert isinstance(doc, dict)
    return doc


# compare ------------------------------------------------------------------------------


def test_compare_is_a_summary_that_fits_one_screen(run: Run) -> None:
    result = run("compare glycinate citrate", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    lines = out.splitlines()
    assert len(lines) <= 40  # with the disclaimer, on one 80x40 screen
    assert max(len(line) for line in lines) <= 80
    assert "Magnesium forms compared" in out
    header = next(line for line in lines if "glycinate" in line)
    assert header.index("glycinate") < header.index("citrate")
    # What it says, read at a width where no cell wraps:
    flat = one_line(run("compare glycinate citrate", env={"COLUMNS": "200"}).stdout)
    for shown in [
        "14.1% by weight",  # magnesium share
        "16.2% by weight",
        "unknown [small-human]",  # absorption with its grade
        "moderate [rct]",
        '"High bioavailability": not-shown',  # the popular claim beside it
        '"Good to high bioavailability": partly-supported',
        "migraine [rct]",  # the best-supported uses
        "sleep [rct]",
        "gentle [small-human]",  # the gut
        "1 g holds 141 mg",  # what a label's weight holds
    ]:
        assert shown in flat, shown
    assert "Aliases" not in out and "No trial of the salt itself" not in out  # notes: --long
    assert "rct > small-human > animal" in flat  # the grades, in one line
    assert flat.endswith(DISCLAIMER)
    assert "\x1b[" not in out  # not a terminal: no colour codes


def test_five_forms_stay_readable_at_120_columns(run: Run) -> None:
    out = run("compare glycinate citrate oxide l-threonate malate", env={"COLUMNS": "120"}).stdout
    assert max(len(line) for line in out.splitlines()) <= 120
    header = next(line for line in out.splitlines() if "citrate" in line)
    assert all(name in header for name in ("glycinate", "citrate", "oxide", "malate"))
    assert "(1-" not in out  # one table, not split


def test_compare_long_has_every_note(run: Run) -> None:
    result = run("compare glycinate citrate --long")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Magnesium forms compared" in out
    for label in [
        "Aliases",
        "Formula",
        "Magnesium",
        "Absorption",
        "Uses",
        "Gut",
        "Sources",
    ]:
        assert label in out
    assert "14.10% by weight" in out and "16.16% by weight" in out
    assert "unknown [small-human]" in out and "moderate [rct]" in out
    # every graded finding says how much evidence it rests on
    wide = one_line(run("compare glycinate citrate --long", env={"COLUMNS": "400"}).stdout)
    assert "unknown [small-human] (1 study, 12 people, special population, single doses)" in wide
    assert "sleep [rct] (1 trial, 155 people, 4 weeks or less)" in wide
    assert "One placebo-controlled trial of the salt" in wide
    assert "Evidence grades, strongest first" in out
    assert one_line(out).endswith(DISCLAIMER)
    assert run("compare glycinate citrate -l").stdout == out


def test_compare_order_follows_the_arguments(run: Run) -> None:
    doc = parse(run("compare oxide magtein glycinate --json").stdout)
    assert [form["id"] for form in doc["forms"]] == ["oxide", "l-threonate", "glycinate"]


def test_compare_json_envelope(run: Run) -> None:
    result = run("compare bisglycinate magtein --json")
    assert result.exit_code == 0 and result.stderr == ""
    doc = parse(result.stdout)
    assert list(doc) == ENVELOPE_KEYS
    assert doc["schema_version"] == "3.2"
    assert doc["command"] == "compare"
    assert doc["disclaimer"] == DISCLAIMER
    glycinate, threonate = doc["forms"]
    assert list(glycinate) == FORM_KEYS
    assert glycinate["id"] == "glycinate" and threonate["id"] == "l-threonate"
    assert glycinate["elemental_mg_percent"] == 14.1
    assert glycinate["bioavailability"] == {
        "level": "unknown",
        "grade": "small-human",
        "note": glycinate["bioavailability"]["note"],
        "sources": ["schuette1994"],
        "trials": 1,
        "participants": 12,
        "participants_at_least": False,
        "flags": ["special-population", "single-dose", "single-trial"],
        "certainty": [],
        "size": "1 study, 12 people, special population, single doses",
        "size_unconfirmed": "",
    }
    sleep = {"goal": "sleep", "grade": "rct", "trials": 1, "participants": 155}
    assert sleep.items() <= glycinate["uses"][0].items()
    assert glycinate["side_effects"]["gi_tolerance"] == "gentle"
    source = glycinate["sources"][0]
    assert list(source) == [
        "key",
        "citation",
        "kind",
        "forms",
        "pmid",
        "doi",
        "url",
        "link",
        "unconfirmed",
    ]
    assert source["key"] == "schuette1994"
    assert (source["kind"], source["forms"]) == ("human", ["glycinate", "oxide"])
    assert source["link"] == "https://pubmed.ncbi.nlm.nih.gov/7815675/"
    claims = {claim["claim"]: claim["verdict"] for claim in threonate["popular_claims"]}
    assert claims["Crosses the blood-brain barrier"] == "not-shown"  # rats only
    assert claims["High bioavailability"] == "not-shown"
    assert all(claim["sources"][0] == "popular-tables" for claim in glycinate["popular_claims"])


def test_compare_unknown_form_suggests(run: Run) -> None:
    result = run("compare glycinate citrat")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "Error: unknown form 'citrat'; did you mean citrate?\n"


def test_compare_unknown_form_json_keeps_stdout_empty(run: Run) -> None:
    result = run("compare glycinate citrat --json")
    assert result.exit_code == 2 and result.stdout == ""


def test_compare_same_form_twice_is_shown_once(run: Run) -> None:
    result = run("compare glycinate bisglycinate citrate --json")
    assert result.exit_code == 0
    assert [form["id"] for form in parse(result.stdout)["forms"]] == ["glycinate", "citrate"]
    assert result.stderr == (
        "Warning: 'bisglycinate' is glycinate, already in the comparison; shown once\n"
    )


def test_compare_needs_two(run: Run) -> None:
    result = run("compare oxide")
    assert result.exit_code == 2
    assert "at least two forms" in result.stderr and result.stdout == ""


def test_compare_fits_80_columns(run: Run) -> None:
    result = run("compare glycinate citrate oxide", env={"COLUMNS": "80"})
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_wide_comparison_splits_into_readable_tables(run: Run) -> None:
    names = ["glycinate", "citrate", "oxide", "malate", "taurate"]
    summary = run(["compare", *names], env={"COLUMNS": "80"}).stdout
    assert max(len(line) for line in summary.splitlines()) <= 80
    for title in ("(1-3 of 5)", "(4-5 of 5)"):
        assert f"Magnesium forms compared {title}" in summary
    result = run(["compare", *names, "--long"], env={"COLUMNS": "80"})
    out = result.stdout
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "…" not in out  # nothing cut short
    for title in ("(1-2 of 5)", "(3-4 of 5)", "(5 of 5)"):
        assert f"Magnesium forms compared {title}" in out
    for formula in ("Mg(C2H4NO2)2", "Mg3(C6H5O7)2", "MgO", "MgC4H4O5", "Mg(C2H6NO3S)2"):
        assert formula in out
    wide = run(["compare", *names], env={"COLUMNS": "200"}).stdout
    assert "Magnesium forms compared\n" in wide  # one table when it fits


# list ---------------------------------------------------------------------------------


def test_list_for_sleep_gentle(run: Run) -> None:
    result = run("list --for sleep --gentle")
    assert result.exit_code == 0
    rows = [line.split()[0] for line in result.stdout.splitlines() if line.startswith("  ")]
    assert [row for row in rows if row in ("glycinate", "l-threonate", "oxide")] == [
        "glycinate",
        "l-threonate",
    ]
    assert "Magnesium forms (2)" in result.stdout


def test_list_json_has_filters(run: Run) -> None:
    doc = parse(run("list --for Sleep --for sleep --gentle --sort name --json").stdout)
    assert doc["command"] == "list"
    assert doc["filters"] == {
        "goals": ["sleep"],
        "min_bioavailability": None,
        "gentle": True,
        "min_evidence": None,
        "sort": "name",
    }
    assert [form["id"] for form in doc["forms"]] == ["glycinate", "l-threonate"]


def test_list_all(run: Run, catalog: Any) -> None:
    doc = parse(run("list --json").stdout)
    assert len(doc["forms"]) == len(catalog.forms)


def test_list_sort_by_elemental(run: Run) -> None:
    doc = parse(run("list --sort elemental-mg --json").stdout)
    percents = [form["elemental_mg_percent"] for form in doc["forms"]]
    assert percents == sorted(percents, reverse=True)


def test_list_exact_output(run: Run) -> None:
    result = run(["list", "--data", str(MINIMAL)], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert result.stdout == (
        "                        Magnesium forms (1)\n"
        "\n"
        "  Form    Mg %   Absorption             Gut       Uses [evidence]\n"
        " ─────────────────────────────────────────────────────────────────\n"
        "  alpha   60.3   unknown [unverified]   typical   none claimed\n"
        "\n"
        "Evidence: rct > small-human > animal > mechanistic > unverified > contradicted\n"
        "For information only, not medical advice. Ask a doctor or pharmacist before\n"
        "taking magnesium, especially if you have kidney disease or take other medicines.\n"
    )


def test_list_no_match(run: Run) -> None:
    result = run("list --for muscle-cramps")
    assert result.exit_code == 0
    flat = one_line(result.stdout)
    assert "No form matches these filters." in flat
    assert "'magcli rank muscle-cramps' shows the evidence for magnesium in general." in flat


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ("list --for sleeep", "Error: unknown goal 'sleeep'; did you mean sleep?"),
        ("list --for sleeep", "did you mean sleep?"),
        ("list --min-evidence animals", "did you mean animal?"),
        ("list --min-bioavailability hihg", "did you mean high?"),
        ("list --sort foo", "Invalid value for '--sort'"),
        ("list --nope", "No such option: --nope"),
        ("rank", "rank needs a goal"),
        ("rank --for slep", "did you mean sleep?"),
        ("bogus", "No such command 'bogus'"),
        ("compare", "Missing argument"),
        ("show", "Missing argument 'FORM'"),
        ("list -f xml", "'xml' is not one of table, json, jsonl, csv, tsv, markdown, html"),
        ("list -f jsn", "did you mean json"),
        ("list --json -f csv", "--json asks for json, --format for csv; give one"),
        ("list -o ''", "the file name is empty"),
        ("dose glycinate", "give exactly one of --compound and --elemental"),
        ("dose glycinate --compound -5", "--compound '-5' must be more than 0"),
        ("dose glycinate --compound abc", "is not a quantity like 500, 500mg or 1.5g"),
        ("dose glycinate --compound 200g", "at most 100,000 mg (100 g)"),
        ("dose oxide --compound 50g", "30,150 mg of magnesium, over 10 g"),
        ("dose glycinate --compound 1000 --sex female", "--age is needed"),
        ("dose glycinate --compound 1000 --age 35 --sex femal", "did you mean female?"),
        ("dose glycinat --compound 1000", "did you mean glycinate?"),
        ("dose glycinate --compound 1000 --age abc", "--age 'abc' is not an age"),
        ("intake --sex female", "--age is needed"),
        ("intake --age 12 --pregnant", "no pregnancy value for age 12"),
        ("intake --age 30 --pregnant --lactating", "choose one of --pregnant and --lactating"),
        ("intake --age 200", "between 0 and 130"),
        ("intake --age 30 --sex other", "'other' is not one of female, male"),
    ],
)
def test_usage_errors_exit_2(run: Run, args: str, fragment: str) -> None:
    result = run(args)
    assert result.exit_code == 2
    assert fragment in result.stderr
    assert result.stdout == ""


def test_vocabulary_is_case_and_separator_insensitive(run: Run) -> None:
    doc = parse(run("list --for Muscle_Cramps --min-evidence SMALL-HUMAN --json").stdout)
    assert doc["filters"]["goals"] == ["muscle-cramps"]
    assert doc["filters"]["min_evidence"] == "small-human"


# show ---------------------------------------------------------------------------------


def test_show_oxide(run: Run) -> None:
    result = run("show oxide")
    assert result.exit_code == 0
    flat = one_line(result.stdout)
    assert "Magnesium oxide" in flat
    assert "low [rct]" in flat
    assert "Sources" in flat
    assert "Firoz M, Graber M. Bioavailability of US commercial magnesium preparations." in flat
    assert "https://pubmed.ncbi.nlm.nih.gov/11794633/" in flat
    assert "…" not in result.stdout  # links are folded, never cut
    folded = "".join(line.strip() for line in result.stdout.splitlines())
    assert "https://pubmed.ncbi.nlm.nih.gov/32969946/" in folded
    assert flat.endswith(DISCLAIMER)


def test_show_json(run: Run) -> None:
    doc = parse(run("show 'Magnesium Oxide' --json").stdout)
    assert doc["command"] == "show"
    (oxide,) = doc["forms"]
    assert oxide["id"] == "oxide" and oxide["formula"] == "MgO"
    assert {source["key"] for source in oxide["sources"]} >= {"firoz2001", "lindberg1990"}


def test_show_unknown(run: Run) -> None:
    result = run("show oxyde")
    assert result.exit_code == 2
    assert result.stderr == "Error: unknown form 'oxyde'; did you mean oxide?\n"


# rank ---------------------------------------------------------------------------------


def test_rank_explain(run: Run) -> None:
    result = run("rank --for constipation --explain", env={"COLUMNS": "250"})
    assert result.exit_code == 0
    flat = one_line(result.stdout)
    assert "Forms ranked for constipation" in flat
    assert flat.startswith("Magnesium in general (any form) for constipation: [rct]")
    assert "No form has been shown better than another for constipation." in flat
    assert "evidence 10 (rct: 5 x 2)" in flat
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert any(line.endswith("+ bioavailability 0 (not counted)") for line in lines)
    assert any(line.endswith("+ gi 2 (laxative, reversed)") for line in lines)
    assert any(line.endswith("= 12") for line in lines)
    assert "score = 2 x evidence for the goal" in flat
    assert "no form-specific evidence, counted as unverified: 1 x 2" in flat
    # Which forms come first is a rule of the ranking, tested on a catalogue of its own
    # (tests/test_query.py, the gut goal): here, that the explanation is printed.


def test_rank_json(run: Run) -> None:
    doc = parse(run("rank --for sleep --json").stdout)
    assert doc["command"] == "rank" and doc["goal"] == "sleep"
    assert list(doc)[3:8] == [
        "goal",
        "goal_name",
        "general_evidence",
        "form_shown_better",
        "comparison",
    ]
    assert doc["general_evidence"]["grade"] == "rct"
    assert doc["general_evidence"]["sources"] == ["mah2021", "abbasi2012"]
    assert [source["key"] for source in doc["sources"]] == doc["general_evidence"]["sources"]
    assert doc["general_evidence"]["size"] == (
        "3 trials, 151 people, poor-quality studies, low to very low certainty"
    )
    assert doc["form_shown_better"] is False
    assert doc["comparison"].startswith("No form has been shown better than another for sleep.")
    assert [(f["id"], f["rank"], f["score"]) for f in doc["forms"][:3]] == [
        ("glycinate", 1, 12),
        ("oxide", 2, 11),
        ("l-threonate", 2, 11),
    ]
    assert doc["forms"][2]["score_parts"][1] == {
        "name": "bioavailability",
        "points": 0,
        "reason": "unknown",  # not knowing scores no more than a measured 'low'
    }
    assert doc["forms"][1]["score_parts"][1]["points"] == 1  # oxide: measured, low
    assert doc["forms"][2]["form_evidence"]["flags"] == ["industry-funded", "short", "single-trial"]
    # Every form is listed: the ones without evidence of their own say so.
    assert {form["id"] for form in doc["forms"]} >= {"oxide", "citrate", "chloride"}
    citrate = next(form for form in doc["forms"] if form["id"] == "citrate")
    assert citrate["form_evidence"] is None
    assert doc["unranked"] == []


@pytest.mark.parametrize(("goal", "grade"), [("migraine", "rct"), ("blood-pressure", "rct")])
def test_new_goals_rank(run: Run, goal: str, grade: str) -> None:
    result = run(f"rank --for {goal}", env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.stderr
    assert one_line(result.stdout).startswith("Magnesium in general (any form) for")
    doc = parse(run(f"rank --for {goal} --json").stdout)
    assert doc["general_evidence"]["grade"] == grade and len(doc["forms"]) >= 16


def test_rank_cramps_says_the_evidence_is_against(run: Run) -> None:
    result = run("rank --for cramps", env={"COLUMNS": "100"})
    flat = one_line(result.stdout)
    assert "for muscle cramps: [contradicted]" in flat
    assert "No form has evidence of its own for muscle cramps." in flat
    assert "trials of magnesium in general found it unlikely to help" in flat


def test_goals_command(run: Run) -> None:
    result = run("goals", env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.stderr
    flat = one_line(result.stdout)
    for goal in ("sleep", "migraine", "blood-pressure", "muscle-cramps"):
        assert goal in flat
    doc = parse(run("goals --json").stdout)
    sleep = next(goal for goal in doc["goals"] if goal["id"] == "sleep")
    assert sleep["forms_with_evidence"] == [
        {"id": "glycinate", "grade": "rct"},
        {"id": "l-threonate", "grade": "rct"},
        {"id": "oxide", "grade": "rct"},
    ]
    assert sleep["general_evidence"]["grade"] == "rct"


# catalogue files ----------------------------------------------------------------------


def test_data_option_and_env(run: Run) -> None:
    by_option = parse(run(["list", "--json", "--data", str(MINIMAL)]).stdout)
    by_env = parse(run("list --json", env={"MAGCLI_DATA": str(MINIMAL)}).stdout)
    assert by_option == by_env
    assert by_env["data_version"] == "test-1"
    assert [form["id"] for form in by_env["forms"]] == ["alpha"]


@pytest.mark.parametrize("as_json", [False, True])
def test_bad_catalogue_exits_1_with_empty_stdout(run: Run, as_json: bool) -> None:
    bad = DATA / "invalid" / "unknown-grade.toml"
    args = ["compare", "alpha", "alpha", "--data", str(bad)] + (["--json"] if as_json else [])
    result = run(args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {bad}: invalid catalogue (1 problem):\n")
    assert "forms[0].bioavailability.grade (form 'alpha')" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_catalogue(run: Run, tmp_path: Path) -> None:
    result = run("list", env={"MAGCLI_DATA": str(tmp_path / "gone.toml")})
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'gone.toml'}: no such catalogue file\n"


def test_markup_in_data_is_printed_literally(run: Run) -> None:
    result = run(["show", "alpha", "--data", str(MARKUP)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.count("[bold red]Alpha[/]") == 3  # the answer, the title and the Name row
    assert "Shown as typed: [bold]not bold[/bold] and a stray [/] tag." in out
    assert "[red]not red[/red]" in out
    assert "[link=https://evil.example]click[/link] citation" in out
    assert "\x1b" not in out
    assert "Escape [31mred[0m stripped" in out


def test_markup_in_data_survives_compare_and_list(run: Run) -> None:
    for args in (["compare", "alpha", "beta"], ["list"], ["rank", "--for", "sleep"]):
        result = run([*args, "--data", str(MARKUP)], env={"COLUMNS": "200"})
        assert result.exit_code == 0, result.stderr
        assert "\x1b" not in result.stdout
    assert "[/]" in run(["compare", "alpha", "beta", "--data", str(MARKUP)]).stdout


def test_json_carries_data_text_exactly(run: Run) -> None:
    doc = parse(run(["show", "alpha", "--json", "--data", str(MARKUP)]).stdout)
    (alpha,) = doc["forms"]
    assert alpha["name"] == "[bold red]Alpha[/]"
    assert alpha["uses"][0]["note"] == "Escape \x1b[31mred\x1b[0m stripped"


# terminals ----------------------------------------------------------------------------


def test_colour_only_when_forced(run: Run) -> None:
    plain = run("show oxide", env={"TERM": "xterm-256color"}).stdout
    coloured = run("show oxide", env={"FORCE_COLOR": "1", "TERM": "xterm-256color"}).stdout
    assert "\x1b[" not in plain
    assert "\x1b[" in coloured
    no_colour = run(
        "show oxide", env={"FORCE_COLOR": "1", "NO_COLOR": "1", "TERM": "xterm-256color"}
    ).stdout
    assert not COLOUR_CODE.search(no_colour)
    assert COLOUR_CODE.search(coloured)


# help ---------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["compare", "list", "show", "rank"])
def test_every_command_has_help_with_an_example(run: Run, command: str) -> None:
    result = run([command, "--help"])
    assert result.exit_code == 0
    assert f"Example: magcli {command}" in result.stdout


def test_main_help_explains_grades_and_exit_codes(run: Run) -> None:
    out = one_line(run("--help").stdout)
    assert "contradicted: controlled human trials looked and found no effect" in out
    from magcli.errors import EXIT_CODES

    assert "Exit codes: 0 success, 1 bad catalogue file, output that cannot be written" in out
    for code, meaning in EXIT_CODES.items():
        assert f"{code} {meaning}" in out


def test_version(run: Run) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == (
        "magcli 2.2.0, data 2026.12.02 (catalogue schema 2.2), JSON output schema 3.2\n"
    )


# evidence and safety at a glance ------------------------------------------------------


@pytest.mark.parametrize("args", ["compare glycinate citrate --long", "show oxide"])
def test_show_and_compare_carry_legend_and_interactions_hint(run: Run, args: str) -> None:
    out = one_line(run(args).stdout)
    assert "Evidence grades, strongest first" in out
    assert "contradicted controlled human trials looked and found no effect" in out
    assert "'magcli interactions' lists those that interact" in out


def test_compare_sources_lists_full_citations(run: Run) -> None:
    plain_out = run("compare glycinate citrate", env={"COLUMNS": "120"}).stdout
    with_sources = run("compare glycinate citrate --sources", env={"COLUMNS": "120"}).stdout
    citation = "Schuette SA, Lashner BA, Janghorbani M. Bioavailability of magnesium diglycinate"
    assert citation not in plain_out
    assert citation in with_sources
    assert "https://pubmed.ncbi.nlm.nih.gov/7815675/" in with_sources
    assert "https://doi.org/10.1186/s40795-016-0121-3" in with_sources


# intake, interactions, foods ------------------------------------------------------------


def test_intake_whole_table(run: Run) -> None:
    result = run("intake", env={"COLUMNS": "100"})
    assert result.exit_code == 0
    rows = [line.split() for line in result.stdout.splitlines()]
    assert ["31+", "years", "420", "320", "360", "320", "350"] in rows
    assert ["0-6", "months", "30", "(AI)", "30", "(AI)", "-", "-", "not", "set"] in rows
    assert "supplements and medicines only, not from food" in one_line(result.stdout)


def test_intake_pregnant_teenager(run: Run) -> None:
    result = run("intake --age 16 --sex female --pregnant", env={"COLUMNS": "100"})
    out = one_line(result.stdout)
    assert (
        "For a 16-year-old pregnant female: RDA 400 mg a day from all sources; at most 350 mg a "
        "day from supplements." in out
    )
    assert "19-30 years" not in out


def test_intake_json(run: Run) -> None:
    doc = parse(run("intake --age 16 --sex female --pregnant --json").stdout)
    assert doc["command"] == "intake"
    assert (doc["need_mg"], doc["upper_limit_mg"]) == (400, 350)
    assert doc["life_stage"]["stage"] == "14-18 years"
    (stage,) = doc["stages"]
    assert stage == {
        "label": "14-18 years",
        "from_years": 14.0,
        "to_years": 19.0,
        "reference": "RDA",
        "male_mg": 410,
        "female_mg": 360,
        "pregnancy_mg": 400,
        "lactation_mg": 360,
        "upper_limit_mg": 350,
        "upper_limit_mg_per_kg": None,
    }
    assert doc["region"]["id"] == "us"
    assert doc["sources"][0]["doi"] == "10.17226/5776"
    assert len(parse(run("intake --json").stdout)["stages"]) == 8


def test_interactions(run: Run) -> None:
    result = run("interactions --long", env={"COLUMNS": "120"})
    assert result.exit_code == 0
    out = one_line(result.stdout)
    for drug in (
        "Alendronate (a bisphosphonate)",
        "Ibandronate (a bisphosphonate)",
        "Tetracycline antibiotics",
        "Fluoroquinolone antibiotics",
        "Thyroid hormone",
        "HIV integrase inhibitors",
        "Gabapentin",
        "Penicillamine",
        "High-dose zinc",
        "Loop and thiazide diuretics",
        "Potassium-sparing diuretics",
        "Proton pump inhibitors",
    ):
        assert drug in out
    assert "Chronic kidney disease" in out
    assert "https://pubmed.ncbi.nlm.nih.gov/2598571/" in out


def test_interactions_for_a_form(run: Run) -> None:
    doc = parse(run("interactions Magtein --json").stdout)
    assert doc["form"] == "l-threonate" and doc["query"] == "Magtein"
    every = parse(run("interactions --json").stdout)
    assert doc["interactions"] == every["interactions"]
    assert doc["not_listed"] is None
    assert doc["risk_groups"][0]["id"] == "kidney-disease"
    assert {"ods", "cipro1989", "fda2011", "iom1997"} <= {s["key"] for s in doc["sources"]}


def test_foods_top_10(run: Run) -> None:
    result = run("foods --top 10", env={"COLUMNS": "100"})
    assert result.exit_code == 0
    first = next(line.split() for line in result.stdout.splitlines() if "Pumpkin" in line)
    assert first == ["Pumpkin", "seeds,", "roasted", "1", "oz", "156", "37%"]
    doc = parse(run("foods --top 10 --json").stdout)
    assert [food["magnesium_mg"] for food in doc["foods"]] == [
        156,
        111,
        80,
        78,
        74,
        63,
        61,
        61,
        60,
        50,
    ]
    assert doc["foods"][0] == {
        "food": "Pumpkin seeds, roasted",
        "serving": "1 oz",
        "magnesium_mg": 156,
        "note": "",
        "percent_dv": 37,
        "servings_for_need": None,
    }
    assert doc["daily_value_mg"] == 420


def test_foods_servings_for_rda(run: Run) -> None:
    doc = parse(run("foods --min-mg 100 --age 35 --sex female --json").stdout)
    assert doc["need_mg"] == 320
    assert [(f["food"], f["servings_for_need"]) for f in doc["foods"]] == [
        ("Pumpkin seeds, roasted", 2.1),
        ("Chia seeds", 2.9),
    ]
    out = one_line(run("foods --top 3 --age 35 --sex female", env={"COLUMNS": "100"}).stdout)
    assert "Servings for RDA" in out and "320 mg a day set for a 35-year-old female" in out


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("--long compare glycinate citrate", "compare glycinate citrate --long"),
        ("--json rank sleep", "rank sleep --json"),
        ("-f csv -q list --for sleep", "list --for sleep -f csv -q"),
        ("--format=jsonl foods --top 3", "foods --top 3 --format=jsonl"),
        ("-fmarkdown goals", "goals -fmarkdown"),
        ("--quiet --debug show oxide", "--debug show oxide --quiet"),
        ("--json interactions -- doxycycline", "interactions --json -- doxycycline"),
    ],
)
def test_output_options_before_the_command_are_the_commands(
    run: Run, before: str, after: str
) -> None:
    """The options every command's output takes, where people put them."""
    early, late = run(before), run(after)
    assert (early.exit_code, early.stdout, early.stderr) == (0, late.stdout, late.stderr)
    assert late.exit_code == 0


def test_a_commands_own_option_before_the_command_says_where_it_goes(run: Run) -> None:
    result = run("--for sleep list")
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert "--for is an option of the command: after it, as in magcli list --for sleep" in said


@pytest.mark.parametrize("blank", ["", " ", "\t"])
def test_an_empty_catalogue_name_is_named_where_it_was_given(run: Run, blank: str) -> None:
    """`--data ''` is refused as --data's; a blank MAGCLI_DATA as the variable's (an empty
    one is no setting at all: the bundled catalogue)."""
    typed = run(["list", "--data", blank])
    assert (typed.exit_code, typed.stderr) == (
        2,
        "Error: --data: the catalogue file name is empty\n",
    )
    from_env = run(["list"], env={"MAGCLI_DATA": blank})
    if blank:
        assert from_env.exit_code == 2
        assert from_env.stderr.startswith("Error: MAGCLI_DATA: the catalogue file name is empty")
    else:
        assert from_env.exit_code == 0


def test_debug_is_the_runs_own(run: Run) -> None:
    """--debug of one run in this process is not the next run's (the library and tests
    run many in one process)."""
    from magcli import cli

    assert run("--debug list --json").exit_code == 0
    assert cli._State.debug
    run("--no-such-option list")  # refused before the options of magcli itself are read
    assert not cli._State.debug
