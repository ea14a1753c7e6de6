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
from magcli.models import DoseResult, Form, RankedForm

ROOT = Path(__file__).resolve().parents[1]


def test_public_names() -> None:
    for name in ("load_catalog", "resolve", "compare", "rank", "goal", "filter_forms", "dose"):
        assert name in magcli.__all__ and callable(getattr(magcli, name))
    assert (ROOT / "src" / "magcli" / "py.typed").exists()


def test_functions_return_models() -> None:
    catalog = magcli.load_catalog()
    assert isinstance(catalog, BaseModel)
    form = magcli.resolve("Magtein", catalog)
    assert isinstance(form, Form) and form.id == "l-threonate"
    assert [f.id for f in magcli.compare("bisglycinate", "citrate", "glycinate")] == [
        "glycinate",
        "citrate",
    ]
    assert [f.id for f in magcli.filter_forms(goals=["Sleep"], gentle=True)] == [
        "glycinate",
        "l-threonate",
    ]
    ranked = magcli.rank("sleep")
    assert all(isinstance(item, RankedForm) for item in ranked)
    assert [(item.rank, item.form.id, item.score) for item in ranked[:2]] == [
        (1, "l-threonate", 12),
        (2, "glycinate", 8),
    ]
    assert len(ranked) == len(catalog.forms)
    assert ranked[0].form_evidence is not None and ranked[2].form_evidence is None
    assert sum(part.points for part in ranked[1].score_parts) == ranked[1].score
    sleep = magcli.goal("insomnia")
    assert sleep.id == "sleep" and sleep.general_evidence.grade.is_human
    assert not sleep.form_shown_better


def test_dose() -> None:
    result = magcli.dose("glycinate", compound_mg=1000, age=35, sex="female")
    assert isinstance(result, DoseResult)
    assert result.elemental_mg == pytest.approx(141.0)
    assert (result.rda_mg, result.ul_mg, result.stage) == (320, 350, "31+ years")
    assert result.percent_rda == pytest.approx(141.0 / 320 * 100)
    assert result.exceeds_ul is False
    assert magcli.dose("oxide", elemental_mg="400mg").compound_mg == pytest.approx(663.35, abs=0.01)
    over = magcli.dose("citrate", compound_mg="2g", age=6)
    assert over.exceeds_ul is True and over.warnings


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: magcli.rank("slep"), "did you mean sleep?"),
        (lambda: magcli.resolve("citrat"), "did you mean citrate?"),
        (lambda: magcli.dose("oxide", compound_mg=-1), "must be a number more than 0"),
        (lambda: magcli.dose("oxide", compound_mg=float("nan")), "must be a number more than 0"),
        (lambda: magcli.dose("oxide", compound_mg=1, sex="x", age=3), "is not one of female, male"),
        (lambda: magcli.filter_forms(min_evidence="strong"), "grade 'strong' is not one of"),
    ],
)
def test_errors_are_magcli_errors(call: object, message: str) -> None:
    with pytest.raises(magcli.UsageError, match=message):
        call()  # type: ignore[operator]


def test_custom_catalogue() -> None:
    catalog = magcli.load_catalog(DATA / "valid" / "minimal.toml")
    assert [f.id for f in magcli.compare("alpha", "first", catalog=catalog)] == ["alpha"]
    with pytest.raises(magcli.CatalogError):
        magcli.load_catalog(DATA / "invalid" / "unknown-grade.toml")


def test_readme_example_runs_as_shown() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"```python\n(.*?)```\n\nprints:\n\n```\n(.*?)```", readme, re.DOTALL)
    assert match, "README lacks the library example"
    code, expected = match.groups()
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected
