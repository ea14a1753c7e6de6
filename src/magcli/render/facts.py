"""A result as people read it, shared by the table, markdown and html: the fields of a
form as labelled entries (in full, or the few that answer first), the sources of several
forms, and the words every view uses."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from magcli import results as out
from magcli.text import mg_text

if TYPE_CHECKING:
    from magcli.commands.dose import DoseResult, LabelCheckOut
    from magcli.commands.foods import FoodOut, FoodsResult
    from magcli.commands.intake import IntakeResult
    from magcli.commands.plan import PlanResult
    from magcli.commands.products import ProductOut, ProductsResult
    from magcli.commands.stack import StackResult
    from magcli.vocab import Grade, Verdict


class Entry:
    """One line of a field: a head, the grade of its evidence if it is a claim (with the
    size of that evidence in a few words), or the verdict on it if it is a popular claim,
    and a note. A `cite` entry names a source by its key, which a document links to the
    full citation. `tone` marks a head to read first ('alarm': above a limit; see
    render.blocks.Tone)."""

    __slots__ = ("cite", "grade", "head", "note", "size", "tone", "verdict")

    def __init__(
        self,
        head: str,
        grade: Grade | None = None,
        note: str = "",
        verdict: Verdict | None = None,
        cite: bool = False,
        size: str = "",
        tone: str = "",
    ) -> None:
        self.tone = tone
        self.cite = cite
        self.head = head
        self.grade = grade
        self.note = note
        self.verdict = verdict
        self.size = size


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
        Entry(claim.claim, note=claim.note if full else "", verdict=claim.verdict)
        for claim in form.popular_claims
    ]
    return [
        ("Name", [Entry(form.name)]),
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


def food_name(food: FoodOut) -> str:
    """The food's name, marked '*' where a note says where its figure comes from."""
    return food.food + (" *" if food.note else "")


def food_notes(result: FoodsResult) -> list[str]:
    """The notes of the foods shown, each as '* Food: note'."""
    return [f"* {food.food}: {food.note}" for food in result.foods if food.note]


INTERACTIONS_HINT = (
    "Taking medicines? 'magcli interactions' lists the ones that interact with magnesium "
    "and who should ask a clinician first."
)


def label_check_text(result: DoseResult, check: LabelCheckOut) -> str:
    """What a label's magnesium figure implies, against the formula."""
    said = (
        f"the label says {mg_text(check.label_mg)} of magnesium in "
        f"{mg_text(result.compound_mg)}: {check.implied_percent:.1f}%"
    )
    if check.verdict == "consistent":
        return f"{said}, as the formula allows"
    return f"{said}, {check.verdict} than the formula's {result.elemental_mg_percent:.2f}%"


def dose_marks(result: DoseResult) -> list[tuple[str, float, str]]:
    """What a dose is set against, as (label, mg, kind): the dose, the RDA (or AI) and
    the supplement upper limit, those the life stage has. Empty when there is nothing to
    set it against."""
    person = result.life_stage
    if person is None:
        return []
    marks = [("This dose", result.magnesium_mg, "over" if result.over_limit else "dose")]
    if result.need_mg is not None:
        marks.append((f"{person.reference}, all sources", float(result.need_mg), "need"))
    if result.upper_limit_mg is not None:
        marks.append(("Limit, supplements", float(result.upper_limit_mg), "limit"))
    return marks if len(marks) > 1 else []


def servings_note(result: FoodsResult) -> str:
    """What the servings column means for this person, or how to get it; empty without
    a life stage."""
    person = result.life_stage
    if person is None:
        return ""
    if person.reference == "AI":
        return (
            "No servings for infants: the adequate intake was set from what breast-fed "
            "infants take in (milk, and first foods after six months), not from these foods."
        )
    if result.need_mg is None:
        return "Add --sex for servings: the RDA differs by sex at this age."
    return (
        "Servings for RDA: how many servings of that food alone give the "
        f"{result.need_mg} mg a day set for a {person.description}."
    )


PRODUCT_COLUMNS = ["Product", "Mg a serving", "A day", "Days", "Per 100 mg", "Label"]
CHECK_MEANING = {
    "consistent": "the label's magnesium fits the formula of its form(s)",
    "likely-blend": "more magnesium than the named form can hold: likely mixed with a richer "
    "salt such as oxide",
    "below-formula": "far less magnesium than the form holds, more than a hydrate explains",
    "impossible": "more magnesium than any magnesium salt holds: the label's figures cannot "
    "both be right",
    "unchecked": "the label gives no compound weight (or no amount, or no known form)",
}


def money(value: float | None, currency: str | None) -> str:
    """A cost in the product's own currency, never converted."""
    if value is None or currency is None:
        return "-"
    places = 3 if value < 0.1 else 2
    return f"{value:,.{places}f} {currency}"


def product_cells(product: ProductOut) -> list[str]:
    """The figures of one product, in PRODUCT_COLUMNS order (the name cell holds the
    forms on a second line): magnesium a serving, whole units a day, days a container
    lasts, cost per 100 mg of magnesium, and the label check."""
    forms = " + ".join([*product.forms, *product.unknown_forms]) or "form not named"
    serving = product.magnesium_mg_per_serving
    day = "-" if product.units_per_day is None else f"{product.units_per_day:g}"
    days = "-"
    if product.days_per_container is not None:  # whole days: the last part-day is no day
        days = f"{math.floor(product.days_per_container + 1e-9):,}"
    return [
        f"{product.name}\n{forms}",
        "not given" if serving is None else mg_text(serving),
        day,
        days,
        money(product.cost_per_100mg_magnesium, product.currency),
        product.label_check.verdict,
    ]


def product_details(product: ProductOut) -> list[str]:
    """What the row leaves out: per unit and per day, the cost of 30 days, the reason of
    the label check, and any note."""
    found = []
    if product.magnesium_mg_per_unit is not None and product.magnesium_mg_per_day is not None:
        found.append(
            f"{mg_text(product.magnesium_mg_per_unit)} a unit; "
            f"{product.units_per_day:g} a day give {mg_text(product.magnesium_mg_per_day)}"
        )
    if product.cost_per_30_days is not None:
        found.append(f"30 days cost {money(product.cost_per_30_days, product.currency)}")
    found.append(f"label {product.label_check.verdict}: {product.label_check.note}")
    return found + list(product.notes)


def over_limit(result: ProductsResult) -> str:
    """The products whose day is above the region's adult supplement upper limit, said
    once."""
    names = [
        f"{product.name} ({mg_text(product.magnesium_mg_per_day)})"
        for product in result.products
        if product.over_limit and product.magnesium_mg_per_day is not None
    ]
    if not names:
        return ""
    return (
        f"Above the {result.upper_limit_mg} mg a day upper limit for adults "
        f"({result.region.name}): " + "; ".join(names) + "."
    )


def daily_said(result: ProductsResult) -> str:
    """What 'A day' plans for."""
    if result.filters.daily_mg is not None:
        return f"A day: the whole units that give at least {mg_text(result.filters.daily_mg)}."
    return (
        "A day: the units of one serving, or of the servings a day a shelf file gives "
        "(--daily sets an amount)."
    )


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


def intake_line(result: IntakeResult) -> str:
    """What the table says for the person asked about."""
    person = result.life_stage
    assert person is not None
    stage = result.stages[0]
    said = f"For {a_person(person.description)}: "
    if stage.male_mg is None and stage.female_mg is None:
        said += "no intake value is set at this age; "
    elif result.need_mg is None:
        said += f"the {person.reference} differs by sex at this age (add --sex); "
    else:
        said += f"{person.reference} {result.need_mg} mg a day from all sources; "
    return said + limit_said(result.upper_limit_mg, stage.upper_limit_mg_per_kg) + "."


def usual_name(result: IntakeResult) -> str:
    """The name most of the table's values go by; the others are marked where shown."""
    from collections import Counter

    return Counter(stage.reference for stage in result.stages).most_common(1)[0][0]


def names_said(names: Sequence[str]) -> str:
    """The intake values' names used in a table, each explained once."""
    return " ".join(f"{name}: {INTAKE_NAMES[name]}." for name in dict.fromkeys(names))


def stack_verdict(result: StackResult) -> str:
    """The answer: the day's total against the upper limit, whose it is."""
    total = mg_text(result.total_magnesium_mg_per_day)
    who = result.life_stage.description if result.life_stage else "an adult"
    if result.assumed_adult:
        who = "an adult"
    whose = f"for {who if who == 'an adult' else a_person(who)}, {result.region.name}"
    if result.upper_limit_mg is None:
        said = limit_said(None, result.upper_limit_mg_per_kg)
        return f"{total} of supplemental magnesium a day; {said} ({whose})."
    if result.over_limit:
        return (
            f"{total} of supplemental magnesium a day is ABOVE the {result.upper_limit_mg} mg "
            f"upper limit ({whose})."
        )
    return (
        f"{total} of supplemental magnesium a day is within the {result.upper_limit_mg} mg "
        f"upper limit ({whose})."
    )


def stack_marks(result: StackResult) -> list[tuple[str, float, str]]:
    """What the day's total is set against: the upper limit, and with --diet, the
    need set against food and supplements together."""
    marks = [
        ("Supplements", result.total_magnesium_mg_per_day, "over" if result.over_limit else "dose")
    ]
    if result.upper_limit_mg is not None:
        marks.append(("Upper limit", float(result.upper_limit_mg), "limit"))
    if result.total_intake_mg is not None and result.need_mg is not None:
        marks.append(("Food + supplements", result.total_intake_mg, "dose"))
        marks.append((f"{result.need_name}, all sources", float(result.need_mg), "need"))
    return marks


def plan_lead(result: PlanResult) -> str:
    """The answer: when to take the magnesium, or that no time is safe."""
    if not result.doses:
        return "No time of day is safe for magnesium with these medicines: " + " ".join(
            result.conflicts
        )
    said = " and ".join(f"{mg_text(dose.magnesium_mg)} at {dose.time}" for dose in result.doses)
    sometimes = [
        f"{medicine.name} {medicine.days}"
        for medicine in result.medicines
        if medicine.repeat != "daily"
    ]
    also = f" (the same times keep clear of {' and '.join(sometimes)})" if sometimes else ""
    if result.cautions:  # the advice of a medicine comes before any timetable
        return (
            f"Only if your prescriber agrees (see the warnings): magnesium {said}, every day{also}."
        )
    return f"Take magnesium: {said}, every day{also}."


def medicine_rules(medicines: Sequence[out.PlannedMedicineOut]) -> list[str]:
    """Each medicine of a day with its spacing rule: 'alendronate at 07:00 on Sundays: ...'."""
    return [
        f"{medicine.name} at {medicine.time} {medicine.days}: {medicine.rule or 'no spacing rule'}"
        for medicine in medicines
    ]


def timeline(result: PlanResult) -> list[tuple[str, str, str]]:
    """The day in order: (time, what, why) for every medicine dose (with its days where
    it is not taken daily), the end of a fasting medicine's wait, and every magnesium
    dose."""
    rows = []
    for medicine in result.medicines:
        days = "" if medicine.repeat == "daily" else f" ({medicine.days.removeprefix('on ')})"
        rows.append((medicine.time, medicine.name + days, medicine.rule or "no spacing rule"))
        if medicine.fasting_minutes:
            hours, minutes = (int(part) for part in medicine.time.split(":"))
            end = hours * 60 + minutes + medicine.fasting_minutes
            rows.append(
                (
                    f"{end // 60 % 24:02d}:{end % 60:02d}",
                    "food, drink, other medicines" + days,
                    f"{medicine.fasting_minutes} minutes after {medicine.name}: until now, "
                    "nothing but plain water",
                )
            )
    rows += [
        (dose.time, f"magnesium {mg_text(dose.magnesium_mg)}", dose.why) for dose in result.doses
    ]
    return sorted(rows, key=lambda row: (row[0], not row[1].startswith("magnesium")))


def a_person(description: str) -> str:
    """'a 35-year-old female', 'an 8-year-old', 'an 18-year-old'."""
    sounds_vowel = description[:1] in "aeiou8" or re.match(r"^1[18](\D|$)", description)
    return ("an " if sounds_vowel else "a ") + description


def no_value_said(result: DoseResult) -> str:
    """Why a dose has no percentage of the intake value."""
    person = result.life_stage
    if person is not None and person.sex is not None:
        return "no intake value is set at this age"
    return "differs by sex at this age: add --sex for a percentage"
