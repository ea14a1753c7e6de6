"""The JSON document: built from the output models, so it always matches `magcli schema`."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from magcli import output as out
from magcli.query import forms_with_evidence
from magcli.report import (
    DISCLAIMER,
    OUTPUT_SCHEMA_VERSION,
    DoseReport,
    FoodsReport,
    GoalsReport,
    IntakeReport,
    InteractionsReport,
    Report,
)
from magcli.text import escape_json_text

if TYPE_CHECKING:
    from collections.abc import Mapping

    from magcli.intake import LifeStage, Requirement
    from magcli.models import Catalog, Claim, Form, GeneralEvidence, Goal, Source
    from magcli.query import Ranked
    from magcli.report import AnyReport


def render_document(report: AnyReport, stream: TextIO, quiet: bool = False) -> str:
    """The report as one JSON document followed by a newline (the disclaimer is data here,
    so `quiet` does not remove it).

    Text is carried exactly; where the stream cannot take UTF-8, non-ASCII characters are
    written as \\u escapes, which is the same JSON value."""
    del quiet
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
    as_ascii = not encoding.startswith("utf")
    return escape_json_text(json.dumps(document(report), indent=2, ensure_ascii=as_ascii)) + "\n"


def document(report: AnyReport) -> dict[str, Any]:
    """The envelope as plain data, in the documented key order."""
    return build(report).model_dump(mode="json")


def build(report: AnyReport) -> out.Envelope:
    """The output model of a report."""
    if isinstance(report, Report):
        return _forms_doc(report)
    if isinstance(report, DoseReport):
        return _dose_doc(report)
    if isinstance(report, IntakeReport):
        return _intake_doc(report)
    if isinstance(report, InteractionsReport):
        return _interactions_doc(report)
    if isinstance(report, GoalsReport):
        return _goals_doc(report)
    return _foods_doc(report)


def _envelope(data_version: str) -> dict[str, str]:
    return {
        "schema_version": OUTPUT_SCHEMA_VERSION,
        "data_version": data_version,
        "disclaimer": DISCLAIMER,
    }


def _forms_doc(report: Report) -> out.Envelope:
    catalog = report.catalog
    head = _envelope(catalog.data_version)
    if report.ranking is not None:
        goal = report.ranking.goal
        return out.RankDoc(
            **head,
            command="rank",
            goal=goal.id,
            general_evidence=_evidence(goal.general_evidence),
            form_shown_better=goal.form_shown_better,
            comparison=goal.comparison,
            forms=[
                ranked_out(position, item, catalog)
                for position, item in enumerate(report.ranking.ranked, start=1)
            ],
            unranked=[form.id for form in report.ranking.unranked],
            sources=sources_out(goal.general_evidence.sources, catalog.sources),
        )
    forms = [form_out(form, catalog) for form in report.forms]
    if report.command == "list":
        filters = out.ListFilters.model_validate(dict(report.filters))
        return out.ListDoc(**head, command="list", filters=filters, forms=forms)
    if report.command == "show":
        return out.ShowDoc(**head, command="show", forms=forms)
    return out.CompareDoc(**head, command="compare", forms=forms)


def form_out(form: Form, catalog: Catalog) -> out.FormOut:
    """One form, with the full citation of every source it names."""
    return out.FormOut(**_form_fields(form, catalog))


def _form_fields(form: Form, catalog: Catalog) -> dict[str, Any]:
    return {
        "id": form.id,
        "name": form.name,
        "aliases": list(form.aliases),
        "compound": form.compound,
        "formula": form.formula,
        "elemental_mg_percent": form.elemental_mg_percent,
        "bioavailability": out.BioavailabilityOut(
            level=form.bioavailability.level, **_claim(form.bioavailability)
        ),
        "uses": [out.UseOut(goal=use.goal, **_claim(use)) for use in form.uses],
        "side_effects": out.SideEffectsOut(
            gi_tolerance=form.side_effects.gi_tolerance, **_claim(form.side_effects)
        ),
        "notes": form.notes,
        "label_note": form.label_note,
        "popular_claims": [
            out.PopularClaimOut(
                claim=claim.claim, verdict=claim.verdict, note=claim.note, sources=claim.sources
            )
            for claim in form.popular_claims
        ],
        "sources": sources_out(form.source_keys(), catalog.sources),
    }


def ranked_out(position: int, item: Ranked, catalog: Catalog) -> out.RankedFormOut:
    """A form in a ranking: the form, its place, its score and the score's parts."""
    return out.RankedFormOut(
        **_form_fields(item.form, catalog),
        rank=position,
        score=item.score,
        score_parts=[
            out.ScorePartOut(name=part.name, points=part.points, reason=part.reason)
            for part in item.parts
        ],
        form_evidence=None if item.use is None else _evidence(item.use),
    )


def _evidence(claim: Claim | GeneralEvidence) -> out.EvidenceOut:
    return out.EvidenceOut(**_claim(claim))


def _claim(claim: Claim | GeneralEvidence) -> dict[str, Any]:
    return {"grade": claim.grade, "note": claim.note, "sources": list(claim.sources)}


def sources_out(keys: list[str], sources: Mapping[str, Source]) -> list[out.SourceOut]:
    """Full citations for source keys, in the order given."""
    return [
        out.SourceOut(
            key=key,
            citation=source.citation,
            kind=source.kind,
            forms=list(source.forms),
            pmid=source.pmid,
            doi=source.doi,
            url=source.url,
            link=source.link,
            unconfirmed=source.unconfirmed,
        )
        for key, source in ((key, sources[key]) for key in dict.fromkeys(keys))
    ]


def _person(person: LifeStage | None, requirement: Requirement | None) -> out.LifeStageOut | None:
    if person is None or requirement is None:
        return None
    return out.LifeStageOut(
        age=person.age,
        sex=person.sex.value if person.sex else None,
        pregnant=person.pregnant,
        lactating=person.lactating,
        stage=requirement.stage.label,
        reference=requirement.stage.reference,
    )


def _dose_doc(report: DoseReport) -> out.DoseDoc:
    result = report.dose
    requirement = result.requirement
    percent_rda = result.percent_rda
    label = result.label
    return out.DoseDoc(
        **_envelope(report.catalog.data_version),
        command="dose",
        form=result.form.id,
        name=result.form.name,
        compound=result.form.compound,
        formula=result.form.formula,
        input=result.asked,
        compound_mg=round(result.compound_mg, 1),
        elemental_mg=round(result.elemental_mg, 1),
        elemental_mg_percent=result.form.elemental_mg_percent,
        life_stage=_person(report.person, requirement),
        rda_mg=requirement.rda_mg if requirement else None,
        ul_mg=requirement.ul_mg if requirement else None,
        percent_rda=None if percent_rda is None else round(percent_rda, 1),
        exceeds_ul=result.exceeds_ul,
        label_check=None
        if label is None
        else out.LabelCheckOut(
            label_mg=label.label_mg,
            implied_percent=round(label.implied_percent, 2),
            verdict=label.verdict,
        ),
        warnings=report.warnings,
        label_notes=report.label_notes,
    )


def _intake_doc(report: IntakeReport) -> out.IntakeDoc:
    reference = report.reference
    requirement = report.requirement
    stages = reference.intake.stages if requirement is None else [requirement.stage]
    return out.IntakeDoc(
        **_envelope(reference.data_version),
        command="intake",
        life_stage=_person(report.person, requirement),
        rda_mg=requirement.rda_mg if requirement else None,
        ul_mg=requirement.ul_mg if requirement else None,
        stages=[out.StageOut.model_validate(stage.model_dump()) for stage in stages],
        ul_note=reference.intake.ul_note,
        sources=sources_out(reference.intake.sources, reference.sources),
    )


def _interactions_doc(report: InteractionsReport) -> out.InteractionsDoc:
    reference = report.reference
    lookup = report.lookup
    keys: dict[str, None] = {}
    for item in [*lookup.interactions, *reference.risk_groups]:
        keys.update(dict.fromkeys(item.sources))
    return out.InteractionsDoc(
        **_envelope(reference.data_version),
        command="interactions",
        query=lookup.query,
        form=lookup.form.id if lookup.form else None,
        interactions=[
            out.InteractionOut(
                id=item.id,
                drug_class=item.drug_class,
                class_names=item.class_names,
                medicines=item.medicines,
                brands=item.brands,
                effect=item.effect,
                spacing=out.SpacingOut.model_validate(item.spacing.model_dump()),
                advice=item.full_advice,
                note=item.note,
                sources=item.sources,
            )
            for item in lookup.interactions
        ],
        not_listed=lookup.not_listed,
        suggestions=list(lookup.suggestions),
        risk_groups=[
            out.RiskGroupOut.model_validate(item.model_dump()) for item in reference.risk_groups
        ],
        sources=sources_out(list(keys), reference.sources),
    )


def goal_out(goal: Goal, catalog: Catalog) -> out.GoalOut:
    """A goal with the evidence for magnesium in general, and the forms with their own."""
    with_evidence = [form.id for form, _ in forms_with_evidence(catalog, goal)]
    return out.GoalOut(
        id=goal.id,
        name=goal.name,
        aliases=goal.aliases,
        general_evidence=_evidence(goal.general_evidence),
        form_shown_better=goal.form_shown_better,
        comparison=goal.comparison,
        forms_with_evidence=with_evidence,
    )


def _goals_doc(report: GoalsReport) -> out.GoalsDoc:
    catalog = report.catalog
    keys = [key for goal in catalog.goals for key in goal.general_evidence.sources]
    return out.GoalsDoc(
        **_envelope(catalog.data_version),
        command="goals",
        goals=[goal_out(goal, catalog) for goal in catalog.goals],
        sources=sources_out(keys, catalog.sources),
    )


def _foods_doc(report: FoodsReport) -> out.FoodsDoc:
    reference = report.reference
    requirement = report.requirement
    return out.FoodsDoc(
        **_envelope(reference.data_version),
        command="foods",
        filters=out.FoodFilters.model_validate(dict(report.filters)),
        daily_value_mg=reference.daily_value_mg,
        life_stage=_person(report.person, requirement),
        rda_mg=requirement.rda_mg if requirement else None,
        foods=[
            out.FoodOut(
                food=row.food.food,
                serving=row.food.serving,
                mg=row.food.mg,
                percent_dv=row.percent_dv,
                servings_for_rda=None
                if row.servings_for_rda is None
                else round(row.servings_for_rda, 1),
            )
            for row in report.rows
        ],
        sources=sources_out(reference.foods.sources, reference.sources),
    )
