"""The fields of a form as people read them, shared by the table, markdown and html."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from magcli.models import Claim, Form
    from magcli.vocab import Grade


@dataclass(frozen=True)
class Entry:
    """One line of a field: a head, the grade of its evidence if it is a claim, a note."""

    head: str
    grade: Grade | None = None
    note: str = ""


def _claim(head: str, claim: Claim) -> Entry:
    return Entry(head, claim.grade, claim.note)


def form_facts(form: Form) -> list[tuple[str, list[Entry]]]:
    """Label and entries of every field, in the order compare and show present them."""
    return [
        ("Name", [Entry(form.name)]),
        ("Aliases", [Entry(", ".join(form.aliases) or "-")]),
        ("Compound", [Entry(form.compound)]),
        ("Formula", [Entry(form.formula)]),
        ("Elemental Mg", [Entry(f"{form.elemental_mg_percent:.2f}% by weight")]),
        ("Bioavailability", [_claim(form.bioavailability.level.value, form.bioavailability)]),
        ("Uses", [_claim(use.goal.value, use) for use in form.uses] or [Entry("none claimed")]),
        ("GI tolerance", [_claim(form.side_effects.gi_tolerance.value, form.side_effects)]),
        ("Notes", [Entry(form.notes or "-")]),
        ("On labels", [Entry(form.label_note or "-")]),
        ("Sources", [Entry(key) for key in form.source_keys()]),
    ]
