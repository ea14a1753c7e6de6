"""What a product holds, how long it lasts and what it costs, and whether its label adds
up against the chemistry of its form. Arithmetic only: no I/O, no output."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from magcli.dosing import ADULT_UL_MG, LABEL_TOLERANCE, check_label

if TYPE_CHECKING:
    from magcli.models import Form
    from magcli.shelf import Product

Check = Literal["consistent", "likely-blend", "below-formula", "unchecked"]
Basis = Literal["--daily", "servings_per_day", "one serving", "none"]

# The most water a common supplement salt carries leaves this share of the anhydrous
# salt's magnesium: trimagnesium dicitrate 14-hydrate is 10.4% magnesium against 16.2%
# anhydrous (0.64). A label below it is not explained by a hydrate.
HYDRATE_FLOOR = 0.6


@dataclass(frozen=True)
class LabelVerdict:
    verdict: Check
    implied_percent: float | None
    formula_percent: float | None
    note: str


def label_check(product: Product, forms: list[Form]) -> LabelVerdict:
    """The label's magnesium share of the compound weight against its form(s)' formula."""
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
            "the label gives no weight of the compound, so its magnesium share cannot be checked",
        )
    ids = " and ".join(form.id for form in forms)
    what = f"pure {ids}" if len(forms) == 1 else f"any of {ids}"
    high = check_label(product.compound_mg, product.magnesium_mg, highest)
    implied = round(high.implied_percent, 2)
    if high.verdict == "higher":
        return LabelVerdict(
            "likely-blend",
            implied,
            highest,
            f"{implied:.1f}% magnesium by weight is more than {what} can hold "
            f"({highest:.1f}%): likely mixed with a richer salt such as oxide",
        )
    if implied < lowest * HYDRATE_FLOOR:
        return LabelVerdict(
            "below-formula",
            implied,
            highest,
            f"{implied:.1f}% magnesium by weight is far below {what} ({lowest:.1f}%), more "
            "than a hydrate explains: fillers counted in the weight, or a mislabel",
        )
    if implied < lowest * (1 - LABEL_TOLERANCE):
        return LabelVerdict(
            "consistent",
            implied,
            highest,
            f"{implied:.1f}% magnesium by weight: below {what} ({lowest:.1f}%) as a hydrate "
            "or a less pure ingredient would be",
        )
    return LabelVerdict(
        "consistent",
        implied,
        highest,
        f"{implied:.1f}% magnesium by weight, as {what} holds ({highest:.1f}%)",
    )


@dataclass(frozen=True)
class Plan:
    """How a product meets a daily amount of magnesium."""

    daily_mg: float | None
    basis: Basis
    mg_per_unit: float | None
    units_per_day: int | None
    mg_per_day: float | None
    days: float | None


def plan(product: Product, daily_mg: float | None) -> Plan:
    """Whole units a day for `daily_mg` (else the product's own servings a day, else one
    serving), and how many days a container lasts."""
    if product.magnesium_mg is None:
        return Plan(None, "none", None, None, None, None)
    per_unit = product.magnesium_mg / product.serving_units
    basis: Basis
    if daily_mg is not None:
        wanted, basis = daily_mg, "--daily"
    elif product.servings_per_day is not None:
        wanted, basis = product.magnesium_mg * product.servings_per_day, "servings_per_day"
    else:
        wanted, basis = product.magnesium_mg, "one serving"
    units = max(1, math.ceil(wanted / per_unit - 1e-9))
    days = product.units_per_container / units if product.units_per_container else None
    return Plan(wanted, basis, per_unit, units, units * per_unit, days)


@dataclass(frozen=True)
class Costs:
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


def notes(product: Product, planned: Plan) -> list[str]:
    """What a person should know about the product beyond its figures."""
    found = list(product.notes)
    if product.unknown_forms:
        named = ", ".join(product.unknown_forms)
        found.append(f"the label names {named}, a form magcli does not know")
    if planned.mg_per_day is not None and planned.mg_per_day > ADULT_UL_MG:
        found.append(
            f"{planned.mg_per_day:,.0f} mg a day is above the {ADULT_UL_MG} mg upper limit for "
            "supplements (from age 9)"
        )
    return found
