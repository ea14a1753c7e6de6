"""What a command hands to a renderer: neutral results, no presentation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from magcli.texts import DISCLAIMER, INTERACTIONS_HINT

__all__ = ["DISCLAIMER", "INTERACTIONS_HINT"]

if TYPE_CHECKING:
    from magcli.dosing import Dose
    from magcli.intake import FoodRow, LifeStage, Requirement
    from magcli.medicines import Lookup
    from magcli.models import Catalog, Form, Reference
    from magcli.query import Ranking

OUTPUT_SCHEMA_VERSION = "2.0"


@dataclass(frozen=True)
class Report:
    """The result of a command about forms (compare, list, show, rank)."""

    command: str
    catalog: Catalog
    forms: list[Form]
    ranking: Ranking | None = None
    explain: bool = False
    filters: Mapping[str, object] = field(default_factory=dict)
    with_sources: bool = False


@dataclass(frozen=True)
class IntakeReport:
    """The intake table, or the row and values for one person."""

    reference: Reference
    person: LifeStage | None
    requirement: Requirement | None
    command: str = "intake"


@dataclass(frozen=True)
class DoseReport:
    """A dose converted both ways, with its warnings and label notes."""

    catalog: Catalog
    dose: Dose
    person: LifeStage | None
    warnings: list[str]
    label_notes: list[str]
    command: str = "dose"


@dataclass(frozen=True)
class InteractionsReport:
    """Medicines magnesium interacts with, and who should ask a clinician first."""

    reference: Reference
    lookup: Lookup
    command: str = "interactions"


@dataclass(frozen=True)
class FoodsReport:
    """Food sources of magnesium, and servings to reach a person's RDA if asked."""

    reference: Reference
    rows: list[FoodRow]
    person: LifeStage | None
    requirement: Requirement | None
    filters: Mapping[str, object] = field(default_factory=dict)
    command: str = "foods"


@dataclass(frozen=True)
class GoalsReport:
    """Every goal, with the evidence for magnesium in general and the forms with their own."""

    catalog: Catalog
    command: str = "goals"


AnyReport = Report | IntakeReport | DoseReport | InteractionsReport | FoodsReport | GoalsReport
