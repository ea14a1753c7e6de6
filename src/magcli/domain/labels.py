"""DSLD label records read as the label means them.

A record is the JSON of the DSLD Label API's `GET /v9/label/{id}` (API version 9,
https://dsldapi.od.nih.gov, public domain). What a label means, and what a naive reading
gets wrong:

- **The amount's own units.** The parent "Magnesium" row's amount refers to its
  `quantity[0].servingSizeQuantity` units, which may differ from the serving
  (`servingSizes[0].minQuantity`): 400 mg per 9 tablets on a label whose serving is 3.
- **The serving.** `servingSizes[0]`: units a serving, their `unit` (tablets, capsules,
  or a measure: grams, scoops), the servings a day from `minDailyServings` to
  `maxDailyServings` (a null maximum is not given), and `notes` ("1 packet"): a serving
  of 8.3 g that is one packet is one packet, never 8.3 units.
- **The container.** `netContents` in the serving's unit, cross-checked against
  `servingsPerContainer`, which may count servings or the amount's own units.
- **The salts.** Amount-less `forms[]` of the magnesium row, or `nestedRows` with
  amounts, which are either the salt's compound weight or its share of the magnesium:
  no field says which; the sum over them decides (shares add up to the parent's amount,
  a compound weight holds it at the salt's percentage). A name that is no magnesium salt
  among the forms (a botanical) is left out with a note; excipients (magnesium stearate
  among the other ingredients) and "Header" rows are never a dose.
- **Unstated is not zero.** An amount of 0 or "NP" is unknown; a printed %DV then gives
  an estimate on the label's Daily Value basis, kept apart from the amount.

No I/O, no output: `read_labels` turns a file's bytes into Products.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from magcli.domain.grammar import MAX_DAY_MG, unit_scale
from magcli.domain.shelf import MAX_MG, MAX_UNITS, MIN_MG, MIN_UNITS, Problem, Product, forms_of
from magcli.errors import CatalogError
from magcli.text import MAX_NAME, one_line, one_name, shorten, shorten_text

if TYPE_CHECKING:
    from magcli.domain.catalog import Resolver

# Units a serving is counted in, by the first word of the label's unit that names one
# ("Veggie Capsule(s)" is a capsule, "Liquid Softgel(s)" a softgel). Anything else
# ("Gram(s)", "Scoop(s)", "Teaspoon(s)", "mL") is a measure: a serving of it is one
# serving, not so many units.
COUNTED = {
    "tablet": "tablet",
    "tablets": "tablet",
    "caplet": "caplet",
    "capsule": "capsule",
    "capsules": "capsule",
    "vegicap": "capsule",
    "softgel": "softgel",
    "gelcap": "softgel",
    "gummy": "gummy",
    "gummies": "gummy",
    "chewable": "chewable",
    "lozenge": "lozenge",
    "packet": "packet",
    "stick": "packet",
    "sachet": "packet",
    "wafer": "wafer",
    "piece": "piece",
}
# The units a person counts, per one of which is a figure to read (a shelf file's own
# "unit" and a scoop among them); a measure (a gram, a millilitre) is not one.
COUNTED_UNITS = frozenset((*COUNTED.values(), "unit", "scoop"))
# What a measured serving is as a person takes it, from the serving's notes: "1 packet".
_TAKEN_AS = re.compile(
    r"^\s*(\d+(?:\.\d+)?)\s*(packets?|sachets?|stick\s*packs?|scoops?|envelopes?)\b", re.I
)
SHARE_TOLERANCE = 0.02  # nested amounts within 2% of the parent's add up to it
# %DV bases for magnesium (21 CFR 101.9): 400 mg before the 2016 rule, 420 mg after it
# (adults and children 4 years and over), 400 mg for pregnancy and lactation.
OLD_DV_MG, NEW_DV_MG, PREGNANCY_DV_MG = 400, 420, 400
NEW_LABELS_FROM = "2020-01-01"  # the 2016 rule's first compliance date


def read_labels(shown: str, data: bytes, resolver: Resolver) -> tuple[list[Product], list[str]]:
    """The products of a file of label records (one record or a list), and a problem
    for each record that cannot be read."""
    from magcli.domain.catalog import parse_json

    raw = parse_json(shown, data, refused="not a label record: ")
    records = raw if isinstance(raw, list) else [raw]
    if not records or not any(is_label(record) for record in records):
        raise CatalogError(
            f"{shown}: not a DSLD label record (an object with 'ingredientRows', or a list "
            "of them, as the DSLD API's /v9/label/{id} returns)"
        )
    products, problems = [], []
    for place, record in enumerate(records, start=1):
        if not is_label(record):
            problems.append(f"{shown}: record {place}: not a label record (no ingredientRows)")
            continue
        label_id = record.get("id")
        tag = f"label {label_id}" if isinstance(label_id, (int, str)) else f"record {place}"
        where = shorten_text(one_line(f"{shown}: {tag}"), 200)
        try:
            products.append(read_label(where, record, resolver))
        except Problem as problem:
            problems.append(str(problem))
    return products, problems


def is_label(record: object) -> bool:
    return isinstance(record, dict) and isinstance(record.get("ingredientRows"), list)


def read_label(where: str, record: dict[str, Any], resolver: Resolver) -> Product:
    """One label record as a Product: its magnesium per serving, the serving and its use,
    the container, the salts and how the nested rows were read."""
    name = one_name(_string(record.get("fullName")) or _string(record.get("productName")))
    if not name:
        raise Problem(f"{where}: fullName: the label record has no product name")
    where = f"{where} ({shorten(name, 60)})"
    serving = _serving(where, record)
    rows = _list(record.get("ingredientRows"))
    found = _magnesium_rows(rows, None)
    # Only where no row declares the magnesium: a salt and its weight alone.
    salt_rows = [] if found else [row for row in _all_rows(rows) if _names_salt(row)]
    if not found and not salt_rows:
        raise Problem(f"{where}: ingredientRows: no magnesium in this label")
    notes: list[str] = []
    basis = _dv_basis(record)
    magnesium = 0.0
    estimate = 0.0
    compound: float | None = 0.0
    named: list[str] = []
    readings: list[str] = []
    missing = 0
    printed_dv: float | None = None
    dv_of = 0.0  # the printed amounts the printed %DV is of
    dv_unknown = False  # a %DV printed beside no amount: nothing to check it against
    for row, parent in found:
        swapped = False
        amount = _per_serving(where, row, serving)
        dv = _percent_dv(row)
        children = [c for c in _list(row.get("nestedRows")) if isinstance(c, dict)]
        salts = _form_names(row, notes)
        nested = [(c, _per_serving(where, c, serving)) for c in children if not _is_header(c)]
        if amount is not None and dv is None:
            # A swapped record: the parent carries the source's weight, a nested row the
            # magnesium with its %DV. The row with the %DV is the one to trust.
            marked = [(c, a) for c, a in nested if _percent_dv(c) is not None and a is not None]
            if len(marked) == 1 and marked[0][1] is not None and marked[0][1] < amount:
                child, elemental = marked[0]
                notes.append(
                    "the label's magnesium row and its nested row "
                    f"{shorten(_name(child), MAX_NAME)} look swapped (the nested row carries "
                    "the %DV): its amount is read as the magnesium"
                )
                salts += [_string(row.get("ingredientGroup")) or _name(row)]
                compound = None if compound is None else compound + amount
                amount, dv = elemental, _percent_dv(child)
                swapped = True
                dv_of -= _mass(where, row) or 0
                dv_of += _mass(where, child) or 0
                readings.append("swapped")
        if amount is None:
            missing += 1
            if dv is not None:
                estimate += dv / 100 * basis[0]
        else:
            magnesium += amount
        if dv is not None:
            printed_dv = (printed_dv or 0) + dv
            printed = _mass(where, row)
            dv_of += printed or 0
            dv_unknown = dv_unknown or printed is None
        if swapped:
            pass
        elif parent is not None and _names_salt(parent):  # 'Magnesium Glycinate ... providing'
            salts = salts or [_name(parent)]
            weight = _per_serving(where, parent, serving)
            compound = None if compound is None or weight is None else compound + weight
            readings.append("compound-weight")
        elif nested and all(weight is None for _, weight in nested):  # salts named only
            salts += [_name(child) for child, _ in nested]
            compound = None
        elif nested:
            salts += [_name(child) for child, _ in nested]
            reading, weight = _nested_reading(amount, [a for _, a in nested])
            readings.append(reading)
            if reading == "share-of-magnesium":
                compound = None
                notes.append(
                    "the nested amounts add up to the magnesium: each is that salt's share "
                    "of it, not the salt's weight"
                )
            elif reading == "compound-weight":
                compound = None if compound is None or weight is None else compound + weight
            else:
                compound = None
                notes.append(
                    "the nested amounts neither add up to the magnesium nor hold it as a "
                    "salt's weight would: neither reading is taken"
                )
        else:
            compound = None
        if not salts and _names_salt(row):
            salts = [_name(row)]
        named += salts
    if not found:  # only a salt and its weight: 'Magnesium Oxide 500 mg'
        named = [_name(row) for row in salt_rows]
        weights = [_per_serving(where, row, serving) for row in salt_rows]
        compound = sum(w for w in weights if w is not None) if None not in weights else None
        notes.append("the label gives the weight of the salt, not the magnesium in it")
    elif missing == len(found):
        notes.append("the label gives no amount of magnesium")
    elif missing:
        compound = None  # part of the magnesium is not stated: no share to check
        notes.append("a magnesium row gives no amount, so the magnesium may be more")
    forms, unknown = forms_of([_salt_name(salt, resolver) for salt in named], resolver)
    if not named:
        notes.append("the label does not name the magnesium salt")
    stated = bool(found) and missing < len(found)
    amount_units = _amount_units(found)
    container, per_container, container_note = _container(where, record, serving, amount_units)
    if container_note:
        notes.append(container_note)
    if serving.max_daily is None:
        notes.append("the label gives no most servings a day: the days are at its least use")
    if printed_dv is not None and not dv_unknown and dv_of > 0:
        verdict, basis, dv_note = check_dv(dv_of, printed_dv, basis)
    else:
        verdict = "unchecked"
        dv_note = "no %DV beside an amount" if printed_dv is None else "a %DV beside no amount"
    most = magnesium * (serving.max_daily or serving.min_daily or 1)
    if stated and most > MAX_DAY_MG:  # the limit every command takes for a day
        raise Problem(
            f"{where}: {most:,.0f} mg of magnesium a day at the label's use is no "
            f"supplement's (magcli takes at most {MAX_DAY_MG:,.0f} mg a day)"
        )
    label_id = record.get("id")
    return Product(
        name=one_name(name),
        source=where,
        forms=forms,
        unknown_forms=unknown,
        magnesium_mg=magnesium if stated else None,
        compound_mg=compound if compound else None,
        serving_units=serving.units,
        units_per_container=container,
        servings_per_day=serving.min_daily,
        brand=one_name(_string(record.get("brandName"))) or None,
        dsld_id=one_name(str(label_id)) if isinstance(label_id, (int, str)) else None,
        notes=tuple(notes),
        unit=serving.unit,
        servings_per_day_max=serving.max_daily,
        servings_per_container=per_container,
        nested_reading=readings[0] if len(set(readings)) == 1 else None,
        magnesium_estimate_mg=round(estimate, 1) if missing and estimate else None,
        percent_dv=printed_dv,
        dv_basis_mg=basis[0] if printed_dv is not None else None,
        dv_basis=basis[1] if printed_dv is not None else None,
        dv_verdict=verdict,
        dv_note=dv_note,
    )


DV_TOLERANCE = 1.0  # percentage points: a %DV is printed rounded, from a rounded amount


def check_dv(
    amount_mg: float, printed: float, basis: tuple[int, str]
) -> tuple[str, tuple[int, str], str]:
    """The printed %DV against the amount it is printed beside, on the label's Daily Value
    basis; where it fits the other basis (400 or 420 mg) instead, that one, said. The
    verdict ('consistent' or 'mismatch'), the basis taken, and the reason in words."""
    implied = amount_mg / basis[0] * 100
    said = f"{printed:g}% DV is {amount_mg:g} mg of {basis[0]} mg, {basis[1]}"
    if abs(implied - printed) <= DV_TOLERANCE:
        return "consistent", basis, said
    other = OLD_DV_MG if basis[0] == NEW_DV_MG else NEW_DV_MG
    if abs(amount_mg / other * 100 - printed) <= DV_TOLERANCE:
        rule = "before the 2016 rule" if other == OLD_DV_MG else "of the 2016 rule"
        why = f"the Daily Value {rule}"
        return (
            "consistent",
            (other, why),
            f"{printed:g}% DV is {amount_mg:g} mg of {other} mg, {why}, not of the "
            f"{basis[0]} mg the label's date or group suggests",
        )
    return (
        "mismatch",
        basis,
        f"the label prints {printed:g}% DV, but {amount_mg:g} mg is {implied:.0f}% of "
        f"{basis[0]} mg ({basis[1]}) and {amount_mg / other * 100:.0f}% of {other} mg: one "
        "of the two figures is wrong",
    )


# The serving --------------------------------------------------------------------------


class Serving:
    """A label's serving as a person takes it."""

    __slots__ = ("max_daily", "measure", "min_daily", "per_measure", "unit", "units")

    def __init__(
        self,
        units: float,
        unit: str,
        min_daily: float | None,
        max_daily: float | None,
        measure: float,
        per_measure: float,
    ) -> None:
        self.units = units  # units a serving, in `unit`
        self.unit = unit  # 'tablet', 'capsule', 'packet', or a measure ('gram', 'scoop')
        self.min_daily = min_daily
        self.max_daily = max_daily
        self.measure = measure  # the serving in the label's own unit (8.3 g, 3 tablets)
        self.per_measure = per_measure  # units of `unit` in one of the label's own units


def _serving(where: str, record: dict[str, Any]) -> Serving:
    sizes = _list(record.get("servingSizes"))
    first = sizes[0] if sizes and isinstance(sizes[0], dict) else {}
    value = _number(first.get("minQuantity", first.get("quantity")))
    if value is None or not value > 0:
        raise Problem(f"{where}: servingSizes: no serving size (a number of units above 0)")
    if not MIN_UNITS <= value <= MAX_UNITS:
        raise Problem(f"{where}: servingSizes: {value:.3g} is not a serving size")
    label_unit = _string(first.get("unit")).strip()
    min_daily = _daily(first.get("minDailyServings"))
    max_daily = _daily(first.get("maxDailyServings"))
    if min_daily is not None and max_daily is not None and max_daily < min_daily:
        min_daily, max_daily = max_daily, min_daily
    if max_daily is None and min_daily is not None and "maxDailyServings" not in first:
        max_daily = min_daily  # a record without the field: one use, the least
    counted = _counted(label_unit)
    if counted is not None:
        return Serving(value, counted, min_daily, max_daily, value, 1.0)
    taken = _TAKEN_AS.match(_string(first.get("notes")))
    if taken is not None and float(taken.group(1)) > 0:  # 8.3 g, taken as 1 packet
        count = float(taken.group(1))
        word = taken.group(2).lower()
        unit = "scoop" if word.startswith("scoop") else "packet"
        return Serving(count, unit, min_daily, max_daily, value, count / value)
    measure = _measure_name(label_unit)
    return Serving(value, measure, min_daily, max_daily, value, 1.0)


@lru_cache(maxsize=1024)  # labels say their units in a few ways, again and again
def _counted(label_unit: str) -> str | None:
    """The unit of count a label's unit names ('Tablet(s)': 'tablet'), or None."""
    for word in re.findall(r"[a-z]+", label_unit.casefold()):
        counted = COUNTED.get(word) or COUNTED.get(word.rstrip("s"))
        if counted is not None:
            return counted
    return None


def _measure_name(label_unit: str) -> str:
    """A measure's plain name: 'Gram(s)' is 'gram', 'Scoop(s)' 'scoop'."""
    word = re.split(r"[\s(]", label_unit.strip().casefold(), maxsplit=1)[0] or "serving"
    return {"g": "gram", "grams": "gram", "ml": "ml"}.get(word, word.rstrip("s") or word)


def _daily(value: object) -> float | None:
    number = _number(value)
    return number if number is not None and 0 < number <= 100 else None


def _per_serving(where: str, row: dict[str, Any], serving: Serving) -> float | None:
    """A row's amount in mg for one serving: its amount is for its own
    `servingSizeQuantity` of the label's units (the serving, when it does not say)."""
    amount = _mass(where, row)
    if amount is None:
        return None
    quantities = _list(row.get("quantity"))
    first = quantities[0] if quantities and isinstance(quantities[0], dict) else {}
    of = _number(first.get("servingSizeQuantity"))
    if of is None or not of > 0:
        return amount
    return amount / of * serving.measure


def _container(
    where: str, record: dict[str, Any], serving: Serving, amount_units: float | None
) -> tuple[float | None, float | None, str]:
    """Units in a container (the net contents in the serving's unit, else servings per
    container times the serving), the servings per container the label states, and a
    note where the two disagree."""
    stated = _number(record.get("servingsPerContainer"))
    stated = stated if stated is not None and stated > 0 else None
    total = None
    weighed: list[tuple[bool, float]] = []  # (given in grams, grams) of each net content
    for entry in _list(record.get("netContents")):
        if not isinstance(entry, dict):
            continue
        unit = _string(entry.get("unit")).strip()
        quantity = _number(entry.get("quantity"))
        if quantity is None or quantity <= 0:
            continue
        if _counted(unit) == serving.unit:  # a serving's unit is never None
            total = quantity
            break
        grams = _grams(unit, quantity)
        if grams is not None:
            weighed.append((grams == quantity, grams))
    serving_grams = _measure_grams(serving)
    if total is None and weighed and serving_grams:
        grams = max(weighed)[1]  # the figure in grams before one converted from ounces
        total = grams / serving_grams * serving.units
    note = ""
    if total is None and stated is not None:
        total = stated * serving.units
    elif total is not None and stated is not None:
        servings = total / serving.units
        if not math.isclose(servings, stated, rel_tol=0.05):
            if amount_units and math.isclose(
                total / amount_units * (serving.units / serving.measure), stated, rel_tol=0.05
            ):
                note = (
                    f"the label's {stated:g} servings a container count its amount's own "
                    f"{amount_units:g} {serving.unit}s, not the {serving.units:g} of a serving"
                )
            else:
                note = (
                    f"the label says {stated:g} servings a container, but {total:g} "
                    f"{serving.unit}s at {serving.units:g} a serving make {servings:g}: the "
                    "days follow the contents"
                )
    if total is not None and not MIN_UNITS <= total <= MAX_UNITS:
        raise Problem(f"{where}: netContents: {total:.3g} units is no container")
    return total, stated, note


def _amount_units(found: list[tuple[dict[str, Any], dict[str, Any] | None]]) -> float | None:
    """The units the magnesium row's amount is for (its servingSizeQuantity)."""
    for row, _ in found:
        quantities = _list(row.get("quantity"))
        if quantities and isinstance(quantities[0], dict):
            return _number(quantities[0].get("servingSizeQuantity"))
    return None


def _grams(unit: str, quantity: float) -> float | None:
    word = unit.strip().casefold().rstrip(".")
    if word in ("g", "gram", "grams", "gram(s)"):
        return quantity
    if word in ("oz", "ounce", "ounces", "ounce(s)"):
        return quantity * 28.349523125
    if word in ("kg",):
        return quantity * 1000
    return None


def _measure_grams(serving: Serving) -> float | None:
    """A serving's weight in grams where its measure is one (8.3 g for a packet)."""
    if serving.per_measure != 1.0 or serving.unit == "gram":
        return serving.measure
    return None


# The magnesium rows ---------------------------------------------------------------------


def _magnesium_rows(
    rows: list[Any], parent: dict[str, Any] | None
) -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
    """The rows that declare elemental magnesium ('Magnesium'), with the row they are
    nested in (which may name the compound: 'Magnesium Glycinate ... providing
    Magnesium'). A "Header" row ("Contains <2% of:") is a heading, never an ingredient;
    the rows under it are."""
    found = []
    for row in rows:  # tens of rows a label, tens of thousands of labels: kept lean
        if not isinstance(row, dict):
            continue
        name = row.get("name")
        if isinstance(name, str) and name.strip().casefold() == "magnesium":
            if not _is_header(row):
                found.append((row, parent))
            continue
        nested = row.get("nestedRows")
        if nested and isinstance(nested, list):
            found += _magnesium_rows(nested, row)
    return found


def _all_rows(rows: list[Any]) -> list[dict[str, Any]]:
    found = []
    for row in rows:
        if isinstance(row, dict):
            if not _is_header(row):  # a heading is no ingredient; the rows under it are
                found.append(row)
            found += _all_rows(_list(row.get("nestedRows")))
    return found


def _is_header(row: dict[str, Any]) -> bool:
    group = row.get("ingredientGroup")
    return isinstance(group, str) and group.strip().casefold() == "header"


def _names_salt(row: dict[str, Any]) -> bool:
    """Whether a row names a magnesium salt ('Magnesium Oxide', 'Albion Dimagnesium
    Malate'), known or not; never magnesium stearate, an excipient."""
    name = _name(row).casefold()
    return "magnesium" in name and name.strip() != "magnesium" and "stearate" not in name


def _form_names(row: dict[str, Any], notes: list[str]) -> list[str]:
    """The salts a magnesium row's amount-less forms name; a form that is no magnesium
    salt (a botanical listed by mistake) is left out with a note."""
    salts = []
    for form in _list(row.get("forms")):
        named = _string(form.get("name")).strip() if isinstance(form, dict) else ""
        if not named:
            continue
        if "magnesium" in named.casefold():
            salts.append(named)
        else:
            notes.append(
                f"{shorten(named, 40)} is listed as a form of the "
                "magnesium but is no magnesium salt: left out"
            )
    return salts


# Makers' names and marks before a salt's name on labels: "Albion Dimagnesium Malate",
# "TRAACS® Magnesium Bisglycinate Chelate". Said aside, the rest names the salt.
_MAKERS = re.compile(r"^\s*(?:albion|traacs)\b[\s®™]*", re.I)
_MARKS = re.compile(r"[®™©]|\((?:[^)]*\b(?:albion|traacs)\b[^)]*)\)", re.I)


def _salt_name(name: str, resolver: Resolver) -> str:
    """The name to look a label's salt up by: as written where magcli knows it, else
    without a maker's name or mark (an unknown salt keeps the label's own words)."""
    if resolver.index.lookup(name) is not None:
        return name
    bare = _bare_salt(name)
    return bare if bare and resolver.index.lookup(bare) is not None else name


@lru_cache(maxsize=4096)
def _bare_salt(name: str) -> str:
    """A salt's name without a maker's name or mark."""
    return _MARKS.sub("", _MAKERS.sub("", name)).strip()


def _nested_reading(
    parent_mg: float | None, nested: list[float | None]
) -> tuple[str, float | None]:
    """How the nested rows' amounts are meant: each salt's share of the magnesium (they
    add up to it), or the salts' weight (more than the magnesium); 'unclear' otherwise.
    With the total weight where that is the reading."""
    if parent_mg is None or not nested or None in nested:
        return "unclear", None  # without every amount, the sum cannot tell
    total = sum(amount for amount in nested if amount is not None)
    if math.isclose(total, parent_mg, rel_tol=SHARE_TOLERANCE):
        return "share-of-magnesium", None
    if total > parent_mg:
        return "compound-weight", total
    return "unclear", None


def _percent_dv(row: dict[str, Any]) -> float | None:
    quantities = _list(row.get("quantity"))
    if not quantities or not isinstance(quantities[0], dict):
        return None
    for group in _list(quantities[0].get("dailyValueTargetGroup")):
        if isinstance(group, dict):
            percent = _number(group.get("percent"))
            if percent is not None and 0 < percent < 10_000:
                return percent
    return None


def _dv_basis(record: dict[str, Any]) -> tuple[int, str]:
    """The Daily Value a label's %DV is of, and why: 400 mg for pregnancy and lactation
    and on labels before the 2016 rule, 420 mg after it."""
    groups = " ".join(
        _string(group.get("dailyValueTargetGroupName"))
        for group in _list(record.get("userGroups"))
        if isinstance(group, dict)
    ).casefold()
    if "pregnan" in groups or "lactat" in groups:
        return PREGNANCY_DV_MG, "the Daily Value for pregnancy and lactation"
    entered = _string(record.get("entryDate"))[:10]
    if entered and entered < NEW_LABELS_FROM:
        return OLD_DV_MG, f"the Daily Value before the 2016 rule, for a label entered {entered}"
    return NEW_DV_MG, "the Daily Value of the 2016 rule"


# Values ----------------------------------------------------------------------------------


def _name(row: dict[str, Any]) -> str:
    """A row's name, one line of plain text wherever it is shown (text.one_name)."""
    return one_name(_string(row.get("name")))


_FIGURE = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+")  # no sign, exponent, '_' or 'inf'


def _number(value: object) -> float | None:
    """A JSON number (or a numeric string) as a finite float; None for anything else,
    however many digits it has."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):  # a figure as a label prints one: '200', '2.5', '.5'
        text = value.strip()
        if len(text) > 40 or not _FIGURE.fullmatch(text):
            return None
        value = float(text)
    if isinstance(value, int):
        try:
            value = float(value)
        except OverflowError:
            return math.inf
    if not isinstance(value, float) or math.isnan(value):
        return None
    return value if math.isfinite(value) else math.inf


def _mass(where: str, row: dict[str, Any]) -> float | None:
    """A row's first amount in milligrams; None when it gives none (0, or 'NP')."""
    quantities = _list(row.get("quantity"))
    if not quantities or not isinstance(quantities[0], dict):
        return None
    first = quantities[0]
    amount = _number(first.get("quantity"))
    unit = _string(first.get("unit")).strip().casefold()
    if amount is None or amount == 0 or unit == "np":
        return None
    scale = unit_scale(unit)
    if amount < 0 or not math.isfinite(amount):
        raise Problem(f"{where}: {_shown(row)}: the quantity is not an amount")
    if scale is None:
        raise Problem(
            f"{where}: {_shown(row)}: the unit {shorten(unit, 20)} is not a weight (mg, g, mcg)"
        )
    milligrams = amount * scale
    if not MIN_MG <= milligrams <= MAX_MG:
        raise Problem(f"{where}: {_shown(row)}: {amount:.3g} {unit} is no serving's amount")
    return milligrams


def _shown(row: dict[str, Any]) -> str:
    """A row's name as a message shows it."""
    return shorten_text(one_line(_name(row)), 40)


def _string(value: object) -> str:
    return value if isinstance(value, str) else ""


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []
