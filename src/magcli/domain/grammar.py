"""What people type, read one way everywhere: amounts, ages, times of day and days.

Amounts. An amount is a number and a unit of mass, together or apart ('500mg', '500 mg', '0.5 g',
'0.5 grams', '250mcg', '1500'); a number alone is milligrams. The same words read a
label record's units ('Gram(s)', 'microgram(s)'). A strength in a medicine's name
('100mg', '50 mcg', '5 ml', '1000 IU') is recognised so that it is never read as
something else.

Ages: years or months, as '35', '0.5', '6mo', '18 months', '2y' or '10 weeks'.

Times of day: '08:00', '8:30', '8.30', '8h30', '8am', '8 pm', '20h'.

Days: a weekday ('sunday', 'sun', 'sundays', 'mon,thu'), 'daily', or a day of the month
('monthly on the 1st', 'day 15 of each month'), with their misspellings answered.

No I/O: each reader returns a value or raises a UsageError that says what to type.
"""

from __future__ import annotations

import math
import re
from typing import Literal, NamedTuple

from magcli.domain.names import did_you_mean
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
MAX_COMPOUND_MG = 100_000.0  # 100 g of any salt is no supplement dose

_NUMBER = r"([0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
_UNIT = r"([a-zµμ()]+|%)"
_AMOUNT = re.compile(rf"^\s*{_NUMBER}\s*{_UNIT}?\s*$", re.IGNORECASE)


def unit_scale(unit: str) -> float | None:
    """Milligrams in one `unit` of mass, or None when it is no unit of mass."""
    return MASS_UNITS.get(unit.strip().lower())


def is_amount(text: str) -> bool:
    """Whether `text` is an amount of mass (or a bare number)."""
    match = _AMOUNT.match(text)
    return match is not None and (match.group(2) is None or unit_scale(match.group(2)) is not None)


def is_bare_figure(text: str) -> bool:
    """Whether `text` is a number without a unit ('2', '0.5')."""
    match = _AMOUNT.match(text)
    return match is not None and match.group(2) is None


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
    after the amount. The amount is the first word (with its unit, if the unit is the
    next word), read by parse_amount as every other amount is, with the same limits and
    refusals ('1kg', '1,000mg', '1e3mg' are refused, never read as 1 mg)."""
    words = text.split()
    if not words or (not words[0][:1].isdigit() and not words[0].startswith(".")):
        raise UsageError(
            f"{option} {_shown(text)}: give an amount first, such as 250mg or '250mg antacid'"
        )
    # '250 mg antacid': the unit apart; '250 kg', '500 mcgs', '1 gm' are units too, ones
    # magcli refuses, never a label that leaves the figure to be read as milligrams.
    unit_apart = len(words) > 1 and _unit_like(words[1])
    size = 2 if is_bare_figure(words[0]) and unit_apart else 1
    milligrams = parse_amount(" ".join(words[:size]), option, limit)
    rest = words[size:]
    if any(any(char.isdigit() for char in word) for word in rest) or "x" in rest:
        raise UsageError(  # '2 x 250mg', '250mg x2': one amount, said once
            f"{option} {_shown(text)}: one amount, then what it is: '500mg antacid'; give "
            f"{option} again for another"
        )
    return milligrams, " ".join(rest)


def _unit_like(word: str) -> bool:
    """Whether a word after a figure is meant as its unit: a unit of mass, another unit
    magcli knows (of age, of body weight), a count ('tablets'), or a spelling close to a
    unit of mass ('mcgs', 'gramme', 'gm')."""
    import difflib

    from magcli.domain.labels import COUNTED  # '3 tablets': a count, no weight

    folded = word.casefold()
    if (
        is_unit(folded)
        or folded in UNIT_WORDS
        or folded in COUNTED
        or folded.rstrip("s") in COUNTED
    ):
        return True
    if len(folded) <= 3 and folded.isalpha() and set(folded) <= set("mgcuµkl"):  # 'gm', 'mgs'
        return True
    return bool(difflib.get_close_matches(folded, list(MASS_UNITS), n=1, cutoff=0.75))


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
    if any(char.isdigit() and not char.isascii() for char in stripped):
        return "has digits of another script; write the figure with 0-9"
    if re.match(r"^\s*[\d.]+\s*[a-zA-Zµμ()]+\s*$", stripped, re.ASCII):
        return "has a unit magcli does not take; use mg, g or mcg"
    return "is not a quantity like 500, 500mg or 1.5g"


def _shown(text: str) -> str:
    from magcli.text import shorten

    return shorten(text)


# Ages ------------------------------------------------------------------------------------

# An age as people write it: 35, 0.5, 6mo, 18 months, 2y, 10 weeks.
AGE_UNITS: tuple[str, ...] = (
    "y",
    "yr",
    "yrs",
    "year",
    "years",
    "m",
    "mo",
    "mos",
    "month",
    "months",
)
AGE_UNITS += ("w", "wk", "wks", "week", "weeks", "d", "day", "days", "yo")
_AGE = re.compile(
    r"^\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?)\s*"
    rf"({'|'.join(AGE_UNITS)})?\s*$",
    re.IGNORECASE,
)
_PER_YEAR = {"y": 1.0, "m": 12.0, "w": 52.1775, "d": 365.25}  # by the unit's first letter


def is_age(text: str) -> bool:
    """Whether `text` is an age as the grammar reads one ('70', '70yo', '6mo')."""
    return _AGE.match(text) is not None


def age_said(text: str) -> str:
    """An age as a command line writes it, in one word: '70 years' as '70', '18 months'
    as '18mo', '2 weeks' as '2w', '3 days' as '3d'."""
    match = _AGE.match(text)
    if not match:
        return text
    unit = (match.group(2) or "y")[0].lower()
    return match.group(1) + {"y": "", "m": "mo", "w": "w", "d": "d"}[unit]


def parse_age(value: float | str | None, what: str = "--age ") -> float | None:
    """An age in years from a number (years) or text such as '6mo', '18m', '2y', '70yo',
    '10 weeks', '3 days'; None for none; a UsageError for anything else, naming the value
    as `what` says it was given (the range is checked by life_stage)."""
    if value is None or isinstance(value, int | float):
        return None if value is None else float(value)
    match = _AGE.match(value)
    if not match:
        from magcli.text import shorten

        raise UsageError(
            f"{what}{shorten(value)} is not an age: give years (35, 0.5, 2y), months (6mo, "
            "18m), weeks (10w) or days (3 days)"
        )
    unit = (match.group(2) or "y")[0].lower()
    return float(match.group(1)) / _PER_YEAR[unit]


# Weights ---------------------------------------------------------------------------------

# A body weight: a number of kilograms, or of pounds with its unit ('70', '70kg', '154 lb').
WEIGHT_UNITS: tuple[str, ...] = ("kg", "kgs", "kilo", "kilos", "kilogram", "kilograms")
WEIGHT_UNITS += ("lb", "lbs", "pound", "pounds")
_WEIGHT = re.compile(
    rf"^\s*{_NUMBER}\s*({'|'.join(WEIGHT_UNITS)})?\s*$",
    re.IGNORECASE,
)
KG_PER_POUND = 0.45359237
MIN_KG, MAX_KG = 1.0, 500.0


def parse_weight(value: float | str | None, what: str = "--weight") -> float | None:
    """A body weight in kg from a number (kg) or text such as '70kg', '70 kg' or
    '154 lb'; None for none; a UsageError for anything else or outside 1-500 kg."""
    if value is None:
        return None
    if isinstance(value, str):
        match = _WEIGHT.match(value)
        if not match:
            from magcli.text import shorten

            raise UsageError(
                f"{what} {shorten(value)} is not a body weight: give kilograms (70, 70kg) or "
                "pounds (154lb)"
            )
        pounds = (match.group(2) or "kg").lower().startswith(("lb", "pound"))
        kg = float(match.group(1)) * (KG_PER_POUND if pounds else 1.0)
    else:
        kg = float(value)
    if not (math.isfinite(kg) and MIN_KG <= kg <= MAX_KG):
        raise UsageError(f"{what} must be between 1 and 500 kg, not {kg:g}")
    return kg


# Times of day ----------------------------------------------------------------------------

# A time of day: 08:00, 8:00, 8.30, 8h30, 8am, 8 pm, 20h. Nothing else is read as one.
_CLOCK = re.compile(r"^(\d{1,2})(?:[:.h](\d{2})|h)?(am|pm)?$", re.I | re.A)
SURE_CLOCK = re.compile(r"^\d{1,2}(?:[:.h]\d{2}|h|am|pm)$", re.I | re.A)  # no plain number
DIGITS = re.compile(r"[0-9]+")  # ASCII digits only, matched whole (fullmatch)


def read_time(when: str, what: str) -> int:
    """A time of day as minutes after midnight: 08:00, 8:30, 8.30, 8h30, 8am, 8 am, 20h."""
    given = re.sub(r"\s+(am|pm)$", r"\1", when.strip().removeprefix("@").strip(), flags=re.I)
    match = _CLOCK.match(given)
    if match is None:
        hint = did_you_mean(given, SCHEDULE_WORDS)
        raise UsageError(
            f"{what}: {given[:20]!r} is not a time of day: give it after the name, as "
            f"08:00, 8:30, 8am or 20h, and then any days (sunday){hint}"
        )
    hours, minutes = int(match.group(1)), int(match.group(2) or 0)
    half = (match.group(3) or "").lower()
    if half:
        if not 1 <= hours <= 12:
            raise UsageError(f"{what}: {hours}{half} is not a time")
        hours = hours % 12 + (12 if half == "pm" else 0)
    if hours > 23 or minutes > 59:
        raise UsageError(f"{what}: {hours}:{minutes:02d} is not a time")
    return hours * 60 + minutes


def clock(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


# Days ------------------------------------------------------------------------------------

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # RFC 5545 BYDAY, in WEEKDAYS order
_DAY_NAMES = {
    **{day: place for place, day in enumerate(WEEKDAYS)},
    **{day + "s": place for place, day in enumerate(WEEKDAYS)},
    **{day[:3]: place for place, day in enumerate(WEEKDAYS)},
    "tues": 1,
    "weds": 2,
    "thur": 3,
    "thurs": 3,
}
_MONTHLY = {"monthly", "month", "months"}
_DAILY = {"daily", "everyday"}
_WEEKLY = {"weekly", "week"}
_FILLERS = {"every", "each", "on", "the", "of", "a", "per", "once", "and", ",", "day", "days"}
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$", re.I | re.A)
LAST_MONTH_DAY = 28  # every month has it, so a monthly reminder never skips a month
SCHEDULE_WORDS = (*WEEKDAYS, "daily", "weekly", "monthly")  # what a misspelling is held to


class Schedule(NamedTuple):
    """On which days a medicine is taken: every day, on some weekdays, or on one day of
    each month."""

    weekdays: tuple[int, ...] = ()  # 0 is Monday
    month_day: int | None = None

    @property
    def repeat(self) -> Literal["daily", "weekly", "monthly"]:
        """daily, weekly or monthly."""
        if self.month_day is not None:
            return "monthly"
        return "weekly" if self.weekdays else "daily"

    @property
    def said(self) -> str:
        """'every day', 'on Sundays', 'on Mondays and Thursdays', 'on day 1 of each month'."""
        if self.month_day is not None:
            return f"on day {self.month_day} of each month"
        if not self.weekdays:
            return "every day"
        days = [WEEKDAYS[day].capitalize() + "s" for day in self.weekdays]
        return "on " + (days[0] if len(days) == 1 else ", ".join(days[:-1]) + " and " + days[-1])


DAILY = Schedule()


def is_schedule_word(word: str) -> bool:
    folded = word.lower().strip(",")
    return (
        folded in _DAY_NAMES
        or folded in _MONTHLY
        or folded in _DAILY
        or folded in _WEEKLY
        or folded in _FILLERS
        or _ORDINAL.match(folded) is not None
    )


def is_month_day(words: list[str], place: int) -> bool:
    """Whether words[place] is a plain number that counts a day of the month: the word
    it follows (fillers aside) is 'day' or 'monthly' ('monthly on 15', 'day 3')."""
    if not DIGITS.fullmatch(words[place]):
        return False
    for word in reversed(words[:place]):
        folded = word.lower().strip(",")
        if folded in ("day", "days", *_MONTHLY):
            return True
        if folded not in _FILLERS:
            return False
    return False


def read_schedule(words: list[str], what: str) -> Schedule:
    """The days of 'sunday', 'every monday and thursday', 'mon,thu', 'daily', 'monthly on
    the 1st' or 'day 15 of each month'; a UsageError for `what` (the --medicine or the
    day file's entry) with the closest word for a misspelling."""
    words = [part for word in words for part in word.split(",") if part]
    weekdays: set[int] = set()
    month_day: int | None = None
    monthly = daily = weekly = False
    for place, word in enumerate(words):
        folded = word.lower()
        if folded in _FILLERS - {"day", "days"}:
            continue
        ordinal = _ORDINAL.match(folded)
        if ordinal or is_month_day(words, place):
            number = int(ordinal.group(1) if ordinal else folded)
            if month_day is not None and month_day != number:
                raise UsageError(f"{what}: one day of the month, not two")
            month_day = number
        elif folded in _DAY_NAMES:
            weekdays.add(_DAY_NAMES[folded])
        elif folded in _MONTHLY:
            monthly = True
        elif folded in _WEEKLY:
            weekly = True
        elif folded in _DAILY or folded in ("day", "days"):
            daily = daily or folded in _DAILY or not (monthly or month_day)
        else:
            hint = did_you_mean(folded, SCHEDULE_WORDS)
            raise UsageError(
                f"{what}: {word[:20]!r} is not a day: after the time give a weekday "
                f"(sunday), 'daily', or 'monthly on the 1st'{hint}"
            )
    if month_day is not None or monthly:
        if weekdays or weekly:
            raise UsageError(f"{what}: give a weekday or a day of the month, not both")
        if month_day is None:
            raise UsageError(
                f"{what}: say which day of the month, as 'ibandronate 07:00 monthly on the 1st'"
            )
        if not 1 <= month_day <= LAST_MONTH_DAY:
            raise UsageError(
                f"{what}: day {month_day} is not in every month: choose a day from 1 to "
                f"{LAST_MONTH_DAY}, so that no month is missed"
            )
        return Schedule(month_day=month_day)
    if weekly and not weekdays:
        raise UsageError(f"{what}: say which day of the week, as 'alendronate 07:00 sunday'")
    if words and not (weekdays or daily):  # 'alendronate 07:00 the': no day said at all
        raise UsageError(
            f"{what}: {' '.join(words)[:40]!r} names no day: after the time give a weekday "
            "(sunday), 'daily', or 'monthly on the 1st'"
        )
    if weekdays and daily:
        raise UsageError(f"{what}: give 'daily' or weekdays, not both")
    return Schedule(weekdays=tuple(sorted(weekdays)))


# Every word that names a unit in this grammar: what may follow a figure as a word of its
# own on a command line ('--age 6 months').
UNIT_WORDS = frozenset((*MASS_UNITS, *AGE_UNITS, *WEIGHT_UNITS))
