"""The JSON document: one envelope, versioned, documented in the README."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from magcli.report import DISCLAIMER, OUTPUT_SCHEMA_VERSION

if TYPE_CHECKING:
    from magcli.models import Catalog, Claim, Form
    from magcli.query import Ranked
    from magcli.report import Report


def render(report: Report, stream: TextIO) -> str:
    """The report as one JSON document followed by a newline."""
    del stream  # JSON looks the same wherever it goes
    return json.dumps(document(report), indent=2, ensure_ascii=False) + "\n"


def document(report: Report) -> dict[str, Any]:
    """The envelope as plain data."""
    doc: dict[str, Any] = {
        "schema_version": OUTPUT_SCHEMA_VERSION,
        "data_version": report.catalog.data_version,
        "command": report.command,
    }
    if report.filters:
        doc["filters"] = dict(report.filters)
    if report.ranking is not None:
        doc["goal"] = report.ranking.goal.value
        doc["forms"] = [
            ranked_doc(position, item, report.catalog)
            for position, item in enumerate(report.ranking.ranked, start=1)
        ]
        doc["unranked"] = [form.id for form in report.ranking.unranked]
    else:
        doc["forms"] = [form_doc(form, report.catalog) for form in report.forms]
    doc["disclaimer"] = DISCLAIMER
    return doc


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
        "sources": [_source(key, catalog) for key in form.source_keys()],
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


def _source(key: str, catalog: Catalog) -> dict[str, Any]:
    source = catalog.sources[key]
    return {
        "key": key,
        "citation": source.citation,
        "pmid": source.pmid,
        "doi": source.doi,
        "url": source.url,
        "link": source.link,
    }
