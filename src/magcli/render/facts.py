"""The fields of a form as people read them, shared by the table, markdown and html."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from magcli.models import Claim, Form
    from magcli.vocab import Grade, Verdict


class Entry:
    """One line of a field: a head, the grade of its evidence if it is a claim (or the
    verdict on it if it is a popular claim), a note.

    A plain class rather than a dataclass: the fast path builds these from its cache, and
    a dataclass would cost it a module and class creation at every start."""

    __slots__ = ("grade", "head", "note", "verdict")

    def __init__(
        self,
        head: str,
        grade: Grade | None = None,
        note: str = "",
        verdict: Verdict | None = None,
    ) -> None:
        self.head = head
        self.grade = grade
        self.note = note
        self.verdict = verdict

    def _key(self) -> tuple[str, Grade | None, str, Verdict | None]:
        return (self.head, self.grade, self.note, self.verdict)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Entry):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Entry{self._key()!r}"


def preamble(document: dict[str, Any]) -> list[str]:
    """What a document says before its table, as plain paragraphs (markdown and html): the
    evidence for magnesium in general before a ranking, the warning for an unlisted
    medicine."""
    paragraphs = []
    if document["command"] == "rank":
        evidence = document["general_evidence"]
        paragraphs.append(
            f"Magnesium in general (any form) for {document['goal']}: [{evidence['grade']}] "
            f"{evidence['note']}"
        )
        paragraphs.append(document["comparison"])
    if document.get("not_listed"):
        paragraphs.append(document["not_listed"])
    return paragraphs


def _claim(head: str, claim: Claim) -> Entry:
    return Entry(head, claim.grade, claim.note)


def form_facts(form: Form, full: bool = False) -> list[tuple[str, list[Entry]]]:
    """Label and entries of every field, in the order compare and show present them.

    The popular claims carry their notes only when `full` (show); compare gives the claim
    and its verdict."""
    popular = [
        Entry(claim.claim, note=claim.note if full else "", verdict=claim.verdict)
        for claim in form.popular_claims
    ]
    return [
        ("Name", [Entry(form.name)]),
        ("Aliases", [Entry(", ".join(form.aliases) or "-")]),
        ("Compound", [Entry(form.compound)]),
        ("Formula", [Entry(form.formula)]),
        ("Elemental Mg", [Entry(f"{form.elemental_mg_percent:.2f}% by weight")]),
        ("Bioavailability", [_claim(form.bioavailability.level.value, form.bioavailability)]),
        ("Uses", [_claim(use.goal, use) for use in form.uses] or [Entry("none claimed")]),
        ("GI tolerance", [_claim(form.side_effects.gi_tolerance.value, form.side_effects)]),
        ("Popular claims", popular or [Entry("none recorded")]),
        ("Notes", [Entry(form.notes or "-")]),
        ("On labels", [Entry(form.label_note or "-")]),
        ("Sources", [Entry(key) for key in form.source_keys()]),
    ]
