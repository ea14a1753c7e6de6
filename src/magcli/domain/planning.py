"""A day's timetable: magnesium placed outside every medicine's spacing window. Times
are minutes after midnight on a circular day; no I/O, no output."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from magcli.domain.grammar import (
    DAILY,
    DIGITS,
    SURE_CLOCK,
    Schedule,
    clock,
    is_month_day,
    is_schedule_word,
    is_strength,
    is_unit,
    read_schedule,
    read_time,
)
from magcli.errors import UsageError

if TYPE_CHECKING:
    from magcli.domain.reference import Interaction

DAY = 24 * 60
STEP = 5  # minutes between the times considered, besides each window's own edges
WAKE, BEDTIME = 7 * 60, 22 * 60  # doses are placed while people are up
EVENING = 21 * 60  # preferred where no rule decides: the usual advice for sleep
APART = 8 * 60  # two doses are placed at least this far apart where they can be
LATE_WAKING = 12 * 60  # a medicine taken on waking, given at noon or later, is asked about
_NUMBER = re.compile(r"\d")  # any digit at all, of any script: never part of a name


SPLIT_ABOVE_MG = 360  # the dose at which the US limit's diarrhoea was seen (IOM 1997)


def split_advice(advised_by: str) -> str:
    """The advice to divide the day's supplement, said with whose it is."""
    return f"{advised_by} advises at least two intakes for the day's supplement"


def split_reason(day_mg: float, advised_by: str | None) -> str | None:
    """Why a day's magnesium is taken in two intakes, or None for one: an authority of
    the region (`advised_by`) advises it for any day's supplement (Germany's BfR: "the
    maximum daily dose be divided between at least two intakes per day"), or the day is
    more than the amount at which diarrhoea set the US limit."""
    if advised_by and day_mg > 0:
        return split_advice(advised_by)
    if day_mg > SPLIT_ABOVE_MG:
        return (
            f"more than {SPLIT_ABOVE_MG} mg a day, the amount at which diarrhoea set the US "
            "upper limit"
        )
    return None


def check_medicine_name(name: str, what: str) -> str:
    """The name as given, refused when it holds a figure that is not a strength with its
    unit, so that no figure is ever taken for a time by mistake."""
    words = name.split()
    for place, word in enumerate(words):
        strength = is_strength(word) or (
            is_strength(word, bare=True) and place + 1 < len(words) and is_unit(words[place + 1])
        )
        if _NUMBER.search(word) and not strength and not is_unit(word):
            raise UsageError(
                f"{what}: {word!r} is not part of a medicine's name: one time per medicine, "
                "given after the name (a strength needs its unit: 100mg)"
            )
    from magcli.text import one_name

    if not one_name(name):
        raise UsageError(f"{what}: the medicine's name is missing")
    return one_name(name)


def doses_in(text: str) -> list[str]:
    """One --medicine as the doses it names: 'doxycycline 08:00 20:00' as two (the same
    name at each time, the days after them kept), and doses listed with commas
    ('levothyroxine 7am, cipro 9am') one by one; any other text as it is."""
    doses = []
    pieces = [piece for piece in text.split(",") if piece.strip()]
    if len(pieces) < 2 or not all(any(map(SURE_CLOCK.match, p.split())) for p in pieces):
        pieces = [text]  # 'alendronate 07:00 mon,thu': the days, not two doses
    for part in pieces:
        words = part.split()
        end = len(words)
        while end > 0 and is_schedule_word(words[end - 1]):
            end -= 1
        first = end
        while first > 1 and SURE_CLOCK.match(words[first - 1]):
            first -= 1
        times = words[first:end]
        if len(times) > 1:
            name, days = words[:first], words[end:]
            doses += [" ".join([*name, time, *days]) for time in times]
        else:
            doses.append(part.strip())
    return doses


def split_medicine(text: str) -> tuple[str, int, Schedule]:
    """'doxycycline 08:00' as ('doxycycline', 480, every day); 'alendronate 07:00 sunday'
    weekly; 'ibandronate 07:00 monthly on the 1st' monthly. The time is the last word but
    the days (or what follows '@' or 'at'); a name that still holds a number, other than
    a strength with its unit, is refused."""
    given = text.strip()
    what = f"--medicine {given[:80]!r}"
    if "@" in given:
        name, _, when = given.rpartition("@")
        words = [*name.split(), "@", *when.split()]
    else:
        words = given.split()
    merged: list[str] = []
    for word in words:  # '8 am' is one time
        if word.lower() in ("am", "pm") and merged and DIGITS.fullmatch(merged[-1][:1]):
            merged[-1] += word
        else:
            merged.append(word)
    words = merged
    # The days come last: a day of the month after 'day' or 'monthly' is no time.
    end = len(words)
    while end > 0 and (is_schedule_word(words[end - 1]) or is_month_day(words, end - 1)):
        end -= 1
    # A clock before more words that are no days ('07:00 sundy'): those words were meant
    # as the days, and are read as such, so that a misspelling gets its closest day.
    clocks = [place for place, word in enumerate(words[: end - 1]) if SURE_CLOCK.match(word)]
    if clocks and end > 1 and not SURE_CLOCK.match(words[end - 1]):
        end = clocks[-1] + 1
    days = words[end:]
    if end == 0 or (end == 1 and words[0] != "@" and not days):
        raise UsageError(
            f"{what}: give the medicine and the time it is taken, as in 'doxycycline 08:00' "
            "(twice a day as 'doxycycline 08:00 20:00'; a weekly one as 'alendronate 07:00 "
            "sunday')"
        )
    when = words[end - 1]
    before = [word for word in words[: end - 1] if word != "@"]
    if before and before[-1].lower() == "at":
        before = before[:-1]
    start = len(before)  # days said before the time: 'alendronate sunday 07:00'
    while start > 0 and is_schedule_word(before[start - 1]) and before[start - 1] != "a":
        start -= 1
    minutes = read_time(when, what)
    schedule = read_schedule([*before[start:], *days], what)
    return check_medicine_name(" ".join(before[:start]), what), minutes, schedule


class Taken(NamedTuple):
    """One dose of a medicine: when, on which days, and the interaction entry that rules
    it."""

    name: str
    minutes: int
    rule: Interaction
    schedule: Schedule = DAILY

    @property
    def after_medicine(self) -> float | None:
        """Hours magnesium waits after this dose; the other order's figure where the
        source gives only that one (a rule in one direction is no licence in the other)."""
        spacing = self.rule.spacing
        first = spacing.wait_after_medicine_hours
        return first if first is not None else spacing.wait_after_magnesium_hours

    @property
    def before_medicine(self) -> float | None:
        """Hours magnesium must come before this dose, at least; None where magnesium
        must never come before it on its day (or no rule is set)."""
        spacing = self.rule.spacing
        if not spacing.magnesium_first_allowed:
            return None
        first = spacing.wait_after_magnesium_hours
        return first if first is not None else spacing.wait_after_medicine_hours

    def assumed(self, after: bool) -> bool:
        """Whether the wait in that order (after the medicine, or before it) is the other
        order's figure, kept because the source gives none for this one."""
        spacing = self.rule.spacing
        own = spacing.wait_after_medicine_hours if after else spacing.wait_after_magnesium_hours
        return own is None and not (self.first_of_day and not after)

    @property
    def first_of_day(self) -> bool:
        """True where magnesium must never come before this dose on its day."""
        return not self.rule.spacing.magnesium_first_allowed

    @property
    def clear_after(self) -> int | None:
        """Minutes after the dose in which magnesium is not taken; None: no rule."""
        after = self.after_medicine
        return None if after is None else round(after * 60)

    @property
    def clear_before(self) -> int | None:
        """Minutes before the dose in which magnesium is not taken; None: no rule. Where
        the medicine must come first, that is all of its day before it, and never less
        than the wait after it."""
        if self.first_of_day:
            after = self.clear_after
            return None if after is None else max(after, self.minutes)
        before = self.before_medicine
        return None if before is None else round(before * 60)

    @property
    def when(self) -> str:
        """'alendronate at 07:00 on Sundays'; a daily dose without its days."""
        days = "" if self.schedule == DAILY else f" {self.schedule.said}"
        return f"{self.name} at {clock(self.minutes)}{days}"


class Placed(NamedTuple):
    minutes: int
    magnesium_mg: float
    why: str
    sources: tuple[str, ...]


@dataclass
class Timetable:
    doses: list[Placed] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    cautions: list[str] = field(default_factory=list)  # advice that comes before any timing
    warnings: list[str] = field(default_factory=list)  # what else a person must read
    notes: list[str] = field(default_factory=list)


def _gap(a: int, b: int) -> int:
    """Minutes from a to b, forward around the day."""
    return (b - a) % DAY


def allowed(minutes: int, taken: list[Taken]) -> bool:
    """Whether magnesium at `minutes` keeps clear of every medicine dose. A weekly or
    monthly dose counts on every day, so that one time a day is safe on its days too."""
    for dose in taken:
        after, before = dose.clear_after, dose.clear_before
        if after is None or before is None:
            continue
        since = _gap(dose.minutes, minutes)  # medicine first, then magnesium
        until = _gap(minutes, dose.minutes)  # magnesium first, then medicine
        if since < after or until < before:
            return False
    return True


def _why(minutes: int, taken: list[Taken]) -> tuple[str, tuple[str, ...]]:
    """The rules that bound a time: the nearest medicine dose on each side, and any
    other whose window ends within the hour."""
    timed = [dose for dose in taken if dose.clear_after is not None]
    if not timed:
        return "no medicine's spacing rule bounds this time; the evening is the usual advice", ()
    found: dict[tuple[str, int], tuple[int, str]] = {}
    for dose in timed:
        since, until = _gap(dose.minutes, minutes), _gap(minutes, dose.minutes)
        after, before = dose.clear_after or 0, dose.clear_before or 0
        if since <= until:
            margin = since - after
            said = f"{_hours_said(since)} after {dose.when} ({_needed(after, dose, True)})"
        elif dose.first_of_day:
            margin = until - before
            said = (
                f"the day before {dose.when}, {_hours_said(until)} ahead of it (on its own "
                "day, never before it)"
            )
        else:
            margin = until - before
            said = f"{_hours_said(until)} before {dose.when} ({_needed(before, dose, False)})"
        found[(dose.name, dose.minutes)] = (margin, said)
    since_last = min(_gap(dose.minutes, minutes) for dose in timed)
    until_next = min(_gap(minutes, dose.minutes) for dose in timed)
    keep = {  # the nearest doses on each side, all of them where several share a time
        (d.name, d.minutes)
        for d in timed
        if _gap(d.minutes, minutes) == since_last or _gap(minutes, d.minutes) == until_next
    }
    keep |= {key for key, (margin, _) in found.items() if margin <= 60}
    chosen = [dose for dose in timed if (dose.name, dose.minutes) in keep]

    def order(dose: Taken) -> tuple[bool, int]:  # the doses before it, then after it
        since, until = _gap(dose.minutes, minutes), _gap(minutes, dose.minutes)
        return (since > until, min(since, until))

    chosen.sort(key=order)
    said = "; ".join(dict.fromkeys(found[(d.name, d.minutes)][1] for d in chosen))
    keys = tuple(dict.fromkeys(key for dose in chosen for key in dose.rule.sources))
    return said, keys


def _needed(minutes: int, dose: Taken, after: bool) -> str:
    """'at least 2 h needed', or where the source gives no wait for this order, that the
    other order's wait is kept."""
    if dose.assumed(after):
        return f"{minutes / 60:g} h kept: the source gives a wait for the other order only"
    return f"at least {minutes / 60:g} h needed"


def _may_meet(one: Schedule, other: Schedule) -> bool:
    """Whether two schedules can fall on the same day."""
    if one == DAILY or other == DAILY or one.repeat != other.repeat:
        return True
    if one.repeat == "weekly":
        return bool(set(one.weekdays) & set(other.weekdays))
    return one.month_day == other.month_day


def fasting_cautions(taken: list[Taken]) -> list[str]:
    """Other medicines that fall before a fasting medicine on its morning, or within the
    minutes after it when its label allows nothing but plain water."""
    cautions: list[str] = []
    for fasting in taken:
        wait = fasting.rule.spacing.fasting_minutes
        if wait is None:
            continue
        if fasting.minutes >= LATE_WAKING:
            cautions.append(
                f"{fasting.when}: it is taken on waking, fasting, before anything else of the "
                "day; if that is not when you wake, ask a pharmacist when to take it."
            )
        for other in taken:
            if other.name == fasting.name or not _may_meet(fasting.schedule, other.schedule):
                continue
            earlier = other.minutes < fasting.minutes
            if earlier or _gap(fasting.minutes, other.minutes) < wait:
                where = "before" if earlier else f"within {wait} minutes after"
                cautions.append(
                    f"{other.when} falls {where} {fasting.when}, which is taken before "
                    f"anything else of the day, with nothing but plain water for {wait} "
                    "minutes after it. Ask a pharmacist how to time the two."
                )
    return list(dict.fromkeys(cautions))


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
    table.warnings += fasting_cautions(taken)
    edges = {
        (dose.minutes + span * sign) % DAY
        for dose in taken
        for span, sign in ((dose.clear_after, 1), (dose.clear_before, -1))
        if span is not None
    }
    times = sorted({*range(WAKE, BEDTIME + 1, STEP), *(m for m in edges if WAKE <= m <= BEDTIME)})
    candidates = [m for m in times if allowed(m, taken)]
    if not candidates:
        windows = ", ".join(dose.when for dose in taken if dose.after_medicine)
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
