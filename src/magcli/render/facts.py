"""The fields of a form as people read them, shared by the table, markdown and html."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from magcli.models import Claim, Form
    from magcli.vocab import Grade


class Entry:
    """One line of a field: a head, the grade of its evidence if it is a claim, a note.

    A plain class rather than a dataclass: the fast path builds these from its cache, and
    a dataclass would cost it a module and class creation at every start."""

    __slots__ = ("grade", "head", "note")

    def __init__(self, head: str, grade: Grade | None = None, note: str = "") -> None:
        self.head = head
        self.grade = grade
        self.note = note

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Entry):
            return NotImplemented
        return (self.head, self.grade, self.note) == (other.head, other.grade, other.note)

    def __hash__(self) -> int:
        return hash((self.head, self.grade, self.note))

    def __repr__(self) -> str:
        return f"Entry({self.head!r}, {self.grade!r}, {self.note!r})"


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
