"""What a product holds, how long it lasts and what it costs, and whether its label adds
up against the chemistry of its form. Arithmetic only: no I/O, no output."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Literal, NamedTuple

from magcli.domain.dosing import LABEL_TOLERANCE, check_label

if TYPE_CHECKING:
    from magcli.domain.models import Form
    from magcli.domain.shelf import Product

Check = Literal["consistent", "likely-blend", "below-formula", "impossible", "unchecked"]
Basis = Literal["daily", "servings_per_day", "one serving", "none"]

# The most water a common supplement salt carries leaves this share of the anhydrous
# salt's magnesium: trimagnesium dicitrate 14-hydrate is 10.4% magnesium against 16.2%
# anhydrous (0.64). A label below it is not explained by a hydrate.
HYDRATE_FLOOR = 0.6


class LabelVerdict(NamedTuple):
    verdict: Check
    implied_percent: float | None
    formula_percent: float | None
    note: str


def label_check(product: Product, forms: list[Form], richest: float) -> LabelVerdict:
    """The label's magnesium share of the compound weight against its form(s)' formula;
    `richest` is the highest share of any form magcli knows (oxide's)."""
    if product.magnesium_mg is None:
        return LabelVerdict("unchecked", None, None, "the label gives no amount of magnesium")
    if not forms:
        return LabelVerdict(
            "unchecked", None, None, "no form magcli knows is named, so no formula to check"
        )
    shares = [form.elemental_mg_percent for form in forms]
    highest, lowest = max(shares), min(shares)
    if product.compound_mg is None:
        return LabelVerdict(
            "unchecked",
            None,
            highest,
            "no weight of the compound is given, so its magnesium share cannot be checked",
        )
    implied = round(
        check_label(product.compound_mg, product.magnesium_mg, highest).implied_percent, 2
    )
    blend = len(forms) > 1
    ids = " and ".join(form.id for form in forms)
    what = (
        f"a mix of {ids} ({lowest:.1f}-{highest:.1f}%)" if blend else f"pure {ids} ({highest:.1f}%)"
    )
    share = f"{implied:.1f}% magnesium by weight"
    if implied > richest * (1 + LABEL_TOLERANCE):
        return LabelVerdict(
            "impossible",
            implied,
            highest,
            f"{share} is more than any magnesium salt holds (oxide, {richest:.1f}%): the "
            "two figures cannot both be right",
        )
    if implied > highest * (1 + LABEL_TOLERANCE):
        richer = "a richer salt than those named" if blend else "a richer salt such as oxide"
        return LabelVerdict(
            "likely-blend",
            implied,
            highest,
            f"{share} is more than {what} can hold: likely mixed with {richer}",
        )
    if implied < lowest * HYDRATE_FLOOR:
        return LabelVerdict(
            "below-formula",
            implied,
            highest,
            f"{share} is far below {what}, more than a hydrate explains: fillers counted in "
            "the weight, or a mislabel",
        )
    if implied < lowest * (1 - LABEL_TOLERANCE):
        return LabelVerdict(
            "consistent",
            implied,
            highest,
            f"{share}: below {what}, as a hydrate or a less pure ingredient would be",
        )
    held = "within what" if blend else "as"
    return LabelVerdict("consistent", implied, highest, f"{share}, {held} {what} holds")


class Plan(NamedTuple):
    """How a product meets a daily amount of magnesium: at the least use, and at the
    label's most use (the same where it gives one)."""

    daily_mg: float | None
    basis: Basis
    mg_per_unit: float | None
    units_per_day: float | None
    mg_per_day: float | None
    days: float | None
    mg_per_day_most: float | None = None
    days_at_most: float | None = None


def plan(product: Product, daily_mg: float | None) -> Plan:
    """Units a day: whole units that give at least `daily_mg`; else the product's own
    servings a day (from the least to the most its label gives), else one serving, as
    the label measures them (half a tablet, a scoop and a half). And how many days a
    container lasts at each."""
    if product.magnesium_mg is None:
        return Plan(None, "none", None, None, None, None)
    per_unit = product.magnesium_mg / product.serving_units
    basis: Basis
    units: float
    most = None
    if daily_mg is not None:
        basis = "daily"
        units = float(max(1, math.ceil(daily_mg / per_unit - 1e-9)))
        wanted = daily_mg
    else:
        servings = product.servings_per_day or 1.0
        basis = "servings_per_day" if product.servings_per_day else "one serving"
        units = product.serving_units * servings
        wanted = product.magnesium_mg * servings
        if product.servings_per_day_max and product.servings_per_day_max > servings:
            most = product.serving_units * product.servings_per_day_max
    contents = product.units_per_container
    days = contents / units if contents else None
    at_most = units if most is None else most
    return Plan(
        wanted,
        basis,
        per_unit,
        units,
        units * per_unit,
        days,
        at_most * per_unit,
        contents / at_most if contents else None,
    )


class Costs(NamedTuple):
    per_100mg: float | None
    per_30_days: float | None


def costs(product: Product, planned: Plan) -> Costs:
    """Cost per 100 mg of magnesium and per 30 days, in the product's own currency."""
    if product.price is None or planned.mg_per_unit is None or not product.units_per_container:
        return Costs(None, None)
    magnesium = product.units_per_container * planned.mg_per_unit
    per_100 = product.price / magnesium * 100
    per_30 = product.price / planned.days * 30 if planned.days else None
    return Costs(per_100, per_30)


def notes(product: Product, planned: Plan, limit: int | None) -> list[str]:
    """What a person should know about the product beyond its figures; `limit` is the
    region's supplement upper limit for an adult (None where it sets none)."""
    found = list(product.notes)
    for named in product.unknown_forms:
        found.append(f"the label names {named}, a form magcli does not know")
    day = planned.mg_per_day_most
    if limit is not None and day is not None and round(day, 1) > limit:
        most = " at the label's most use" if planned.mg_per_day_most != planned.mg_per_day else ""
        found.append(f"{day:,.0f} mg a day{most} is above the {limit} mg upper limit")
    return found
