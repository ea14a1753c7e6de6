"""The bundled catalogue: valid, sourced, unique, and chemically right."""

from __future__ import annotations

import pytest

from formula import elemental_mg_percent
from magcli.domain.models import Catalog
from magcli.domain.names import normalize_name
from magcli.domain.vocab import Grade, Level, Tolerance

REQUIRED = {"glycinate", "l-threonate", "citrate", "taurate", "malate", "oxide"}
ALSO_ASKED = {
    "dimalate",
    "chloride",
    "lactate",
    "sulfate",
    "carbonate",
    "hydroxide",
    "orotate",
    "aspartate",
    "gluconate",
    "pidolate",
    "lysinate-glycinate",
}
# The reference found no human absorption data for these: no level may be claimed.
NO_HUMAN_ABSORPTION_DATA = {
    "l-threonate",
    "taurate",
    "malate",
    "orotate",
    "gluconate",
    "pidolate",
    "carbonate",
    "hydroxide",
    "dimalate",
    "lysinate-glycinate",
}


def test_holds_every_required_form(catalog: Catalog) -> None:
    ids = {form.id for form in catalog.forms}
    assert ids >= REQUIRED | ALSO_ASKED


def test_versions_present(catalog: Catalog) -> None:
    assert catalog.schema_version.startswith("2.")
    assert catalog.data_version


def test_ids_and_aliases_are_unique_after_folding(catalog: Catalog) -> None:
    seen: dict[str, str] = {}
    for form in catalog.forms:
        for name in {normalize_name(n) for n in (form.id, *form.aliases)}:
            assert name not in seen, f"{name} used by {seen[name]} and {form.id}"
            seen[name] = form.id


def test_every_claim_cites_a_source_that_exists(catalog: Catalog) -> None:
    for form in catalog.forms:
        for claim in form.claims():
            assert claim.sources, f"{form.id}: a claim has no source"
            for key in claim.sources:
                assert key in catalog.sources, f"{form.id}: unknown source {key}"


def test_every_source_is_cited(catalog: Catalog) -> None:
    cited = {key for form in catalog.forms for key in form.source_keys()}
    cited |= {key for goal in catalog.goals for key in goal.general_evidence.sources}
    assert set(catalog.sources) == cited


@pytest.mark.parametrize("form_id", sorted(REQUIRED | ALSO_ASKED))
def test_elemental_percent_agrees_with_formula(catalog: Catalog, form_id: str) -> None:
    form = next(f for f in catalog.forms if f.id == form_id)
    assert form.elemental_mg_percent == pytest.approx(elemental_mg_percent(form.formula), abs=0.1)


def test_forms_without_human_data_claim_no_level(catalog: Catalog) -> None:
    for form in catalog.forms:
        if form.id in NO_HUMAN_ABSORPTION_DATA:
            assert form.bioavailability.level is Level.UNKNOWN, form.id
            assert not form.bioavailability.grade.is_human, form.id


def test_known_levels_rest_on_human_evidence(catalog: Catalog) -> None:
    for form in catalog.forms:
        if form.bioavailability.level is not Level.UNKNOWN:
            assert form.bioavailability.grade.is_human, form.id


def test_reference_findings(catalog: Catalog) -> None:
    forms = {form.id: form for form in catalog.forms}
    assert forms["oxide"].bioavailability.level is Level.LOW
    # Citrate, chloride, lactate and aspartate each beat oxide and were never compared
    # with one another: one level for all four.
    soluble = {forms[name].bioavailability.level for name in ("citrate", "chloride", "lactate")}
    assert soluble == {forms["aspartate"].bioavailability.level} == {Level.MODERATE}
    laxatives = {f.id for f in catalog.forms if f.side_effects.gi_tolerance is Tolerance.LAXATIVE}
    assert {"hydroxide", "citrate", "sulfate", "oxide"} == laxatives


def test_threonate_brain_claim_is_marked_as_animal_evidence(catalog: Catalog) -> None:
    threonate = next(f for f in catalog.forms if f.id == "l-threonate")
    assert threonate.bioavailability.grade is Grade.ANIMAL
    assert "rat" in threonate.bioavailability.note
