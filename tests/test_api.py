"""The library API: typed functions returning Pydantic models."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel

import magcli
from conftest import DATA
from magcli.commands import results as result_types

ROOT = Path(__file__).resolve().parents[1]


COMMANDS = [
    "compare",
    "list_forms",
    "show",
    "rank",
    "goals",
    "dose",
    "intake",
    "interactions",
    "foods",
    "products",
    "stack",
    "plan",
]


def test_public_names() -> None:
    for name in [*COMMANDS, "load_catalog", "load_reference"]:
        assert name in magcli.__all__ and callable(getattr(magcli, name))
    assert sorted(magcli.__all__) == sorted([*magcli._homes(), "__version__"])
    assert (ROOT / "src" / "magcli" / "py.typed").exists()


def test_every_command_is_a_library_function_returning_its_result() -> None:
    # One front door: the command line calls these very functions, and --json prints
    # their result models.
    from magcli.cli import click_command
    from magcli.commands import results as result_types

    commands = set(click_command().commands) - {"schema"}  # type: ignore[attr-defined]
    assert commands == set(result_types())
    assert {"list" if name == "list_forms" else name for name in COMMANDS} == commands


def test_functions_return_result_models() -> None:
    catalog = magcli.load_catalog()
    assert isinstance(catalog, BaseModel)
    compared = magcli.compare("bisglycinate", "citrate", "glycinate", catalog=catalog)
    assert isinstance(compared, result_types()["compare"])
    assert [form.id for form in compared.forms] == ["glycinate", "citrate"]
    assert compared.warnings == ["'glycinate' is glycinate, already in the comparison; shown once"]
    listed = magcli.list_forms(goals=["Sleep"], gentle=True)
    assert [form.id for form in listed.forms] == ["glycinate", "l-threonate"]
    assert magcli.show("Magtein").forms[0].id == "l-threonate"
    ranked = magcli.rank("insomnia")
    assert isinstance(ranked, result_types()["rank"])
    assert [(item.rank, item.id, item.score) for item in ranked.forms[:3]] == [
        (1, "glycinate", 12),
        (2, "oxide", 11),
        (2, "l-threonate", 11),
    ]
    assert len(ranked.forms) == len(catalog.forms)
    assert ranked.forms[0].form_evidence is not None and ranked.forms[3].form_evidence is None
    assert sum(part.points for part in ranked.forms[1].score_parts) == ranked.forms[1].score
    assert ranked.general_evidence.grade == "rct" and not ranked.form_shown_better
    assert {goal.id for goal in magcli.goals().goals} >= {"sleep", "migraine"}
    spacing = magcli.interactions("doxycycline").interactions[0].spacing
    assert (spacing.wait_after_medicine_hours, spacing.wait_after_magnesium_hours) == (2, 6)
    assert magcli.intake(age=35, sex="female").need_mg == 320
    assert magcli.foods(top=1).foods[0].magnesium_mg == 156


def test_dose() -> None:
    result = magcli.dose("glycinate", compound=1000, age=35, sex="female")
    assert isinstance(result, result_types()["dose"])
    assert result.magnesium_mg == pytest.approx(141.0)
    assert (result.need_mg, result.upper_limit_mg) == (320, 350)
    assert result.life_stage is not None and result.life_stage.stage == "31+ years"
    assert result.percent_of_need == pytest.approx(44.1)
    assert result.over_limit is False
    assert magcli.dose("oxide", elemental="400mg").compound_mg == pytest.approx(663.3)
    over = magcli.dose("citrate", compound="2g", age=6)
    assert over.over_limit is True and over.warnings


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: magcli.rank("slep"), "did you mean sleep?"),
        (lambda: magcli.show("citrat"), "did you mean citrate?"),
        (lambda: magcli.compare("oxide"), "compare needs at least two forms"),
        (lambda: magcli.dose("oxide", compound=-1), "must be more than 0"),
        (lambda: magcli.dose("oxide", compound=float("nan")), "must be more than 0"),
        (lambda: magcli.dose("oxide", compound=1, sex="x", age=3), "is not one of female, male"),
        (lambda: magcli.list_forms(min_evidence="strong"), "grade 'strong' is not one of"),
    ],
)
def test_errors_are_magcli_errors(call: object, message: str) -> None:
    with pytest.raises(magcli.UsageError, match=message):
        call()  # type: ignore[operator]


def test_custom_catalogue() -> None:
    path = DATA / "valid" / "minimal.toml"
    with pytest.raises(magcli.UsageError, match="'first' is alpha again"):
        magcli.compare("alpha", "first", catalog=path)  # one form by two names
    catalog = magcli.load_catalog(path)
    assert magcli.show("alpha", catalog=catalog).data_version == "test-1"
    with pytest.raises(magcli.CatalogError):
        magcli.load_catalog(DATA / "invalid" / "unknown-grade.toml")


def test_guide_library_example_runs_as_shown() -> None:
    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    match = re.search(r"```python\n(.*?)```\n\nprints:\n\n```\n(.*?)```", guide, re.DOTALL)
    assert match, "the user guide lacks the library example"
    code, expected = match.groups()
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected


def test_the_public_names_are_a_contract() -> None:
    # Every public name exists and is listed in the guide; the names that an earlier
    # version had are still there.
    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    section = guide.split("## Library", 1)[1].split("\n## ", 1)[0]
    for name in magcli.__all__:
        assert getattr(magcli, name) is not None, name
        assert f"`{name}" in section, f"the guide's library section lacks {name}"
    earlier = {"compare", "dose", "filter_forms", "load_catalog", "rank", "resolve"}
    assert earlier <= set(magcli.__all__)
    assert magcli.resolve("Magtein").id == "l-threonate"
    assert magcli.resolve("mg citrate", magcli.load_catalog()).id == "citrate"
    kept = magcli.filter_forms(goals=["sleep"], gentle=True)
    listed = magcli.list_forms(goals=["sleep"], gentle=True)
    assert [form.id for form in kept] == [form.id for form in listed.forms]
    assert all(type(form).__name__ == "Form" for form in kept)


def test_the_package_docstring_example_runs() -> None:
    import doctest

    assert doctest.testmod(magcli).failed == 0


def test_typers_internals_are_where_magcli_expects_them() -> None:
    # magcli.clicks is the one module that reaches inside Typer; a Typer without these
    # names, or outside the version bound in pyproject.toml, fails here first.
    import typer

    from magcli import clicks
    from magcli.cli import click_command

    major, minor = (int(part) for part in typer.__version__.split(".")[:2])
    assert (major, minor) == (0, 29), typer.__version__
    assert issubclass(clicks.ClickException, Exception)
    assert issubclass(clicks.NoSuchOption, clicks.ClickException)
    command = click_command("compare")
    (argument,) = [
        p for p in command.commands["compare"].params if isinstance(p, clicks.TyperArgument)
    ]  # type: ignore[attr-defined]
    assert argument.display_type_rich(clicks.Context(command)) is None


def test_the_package_has_one_version() -> None:
    """The version pip installs is the one magcli says, and a JSON schema whose major
    version is past 2 (a renamed field) came with a new major version of the package."""
    import tomllib
    from pathlib import Path

    from magcli.results import SCHEMA_VERSION

    project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    assert project["project"]["version"] == magcli.__version__
    assert int(magcli.__version__.split(".")[0]) >= int(SCHEMA_VERSION.split(".")[0]) - 1


def test_every_registered_command_is_whole() -> None:
    """A command is one module and one line of the registry: each module holds what the
    command line, the library, the schema and the flat formats take from it."""
    from magcli import commands
    from magcli.cli import click_command, command_names
    from magcli.results import Result

    assert command_names() == commands.names()
    assert list(click_command().commands) == commands.names()  # type: ignore[attr-defined]
    for name, (path, function) in commands.REGISTRY.items():
        module = commands.module(name)
        assert module.__name__ == path and callable(module.cli) and module.cli.__doc__, name
        if function is None:
            continue
        assert function in magcli.__all__ and getattr(magcli, function) is getattr(module, function)
        assert issubclass(module.RESULT, Result), name
        assert module.RESULT.model_fields["command"].annotation.__args__ == (name,), name
        key, row = module.ROWS
        assert key is None or key in module.RESULT.model_fields, name
        assert issubclass(row, BaseModel), name


def test_a_library_call_loads_no_typer_or_rich() -> None:
    code = (
        "import sys, magcli; magcli.compare('glycinate', 'citrate'); magcli.dose('oxide',"
        " compound='1g'); print(sorted({'typer', 'rich', 'click'} & set(sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
