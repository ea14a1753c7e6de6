"""Amounts as people and labels write them: one grammar for every command and file.

An amount is a number and a unit of mass, together or apart ('500mg', '500 mg', '0.5 g',
'0.5 grams', '250mcg', '1500'); a number alone is milligrams. The same words read a
label record's units ('Gram(s)', 'microgram(s)'). A strength in a medicine's name
('100mg', '50 mcg', '5 ml', '1000 IU') is recognised so that it is never read as
something else. No I/O.
"""

from __future__ import annotations

import math
import re

from magcli.errors import UsageError

# Each unit of mass, as written, in milligrams.
MASS_UNITS: dict[str, float] = {
    **dict.fromkeys(("mg", "milligram", "milligrams", "milligram(s)"), 1.0),
    **dict.fromkeys(("g", "gram", "grams", "gram(s)"), 1000.0),
    **dict.fromkeys(("mcg", "µg", "μg", "ug", "microgram", "micrograms", "microgram(s)"), 0.001),
}
# Units of a medicine's strength that are no mass: they pass in a name, never as a dose.
OTHER_STRENGTH_UNITS = ("ml", "iu", "%")
MAX_MILLIGRAMS = 1_000_000.0  # 1 kg: above any dose, serving or container
MAX_DAY_MG = 10_000.0  # 10 g of magnesium in a day would be dangerous, not a plan

_NUMBER = r"([0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
_UNIT = r"([a-zµμ()]+|%)"
_AMOUNT = re.compile(rf"^\s*{_NUMBER}\s*{_UNIT}?\s*$", re.IGNORECASE)
_LEADING = re.compile(rf"^\s*{_NUMBER}\s*(?:{_UNIT}(?![\w(]))?\s*(.*)$", re.IGNORECASE)


def unit_scale(unit: str) -> float | None:
    """Milligrams in one `unit` of mass, or None when it is no unit of mass."""
    return MASS_UNITS.get(unit.strip().lower())


def is_amount(text: str) -> bool:
    """Whether `text` is an amount of mass (or a bare number)."""
    match = _AMOUNT.match(text)
    return match is not None and (match.group(2) is None or unit_scale(match.group(2)) is not None)


def is_unit(word: str) -> bool:
    """Whether `word` is a unit of mass on its own ('mg', 'grams')."""
    return unit_scale(word) is not None


def is_strength_unit(word: str) -> bool:
    """Whether `word` is a unit a strength is given in ('mg', 'mcg', 'ml', 'iu')."""
    unit = word.strip().lower()
    return unit in MASS_UNITS or unit in OTHER_STRENGTH_UNITS


def is_strength(word: str, *, bare: bool = False) -> bool:
    """Whether `word` is a strength as a medicine's name holds one ('100mg', '2,5mg',
    '5ml', '1%'); with `bare`, a number without its unit ('100') is one too."""
    match = _AMOUNT.match(word.replace(",", "."))
    if match is None:
        return False
    unit = (match.group(2) or "").lower()
    return bare if not unit else is_strength_unit(unit)


def parse_amount(text: str, option: str, limit: float = MAX_MILLIGRAMS) -> float:
    """'1.5g', '1500', '1500 mg', '0.5 grams', '250mcg' as milligrams; anything else is
    a UsageError naming `option`."""
    match = _AMOUNT.match(text)
    if match is None or (match.group(2) is not None and unit_scale(match.group(2)) is None):
        raise UsageError(f"{option} {_shown(text)} {_problem(text)}")
    scale = unit_scale(match.group(2) or "mg")
    assert scale is not None
    return check_milligrams(float(match.group(1)) * scale, text, option, limit)


def split_amount(text: str, option: str, limit: float = MAX_MILLIGRAMS) -> tuple[float, str]:
    """'250mg antacid', '0.5 g laxative', '250 milligrams': the milligrams, and the words
    after the amount."""
    match = _LEADING.match(text)
    if match is None:
        raise UsageError(
            f"{option} {_shown(text)}: give an amount first, such as 250mg or '250mg antacid'"
        )
    number, unit, rest = match.groups()
    if unit is not None and unit_scale(unit) is None:  # '250 antacid': a bare number
        rest = f"{unit} {rest}".strip()
        unit = None
    scale = unit_scale(unit or "mg")
    assert scale is not None
    return check_milligrams(float(number) * scale, text, option, limit), rest.strip()


def check_milligrams(
    milligrams: float, given: object, option: str, limit: float = MAX_MILLIGRAMS
) -> float:
    """An amount in mg that magcli can work with: more than 0 and at most `limit` (so
    that no figure it prints is infinite or absurd)."""
    shown = _shown(given) if isinstance(given, str) else repr(given)
    if math.isnan(milligrams) or milligrams <= 0:
        raise UsageError(f"{option} {shown} must be more than 0")
    if milligrams > limit:
        raise UsageError(f"{option} {shown} is more than magcli takes: at most {_mass(limit)}")
    return milligrams


def _mass(milligrams: float) -> str:
    if milligrams >= 1_000_000:
        return f"{milligrams:,.0f} mg ({milligrams / 1_000_000:g} kg)"
    return f"{milligrams:,.0f} mg ({milligrams / 1000:g} g)"


def _problem(text: str) -> str:
    stripped = text.strip()
    if not stripped:
        return "is empty"
    if stripped.startswith("-"):
        return "must be more than 0"
    if "," in stripped:
        return "has a comma; use a dot for decimals and no thousands separator"
    if re.match(r"^\s*[\d.]+\s*[a-zA-Zµμ()]+\s*$", stripped):
        return "has a unit magcli does not take; use mg, g or mcg"
    return "is not a quantity like 500, 500mg or 1.5g"


def _shown(text: str) -> str:
    from magcli.text import shorten

    return shorten(text)
