"""The JSON Schemas that `magcli schema` prints, checked against real output."""

from __future__ import annotations

import json
import tomllib
from typing import Any

import jsonschema
import pytest

from conftest import DATA, TESTS, Run
from magcli.domain.catalog import bundled_path

EXAMPLES = TESTS.parent / "examples"
INVOCATIONS = {
    "compare": ["compare glycinate citrate", "compare oxide magtein epsom-salt"],
    "list": ["list", "list --for sleep --gentle --sort name", "list --min-evidence rct"],
    "show": ["show oxide", "show l-threonate"],
    "rank": [
        "rank --for sleep",
        "rank --for constipation",
        "rank --for mood",
        "rank --for cognition",
        "rank --for cramps",
    ],
    "goals": ["goals"],
    "dose": [
        "dose glycinate --compound 1000",
        "dose oxide --elemental 400 --age 35 --sex female",
        "dose citrate --compound 2g --age 6",
        "dose glycinate --compound 1000 --label-mg 200 --age 0.3",
        "dose glycinate --compound 500 --age 40",
    ],
    "intake": ["intake", "intake --age 16 --sex female --pregnant", "intake --age 35"],
    "interactions": [
        "interactions",
        "interactions citrate",
        "interactions doxycycline",
        "interactions gabapentin",
        "interactions ibuprofen",
        "interactions levothyroxin",
    ],
    "foods": ["foods", "foods --top 3 --age 35 --sex male", "foods --min-mg 200"],
    "products": [
        f"products {EXAMPLES / 'shelf.toml'} --daily 300mg --region eu",
        f"products {EXAMPLES / 'labels.json'} --for sleep",
    ],
    "stack": [
        "stack --add 300mg --age 35",
        f"stack {EXAMPLES / 'day.toml'} --age 6 --region jp --weight 20 --diet 100mg",
    ],
    "plan": [
        "plan --medicine 'doxycycline 08:00' --magnesium 300mg",
        "plan --medicine 'alendronate 07:00 sunday' --medicine 'levothyroxine 06:30' "
        "--magnesium 500mg --region eu",
    ],
}


@pytest.fixture(scope="module")
def validators() -> dict[str | None, jsonschema.Draft202012Validator]:
    """A checked validator for each command's schema, and for the schema of any document:
    built once, from the function `magcli schema` prints (test_schema_cli_prints_them)."""
    from magcli.commands import results as result_types
    from magcli.commands.schema import output_schema

    built = {}
    for command in [*result_types(), None]:
        document = output_schema(command)
        jsonschema.Draft202012Validator.check_schema(document)
        built[command] = jsonschema.Draft202012Validator(document)
    return built


def schema(run: Run, *args: str) -> dict[str, Any]:
    result = run(["schema", *args])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(document)
    return document


@pytest.mark.parametrize(
    ("command", "invocation"),
    [(command, line) for command, lines in INVOCATIONS.items() for line in lines],
)
def test_real_output_matches_the_schema(
    run: Run,
    validators: dict[str | None, jsonschema.Draft202012Validator],
    command: str,
    invocation: str,
) -> None:
    result = run(f"{invocation} --json")
    assert result.exit_code in (0, 3), result.stderr
    document = json.loads(result.stdout)
    validators[command].validate(document)
    validators[None].validate(document)  # the schema of any document too


def test_schema_cli_prints_them(run: Run) -> None:
    from magcli.commands import results as result_types
    from magcli.commands.schema import output_schema

    assert schema(run) == json.loads(json.dumps(output_schema()))
    for command in result_types():
        assert schema(run, "--command", command) == json.loads(json.dumps(output_schema(command)))


def test_every_command_has_invocations_checked() -> None:
    from magcli.commands import results as result_types

    assert set(INVOCATIONS) == set(result_types())


def test_schema_describes_the_new_fields(run: Run) -> None:
    text = json.dumps(schema(run))
    for described in (
        "medicine first: hours to wait at least before magnesium",
        "magnesium first: hours to wait at least before the medicine",
        "the evidence for magnesium in general (any form), which comes first",
        "whether any study in people has shown one form better than another",
        "the form's own claim for the goal; null: no form-specific evidence",
        "for a medicine the table does not list: that this does not make it safe",
    ):
        assert described in text
    for verdict in ("supported", "partly-supported", "not-shown", "contradicted"):
        assert f'"{verdict}"' in text


def test_schema_is_strict(run: Run) -> None:
    document = json.loads(run("show oxide --json").stdout)
    document["forms"][0]["surprise"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema(run, "--command", "show"))
    document = json.loads(run("show oxide --json").stdout)
    document["forms"][0]["bioavailability"]["grade"] = "strong"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema(run, "--command", "show"))


def test_every_command_has_a_schema(run: Run) -> None:
    help_text = run("--help").stdout
    for command in INVOCATIONS:
        assert command in help_text
        assert schema(run, "--command", command)["properties"]["command"]["const"] == command


def test_catalog_schema_accepts_the_bundled_catalogue(run: Run) -> None:
    catalogue = tomllib.loads(bundled_path().read_text(encoding="utf-8"))
    jsonschema.validate(catalogue, schema(run, "--catalog"))


def test_catalog_schema_rejects_a_bad_catalogue(run: Run) -> None:
    text = (DATA / "invalid" / "unknown-grade.toml").read_text()
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(tomllib.loads(text), schema(run, "--catalog"))


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ("schema --command comapre", "did you mean compare?"),
        ("schema --command compare --catalog", "give one of --command, --catalog and --products"),
    ],
)
def test_schema_usage_errors(run: Run, args: str, fragment: str) -> None:
    result = run(args)
    assert result.exit_code == 2 and fragment in result.stderr


def test_schema_to_a_file(run: Run, tmp_path: Any) -> None:
    target = tmp_path / "catalog.schema.json"
    assert run(["schema", "--catalog", "-o", str(target)]).exit_code == 0
    assert json.loads(target.read_text())["title"] == "magcli catalogue"


def _field_names(schema: dict[str, Any]) -> set[str]:
    names: set[str] = set()
    for model in schema.get("$defs", {}).values():
        names |= set(model.get("properties", {}))
    return names | set(schema.get("properties", {}))


# Each thing has one name in every document (JSON output schema 3.0): these spellings of
# the upper limit, of being over it, of the person's need and of magnesium amounts are
# retired, and no command may bring one back.
RETIRED = {
    "ul_mg": "upper_limit_mg",
    "ul_mg_per_kg": "upper_limit_mg_per_kg",
    "ul_note": "upper_limit_note",
    "exceeds_ul": "over_limit",
    "rda_mg": "need_mg",
    "percent_rda": "percent_of_need",
    "servings_for_rda": "servings_for_need",
    "elemental_mg": "magnesium_mg",
    "mg": "magnesium_mg",
    "total_supplemental_mg": "total_magnesium_mg_per_day",
}


def test_one_name_for_each_thing_in_every_document(run: Run) -> None:
    from magcli.commands import results as result_types
    from magcli.commands.schema import output_schema

    for command in result_types():
        names = _field_names(output_schema(command))
        assert not names & set(RETIRED), (command, sorted(names & set(RETIRED)))
        limits = {name for name in names if "limit" in name or "ul" in name.split("_")}
        assert limits <= {
            "upper_limit_mg",
            "upper_limit_mg_per_kg",
            "upper_limit_note",
            "upper_limit_for",  # whose limit it is: 'adults', or a stage of the intake table
            "over_limit",
        }, (command, limits)
