"""What a command hands to a renderer: neutral results, no presentation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from magcli.models import Catalog, Form
    from magcli.query import Ranking

OUTPUT_SCHEMA_VERSION = "1.0"

DISCLAIMER = (
    "For information only, not medical advice. Ask a doctor or pharmacist before taking "
    "magnesium, especially if you have kidney disease or take other medicines."
)


@dataclass(frozen=True)
class Report:
    """The result of one command, ready for any output format."""

    command: str
    catalog: Catalog
    forms: list[Form]
    ranking: Ranking | None = None
    explain: bool = False
    filters: Mapping[str, object] = field(default_factory=dict)
