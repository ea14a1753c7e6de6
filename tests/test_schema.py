"""The JSON Schemas that `magcli schema` prints, checked against real output."""

from __future__ import annotations

import json
import tomllib
from typing import Any

import jsonschema
import pytest

from conftest import DATA, Run
from magcli.catalog import bundled_path

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
}


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
def test_real_output_matches_the_schema(run: Run, command: str, invocation: str) -> None:
    document = json.loads(run(f"{invocation} --json").stdout)
    jsonschema.validate(document, schema(run, "--command", command))
    jsonschema.validate(document, schema(run))  # the schema of any document too


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
