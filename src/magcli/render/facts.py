"""A result as people read it, shared by the table, markdown and html: the fields of a
form as labelled entries, the sources of several forms, and what a document says before
its table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from magcli import results as out

if TYPE_CHECKING:
    from magcli.vocab import Grade, Verdict


class Entry:
    """One line of a field: a head, the grade of its evidence if it is a claim (or the
    verdict on it if it is a popular claim), a note."""

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


def form_facts(form: out.FormOut, full: bool = False) -> list[tuple[str, list[Entry]]]:
    """Label and entries of every field, in the order compare and show present them.

    The popular claims carry their notes only when `full` (show); compare gives the claim
    and its verdict."""
    absorption = form.bioavailability
    gut = form.side_effects
    uses = [Entry(use.goal, use.grade, use.note) for use in form.uses]
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
        ("Bioavailability", [Entry(absorption.level.value, absorption.grade, absorption.note)]),
        ("Uses", uses or [Entry("none claimed")]),
        ("GI tolerance", [Entry(gut.gi_tolerance.value, gut.grade, gut.note)]),
        ("Popular claims", popular or [Entry("none recorded")]),
        ("Notes", [Entry(form.notes or "-")]),
        ("On labels", [Entry(form.label_note or "-")]),
        ("Sources", [Entry(source.key) for source in form.sources]),
    ]


def unique_sources(forms: Sequence[out.FormOut]) -> list[out.SourceOut]:
    """Every source the forms cite, each once, in first-cited order."""
    found: dict[str, out.SourceOut] = {}
    for form in forms:
        for source in form.sources:
            found.setdefault(source.key, source)
    return list(found.values())


def preamble(result: out.Result) -> list[str]:
    """What a document says before its table, as plain paragraphs (markdown and html): the
    evidence for magnesium in general before a ranking."""
    if isinstance(result, out.RankResult):
        evidence = result.general_evidence
        return [
            f"Magnesium in general (any form) for {result.goal_name.lower()}: "
            f"[{evidence.grade.value}] {evidence.note}",
            result.comparison,
        ]
    return []
