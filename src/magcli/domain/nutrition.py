"""Who needs how much: life stages, requirements, and food servings. No I/O."""

from __future__ import annotations

import math
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from magcli.domain.grammar import parse_age, parse_weight
from magcli.errors import UsageError

if TYPE_CHECKING:
    from magcli.domain.reference import Food, Intake, IntakeStage, Reference

MAX_AGE = 130
MAX_PREGNANCY_AGE = 50  # the tables' last pregnancy and lactation band ends at 50 (IOM 1997)


class Sex(StrEnum):
    """Sex as the intake tables use it."""

    FEMALE = "female"
    MALE = "male"

    @classmethod
    def _missing_(cls, value: object) -> Sex | None:
        """The other words people use: f, m, woman, man, girl, boy (and their plurals)."""
        return SEX_WORDS.get(str(value).lower())


SEX_WORDS = {
    **dict.fromkeys(("f", "woman", "women", "w", "girl", "girls"), Sex.FEMALE),
    **dict.fromkeys(("m", "man", "men", "boy", "boys"), Sex.MALE),
}


PREGNANT_WORDS = frozenset(("pregnant", "pregnancy"))
# Words around a person's age that say nothing more: '70 years old', 'aged 70'.
PERSON_PASSING = frozenset(("old", "aged", "age", "year-old", "years-old", "a", "an"))
LACTATING_WORDS = frozenset(
    ("lactating", "lactation", "breastfeeding", "breast-feeding", "nursing")
)


class Person(NamedTuple):
    """A person as words on a command line give them ('70 female', '6 months')."""

    age: str | None = None
    sex: Sex | None = None
    pregnant: bool = False
    lactating: bool = False


def is_person_word(word: str) -> bool:
    """Whether `word` names a sex or a state (pregnant, breastfeeding)."""
    folded = word.strip().casefold()
    return (
        folded in SEX_WORDS
        or folded in ("female", "male")
        or folded in PREGNANT_WORDS | LACTATING_WORDS
    )


def person_words(words: list[str]) -> Person:
    """The person the words describe: a figure is the age (with its unit, the next word:
    '6 months'), a sex in any of its words, and the states of pregnancy and
    breastfeeding; a UsageError for any other word, or for two of one kind."""
    from magcli.domain.grammar import AGE_UNITS, parse_age
    from magcli.text import one_line, readable, shorten_text

    def said(word: str) -> str:  # as a message may show it: any bytes, any length
        return "'" + shorten_text(one_line(readable(word)), 40) + "'"

    age: str | None = None
    sex: Sex | None = None
    pregnant = lactating = False
    index = 0
    while index < len(words):
        word = words[index].strip()
        folded = word.casefold()
        index += 1
        if folded in PERSON_PASSING:
            continue
        if folded in PREGNANT_WORDS:
            pregnant = True
        elif folded in LACTATING_WORDS:
            lactating = True
        elif folded in SEX_WORDS or folded in ("female", "male"):
            if sex is not None and Sex(folded) is not sex:
                raise UsageError(f"{said(word)}: a person has one sex here; give one of them")
            sex = Sex(folded)
        elif folded[:1].isdigit() or folded[:1] == ".":
            if age is not None:
                raise UsageError(f"{said(word)}: the age is given already ({said(age)})")
            follows = words[index].strip().casefold() if index < len(words) else ""
            if follows in AGE_UNITS and follows in SEX_WORDS:  # '6 m': months, or male?
                raise UsageError(
                    f"{word} {follows}: {follows!r} may be the age's unit or a sex; write the "
                    f"unit next to the figure ({word}{follows}) or the sex in full (female, male)"
                )
            if follows in AGE_UNITS:  # '6 months'
                word, index = f"{word} {follows}", index + 1
            parse_age(word, what="")  # an age, or the error that says why not
            age = word
        else:
            from magcli.domain.names import suggestions

            known = ["female", "male", *sorted(PREGNANT_WORDS), *sorted(LACTATING_WORDS)]
            close = suggestions(folded, known, limit=1) if len(folded) > 2 else []
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise UsageError(
                f"{said(word)} is no age, sex or state{hint}; give an age (35, 6 months), a sex "
                "(female, male) and, if they apply, pregnant or breastfeeding"
            )
    return Person(age, sex, pregnant, lactating)  # as one person with the options: person_of


_AROUND_AGE = frozenset(("old", "year-old", "years-old"))  # after the age: '70 years old'
_BEFORE_AGE = frozenset(("aged", "age", "a", "an"))  # before it: 'aged 70', 'a 70 ...'


def person_among(words: Sequence[str], bare: bool = True) -> tuple[Person, list[str]]:
    """The person among other words (file names, food names, a form and its amount), and
    the words left: a sex or a state in any of its words; a figure with an age's unit
    ('70yo', '6 months', '70 years old', 'aged 70'); with `bare`, a bare figure beside a
    sex or a state ('70 female'). Where the words may hold an amount, `bare` is False
    until the amount is given otherwise, so that an amount is never taken for an age.
    Read by intake's own grammar (person_words)."""
    from magcli.domain.grammar import AGE_UNITS, is_age, is_bare_figure

    folded = [word.strip().casefold() for word in words]
    chosen: set[int] = set()
    for index, word in enumerate(folded):
        after = folded[index + 1] if index + 1 < len(folded) else ""
        before = folded[index - 1] if index else ""
        beside = bare and (is_person_word(after) or is_person_word(before))
        if is_person_word(word) or (is_age(word) and not is_bare_figure(word)):
            chosen.add(index)
        elif is_bare_figure(word) and (
            beside or after in AGE_UNITS or after in _AROUND_AGE or before in _BEFORE_AGE
        ):
            chosen.add(index)
            if after in AGE_UNITS:
                chosen.add(index + 1)
    for index, word in enumerate(folded):  # the words around an age chosen: 'aged', 'old'
        if ((word in _AROUND_AGE or word in AGE_UNITS) and index - 1 in chosen) or (
            word in _BEFORE_AGE and index + 1 in chosen
        ):
            chosen.add(index)
    if not any(index in chosen for index, word in enumerate(folded) if word not in _BEFORE_AGE):
        return Person(), list(words)
    person = person_words([words[index] for index in sorted(chosen)])
    return person, [word for index, word in enumerate(words) if index not in chosen]


class LifeStage(NamedTuple):
    """A person as the intake tables see them."""

    age: float
    sex: Sex | None = None
    pregnant: bool = False
    lactating: bool = False

    def describe(self) -> str:
        """'35-year-old pregnant female', in plain words."""
        if self.age >= 2 or self.age == 1:  # a toddler's age is said in months: '18-month-old'
            age = f"{round(self.age, 1):g}-year-old"
        elif self.age * 12 >= 1:
            age = f"{round(self.age * 12, 1):g}-month-old"
        elif round(self.age * 365.25):  # under a month: in days, as a newborn's age is said
            age = f"{round(self.age * 365.25):g}-day-old"
        else:
            age = "newborn"
        words = [age]
        if self.pregnant:
            words.append("pregnant")
        if self.lactating:
            words.append("breastfeeding")
        if self.sex:
            words.append(self.sex.value)
        return " ".join(words)


def life_stage(
    age: float | str | None,
    sex: Sex | None = None,
    pregnant: bool = False,
    lactating: bool = False,
) -> LifeStage | None:
    """The life stage the options describe, None when none was given, or a UsageError."""
    years = parse_age(age)
    if years is None:
        if sex or pregnant or lactating:
            raise UsageError("--age is needed with --sex, --pregnant or --lactating")
        return None
    if not 0 <= years <= MAX_AGE:
        raise UsageError(f"--age must be between 0 and {MAX_AGE} years, not {years:g}")
    if pregnant and lactating:
        raise UsageError("choose one of --pregnant and --lactating")
    if (pregnant or lactating) and sex is Sex.MALE:
        raise UsageError("--pregnant and --lactating go with --sex female")
    if (pregnant or lactating) and years > MAX_PREGNANCY_AGE:
        state = "pregnancy" if pregnant else "breastfeeding"
        raise UsageError(
            f"the intake tables give {state} values up to age {MAX_PREGNANCY_AGE}, not "
            f"at {years:g}; ask a clinician"
        )
    if pregnant or lactating:
        sex = Sex.FEMALE
    return LifeStage(years + 0.0, sex, pregnant, lactating)  # + 0.0: -0 is 0


class Requirement(NamedTuple):
    """What a region's intake table says for one person."""

    stage: IntakeStage
    reference: str  # what the authority calls the value: RDA, AI, RNI, RDI
    rda_mg: int | None  # None when the sexes differ and no sex was given, or none is set
    ul_mg: int | None  # None where no upper limit is set (or it is per kg, weight unknown)
    region: str = "us"
    ul_mg_per_kg: float | None = None  # an upper limit set per kg of body weight
    guidance_mg: int | None = None  # where no limit is set: a guidance level, not a limit
    guidance_by: str | None = None  # whose: "the UK's EVM (2003)"

    @property
    def value_set(self) -> bool:
        """Whether the authority sets an intake value at all for this age."""
        return self.stage.male_mg is not None or self.stage.female_mg is not None


def stage_for(table: Intake, age: float) -> IntakeStage:
    """The intake table's row for an age in years."""
    for stage in table.stages:
        if stage.covers(age):
            return stage
    raise UsageError(f"no intake values for age {age:g}")  # pragma: no cover - table is complete


def requirement(
    reference: Reference,
    person: LifeStage,
    region: str = "us",
    weight_kg: float | None = None,
) -> Requirement:
    """The intake value and the supplement upper limit for a person, in a region's table
    (the US one unless said)."""
    table = reference.table(region)
    stage = stage_for(table, person.age)
    if person.pregnant or person.lactating:
        value = stage.pregnancy_mg if person.pregnant else stage.lactation_mg
        if value is None:
            state = "pregnancy" if person.pregnant else "breastfeeding"
            raise UsageError(
                f"the intake table gives no {state} value for age {person.age:g} "
                f"({stage.label}); ask a clinician"
            )
        rda: int | None = value
    elif person.sex is Sex.MALE:
        rda = stage.male_mg
    elif person.sex is Sex.FEMALE or stage.male_mg == stage.female_mg:
        rda = stage.female_mg
    else:
        rda = None
    ul = stage.ul_mg
    if ul is None and stage.ul_mg_per_kg is not None and weight_kg is not None:
        ul = round(stage.ul_mg_per_kg * weight_kg)
    return Requirement(
        stage,
        stage.reference,
        rda,
        ul,
        region,
        stage.ul_mg_per_kg,
        stage.guidance_mg,
        table.guidance_by if stage.guidance_mg is not None else None,
    )


def percent_of(amount_mg: float, of_mg: float) -> float:
    """`amount_mg` as a percentage of `of_mg`."""
    return amount_mg / of_mg * 100


# Upper limits ----------------------------------------------------------------------------
# One rule for every command that sets an amount against a limit (dose, intake, stack,
# products, plan): the person's limit in the region, an adult's where no person is given,
# and an amount is above it when, as shown to 0.1 mg, it is more.

ADULT_AGE = 30.0  # the age whose values stand for 'an adult' when no --age is given


def adult_needs(reference: Reference, region_id: str) -> Requirement:
    """The region's values for an adult, as a command without --age takes them."""
    adult = life_stage(ADULT_AGE)
    assert adult is not None
    return requirement(reference, adult, region_id)


def adult_limit(reference: Reference, region_id: str) -> int | None:
    """The region's supplement upper limit for an adult (None where it sets none)."""
    return adult_needs(reference, region_id).ul_mg


def above_guidance(amount_mg: float, needs: Requirement) -> bool:
    """Whether an amount is above the guidance level, where no limit is set but one is."""
    level = needs.guidance_mg if needs.ul_mg is None else None
    return level is not None and round(amount_mg, 1) > level


def needs_for(
    reference: Reference, person: LifeStage, region: str, weight_kg: float | str | None = None
) -> Requirement:
    """The person's values in the region; a limit set per kg of body weight is worked
    out from the weight and never set above an adult's."""
    needs = requirement(reference, person, region, parse_weight(weight_kg))
    adult_ul = adult_limit(reference, region)
    if needs.ul_mg_per_kg is not None and needs.ul_mg is not None and adult_ul is not None:
        needs = needs._replace(ul_mg=min(needs.ul_mg, adult_ul))
    return needs


def above_limit(amount_mg: float, limit_mg: int | None) -> bool | None:
    """Whether `amount_mg` (as shown, to 0.1 mg) is above the limit; None without one
    (none set, or set per kg and the weight unknown)."""
    if limit_mg is None:
        return None
    return round(amount_mg, 1) > limit_mg


def limit_warning(
    amount_mg: float, limit_mg: int, whose: str, then: str = "", daily: bool = True
) -> str:
    """The warning for an amount above the supplement upper limit, in the same words
    everywhere: the amount (a day's, or with `daily` False one dose's), the limit and
    whose it is ('adults, US'), then what to do (by default, what happens above it)."""
    from magcli.text import mg_text

    then = then or "Above it, diarrhoea and cramps become likely; take less, or ask a clinician."
    amount = (
        f"{mg_text(amount_mg)} of supplemental magnesium a day is above the {limit_mg} mg"
        if daily
        else f"{mg_text(amount_mg)} of magnesium is above the {limit_mg} mg a day"
    )
    return f"{amount} upper limit ({whose}). {then}"


def guidance_said(amount_mg: float, needs: Requirement, daily: bool = True) -> str:
    """Where no upper limit is set but a guidance level is: the amount against it, said
    as what it is (the amount up to which harm is unlikely), never as a limit."""
    from magcli.text import mg_text

    level, whose = needs.guidance_mg, needs.guidance_by
    if not above_guidance(amount_mg, needs):
        return (
            f"No upper limit is set at {needs.stage.label}; {whose} gives a guidance level, "
            f"not a limit: up to {level} mg a day of supplemental magnesium, harm is unlikely."
        )
    amount = (
        f"{mg_text(amount_mg)} of supplemental magnesium a day is above the {level} mg"
        if daily
        else f"{mg_text(amount_mg)} of magnesium is above the {level} mg a day"
    )
    return (
        f"{amount} guidance level of {whose}, the amount up to which harm is unlikely; it is "
        "not a limit, and none is set. Take less, or ask a clinician."
    )


CHILD_UNTIL_YEARS = 9  # the intake table's child stages (1-3, 4-8 years), low upper limits


def limit_warnings(
    amount_mg: float,
    needs: Requirement,
    region_name: str,
    percent_of_need: float | None = None,
    daily: bool = True,
) -> list[str]:
    """What a person must read about an amount of magnesium from supplements (a day's,
    or with `daily` False one dose's), the same for every command: above the upper limit
    first; a limit set per kg without the weight; no limit set; then an infant's or a
    young child's."""
    found = []
    stage = needs.stage
    limit = needs.ul_mg
    above = above_limit(amount_mg, limit)
    if above and limit is not None:
        found.append(limit_warning(amount_mg, limit, f"{region_name}, {stage.label}", daily=daily))
    if limit is None:
        infant = stage.to_years is not None and stage.to_years <= 1
        if infant:
            said = "No upper limit is set for infants."
        elif needs.guidance_mg is not None:
            said = guidance_said(amount_mg, needs, daily)
        elif needs.ul_mg_per_kg is not None:
            said = (
                f"The upper limit at {stage.label} is {needs.ul_mg_per_kg:g} mg per kg of body "
                "weight a day from supplements: give --weight for a verdict."
            )
        else:
            said = f"No upper limit is set at {stage.label}."
        if infant and percent_of_need is not None and percent_of_need > 100:
            alone = "The supplements alone are" if daily else "This dose alone is"
            said += (
                f" {alone} {percent_of_need:.0f}% of an infant's adequate intake for a whole "
                "day, milk and food included."
            )
        if infant or stage.from_years < CHILD_UNTIL_YEARS:
            whom = "an infant" if infant else "a child"
            said += f" Give {whom} magnesium supplements only on a clinician's advice."
        found.append(said)
    elif stage.from_years < CHILD_UNTIL_YEARS:
        said = (  # the warning above has said the limit already
            ""
            if above
            else f"The upper limit for a child of {stage.label} is {limit} mg a day from "
            "supplements. "
        )
        found.append(said + "Ask a clinician before giving a child a magnesium supplement.")
    return found


class FoodRow(NamedTuple):
    """A food with its share of the Daily Value, and servings to reach an RDA if asked."""

    food: Food
    percent_dv: int
    servings_for_rda: float | None


class FoodSort(StrEnum):
    """Orders the food table can take."""

    MG = "mg"
    NAME = "name"


MAX_TOP = 1_000_000  # far more rows than any table holds; bounds what a document echoes


def food_rows(
    reference: Reference,
    *,
    names: Sequence[str] = (),
    top: int | None = None,
    min_mg: float = 0,
    sort: FoodSort = FoodSort.MG,
    rda_mg: int | None = None,
) -> list[FoodRow]:
    """Foods with at least `min_mg` per serving, richest first (or by name), at most `top`."""
    if top is not None and not 1 <= top <= MAX_TOP:
        shown = f"{top}" if abs(top) < 10**12 else f"a number of {len(str(abs(top))):,} digits"
        raise UsageError(f"--top must be between 1 and {MAX_TOP:,}, not {shown}")
    if not math.isfinite(min_mg) or min_mg < 0:
        raise UsageError(f"--min-mg must be 0 or more, not {min_mg:g}")
    wanted = [name.casefold().strip() for name in names if name.strip()]
    items = [
        item
        for item in reference.foods.items
        if item.mg >= min_mg
        and (not wanted or any(word in item.food.casefold() for word in wanted))
    ]
    if sort is FoodSort.MG:
        items.sort(key=lambda item: -item.mg)
    else:
        items.sort(key=lambda item: item.food.casefold())
    if top is not None:
        items = items[:top]
    dv = reference.daily_value_mg
    return [
        FoodRow(
            item,
            round(percent_of(item.mg, dv)),
            None if rda_mg is None else rda_mg / item.mg,
        )
        for item in items
    ]


def resolve_region(reference: Reference, name: str) -> str:
    """The region id a name refers to ('eu', 'Europe', 'uk'), or a UsageError naming the
    regions and the closest one."""
    from magcli.domain.names import did_you_mean, normalize_name
    from magcli.text import escape_unsafe, shorten

    names = {
        normalize_name(alias): region.id
        for region in reference.regions
        for alias in (region.id, *region.aliases)
    }
    found = names.get(normalize_name(name[:200])) if name.strip() else None
    if found is not None:
        return found
    hint = did_you_mean(name[:200], names, limit=1)
    ids = ", ".join(region.id for region in reference.regions)
    raise UsageError(f"unknown region {escape_unsafe(shorten(name))}{hint} (regions: {ids})")
