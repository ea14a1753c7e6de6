"""A result as people read it, shared by the table, markdown and html: the fields of a
form as labelled entries, the sources of several forms, and what a document says before
its table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, NamedTuple

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


MAX_USES = 3  # a summary's uses: the best-supported few


def summary_facts(form: out.FormOut) -> list[tuple[str, list[Entry]]]:
    """The few lines that answer "which form?": magnesium share, absorption with the
    popular claim about it, the best-supported uses, the other popular claims, the gut,
    and what a label's weight holds. `form_facts` has everything."""
    absorption = form.bioavailability
    gut = form.side_effects
    about_absorption = [claim for claim in form.popular_claims if "absorption" in claim.about]
    others = [claim for claim in form.popular_claims if "absorption" not in claim.about]
    uses = best_uses(form)
    shown = [Entry(use.goal, use.grade) for use in uses[:MAX_USES]]
    if len(uses) > MAX_USES:
        shown.append(Entry(f"+{len(uses) - MAX_USES} more (--long)"))
    return [
        ("Magnesium", [Entry(f"{form.elemental_mg_percent:.1f}% by weight")]),
        (
            "Absorption",
            [
                Entry(absorption.level.value, absorption.grade),
                *(Entry(claim.claim, verdict=claim.verdict) for claim in about_absorption),
            ],
        ),
        ("Uses", shown or [Entry("none claimed")]),
        ("Gut", [Entry(gut.gi_tolerance.value, gut.grade)]),
        ("Popular", [Entry(claim.claim, verdict=claim.verdict) for claim in others]),
        ("Label", [Entry(label_tip(form))]),
    ]


def short_name(form: out.FormOut) -> str:
    """The name without 'Magnesium ' in front, for a column heading."""
    name = form.name
    return name[len("magnesium ") :] if name.lower().startswith("magnesium ") else name


def best_uses(form: out.FormOut) -> list[out.UseOut]:
    """The form's uses, best-supported first (the catalogue's order among equals)."""
    return sorted(form.uses, key=lambda use: -use.grade.strength)


def label_tip(form: out.FormOut) -> str:
    """What a label's weight of the compound holds, from the formula."""
    return f"1 g holds {form.elemental_mg_percent * 10:,.0f} mg"


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


TITLES = {
    "compare": "Magnesium forms compared",
    "show": "Magnesium form",
    "list": "Magnesium forms",
    "rank": "Forms ranked",
    "goals": "Goals: the evidence for magnesium in general",
    "dose": "Dose",
    "intake": "Magnesium intake, mg a day (IOM 1997)",
    "interactions": "Medicines and magnesium",
    "foods": "Food sources of magnesium",
}
FORM_RESULTS = (out.CompareResult, out.ShowResult)
GRADED_RESULTS = (out.CompareResult, out.ShowResult, out.ListResult, out.RankResult)


class Outline(NamedTuple):
    """What a document for people (markdown, html) holds, in order."""

    title: str
    leads: list[str]  # said first, in bold
    warnings: list[str]
    body: Literal["forms", "interactions", "rows"]
    full: bool  # forms: every note, as show gives them
    sources: list[out.SourceOut]
    grades: bool  # the legend of evidence grades
    verdicts: bool  # the legend of popular-claim verdicts


def outline(result: out.Result) -> Outline:
    """The parts of the document for `result`."""
    title = TITLES[result.command]
    if isinstance(result, out.RankResult):
        title += f" for {result.goal}"
    if isinstance(result, out.InteractionsResult) and result.query is not None:
        title += f": {result.query}"
    body: Literal["forms", "interactions", "rows"] = "rows"
    if isinstance(result, FORM_RESULTS):
        body = "forms"
    elif isinstance(result, out.InteractionsResult):
        body = "interactions"
    return Outline(
        title=title,
        leads=preamble(result),
        warnings=list(result.warnings),
        body=body,
        full=isinstance(result, out.ShowResult),
        sources=sources_of(result),
        grades=isinstance(result, GRADED_RESULTS),
        verdicts=isinstance(result, FORM_RESULTS),
    )


def sources_of(result: out.Result) -> list[out.SourceOut]:
    """Every source the result cites, each once: its own, then its forms'."""
    own: list[out.SourceOut] = list(getattr(result, "sources", []))
    found = {source.key: source for source in own}
    for source in unique_sources(forms_of(result)):
        found.setdefault(source.key, source)
    return list(found.values())


def forms_of(result: out.Result) -> list[out.FormOut]:
    """The forms a result shows (none for results about something else)."""
    return list(getattr(result, "forms", []))
