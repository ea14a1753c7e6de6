"""A day's timetable: magnesium placed outside every medicine's spacing window. Times
are minutes after midnight on a circular day; no I/O, no output."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from magcli.errors import UsageError

if TYPE_CHECKING:
    from magcli.models import Interaction

DAY = 24 * 60
STEP = 5  # minutes between the times considered, besides each window's own edges
WAKE, BEDTIME = 7 * 60, 22 * 60  # doses are placed while people are up
EVENING = 21 * 60  # preferred where no rule decides: the usual advice for sleep
APART = 8 * 60  # two doses are placed at least this far apart where they can be
# A time of day: 08:00, 8:00, 8.30, 8h30, 8am, 8 pm, 20h. Nothing else is read as one.
_CLOCK = re.compile(r"^(\d{1,2})(?:[:.h](\d{2})|h)?(am|pm)?$", re.I)
_NUMBER = re.compile(r"\d")
_STRENGTH = re.compile(r"^\d+(?:[.,]\d+)?(?:mg|g|mcg|µg)$", re.I)
_UNITS = {"mg", "g", "mcg", "µg"}


def split_medicine(text: str) -> tuple[str, int]:
    """'doxycycline 08:00' as ('doxycycline', 480). The time is the last word (or what
    follows '@' or 'at'); a name that still holds a number, other than a strength with
    its unit, is refused, so that no figure is ever taken for a time by mistake."""
    given = text.strip()
    shown = repr(given[:80])
    name, _, when = given.rpartition("@") if "@" in given else ("", "", "")
    if not name:
        words = given.split()
        if len(words) >= 2 and words[-1].lower() in ("am", "pm"):
            words = [*words[:-2], words[-2] + words[-1]]
        if len(words) < 2:
            raise UsageError(
                f"--medicine {shown}: give the medicine and the time it is taken, as in "
                "'doxycycline 08:00' (once per dose: twice a day is given twice)"
            )
        name, when = " ".join(words[:-1]), words[-1]
        if name.lower().endswith(" at"):
            name = name[:-3]
    match = _CLOCK.match(when.strip())
    if match is None:
        raise UsageError(
            f"--medicine {shown}: {when.strip()[:20]!r} is not a time of day: give it last, "
            "as 08:00, 8:30, 8am or 20h"
        )
    hours, minutes = int(match.group(1)), int(match.group(2) or 0)
    half = (match.group(3) or "").lower()
    if half:
        if not 1 <= hours <= 12:
            raise UsageError(f"--medicine {shown}: {hours}{half} is not a time")
        hours = hours % 12 + (12 if half == "pm" else 0)
    if hours > 23 or minutes > 59:
        raise UsageError(f"--medicine {shown}: {hours}:{minutes:02d} is not a time")
    words = name.split()
    for place, word in enumerate(words):
        strength = _STRENGTH.match(word) or (
            word.replace(",", "").replace(".", "").isdigit()
            and place + 1 < len(words)
            and words[place + 1].lower() in _UNITS
        )
        if _NUMBER.search(word) and not strength and word.lower() not in _UNITS:
            raise UsageError(
                f"--medicine {shown}: {word!r} is not part of a medicine's name: one time per "
                "--medicine, given last (a strength needs its unit: 100mg)"
            )
    if not name.strip():
        raise UsageError(f"--medicine {shown}: the medicine's name is missing")
    return name.strip(), hours * 60 + minutes


def clock(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class Taken:
    """One dose of a medicine: when, and the interaction entry that rules it."""

    name: str
    minutes: int
    rule: Interaction

    @property
    def after_medicine(self) -> float | None:
        """Hours magnesium waits after this dose; the other order's figure where the
        source gives only that one (a rule in one direction is no licence in the other)."""
        spacing = self.rule.spacing
        first = spacing.wait_after_medicine_hours
        return first if first is not None else spacing.wait_after_magnesium_hours

    @property
    def before_medicine(self) -> float | None:
        """Hours magnesium must come before this dose, at least."""
        spacing = self.rule.spacing
        first = spacing.wait_after_magnesium_hours
        return first if first is not None else spacing.wait_after_medicine_hours


@dataclass(frozen=True)
class Placed:
    minutes: int
    magnesium_mg: float
    why: str
    sources: tuple[str, ...]


@dataclass
class Timetable:
    doses: list[Placed] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    cautions: list[str] = field(default_factory=list)  # what a person must read: warnings
    notes: list[str] = field(default_factory=list)


def _gap(a: int, b: int) -> int:
    """Minutes from a to b, forward around the day."""
    return (b - a) % DAY


def allowed(minutes: int, taken: list[Taken]) -> bool:
    """Whether magnesium at `minutes` keeps clear of every medicine dose."""
    for dose in taken:
        after, before = dose.after_medicine, dose.before_medicine
        if after is None or before is None:
            continue
        since = _gap(dose.minutes, minutes)  # medicine first, then magnesium
        until = _gap(minutes, dose.minutes)  # magnesium first, then medicine
        if since < after * 60 or until < before * 60:
            return False
    return True


def _why(minutes: int, taken: list[Taken]) -> tuple[str, tuple[str, ...]]:
    """The rules that bound a time: the nearest medicine dose on each side, and any
    other whose window ends within the hour."""
    timed = [dose for dose in taken if dose.after_medicine is not None]
    if not timed:
        return "no medicine's spacing rule bounds this time; the evening is the usual advice", ()
    found: dict[tuple[str, int], tuple[int, str]] = {}
    for dose in timed:
        since, until = _gap(dose.minutes, minutes), _gap(minutes, dose.minutes)
        after, before = dose.after_medicine or 0, dose.before_medicine or 0
        if since <= until:
            margin = since - int(after * 60)
            said = (
                f"{_hours_said(since)} after {dose.name} at {clock(dose.minutes)} "
                f"(at least {after:g} h needed)"
            )
        else:
            margin = until - int(before * 60)
            said = (
                f"{_hours_said(until)} before {dose.name} at {clock(dose.minutes)} "
                f"(at least {before:g} h needed)"
            )
        found[(dose.name, dose.minutes)] = (margin, said)
    nearest_before = min(timed, key=lambda dose: _gap(dose.minutes, minutes))
    nearest_after = min(timed, key=lambda dose: _gap(minutes, dose.minutes))
    keep = {(d.name, d.minutes) for d in (nearest_before, nearest_after)}
    keep |= {key for key, (margin, _) in found.items() if margin <= 60}
    chosen = [dose for dose in timed if (dose.name, dose.minutes) in keep]

    def order(dose: Taken) -> tuple[bool, int]:  # the doses before it, then after it
        since, until = _gap(dose.minutes, minutes), _gap(minutes, dose.minutes)
        return (since > until, min(since, until))

    chosen.sort(key=order)
    said = "; ".join(dict.fromkeys(found[(d.name, d.minutes)][1] for d in chosen))
    keys = tuple(dict.fromkeys(key for dose in chosen for key in dose.rule.sources))
    return said, keys


def _hours_said(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min" if rest else f"{hours} h"


def plan_day(taken: list[Taken], magnesium_mg: float, split: bool) -> Timetable:
    """Magnesium in one dose (or two, when `split`), each outside every window, as late
    in the evening as the rules allow; a conflict where no time is safe."""
    table = Timetable()
    for dose in taken:
        if dose.rule.no_safe_spacing:
            table.conflicts.append(
                f"{dose.name}: the source advises against magnesium at any distance from it; "
                "no time of day is safe. Ask the prescriber."
            )
        elif dose.after_medicine is None:
            table.cautions.append(
                f"{dose.name}: no spacing rule. {dose.rule.advice or dose.rule.effect}"
            )
    if table.conflicts:
        return table
    edges = {
        (dose.minutes + round(hours * 60) * sign) % DAY
        for dose in taken
        for hours, sign in ((dose.after_medicine, 1), (dose.before_medicine, -1))
        if hours is not None
    }
    times = sorted({*range(WAKE, BEDTIME + 1, STEP), *(m for m in edges if WAKE <= m <= BEDTIME)})
    candidates = [m for m in times if allowed(m, taken)]
    if not candidates:
        windows = ", ".join(
            f"{dose.name} at {clock(dose.minutes)}" for dose in taken if dose.after_medicine
        )
        table.conflicts.append(
            f"No time between {clock(WAKE)} and {clock(BEDTIME)} keeps magnesium clear of "
            f"{windows}. Ask a pharmacist whether a dose can move."
        )
        return table
    evening = min(candidates, key=lambda m: (abs(m - EVENING), -m))
    if not split:
        why, keys = _why(evening, taken)
        table.doses.append(Placed(evening, magnesium_mg, why, keys))
        return table
    earlier = [m for m in candidates if _gap(m, evening) >= APART and m < evening]
    if not earlier:
        table.notes.append(
            f"No second time at least {APART // 60} h from the evening dose keeps clear of "
            "the medicines: one dose."
        )
        why, keys = _why(evening, taken)
        table.doses.append(Placed(evening, magnesium_mg, why, keys))
        return table
    first = min(earlier)
    half = round(magnesium_mg / 2, 1)
    for minutes in (first, evening):
        why, keys = _why(minutes, taken)
        table.doses.append(Placed(minutes, half, why, keys))
    return table
