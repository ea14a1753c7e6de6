"""magcli interactions: medicines magnesium interacts with, and how far apart to take them."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field

from magcli.commands.common import catalogue_of, sources_out
from magcli.domain.candidates import medicine_names
from magcli.domain.catalog import load_reference
from magcli.domain.vocab import Order
from magcli.options import Answer, Argument, DataOption
from magcli.render.blocks import (
    Block,
    Column,
    Entry,
    Facts,
    Grid,
    Heading,
    Layout,
    Lead,
    Para,
    Sources,
    text,
)
from magcli.results import (
    DISCLAIMER,
    Out,
    Result,
    SourceOut,
)
from magcli.text import one_line, or_list, readable

if TYPE_CHECKING:
    from magcli.domain.models import Catalog
    from magcli.render import View


class SpacingOut(Out):
    """How far apart to take the medicine and magnesium, by which comes first."""

    wait_after_medicine_hours: int | float | None = Field(
        description="medicine first: hours to wait at least before magnesium; null: the "
        "source does not say (not: no wait needed)"
    )
    wait_after_magnesium_hours: int | float | None = Field(
        description="magnesium first: hours to wait at least before the medicine; null: the "
        "source does not say (not: no wait needed), or, with order medicine-first, magnesium "
        "must never come first"
    )
    order: Order = Field(
        description="either: both orders, each with its wait; medicine-first: the medicine "
        "first, magnesium only after it, never before it that day"
    )
    fasting_minutes: int | None = Field(
        description="the medicine is taken on waking, fasting, with plain water, and nothing "
        "else (food, drink, other medicines, supplements) for this many minutes after it"
    )


class InteractionOut(Out):
    """Medicines magnesium interacts with."""

    id: str
    drug_class: str
    class_names: list[str]
    medicines: list[str]
    brands: list[str]
    effect: str
    spacing: SpacingOut
    advice: str = Field(description="the timing rule in words, made from spacing, then the rest")
    note: str
    sources: list[str]


class RiskGroupOut(Out):
    """People who should ask a clinician first."""

    id: str
    group: str
    reason: str
    sources: list[str]


class InteractionRowOut(Out):
    """A row of `interactions` in the flat formats (csv, tsv, jsonl, markdown, html): an
    entry, a group who should ask a clinician first, or a notice about the query."""

    kind: Literal["interaction", "risk-group", "notice"]
    id: str
    name: str
    medicines: list[str]
    brands: list[str]
    effect: str
    wait_after_medicine_hours: int | float | None
    wait_after_magnesium_hours: int | float | None
    order: Order | None = Field(description="null on rows that are not an interaction")
    fasting_minutes: int | None
    advice: str
    note: str
    sources: list[str]


class InteractionsResult(Result):
    """magcli interactions --json"""

    command: Literal["interactions"]
    query: str | None = Field(description="the medicine (or form) asked about; null: all")
    form: str | None = Field(description="the form the query named; every entry applies to it")
    interactions: list[InteractionOut]
    not_listed: str | None = Field(
        description="for a medicine the table does not list: that this does not make it safe"
    )
    suggestions: list[str] = Field(description="listed medicine names close to the query")
    suggestion_classes: list[str] = Field(
        default=[], description="what kind of medicine each suggestion is, in the same order"
    )
    risk_groups: list[RiskGroupOut]
    sources: list[SourceOut]
    warnings: list[str] = Field(default=[], description="also written to stderr")
    disclaimer: str = DISCLAIMER


RESULT = InteractionsResult
# The flat formats (csv, tsv, jsonl): which list holds the rows, and one row's model.
ROWS = ("interactions", InteractionRowOut)  # its rows: flat_rows, below


def interactions(
    medicine: str | None = None, *, catalog: Catalog | str | os.PathLike[str] | None = None
) -> InteractionsResult:
    """The interaction entries for a medicine (a generic name, brand, class, or a form's
    name for every entry), or all of them; who should ask a clinician first always."""
    from magcli.domain.medicines import class_of, lookup

    reference = load_reference()
    found = lookup(reference, medicine, catalogue_of(catalog))
    keys = [key for item in [*found.interactions, *reference.risk_groups] for key in item.sources]
    notice = found.not_listed
    return InteractionsResult(
        data_version=reference.data_version,
        command="interactions",
        query=None if found.query is None else readable(found.query),
        form=found.form.id if found.form else None,
        interactions=[
            InteractionOut(
                id=item.id,
                drug_class=item.drug_class,
                class_names=item.class_names,
                medicines=item.medicines,
                brands=item.brands,
                effect=item.effect,
                spacing=SpacingOut.model_validate(item.spacing.model_dump()),
                advice=item.full_advice,
                note=item.note,
                sources=item.sources,
            )
            for item in found.interactions
        ],
        not_listed=notice,
        suggestions=list(found.suggestions),
        suggestion_classes=[class_of(reference, name) for name in found.suggestions],
        risk_groups=[
            RiskGroupOut.model_validate(item.model_dump()) for item in reference.risk_groups
        ],
        sources=sources_out(keys, reference.sources),
        warnings=found.warnings,
    )


def flat_rows(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The flat formats' rows (csv, tsv, jsonl): the entries, then the notice for an
    unlisted medicine, then the risk groups: the safety text travels with the data in
    every flat format."""
    found: list[dict[str, Any]] = []
    for item in document["interactions"]:
        found.append(
            {
                "kind": "interaction",
                "id": item["id"],
                "name": item["drug_class"],
                "medicines": item["medicines"],
                "brands": item["brands"],
                "effect": item["effect"],
                **item["spacing"],
                "advice": item["advice"],
                "note": item["note"],
                "sources": item["sources"],
            }
        )
    if document["not_listed"]:
        found.append(_row("notice", "not-listed", document["query"], advice=document["not_listed"]))
    for group in document["risk_groups"]:
        found.append(
            _row("risk-group", group["id"], group["group"], group["reason"], group["sources"])
        )
    return [InteractionRowOut.model_validate(row).model_dump(mode="json") for row in found]


def _row(
    kind: str,
    row_id: str,
    name: str,
    effect: str = "",
    sources: list[str] | None = None,
    **rest: str,
) -> dict[str, Any]:
    empty: dict[str, Any] = {
        "medicines": [],
        "brands": [],
        "wait_after_medicine_hours": None,
        "wait_after_magnesium_hours": None,
        "order": None,
        "fasting_minutes": None,
        "advice": "",
        "note": "",
    }
    return empty | {
        "kind": kind,
        "id": row_id,
        "name": name,
        "effect": effect,
        "sources": sources or [],
        **rest,
    }


# What a person sees ---------------------------------------------------------------------

RISK_TITLE = "Ask a clinician before taking magnesium if this is you"


def layout(result: InteractionsResult, view: View) -> Layout:
    """What to do first: the one entry's advice, or how many there are; then each entry
    (a table in the terminal, a section apiece in the documents), who should ask a
    clinician first, and the sources."""
    title = "Medicines and magnesium"
    if result.form is not None:
        title += f" (these apply to {result.form} as to every form)"
    elif result.query is not None:
        title += f": {one_line(result.query)}"
    found = result.interactions
    if not found:
        lead = f"No entry in magcli's interaction table for {one_line(result.query or '')}"
        kinds = zip(result.suggestions, result.suggestion_classes, strict=False)
        named = [f"{name} ({kind})" if kind else name for name, kind in kinds]
        lead += f"; did you mean {or_list(named)}?" if named else "."
    elif result.query is None:
        lead = (
            f"{len(found)} kinds of medicine that interact with magnesium, and what to do "
            "about each; ask a clinician first if one of the risk groups below applies to you."
        )
    elif len(found) == 1:
        lead = f"{found[0].drug_class}: {found[0].advice}"
    else:
        lead = f"{len(found)} entries match; what to do about each is below."
    answer: list[Block] = [Lead(lead)]
    if found:
        medicines = Column("Medicines", weight=2)
        if len(found) > 1:
            rows = [[_medicines(item), text(item.advice)] for item in found]
            answer.append(
                Grid(
                    [medicines, Column("What to do", weight=3)],
                    rows,
                    title=title,
                    lines=True,
                    when="compact",
                )
            )
        rows = [
            [
                _medicines(item),
                text(item.effect),
                [
                    Entry(item.advice),
                    *([Entry(item.note, tone="quiet")] if item.note else []),
                    Entry("[" + ", ".join(item.sources) + "]", tone="quiet"),
                ],
            ]
            for item in found
        ]
        columns = [medicines, Column("What happens", weight=3), Column("What to do", weight=3)]
        answer.append(Grid(columns, rows, title=title, lines=True, when="long"))
        for item in found:
            named = [name for name in item.medicines if name.lower() not in item.drug_class.lower()]
            pairs = [("What to do", [Entry(item.advice)]), ("What happens", text(item.effect))]
            if item.brands:
                pairs.insert(0, ("Brands", text(", ".join(item.brands))))
            if named:
                pairs.insert(0, ("Medicines", text(", ".join(named))))
            if item.note:
                pairs.append(("Note", text(item.note)))
            pairs.append(("Sources", [Entry(key, cite=True) for key in item.sources]))
            answer += [Heading(item.drug_class, when="document"), Facts(pairs, when="document")]
    groups = result.risk_groups
    detail: list[Block] = [
        Para(
            "Ask a clinician before taking magnesium if one of these applies to you: "
            + "; ".join(group.group for group in groups)
            + " (--long says why).",
            tone="strong",
            when="compact",
        ),
        Heading(RISK_TITLE, when="detail"),
        Facts([(group.group, text(group.reason)) for group in groups], when="detail"),
        Sources(result.sources),
    ]
    return Layout(title, answer, detail)


def _medicines(item: InteractionOut) -> list[Entry]:
    """An entry's class in bold, then the medicines it names and their brands."""
    named = [name for name in item.medicines if name.lower() not in item.drug_class.lower()]
    cell = [Entry(item.drug_class, tone="strong")]
    if named:
        cell.append(Entry(", ".join(named), tone="quiet"))
    if item.brands:
        cell.append(Entry("(" + ", ".join(item.brands) + ")", tone="quiet"))
    return cell


def cli(
    medicine: Annotated[
        list[str] | None,
        Argument(
            metavar="MEDICINE",
            help="Medicines (generic or brand names, or their class, such as tetracyclines), "
            "one or several; without one, every entry.",
            complete=medicine_names,
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
) -> Answer:
    """Medicines magnesium interacts with, how far apart to take them, and who should ask
    first.

    Give a medicine to see its entry and the spacing rule in hours, by which one you take
    first. A medicine the table does not list is not thereby safe: magcli says so. A form
    name shows every entry, since they apply to every form.

    Example: magcli interactions doxycycline
    """

    # Several words are read as one query, name by name: 'levothyroxine synthroid'.
    return Answer(interactions(" ".join(medicine) if medicine else None, catalog=data))
