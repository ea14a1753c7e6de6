"""magcli interactions: medicines magnesium interacts with, and how far apart to take them."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field

from magcli.catalog import load_reference
from magcli.commands.common import catalogue_of, sources_out
from magcli.completion import medicine_names
from magcli.options import Answer, Argument, DataOption
from magcli.results import (
    DISCLAIMER,
    Out,
    Result,
    SourceOut,
)
from magcli.text import readable
from magcli.vocab import Order

if TYPE_CHECKING:
    from magcli.models import Catalog


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
    risk_groups: list[RiskGroupOut]
    sources: list[SourceOut]
    warnings: list[str] = Field(default=[], description="also written to stderr")
    disclaimer: str = DISCLAIMER


RESULT = InteractionsResult
# The flat formats (csv, tsv, jsonl): which list holds the rows, and one row's model.
ROWS = ("interactions", InteractionRowOut)  # see render.rows._interaction_rows


def interactions(
    medicine: str | None = None, *, catalog: Catalog | str | os.PathLike[str] | None = None
) -> InteractionsResult:
    """The interaction entries for a medicine (a generic name, brand, class, or a form's
    name for every entry), or all of them; who should ask a clinician first always."""
    from magcli.medicines import lookup

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
        risk_groups=[
            RiskGroupOut.model_validate(item.model_dump()) for item in reference.risk_groups
        ],
        sources=sources_out(keys, reference.sources),
        warnings=found.warnings,
    )


def cli(
    medicine: Annotated[
        str | None,
        Argument(
            metavar="MEDICINE",
            help="A medicine (generic or brand name, or its class, such as tetracyclines); "
            "without one, every entry.",
            complete=medicine_names,
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

    return Answer(interactions(medicine, catalog=data))
