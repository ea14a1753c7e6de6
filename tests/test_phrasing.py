"""What people type: the unambiguous phrasings give the answer, the ambiguous ones a usage
error with the command(s) to copy, and suggestions only when they are close."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from conftest import Run


def answer(run: Run, args: str | list[str]) -> str:
    """What a run prints, after making sure it succeeded and printed something: two
    phrasings that both fail would otherwise compare equal."""
    result = run(args)
    assert result.exit_code == 0, (args, result.stderr)
    assert result.stdout.strip(), args
    return result.stdout


def test_rank_takes_the_goal_as_a_word(run: Run) -> None:
    assert answer(run, "rank sleep") == answer(run, "rank --for sleep")
    assert answer(run, "rank insomnia --json") == answer(run, "rank --for sleep --json")


def test_rank_for_several_goals_says_what_to_run(run: Run) -> None:
    result = run("rank --for sleep --for anxiety")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Error: rank ranks forms for one goal at a time; one of:\n"
        "  magcli rank sleep\n"
        "  magcli rank anxiety\n"
        "  magcli list --for sleep --for anxiety    (forms with a claim of their own for all"
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
    given = answer(run, ["intake", "--age", "35", "--sex", word, "--json"])
    assert given == answer(run, ["intake", "--age", "35", "--sex", sex, "--json"])


@pytest.mark.parametrize(
    ("age", "years"), [("6mo", 0.5), ("18m", 1.5), ("2y", 2.0), ("6 months", 0.5), ("0.5", 0.5)]
)
def test_ages_as_people_write_them(run: Run, age: str, years: float) -> None:
    doc = json.loads(run(["intake", "--age", age, "--json"]).stdout)
    assert doc["life_stage"]["age"] == years


def test_an_age_that_is_not_one(run: Run) -> None:
    result = run("intake --age 6parsecs")
    assert result.exit_code == 2
    assert "--age '6parsecs' is not an age: give years (35, 0.5, 2y), months" in result.stderr


@pytest.mark.parametrize(
    ("args", "last_line"),
    [
        ("dose oxide --mg 5", "Error: No such option: --mg"),
        ("foods --vegan", "Error: No such option: --vegan"),
        (
            "compare glycinate citrate --for sleep",
            "Error: No such option: --for (list, rank and products take --for; this command "
            "does not)",
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
        "Error: 2 unknown form names ('magcli list' shows every form):\n"
        "  'glycinte': did you mean glycinate?\n"
        "  'citrat': did you mean citrate?\n"
    )


@pytest.mark.parametrize(
    ("args", "amount"),
    [
        (["dose", "500mg", "glycinate"], "500mg"),  # the other way round
        (["dose", "500", "glycinate"], "500"),
        (["dose", "glycinate", "500", "mg"], "500mg"),  # the unit apart
        (["dose", "glycinate", "1.5", "g"], "1.5g"),
    ],
)
def test_an_amount_in_other_places_is_read_as_meant(run: Run, args: list[str], amount: str) -> None:
    result = run(args)
    assert result.exit_code == 2 and result.stdout == ""
    assert f"magcli dose glycinate --compound {amount} " in result.stderr
    assert f"magcli dose glycinate --elemental {amount} " in result.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["dose", "glycinate", "citrate"], "citrate is not an amount: give one such as 500mg"),
        (["dose", "", "500"], "the form name is empty"),
        (["dose", "glycinate", "--compound", "2g", "mg"], "mg is a unit on its own"),
    ],
)
def test_what_is_no_amount_is_said(run: Run, args: list[str], said: str) -> None:
    result = run(args)
    assert result.exit_code == 2 and result.stdout == ""
    assert said in result.stderr
    assert "--compound ''" not in result.stderr  # never a command that cannot work


@pytest.mark.parametrize(
    "words",
    [
        ["glycinate,citrate"],
        ["glycinate,", "citrate"],
        ["glycinate", "vs", "citrate"],
        ["glycinate and citrate"],
        ["magnesium", "glycinate", "magnesium", "citrate"],
        ["Magnesium glycinate versus magnesium citrate"],
    ],
)
def test_compare_reads_forms_as_people_list_them(run: Run, words: list[str]) -> None:
    plain = answer(run, "compare glycinate citrate --json")
    assert answer(run, ["compare", *words, "--json"]) == plain


def test_compare_of_one_form_written_in_two_words_needs_another(run: Run) -> None:
    result = run("compare magnesium glycinate")
    assert result.exit_code == 2
    assert "compare needs at least two forms" in result.stderr


@pytest.mark.parametrize(
    ("args", "command"),
    [
        ("glycinate", "magcli show glycinate"),
        ("glycinate citrate", "magcli compare glycinate citrate"),
        ("insomnia", "magcli rank insomnia"),
        ("glycinate --json", "magcli show glycinate --json"),
    ],
)
def test_a_form_or_goal_where_the_command_goes(run: Run, args: str, command: str) -> None:
    result = run(args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.endswith(f"is not a command; perhaps:\n  {command}\n")


def test_an_unknown_command_is_still_clicks_to_report(run: Run) -> None:
    result = run("frobnicate")
    assert result.exit_code == 2
    assert "No such command 'frobnicate'" in result.stderr


@pytest.mark.parametrize(
    ("alias", "fmt"), [("md", "markdown"), ("htm", "html"), ("ndjson", "jsonl")]
)
def test_format_aliases(run: Run, alias: str, fmt: str) -> None:
    assert answer(run, f"list -f {alias}") == answer(run, f"list -f {fmt}")


@pytest.mark.parametrize(("word", "sex"), [("boy", "male"), ("girl", "female")])
def test_sex_as_a_child_is_named(run: Run, word: str, sex: str) -> None:
    doc = json.loads(run(f"intake --age 10 --sex {word} --json").stdout)
    assert doc["life_stage"]["sex"] == sex


def test_arguments_help_names_no_python_types(run: Run) -> None:
    for command in ("compare", "show", "rank", "dose", "interactions", "foods", "list"):
        text = run(f"{command} --help").stdout
        assert "<str>" not in text and "list[" not in text, command
        assert "[[" not in text, command


def test_an_undecodable_command_name_is_shown_as_bytes(run: Run) -> None:
    result = run(["\udcff\udcfe"])  # the bytes ff fe, as Python gives them in sys.argv
    assert result.exit_code == 2
    assert "No such command '\\xff\\xfe'." in result.stderr
    assert "udc" not in result.stderr


@pytest.mark.parametrize(
    ("spoken", "meant"),
    [
        ("help", "--help"),
        ("help compare", "compare --help"),
        ("help rank --for", "rank --help"),
        ("HELP dose", "dose --help"),
        ("version", "--version"),
        ("-V", "--version"),
        ("--debug -V", "--version"),
    ],
)
def test_words_for_the_options_everyone_knows(run: Run, spoken: str, meant: str) -> None:
    said, option = run(spoken), run(meant)
    assert (said.exit_code, said.stdout) == (option.exit_code, option.stdout)
    assert said.exit_code == 0 and said.stdout


def test_help_for_no_such_command_is_the_no_such_command_error(run: Run) -> None:
    result = run("help comprae")
    assert result.exit_code == 2
    assert "compare" in result.stderr  # did you mean


@pytest.mark.parametrize(
    ("split", "whole"),
    [
        ("intake --age 6 months", "intake --age 6mo"),
        ("intake --age 18 mo --json", "intake --age 18m --json"),
        ("intake --age 2 years", "intake --age 2y"),
        (
            "dose oxide --elemental 400 mg --age 35 --sex female",
            "dose oxide --elemental 400mg --age 35 --sex female",
        ),
        ("dose oxide --compound 2 g", "dose oxide --compound 2g"),
        (
            "dose oxide --elemental 300 --weight 44 lb --age 10",
            "dose oxide --elemental 300 --weight 44lb --age 10",
        ),
        ("stack --add 400mg --age 35 years", "stack --add 400mg --age 35"),
    ],
)
def test_a_figure_and_its_unit_in_two_words_are_one_value(run: Run, split: str, whole: str) -> None:
    assert answer(run, split) == answer(run, whole)


def test_a_unit_word_after_a_figure_that_is_no_option_value_is_left_alone(run: Run) -> None:
    """Only an option's own value takes the next word as its unit."""
    result = run("compare glycinate 2 g")
    assert result.exit_code == 2


@pytest.mark.parametrize(
    ("args", "commands"),
    [
        ("dose glycinate --compound 2", ["--compound 2g", "--compound 2mg"]),
        ("dose citrate --compound 0.5 --age 35", ["--compound 0.5g", "--compound 0.5mg"]),
        ("dose oxide --elemental 5000", ["--compound 5000mg", "--elemental 5000mg"]),
    ],
)
def test_an_implausible_bare_figure_is_questioned(run: Run, args: str, commands: list[str]) -> None:
    """A bare figure is mg; one far outside what it could mean as mg is asked about,
    with the commands that say either, and never answered silently."""
    result = run(args)
    assert result.exit_code == 2 and result.stdout == ""
    form = args.split()[1]
    for command in commands:
        assert f"magcli dose {form} {command}" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        "dose glycinate --compound 2mg",
        "dose glycinate --compound 2g",
        "dose oxide --elemental 5g",
        "dose oxide --elemental 400",
        "dose glycinate --compound 10",
    ],
)
def test_a_figure_with_its_unit_or_within_reason_is_taken_as_written(run: Run, args: str) -> None:
    assert run(args).exit_code == 0


@pytest.mark.parametrize(
    ("args", "said"),
    [
        ("intake 40 m", "'m' may be the age's unit or a sex"),
        ("intake --age 6 m", "'m' may be a unit or a word of its own"),
        ("intake 30 w", "'w' may be the age's unit or a sex"),
    ],
)
def test_a_letter_that_is_a_unit_and_a_sex_is_asked_about(run: Run, args: str, said: str) -> None:
    result = run(args)
    assert result.exit_code == 2 and result.stdout == ""
    assert said in result.stderr


@pytest.mark.parametrize(
    ("words", "options"),
    [
        ("intake 70", "intake --age 70"),
        ("intake 70 female", "intake --age 70 --sex female"),
        ("intake female 70", "intake --age 70 --sex female"),
        ("intake 6 months", "intake --age 6mo"),
        ("intake 16 woman pregnant", "intake --age 16 --sex female --pregnant"),
        ("intake 30 female breastfeeding", "intake --age 30 --sex female --lactating"),
        ("intake 30 f nursing --json", "intake --age 30 --sex female --lactating --json"),
        (
            "intake --age 30 --sex female --breastfeeding",
            "intake --age 30 --sex female --lactating",
        ),
        ("intake 35 --sex male", "intake --age 35 --sex male"),
    ],
)
def test_the_person_in_words(run: Run, words: str, options: str) -> None:
    assert answer(run, words) == answer(run, options)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        ("intake 35 blue", "'blue' is no age, sex or state"),
        ("intake 35 --age 40", "--age and the words give it twice"),
        ("intake 35 40", "the age is given already"),
        ("intake female male", "a person has one sex here"),
    ],
)
def test_words_that_are_no_person_are_said(run: Run, args: str, said: str) -> None:
    result = run(args)
    assert result.exit_code == 2 and result.stdout == ""
    assert said in result.stderr


@pytest.mark.parametrize(
    ("words", "meant"),
    [
        ("rank blood pressure", "rank blood-pressure"),
        ("rank muscle cramps --json", "rank --for muscle-cramps --json"),
        ("show magnesium glycinate", "show glycinate"),
        ("show mag glycinate", "show glycinate"),
        ("show Mg Citrate", "show citrate"),
        ("compare mag glycinate and mag citrate", "compare glycinate citrate"),
        ("compare magnesium glycinate vs magnesium oxide", "compare glycinate oxide"),
        ("dose mag oxide --elemental 400", "dose oxide --elemental 400"),
    ],
)
def test_words_that_belong_together_are_one_name(run: Run, words: str, meant: str) -> None:
    assert answer(run, words) == answer(run, meant)


def test_several_goals_in_words_are_several_goals(run: Run) -> None:
    result = run("rank sleep anxiety")
    assert result.exit_code == 2
    assert "rank ranks forms for one goal at a time" in result.stderr
    misspelt = run("rank blood presure")
    assert misspelt.exit_code == 2 and "did you mean blood-pressure" in misspelt.stderr


@pytest.mark.parametrize(
    ("words", "meant"),
    [
        ("interactions levothyroxine synthroid --json", "interactions levothyroxine --json"),
        (
            "interactions doxycycline omeprazole --json",
            "interactions 'doxycycline omeprazole' --json",
        ),
    ],
)
def test_several_medicines_at_once(run: Run, words: str, meant: str) -> None:
    together = json.loads(answer(run, words))
    assert [item["id"] for item in together["interactions"]] == [
        item["id"] for item in json.loads(answer(run, meant))["interactions"]
    ]


@pytest.mark.parametrize(
    ("typed", "offered", "kinds"),
    [
        (
            "levo",
            ["levofloxacin", "levothyroxine", "Levoxyl"],
            ["fluoroquinolones", "thyroid hormone", "thyroid hormone"],
        ),
        ("levofloxcin", ["levofloxacin"], ["fluoroquinolones"]),
        ("alendronat", ["alendronate"], ["bisphosphonates"]),
        ("amoxicillin", [], []),  # a penicillin: moxifloxacin is only spelt alike
        ("amlodipine", [], []),  # a calcium channel blocker, not amiloride
    ],
)
def test_medicines_are_suggested_by_what_they_are_not_how_they_look(
    run: Run, typed: str, offered: list[str], kinds: list[str]
) -> None:
    document = json.loads(answer(run, f"interactions {typed} --json"))
    assert document["interactions"] == []
    assert document["suggestions"] == offered
    assert document["suggestion_classes"] == kinds
    table = answer(run, f"interactions {typed}")
    for name, kind in zip(offered, kinds, strict=True):
        assert f"{name} ({kind})" in " ".join(table.split())


def test_magcli_alone_is_a_first_look_on_stdout(run: Run) -> None:
    """What it does and commands to try, on the first screen, each of which works."""
    from magcli.cli import START_COMMANDS

    result = run([])
    assert result.exit_code == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) <= 20 and all(len(line) <= 80 for line in lines)
    assert "not medical advice" in result.stdout
    for command, _ in START_COMMANDS:
        assert f"  magcli {command}\n" in result.stdout
        assert answer(run, command)


@pytest.mark.parametrize(
    ("said", "commands"),
    [
        ("which is best for sleep", ["magcli rank sleep"]),
        ("what helps with blood pressure", ["magcli rank 'blood pressure'"]),
        ("magnesium for muscle cramps --json", ["magcli rank 'muscle cramps' --json"]),
        ("is glycinate good for sleep", ["magcli rank sleep", "magcli show glycinate"]),
        ("best form to take with levothyroxine", ["magcli interactions levothyroxine"]),
        ("what about doxycycline and omeprazole", ["magcli interactions doxycycline omeprazole"]),
        ("glycinate or citrate", ["magcli compare glycinate citrate"]),
    ],
)
def test_a_question_gets_the_commands_that_answer_it(
    run: Run, said: str, commands: list[str]
) -> None:
    """English where a command goes: the names in it (goals, forms, medicines) give the
    commands to copy; the other words are passed over."""
    result = run(said)
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].endswith("is not a command; perhaps:")
    assert [line.strip() for line in lines[1:]] == commands
    for command in commands:  # each one works as given
        assert run(shlex.split(command)[1:]).exit_code == 0


@pytest.mark.parametrize("said", ["what is magnesium", "frobnicate", "hello there"])
def test_words_that_name_nothing_are_an_unknown_command(run: Run, said: str) -> None:
    result = run(said)
    assert result.exit_code == 2
    assert "No such command" in result.stderr


@pytest.mark.parametrize(
    ("word", "shown"),
    [
        ("\udced\udca0\udc80", "'\\xed\\xa0\\x80'"),  # bytes that are no UTF-8
        ("\x1b[31mfemale", "'\\x1b[31mfemale'"),  # an escape code
        ("x" * 500, "(500 characters)"),
    ],
)
def test_a_person_word_that_is_none_is_shown_safely(run: Run, word: str, shown: str) -> None:
    result = run(["intake", "35", word])
    assert result.exit_code == 2 and result.stdout == ""
    assert shown in result.stderr and "\x1b" not in result.stderr
    assert len(result.stderr) < 300


@pytest.mark.parametrize(
    "args",
    [
        "intake 70 female pregnant",
        "intake 51 female breastfeeding",
        "intake --age 60 --sex female --pregnant --region eu",
        "dose oxide --elemental 300mg --age 55 --sex female --lactating",
    ],
)
def test_no_pregnancy_value_past_the_tables_last_band(run: Run, args: str) -> None:
    result = run(args)
    assert result.exit_code == 2 and result.stdout == ""
    assert "values up to age 50" in result.stderr and "ask a clinician" in result.stderr


def test_a_word_beside_a_medicine_that_starts_another_is_said(run: Run) -> None:
    """'cipro levo': levo is not read, and it may be levothyroxine; the answer says so."""
    document = json.loads(answer(run, "interactions cipro levo --json"))
    assert [item["id"] for item in document["interactions"]] == ["fluoroquinolones"]
    assert "levothyroxine" in document["suggestions"]
    assert any(
        "Did you mean" in warning and "levothyroxine" in warning for warning in document["warnings"]
    )


@pytest.mark.parametrize("name", ["ofloxacin", "gemifloxacin"])
def test_a_medicine_spelt_like_listed_ones_is_never_taken_for_one(run: Run, name: str) -> None:
    """Another medicine of a listed kind is refused with the names it is like and what to
    do, never planned around as unlisted nor read as one of them."""
    result = run(["plan", "--medicine", f"{name} 08:00", "--magnesium", "300mg"])
    assert result.exit_code == 2 and result.stdout == ""
    said = " ".join(result.stderr.split())
    assert "magcli will not take it for one of them" in said
    assert "ask a pharmacist how far apart to take it" in said


@pytest.mark.parametrize("brand", ["Levoxyl", "Unithroid", "Euthyrox", "Eltroxin", "synthroid"])
def test_levothyroxine_by_its_brands(run: Run, brand: str) -> None:
    document = json.loads(answer(run, f"interactions {brand} --json"))
    assert [item["id"] for item in document["interactions"]] == ["levothyroxine"]


def test_a_bare_days_magnesium_of_a_few_mg_is_asked_about(run: Run) -> None:
    result = run(["plan", "--medicine", "doxycycline 08:00", "--magnesium", "2"])
    assert result.exit_code == 2 and result.stdout == ""
    commands = [line.strip() for line in result.stderr.splitlines()[1:]]
    assert commands == [
        "magcli plan '--medicine=doxycycline 08:00' --magnesium 2g",
        "magcli plan '--medicine=doxycycline 08:00' --magnesium 2mg",
    ]
    for command in commands:
        assert run(shlex.split(command)[1:]).exit_code == 0


@pytest.mark.parametrize(
    ("said", "command"),
    [
        ("how much magnesium should a 70 year old woman take", "magcli intake 70 female"),
        ("upper limit for 12 year old boy", "magcli intake 12 male"),
        ("what about a 30 year old pregnant woman", "magcli intake 30 female pregnant"),
    ],
)
def test_a_question_about_a_person_gets_intake(run: Run, said: str, command: str) -> None:
    result = run(said)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines()[1].strip() == command
    assert run(shlex.split(command)[1:]).exit_code == 0


def test_version_with_an_option_is_the_version(run: Run) -> None:
    assert answer(run, "version --json") == answer(run, "--version")


@pytest.mark.parametrize("name", ["magnesium", "mg", "Mag"])
def test_show_of_magnesium_itself_asks_which_form(run: Run, name: str) -> None:
    result = run(["show", name])
    assert result.exit_code == 2 and result.stdout == ""
    assert "which form of magnesium?" in result.stderr


@pytest.mark.parametrize(
    ("words", "options"),
    [
        ("intake 70 years old female", "intake --age 70 --sex female"),
        ("intake aged 70 female", "intake --age 70 --sex female"),
        ("intake a 6 months old", "intake --age 6mo"),
    ],
)
def test_the_words_around_an_age_are_passed_over(run: Run, words: str, options: str) -> None:
    assert answer(run, words) == answer(run, options)


@pytest.mark.parametrize(
    ("args", "meant"),
    [
        ("intake 70 femal", "female"),
        ("intake 30 female pregant", "pregnant"),
        ("intake 70 fmale", "female"),
    ],
)
def test_a_misspelt_person_word_gets_a_did_you_mean(run: Run, args: str, meant: str) -> None:
    result = run(args)
    assert result.exit_code == 2
    assert f"(did you mean {meant}?)" in result.stderr


@pytest.mark.parametrize(
    ("words", "options"),
    [
        (
            "dose glycinate --compound 500mg --age 70 female",
            "dose glycinate --compound 500mg --age 70 --sex female",
        ),
        (
            "dose citrate --elemental 300mg --age 30 woman pregnant",
            "dose citrate --elemental 300mg --age 30 --sex female --pregnant",
        ),
    ],
)
def test_dose_takes_the_sex_and_state_in_words(run: Run, words: str, options: str) -> None:
    assert answer(run, words) == answer(run, options)


def test_dose_with_the_sex_twice_is_refused(run: Run) -> None:
    result = run("dose glycinate --compound 500mg --age 70 female --sex male")
    assert result.exit_code == 2 and "give it once" in result.stderr


@pytest.mark.parametrize(
    ("words", "options"),
    [
        ("intake 70yo", "intake --age 70"),
        ("intake 3 days", "intake --age 3d"),
        ("intake 2 weeks female", "intake --age 14d --sex female"),
        ("intake --age 10w", "intake --age 70days"),
        ("intake 70 years old", "intake --age 70"),
    ],
)
def test_ages_in_days_weeks_and_years_old(run: Run, words: str, options: str) -> None:
    assert answer(run, words) == answer(run, options)


@pytest.mark.parametrize(
    ("age", "said"),
    [("0", "a newborn"), ("3d", "a 3-day-old"), ("11 days", "an 11-day-old"), ("6mo", "a 6-month")],
)
def test_a_baby_is_described_in_the_unit_its_age_is_said_in(run: Run, age: str, said: str) -> None:
    result = run(["intake", "--age", age], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and f"For {said}" in result.stdout


@pytest.mark.parametrize(
    ("args", "what"),
    [("intake 70yrz", "'70yrz' is not an age"), ("intake --age 70yrz", "--age '70yrz' is not")],
)
def test_a_bad_age_is_named_as_it_was_given(run: Run, args: str, what: str) -> None:
    result = run(args)
    assert result.exit_code == 2 and what in result.stderr


@pytest.mark.parametrize(
    ("words", "options"),
    [
        (
            "dose glycinate --elemental 200 70 female",
            "dose glycinate --elemental 200 --age 70 --sex female",
        ),
        (
            "dose glycinate --elemental 200 70yo woman",
            "dose glycinate --elemental 200 --age 70 --sex f",
        ),
        ("dose oxide --compound 1g aged 8 boy", "dose oxide --compound 1g --age 8 --sex male"),
        ("stack --add 200mg 70 female", "stack --add 200mg --age 70 --sex female"),
        ("stack examples/day.toml 8 girl", "stack examples/day.toml --age 8 --sex female"),
        ("stack --add 100mg 6 months", "stack --add 100mg --age 6mo"),
        ("foods --top 3 35 female", "foods --top 3 --age 35 --sex female"),
        (
            "foods spinach almonds 30 woman pregnant",
            "foods spinach almonds --age 30 --sex f --pregnant",
        ),
    ],
)
def test_the_person_in_words_beside_other_words(run: Run, words: str, options: str) -> None:
    """dose, stack and foods read a person among their other words as intake does."""
    assert answer(run, words) == answer(run, options)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        ("dose glycinate 200 female", "is 200 the weight of the compound"),  # an amount, no age
        ("dose glycinate --elemental 200 300 female", "300"),  # no such age
        ("stack --add 200mg 70 female --age 60", "--age and the words give it twice"),
        ("foods spinach 30 female --sex male", "--sex and the words give it twice"),
        ("stack --add 200mg 70 female 80", "the age is given already"),
    ],
)
def test_a_person_in_words_beside_other_words_is_refused_where_unclear(
    run: Run, args: str, said: str
) -> None:
    result = run(args)
    assert result.exit_code == 2 and result.stdout == "", result.stdout
    assert said in result.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        ("compare glycinate glycinate", "'glycinate' is named twice"),
        ("compare glycinate bisglycinate", "'bisglycinate' is glycinate again"),
        ("compare mag glycinate and magnesium glycinate", "is glycinate again"),
        ("compare Glycinate glycinate --json", "named twice"),
    ],
)
def test_compare_of_one_form_by_two_names_points_to_show(run: Run, args: str, said: str) -> None:
    result = run(args)
    assert result.exit_code == 2 and result.stdout == ""
    assert said in result.stderr and "magcli show glycinate" in result.stderr


def test_compare_of_two_forms_and_a_repeat_shows_each_once(run: Run) -> None:
    result = run("compare glycinate bisglycinate citrate --json")
    assert result.exit_code == 0
    assert [form["id"] for form in json.loads(result.stdout)["forms"]] == ["glycinate", "citrate"]
    assert "shown once" in result.stderr


@pytest.mark.parametrize(
    ("question", "command"),
    [
        ("how much magnesium for a 18 month old", "intake 18mo"),
        ("how much magnesium for a 6 month old", "intake 6mo"),
        ("how much for a 3 week old baby", "intake 3w"),
        ("how much for a 10 day old boy", "intake 10d male"),
        ("what is the upper limit for a 2 week old", "intake 2w"),
        ("how much should a 70 year old woman take", "intake 70 female"),
    ],
)
def test_a_question_about_a_baby_keeps_the_unit_of_its_age(
    run: Run, question: str, command: str
) -> None:
    """An age in months, weeks or days is never passed on as years (an 18-month-old is
    not an 18-year-old), and the command suggested gives the same person."""
    result = run(question)
    assert result.exit_code == 2
    assert f"  magcli {command}\n" in result.stderr
    asked = json.loads(run(["intake", *command.split()[1:], "--json"]).stdout)["life_stage"]
    assert (asked["age"] < 2) is ("70" not in command), asked


@pytest.mark.parametrize(("age", "said"), [("18mo", "an 18-month-old"), ("1.5", "an 18-month-old")])
def test_a_toddler_is_described_in_months(run: Run, age: str, said: str) -> None:
    assert f"For {said}" in run(["intake", "--age", age]).stdout


@pytest.mark.parametrize(
    ("args", "said"),
    [
        ("intake 50 male pregnant", "pregnant goes with female, not male"),
        ("intake 30 pregnant breastfeeding", "pregnant and breastfeeding: give one of them"),
        ("intake female", "an age is needed too"),
        ("intake 30 pregnant --sex male", "pregnant goes with female, not male"),
        ("foods spinach female", "an age is needed too"),
    ],
)
def test_a_person_in_words_is_refused_in_words(run: Run, args: str, said: str) -> None:
    """What the words say is refused in words, never with options that were not typed."""
    result = run(args)
    assert result.exit_code == 2 and said in result.stderr
    assert "--pregnant" not in result.stderr and "--lactating" not in result.stderr


@pytest.mark.parametrize(
    ("added", "held"), [("500mg glycinate", 70.5), ("1000mg magnesium citrate", 161.6)]
)
def test_stack_asks_whether_a_salts_amount_is_the_compound(
    run: Run, added: str, held: float
) -> None:
    """--add counts magnesium; '500mg glycinate' may be a label's compound weight, so it
    is asked about, and each command it suggests works and adds what it says."""
    result = run(["stack", "--add", added, "--age", "35"])
    assert result.exit_code == 2 and result.stdout == ""
    suggested = [line.split("'")[1] for line in result.stderr.splitlines() if "--add '" in line]
    assert len(suggested) == 2
    amounts = []
    for value in suggested:
        doc = json.loads(run(["stack", "--add", value, "--age", "35", "--json"]).stdout)
        amounts.append(doc["total_magnesium_mg_per_day"])
    assert amounts == [held, float(added.split("mg")[0])]


def test_a_dose_above_an_adults_limit_is_warned_of_without_an_age(run: Run) -> None:
    doc = json.loads(run("dose oxide --compound 10g --json").stdout)
    assert any("above the 350 mg a day upper limit (adults, US" in w for w in doc["warnings"])
    below = json.loads(run("dose oxide --compound 500mg --json").stdout)  # 301.5 mg
    assert not any("upper limit" in w for w in below["warnings"])


@pytest.mark.parametrize(
    "query", ["Cipro, Synthroid", "cipro,synthroid", "cipro/synthroid", "cipro + synthroid"]
)
def test_medicines_listed_with_commas_or_slashes(run: Run, query: str) -> None:
    doc = json.loads(run(["interactions", query, "--json"]).stdout)
    assert [entry["id"] for entry in doc["interactions"]] == ["fluoroquinolones", "levothyroxine"]
    assert doc["warnings"] == []


@pytest.mark.parametrize(
    ("args", "form"),
    [
        ("show epsom salt", "sulfate"),
        ("show milk of magnesia", "hydroxide"),
        ("show glycinate chelate", "glycinate"),
        ("dose epsom salt --compound 1g", "sulfate"),
        ("dose milk of magnesia --compound 1g", "hydroxide"),
    ],
)
def test_a_form_name_of_several_words_unquoted(run: Run, args: str, form: str) -> None:
    doc = json.loads(run([*args.split(), "--json"]).stdout)
    found = doc["forms"][0]["id"] if "forms" in doc else doc["form"]
    assert found == form


def test_compare_of_several_word_names_unquoted(run: Run) -> None:
    doc = json.loads(run("compare epsom salt milk of magnesia citrate --json").stdout)
    assert [form["id"] for form in doc["forms"]] == ["sulfate", "hydroxide", "citrate"]


def test_plan_of_a_medicine_as_words_gives_the_command(run: Run) -> None:
    result = run("plan levothyroxine 7am --magnesium 200mg")
    assert result.exit_code == 2 and result.stdout == ""
    (command,) = [line.strip() for line in result.stderr.splitlines() if "magcli plan" in line]
    assert command == "magcli plan --medicine 'levothyroxine 7am' --magnesium 200mg"
    again = run([*shlex.split(command)[1:], "--json"])
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout)["medicines"][0]["interaction"] == "levothyroxine"


@pytest.mark.parametrize(
    ("words", "options"),
    [
        ("rank for sleep", "rank sleep"),
        ("rank for blood pressure", "rank blood-pressure"),
        ("list --for blood pressure", "list --for blood-pressure"),
        ("list --for sleep --for blood pressure", "list --for sleep --for blood-pressure"),
    ],
)
def test_goals_in_words_as_people_write_them(run: Run, words: str, options: str) -> None:
    assert answer(run, words) == answer(run, options)


def test_list_with_a_goal_unquoted_gives_the_option(run: Run) -> None:
    result = run("list blood pressure")
    assert result.exit_code == 2 and "magcli list --for 'blood pressure'" in result.stderr


CATALOGUE = str(Path(__file__).resolve().parents[1] / "data" / "forms.toml")


@pytest.mark.parametrize(
    ("args", "kept"),
    [
        ("dose 500mg glycinate --age 8 --region eu --json", ["--age 8", "--region eu", "--json"]),
        ("show magnesium --data {data} -l", ["--data {data}", "--long"]),
        ("rank --for sleep --for constipation -f csv", ["--format csv"]),
        (
            "plan --magnesium 2 --medicine 'levothyroxine 07:00' --region eu --start 2026-12-05",
            ["--region eu", "--start 2026-12-05"],
        ),
        ("compare glycinate bisglycinate -q --data {data}", ["--data {data}", "--quiet"]),
        ("list sleep glycinate --json --data {data}", ["--json", "--data {data}"]),
        ("dose glycinate --compound 5 --sex female --age 30", ["--sex female", "--age 30"]),
        # the person as read, from the words too
        ("dose glycinate 500mg 30yo --sex female", ["--age 30yo", "--sex female"]),
        (
            "dose glycinate --compound 5 pregnant --age 30 --sex female",
            ["--age 30", "--sex female", "--pregnant"],
        ),
    ],
)
def test_a_suggested_command_keeps_what_the_run_is_about(
    run: Run, args: str, kept: list[str]
) -> None:
    """The catalogue, region, person, day and output typed for a run are kept in every
    command its message suggests (before any note), and each suggested command runs."""
    data = shlex.quote(CATALOGUE)
    result = run(args.format(data=data))
    assert result.exit_code == 2, result.stderr
    suggested = [
        re.sub(r"\s{2,}\(.*$", "", line.removeprefix("  magcli "))
        for line in result.stderr.splitlines()
        if line.startswith("  magcli ")
    ]
    assert suggested, result.stderr
    for command in suggested:
        for words in kept:
            assert f" {words.format(data=data)}" in f" {command}", (command, words)
        again = run(command)
        assert again.exit_code == 0, (command, again.stderr)


def test_a_suggested_command_leaves_out_what_the_environment_gives(run: Run) -> None:
    """--data from MAGCLI_DATA is not repeated (the suggested command reads it again),
    and a library call's message suggests the command as it is, even after a run."""
    import magcli
    from magcli.errors import UsageError

    result = run("show magnesium", env={"MAGCLI_DATA": CATALOGUE})
    assert result.exit_code == 2
    assert "  magcli show glycinate\n" in result.stderr
    assert run(f"compare glycinate bisglycinate --data {shlex.quote(CATALOGUE)}").exit_code == 2
    with pytest.raises(UsageError) as raised:
        magcli.compare("glycinate", "bisglycinate")
    assert str(raised.value).endswith("\n  magcli show glycinate")


@pytest.mark.parametrize(
    ("args", "line"),
    [
        # two spaces and a parenthesis inside a quoted word are no note
        (
            ["plan", "shelf  (1).toml", "--magnesium", "2", "--region", "eu"],
            "  magcli plan 'shelf  (1).toml' --magnesium 2g --region eu\n",
        ),
        # an option's name inside a quoted word is no option given
        (
            ["plan", "a --json b.toml", "--magnesium", "2", "--json"],
            "  magcli plan 'a --json b.toml' --magnesium 2g --json\n",
        ),
    ],
)
def test_carried_options_read_the_suggested_command_as_a_shell_does(
    run: Run, args: list[str], line: str
) -> None:
    result = run(args)
    assert result.exit_code == 2 and line in result.stderr, result.stderr


@pytest.mark.parametrize(
    "word",
    ["a b", "it's", "x\ny", "\u00a0", "n\u0085l", "\u2028", "\U000e0041", "bad\udcff", "$HOME"],
)
def test_a_word_to_copy_is_read_back_by_bash_as_the_same_word(word: str) -> None:
    """shell_word's quoting, as bash reads it in a UTF-8 locale: the same bytes, whether
    the word was text or a byte that was not UTF-8 (surrogate escape)."""
    import os
    import shutil
    import subprocess

    from magcli.options import shell_word

    bash = shutil.which("bash")
    assert bash is not None
    quoted = shell_word(word)
    assert quoted.isprintable() and "\n" not in quoted
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    out = subprocess.run(
        [bash, "-c", f"printf %s {quoted}"], capture_output=True, env=env, check=True
    ).stdout
    assert out == word.encode("utf-8", "surrogateescape"), (quoted, out)
