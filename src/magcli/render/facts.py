"""What several commands' layouts share: the fields of a form as labelled entries (in
full, or the few that answer first), its magnesium share as bars, the sources of
several forms, and the words more than one command says (limits, intake values, the
spacing rule of a medicine, a person)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import magcli.results as out
from magcli.render.blocks import Bar, Bars, Entry

if TYPE_CHECKING:
    from magcli.render.blocks import When


def graded(head: str, evidence: out.EvidenceOut) -> Entry:
    """A claim as an entry: its head, grade and the size of its evidence, and its note
    with what of that size could not be confirmed."""
    note = evidence.note
    if evidence.size_unconfirmed:
        note = f"{note} Not confirmed: {evidence.size_unconfirmed}.".strip()
    return Entry(head, evidence.grade, note, size=evidence.size)


def form_facts(form: out.FormOut, full: bool = False) -> list[tuple[str, list[Entry]]]:
    """Label and entries of every field, in the order compare and show present them.

    The popular claims carry their notes only when `full` (show); compare gives the claim
    and its verdict."""
    absorption = form.bioavailability
    gut = form.side_effects
    uses = [graded(use.goal, use) for use in best_uses(form)]
    popular = [
        Entry(f'"{claim.claim}"', note=claim.note if full else "", verdict=claim.verdict)
        for claim in form.popular_claims
    ]
    return [
        ("Name", [Entry(form.name, tone="strong")]),
        ("Aliases", [Entry(", ".join(form.aliases) or "-")]),
        ("Compound", [Entry(form.compound)]),
        ("Formula", [Entry(form.formula)]),
        ("Magnesium", [Entry(f"{form.elemental_mg_percent:.2f}% by weight")]),
        ("Absorption", [graded(absorption.level.value, absorption)]),
        ("Uses", uses or [Entry("none claimed")]),
        ("Gut", [graded(gut.gi_tolerance.value, gut)]),
        ("Popular claims", popular or [Entry("none recorded")]),
        ("Notes", [Entry(form.notes or "-")]),
        ("On labels", [Entry(form.label_note or "-")]),
        ("Sources", [Entry(source.key, cite=True) for source in form.sources]),
    ]


MAX_USES = 3  # a summary's uses: the best-supported few
MAX_CLAIMS = 1  # and its popular claims beyond absorption: the first


def summary_facts(form: out.FormOut, more: str = "--long") -> list[tuple[str, list[Entry]]]:
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
        shown.append(Entry(f"+{len(uses) - MAX_USES} more ({more})"))
    return [
        ("Magnesium", [Entry(f"{form.elemental_mg_percent:.1f}% by weight")]),
        (
            "Absorption",
            [
                Entry(absorption.level.value, absorption.grade),
                *(Entry(f'"{claim.claim}"', verdict=claim.verdict) for claim in about_absorption),
            ],
        ),
        ("Uses", shown or [Entry("none claimed")]),
        ("Gut", [Entry(gut.gi_tolerance.value, gut.grade)]),
        ("Claimed", _claims(others, more)),
        ("Label", [Entry(label_tip(form))]),
    ]


def _claims(claims: Sequence[out.PopularClaimOut], more: str) -> list[Entry]:
    """The popular claims other than absorption: the first, and how many more."""
    shown = [Entry(f'"{claim.claim}"', verdict=claim.verdict) for claim in claims[:MAX_CLAIMS]]
    if len(claims) > MAX_CLAIMS:
        shown.append(Entry(f"+{len(claims) - MAX_CLAIMS} more ({more})"))
    return shown


def share_bars(forms: Sequence[out.FormOut], when: When = "always") -> Bars:
    """The magnesium share of each form's compound, as bars."""
    return Bars(
        "Magnesium by weight of the compound",
        [
            Bar(form.id, form.elemental_mg_percent, f"{form.elemental_mg_percent:.1f}%")
            for form in forms
        ],
        "The rest of the weight is what the magnesium is bound to.",
        when=when,
    )


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


INTERACTIONS_HINT = "Taking medicines? 'magcli interactions' lists those that interact."


INTAKE_NAMES = {
    "RDA": "recommended dietary allowance, enough for nearly everyone",
    "AI": "adequate intake, set where the evidence allows no RDA-like value",
    "RNI": "reference nutrient intake, enough for nearly everyone",
    "RDI": "recommended dietary intake, enough for nearly everyone",
}


def limit_said(ul_mg: int | None, ul_mg_per_kg: float | None) -> str:
    """The supplement upper limit in words, or that none is set."""
    if ul_mg is not None:
        return f"at most {ul_mg} mg a day from supplements"
    if ul_mg_per_kg is not None:
        return f"at most {ul_mg_per_kg:g} mg per kg of body weight a day from supplements"
    return "no upper limit is set at this age"


def limit_cell(ul_mg: int | None, ul_mg_per_kg: float | None) -> str:
    """The upper limit in a table's cell."""
    if ul_mg is not None:
        return str(ul_mg)
    return f"{ul_mg_per_kg:g}/kg" if ul_mg_per_kg is not None else "not set"


def names_said(names: Sequence[str]) -> str:
    """The intake values' names used in a table, each explained once."""
    return " ".join(f"{name}: {INTAKE_NAMES[name]}." for name in dict.fromkeys(names))


def medicine_rules(medicines: Sequence[out.PlannedMedicineOut], brief: bool = False) -> list[str]:
    """Each medicine of a day with its spacing rule, in full or in a few words:
    'alendronate at 07:00 on Sundays: ...'."""
    return [
        f"{medicine.name} at {medicine.time} {medicine.days}: "
        f"{(medicine.rule_brief if brief else medicine.rule) or 'no spacing rule'}"
        for medicine in medicines
    ]


def a_person(description: str) -> str:
    """'a 35-year-old female', 'an 8-year-old', 'an 18-year-old'."""
    sounds_vowel = description[:1] in "aeiou8" or re.match(r"^1[18](\D|$)", description)
    return ("an " if sounds_vowel else "a ") + description
