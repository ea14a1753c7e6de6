"""What people type: the unambiguous phrasings give the answer, the ambiguous ones a usage
error with the command(s) to copy, and suggestions only when they are close."""

from __future__ import annotations

import json

import pytest

from conftest import Run


def test_rank_takes_the_goal_as_a_word(run: Run) -> None:
    assert run("rank sleep").stdout == run("rank --for sleep").stdout
    assert run("rank insomnia --json").stdout == run("rank --for sleep --json").stdout


def test_rank_for_several_goals_says_what_to_run(run: Run) -> None:
    result = run("rank --for sleep --for anxiety")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Error: rank ranks forms for one goal at a time; one of:\n"
        "  magcli rank sleep\n"
        "  magcli rank anxiety\n"
        "  magcli list --for sleep --for anxiety    (forms with evidence of their own for all"
        " of them)\n"
    )
    assert run("rank sleep --for anxiety").exit_code == 2  # never a silent drop
    assert run("rank sleep --for sleep").exit_code == 0  # the same goal twice is one goal


def test_rank_without_a_goal(run: Run) -> None:
    result = run("rank")
    assert result.exit_code == 2
    assert "rank needs a goal ('magcli goals' lists them)" in result.stderr
    assert "magcli rank sleep" in result.stderr


def test_ties_are_shown_as_ties(run: Run) -> None:
    doc = json.loads(run("rank constipation --json").stdout)
    top = [(form["id"], form["rank"], form["tied"]) for form in doc["forms"][:3]]
    assert top == [("hydroxide", 1, True), ("oxide", 1, True), ("sulfate", 3, False)]
    table = run("rank constipation").stdout
    assert "=1   hydroxide" in table and "=1   oxide" in table
    assert " 3   sulfate" in table
    assert "=: the same score as another form, a tie." in table


@pytest.mark.parametrize("amount", ["500mg", "500", "1.5g"])
def test_an_amount_without_an_option_gives_both_readings(run: Run, amount: str) -> None:
    result = run(["dose", "glycinate", amount])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"magcli dose glycinate --compound {amount}" in result.stderr
    assert f"magcli dose glycinate --elemental {amount}" in result.stderr
    assert "the magnesium it holds" in result.stderr


def test_an_amount_given_twice(run: Run) -> None:
    result = run("dose glycinate 500 --compound 500")
    assert result.exit_code == 2
    assert "one amount too many" in result.stderr


def test_show_with_several_forms_points_to_compare(run: Run) -> None:
    result = run("show glycinate citrate")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: show takes one form; to set several side by side:\n"
        "  magcli compare glycinate citrate\n"
    )


@pytest.mark.parametrize(
    ("args", "suggested"),
    [
        ("list sleep", "magcli list --for sleep"),
        ("list sleep constipation", "magcli list --for sleep --for constipation"),
        ("list oxide", "magcli show oxide"),
        ("list oxide citrate", "magcli compare oxide citrate"),
        ("list zzz", "magcli goals"),
    ],
)
def test_list_with_words_says_what_to_run(run: Run, args: str, suggested: str) -> None:
    result = run(args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert any(line.split("    ")[0] == f"  {suggested}" for line in result.stderr.splitlines())


def test_foods_by_name(run: Run) -> None:
    doc = json.loads(run("foods spinach bean --json").stdout)
    names = [food["food"] for food in doc["foods"]]
    assert names and all("spinach" in name.lower() or "bean" in name.lower() for name in names)
    assert doc["filters"]["names"] == ["spinach", "bean"]
    assert "No food matches." in run("foods durian").stdout


@pytest.mark.parametrize(
    ("word", "sex"), [("f", "female"), ("woman", "female"), ("M", "male"), ("man", "male")]
)
def test_sex_in_other_words(run: Run, word: str, sex: str) -> None:
    given = run(["intake", "--age", "35", "--sex", word, "--json"]).stdout
    assert given == run(["intake", "--age", "35", "--sex", sex, "--json"]).stdout


@pytest.mark.parametrize(
    ("age", "years"), [("6mo", 0.5), ("18m", 1.5), ("2y", 2.0), ("6 months", 0.5), ("0.5", 0.5)]
)
def test_ages_as_people_write_them(run: Run, age: str, years: float) -> None:
    doc = json.loads(run(["intake", "--age", age, "--json"]).stdout)
    assert doc["life_stage"]["age"] == years


def test_an_age_that_is_not_one(run: Run) -> None:
    result = run("intake --age 6parsecs")
    assert result.exit_code == 2
    assert "--age '6parsecs' is not an age: give years (35, 0.5, 2y) or months" in result.stderr


@pytest.mark.parametrize(
    ("args", "last_line"),
    [
        ("dose oxide --mg 5", "Error: No such option: --mg"),
        ("foods --vegan", "Error: No such option: --vegan"),
        (
            "compare glycinate citrate --for sleep",
            "Error: No such option: --for (list and rank take --for; this command does not)",
        ),
        (
            "compare glycinate citrate --jsn",
            "Error: No such option: --jsn (Possible options: --json)",
        ),
        ("list --gentel", "Error: No such option: --gentel (Possible options: --gentle)"),
    ],
)
def test_option_suggestions_only_when_close(run: Run, args: str, last_line: str) -> None:
    result = run(args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == last_line


def test_every_unknown_form_at_once(run: Run) -> None:
    result = run("compare glycinte citrat oxide")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: 2 unknown form names:\n"
        "  'glycinte': did you mean glycinate?\n"
        "  'citrat': did you mean citrate?\n"
        "'magcli list' shows every form\n"
    )
