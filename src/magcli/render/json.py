"""The JSON document: one envelope, versioned, documented in the README."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from magcli.report import (
    DISCLAIMER,
    OUTPUT_SCHEMA_VERSION,
    DoseReport,
    FoodsReport,
    IntakeReport,
    InteractionsReport,
    Report,
)
from magcli.text import escape_json_text

if TYPE_CHECKING:
    from magcli.intake import LifeStage, Requirement
    from magcli.models import Catalog, Claim, Form, IntakeStage, Reference, Source
    from magcli.query import Ranked
    from magcli.report import AnyReport


def render(report: AnyReport, stream: TextIO) -> str:
    """The report as one JSON document followed by a newline.

    Text is carried exactly; where the stream cannot take UTF-8, non-ASCII characters are
    written as \\u escapes, which is the same JSON value."""
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
    as_ascii = not encoding.startswith("utf")
    return escape_json_text(json.dumps(document(report), indent=2, ensure_ascii=as_ascii)) + "\n"


def document(report: AnyReport) -> dict[str, Any]:
    """The envelope as plain data."""
    if isinstance(report, Report):
        data_version, body = report.catalog.data_version, _forms_body(report)
    elif isinstance(report, DoseReport):
        data_version, body = report.catalog.data_version, _dose_body(report)
    elif isinstance(report, IntakeReport):
        data_version, body = report.reference.data_version, _intake_body(report)
    elif isinstance(report, InteractionsReport):
        data_version, body = report.reference.data_version, _interactions_body(report)
    else:
        data_version, body = report.reference.data_version, _foods_body(report)
    return {
        "schema_version": OUTPUT_SCHEMA_VERSION,
        "data_version": data_version,
        "command": report.command,
        **body,
        "disclaimer": DISCLAIMER,
    }


def _forms_body(report: Report) -> dict[str, Any]:
    body: dict[str, Any] = {}
    if report.filters:
        body["filters"] = dict(report.filters)
    if report.ranking is not None:
        body["goal"] = report.ranking.goal.value
        body["forms"] = [
            ranked_doc(position, item, report.catalog)
            for position, item in enumerate(report.ranking.ranked, start=1)
        ]
        body["unranked"] = [form.id for form in report.ranking.unranked]
    else:
        body["forms"] = [form_doc(form, report.catalog) for form in report.forms]
    return body


def form_doc(form: Form, catalog: Catalog) -> dict[str, Any]:
    """One form, with the full citation of every source it names."""
    return {
        "id": form.id,
        "name": form.name,
        "aliases": list(form.aliases),
        "compound": form.compound,
        "formula": form.formula,
        "elemental_mg_percent": form.elemental_mg_percent,
        "bioavailability": {"level": form.bioavailability.level.value}
        | _claim(form.bioavailability),
        "uses": [{"goal": use.goal.value} | _claim(use) for use in form.uses],
        "side_effects": {"gi_tolerance": form.side_effects.gi_tolerance.value}
        | _claim(form.side_effects),
        "notes": form.notes,
        "label_note": form.label_note,
        "sources": _sources(form.source_keys(), catalog.sources),
    }


def ranked_doc(position: int, item: Ranked, catalog: Catalog) -> dict[str, Any]:
    """A form in a ranking: the form, its place, its score and the score's parts."""
    return form_doc(item.form, catalog) | {
        "rank": position,
        "score": item.score,
        "score_parts": [
            {"name": part.name, "points": part.points, "reason": part.reason} for part in item.parts
        ],
    }


def _claim(claim: Claim) -> dict[str, Any]:
    return {"grade": claim.grade.value, "note": claim.note, "sources": list(claim.sources)}


def _sources(keys: list[str], sources: dict[str, Source]) -> list[dict[str, Any]]:
    return [
        {
            "key": key,
            "citation": sources[key].citation,
            "pmid": sources[key].pmid,
            "doi": sources[key].doi,
            "url": sources[key].url,
            "link": sources[key].link,
        }
        for key in keys
    ]


def _person(person: LifeStage | None, requirement: Requirement | None) -> dict[str, Any] | None:
    if person is None or requirement is None:
        return None
    return {
        "age": person.age,
        "sex": person.sex.value if person.sex else None,
        "pregnant": person.pregnant,
        "lactating": person.lactating,
        "stage": requirement.stage.label,
        "reference": requirement.reference,
    }


def _dose_body(report: DoseReport) -> dict[str, Any]:
    result = report.dose
    requirement = result.requirement
    percent_rda = result.percent_rda
    label = result.label
    return {
        "form": result.form.id,
        "name": result.form.name,
        "compound": result.form.compound,
        "formula": result.form.formula,
        "input": result.asked,
        "compound_mg": round(result.compound_mg, 1),
        "elemental_mg": round(result.elemental_mg, 1),
        "elemental_mg_percent": result.form.elemental_mg_percent,
        "life_stage": _person(report.person, requirement),
        "rda_mg": requirement.rda_mg if requirement else None,
        "ul_mg": requirement.ul_mg if requirement else None,
        "percent_rda": None if percent_rda is None else round(percent_rda, 1),
        "exceeds_ul": result.exceeds_ul,
        "label_check": None
        if label is None
        else {
            "label_mg": label.label_mg,
            "implied_percent": round(label.implied_percent, 2),
            "verdict": label.verdict,
        },
        "warnings": report.warnings,
        "label_notes": report.label_notes,
    }


def _stage_doc(stage: IntakeStage) -> dict[str, Any]:
    return stage.model_dump(mode="json")


def _intake_body(report: IntakeReport) -> dict[str, Any]:
    reference = report.reference
    requirement = report.requirement
    stages = reference.intake.stages if requirement is None else [requirement.stage]
    return {
        "life_stage": _person(report.person, requirement),
        "rda_mg": requirement.rda_mg if requirement else None,
        "ul_mg": requirement.ul_mg if requirement else None,
        "stages": [_stage_doc(stage) for stage in stages],
        "ul_note": reference.intake.ul_note,
        "sources": _sources(reference.intake.sources, reference.sources),
    }


def _interactions_body(report: InteractionsReport) -> dict[str, Any]:
    reference = report.reference
    keys: dict[str, None] = {}
    for item in [*reference.interactions, *reference.risk_groups]:
        keys.update(dict.fromkeys(item.sources))
    return {
        "form": report.form.id if report.form else None,
        "interactions": [item.model_dump(mode="json") for item in reference.interactions],
        "risk_groups": [item.model_dump(mode="json") for item in reference.risk_groups],
        "sources": _sources(list(keys), reference.sources),
    }


def _foods_body(report: FoodsReport) -> dict[str, Any]:
    reference: Reference = report.reference
    requirement = report.requirement
    return {
        "filters": dict(report.filters),
        "daily_value_mg": reference.daily_value_mg,
        "life_stage": _person(report.person, requirement),
        "rda_mg": requirement.rda_mg if requirement else None,
        "foods": [
            {
                "food": row.food.food,
                "serving": row.food.serving,
                "mg": row.food.mg,
                "percent_dv": row.percent_dv,
                "servings_for_rda": None
                if row.servings_for_rda is None
                else round(row.servings_for_rda, 1),
            }
            for row in report.rows
        ],
        "sources": _sources(reference.foods.sources, reference.sources),
    }
