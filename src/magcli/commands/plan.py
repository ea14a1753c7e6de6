"""magcli plan: a timetable that keeps magnesium clear of every medicine."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any, Literal, NamedTuple

from pydantic import Field

from magcli.commands.common import (
    UNLISTED_SAID,
    Unlisted,
    catalogue_of,
    dose_fields,
    medicines_taken,
    planned_out,
    read_amount,
    region_out,
    sources_out,
)
from magcli.domain.catalog import Resolver, load_reference
from magcli.domain.grammar import MAX_DAY_MG, check_milligrams
from magcli.domain.nutrition import (
    above_guidance,
    above_limit,
    adult_needs,
    guidance_said,
    limit_warning,
    resolve_region,
)
from magcli.errors import UsageError
from magcli.options import (
    Answer,
    Argument,
    DataOption,
    MedicineOption,
    RegionOption,
    bad_option,
    option,
    shell_word,
    suggest,
)
from magcli.render import View
from magcli.render.blocks import Block, Column, Entry, Grid, Layout, Lead, Para, Sources, text
from magcli.results import (
    DISCLAIMER,
    MedicineDoseOut,
    Out,
    PlannedMedicineOut,
    RegionOut,
    Result,
    SourceOut,
)
from magcli.text import escape_unsafe, mg_text, shorten, unnested
from magcli.text import figure as written

if TYPE_CHECKING:
    from magcli.domain.models import Catalog
    from magcli.render import View


class PlannedDoseOut(Out):
    """A magnesium dose placed in the day."""

    time: str = Field(description="HH:MM")
    magnesium_mg: float
    why: str = Field(description="the rules that bound this time")
    sources: list[str]


class UnlistedMedicineOut(MedicineDoseOut):
    """A medicine dose given that magcli's interaction table does not list."""

    note: str = Field(description="that not being listed is no sign it is safe together")


class PlanResult(Result):
    """magcli plan --json"""

    command: Literal["plan"]
    region: RegionOut
    magnesium_mg_per_day: float = Field(description="the day's magnesium to place")
    medicines: list[PlannedMedicineOut]
    unlisted: list[UnlistedMedicineOut] = Field(
        default=[],
        description="medicines magcli's table does not list: shown in the day, with no "
        "spacing kept from them",
    )
    doses: list[PlannedDoseOut] = Field(description="empty when no time of day is safe")
    conflicts: list[str] = Field(description="why no time, or no second time, is safe")
    cautions: list[str] = Field(description="medicines whose advice comes before any timing")
    notes: list[str]
    sources: list[SourceOut]
    warnings: list[str] = Field(default=[], description="also written to stderr")
    disclaimer: str = DISCLAIMER


class PlanRowOut(Out):
    """One moment of the day, as the flat formats (csv, tsv, jsonl) give it."""

    time: str = Field(description="HH:MM")
    kind: Literal["medicine", "fasting", "unlisted", "magnesium"]
    what: str
    magnesium_mg: float | None = Field(description="a magnesium dose's amount")
    why: str


RESULT = PlanResult
# The flat formats (csv, tsv, jsonl): which list holds the rows, and one row's model.
ROWS = ("doses", PlanRowOut)  # its rows: flat_rows, the whole day
# Fields of the document repeated at the start of every row, so no row is read without them.
CARRIED = [("region", "id"), ("magnesium_mg_per_day",), ("conflicts",), ("notes",)]


def plan(
    *files: str | os.PathLike[str],
    medicines: Sequence[str] = (),
    magnesium: float | str | None = None,
    region: str = "us",
    catalog: Catalog | str | os.PathLike[str] | None = None,
) -> PlanResult:
    """A daily timetable: the day's magnesium (a shelf file's products at their servings a
    day, or an amount) placed outside every medicine's spacing window, in two doses where
    the region advises it or the dose is large, in the evening where nothing decides."""
    from magcli.domain.grammar import clock
    from magcli.domain.planning import plan_day, split_reason
    from magcli.domain.shelf import Shelf, read_day

    reference = load_reference()
    where = resolve_region(reference, region)
    chosen = catalogue_of(catalog)
    paths = [os.fspath(file) for file in files]
    day = read_day(paths, Resolver(chosen), need_products=False) if paths else Shelf()
    unlisted: list[Unlisted] = []
    taken = medicines_taken(reference, chosen, medicines, day.medicines, unlisted)
    if not taken and not unlisted:
        raise UsageError(
            "plan needs the medicines and their times: --medicine 'doxycycline 08:00', or "
            "[[medicines]] in a day file"
        )
    if magnesium is not None and day.products:
        raise UsageError("give the magnesium to take once: a shelf file's products, or --magnesium")
    if magnesium is not None:
        day_mg = read_amount(magnesium, "--magnesium", MAX_DAY_MG)
        assert day_mg is not None
    elif day.products:
        day_mg = sum((p.magnesium_mg or 0) * (p.servings_per_day or 1) for p in day.products)
        if not day_mg:
            raise UsageError("the shelf gives no amount of magnesium to place")
        check_milligrams(day_mg, f"{day_mg:,.1f} mg", "the shelf's day of", MAX_DAY_MG)
    else:
        raise UsageError("give the magnesium to take: a shelf file, or --magnesium 300mg")
    region_data = reference.region(where)
    adult = adult_needs(reference, where)
    limit = adult.ul_mg
    why = split_reason(day_mg, region_data.split_doses_by)
    timetable = plan_day(taken, day_mg, split=why is not None)
    medicines_out = planned_out(taken)
    notes = list(timetable.notes)
    if len(timetable.doses) == 2 and why:
        notes.append(f"Split in two: {why}.")
    keys = [key for dose in taken for key in dose.rule.sources]
    over = [f"{medicine.name}: {UNLISTED_SAID}." for medicine in unlisted]
    if limit is not None and above_limit(day_mg, limit):
        whose = f"adults, {unnested(region_data.name)}"
        over.append(limit_warning(day_mg, limit, whose, then="'magcli stack' checks a whole day."))
    elif above_guidance(day_mg, adult):  # no limit, but a guidance level (the UK's)
        over.append(guidance_said(day_mg, adult))
    if above_limit(day_mg, limit) or above_guidance(day_mg, adult):  # whose level it is
        keys += [*reference.region(where).sources, *reference.table(where).sources]
    return PlanResult(
        data_version=reference.data_version,
        command="plan",
        region=region_out(reference, where),
        magnesium_mg_per_day=round(day_mg, 1),
        medicines=medicines_out,
        unlisted=[
            UnlistedMedicineOut(
                **dose_fields(medicine.name, medicine.minutes, medicine.schedule),
                note=UNLISTED_SAID,
            )
            for medicine in sorted(unlisted, key=lambda medicine: medicine.minutes)
        ],
        doses=[
            PlannedDoseOut(
                time=clock(dose.minutes),
                magnesium_mg=dose.magnesium_mg,
                why=dose.why,
                sources=list(dose.sources),
            )
            for dose in timetable.doses
        ],
        conflicts=timetable.conflicts,
        cautions=timetable.cautions,
        notes=notes,
        sources=sources_out(keys, reference.sources),
        warnings=[*timetable.conflicts, *timetable.cautions, *timetable.warnings, *over],
    )


LEAST_DAY_MG = 10.0  # a bare --magnesium under this is asked about: mg, or grams?
FIRST_START, LAST_START = 1900, 9000  # years a calendar's first day may fall in


# What a person sees ---------------------------------------------------------------------


def layout(result: PlanResult, view: View) -> Layout:
    """When to take the magnesium (or that no time is safe), the day in order with why
    each dose sits where it does, then the notes, the region and the sources."""
    lead = Lead(_lead(result), tone="strong" if result.doses else "alarm")
    answer: list[Block] = [lead, _day(result, brief=True), _day(result, brief=False)]
    detail: list[Block] = [Para(note, tone="quiet") for note in result.notes]
    detail += [Sources(result.sources)]
    return Layout("Your day", answer, detail)


def _day(result: PlanResult, brief: bool) -> Grid:
    """The day in order as a table: each medicine's rule in a few words (the compact
    view's) or in full (--long and the documents)."""
    rows = []
    for moment in _timeline(result, brief):
        tone = (
            "strong"
            if moment.kind == "magnesium"
            else "caution"
            if moment.kind == "unlisted"
            else ""
        )
        what = [Entry(moment.what, tone=tone)]
        if moment.days:  # on a line of its own: the column stays narrow, the reasons wide
            what.append(Entry(f"({moment.days})", tone="quiet"))
        rows.append([[Entry(moment.time, tone=tone)], what, text(moment.why)])
    columns = [Column("Time", "word"), Column("What"), Column("Why", weight=3)]
    title = f"Your day ({unnested(result.region.name)})"
    return Grid(columns, rows, title=title, when="compact" if brief else "detail")


def _lead(result: PlanResult) -> str:
    """The answer: when to take the magnesium, or that no time is safe."""
    if not result.doses:
        return "No time of day is safe for magnesium with these medicines: " + " ".join(
            result.conflicts
        )
    said = " and ".join(f"{mg_text(dose.magnesium_mg)} at {dose.time}" for dose in result.doses)
    sometimes = list(  # each once, though taken twice on its days
        dict.fromkeys(
            f"{medicine.name} {medicine.days}"
            for medicine in result.medicines
            if medicine.repeat != "daily"
        )
    )
    also = f" (the same times keep clear of {' and '.join(sometimes)})" if sometimes else ""
    if result.cautions:  # the advice of a medicine comes before any timetable
        return (
            f"Only if your prescriber agrees (see the warnings): magnesium {said}, every day{also}."
        )
    return f"Take magnesium: {said}, every day{also}."


class Moment(NamedTuple):
    """A moment of the day: when, what kind of thing, what, and why it is there."""

    time: str
    kind: Literal["medicine", "fasting", "unlisted", "magnesium"]
    what: str
    why: str
    magnesium_mg: float | None = None
    days: str = ""  # where it is not every day: 'Sundays'

    @property
    def said(self) -> str:
        """What, with its days: 'alendronate (Sundays)'."""
        return f"{self.what} ({self.days})" if self.days else self.what


def _timeline(result: PlanResult, brief: bool = False) -> list[Moment]:
    """The day in order: every medicine dose (with its days where it is not taken
    daily, and its rule in full or, `brief`, in a few words), the end of a fasting
    medicine's wait, the medicines magcli does not list, and every magnesium dose."""
    rows = []
    for medicine in result.medicines:
        days = "" if medicine.repeat == "daily" else medicine.days.removeprefix("on ")
        why = (medicine.rule_brief if brief else medicine.rule) or "no spacing rule"
        rows.append(Moment(medicine.time, "medicine", medicine.name, why, days=days))
        if medicine.fasting_minutes:
            hours, minutes = (int(part) for part in medicine.time.split(":"))
            end = hours * 60 + minutes + medicine.fasting_minutes
            rows.append(
                Moment(
                    f"{end // 60 % 24:02d}:{end % 60:02d}",
                    "fasting",
                    "food and drink again",
                    f"{medicine.fasting_minutes} minutes after {medicine.name}: nothing but "
                    "plain water until now",
                    days=days,
                )
            )
    for unlisted in result.unlisted:
        days = "" if unlisted.repeat == "daily" else unlisted.days.removeprefix("on ")
        rows.append(Moment(unlisted.time, "unlisted", unlisted.name, unlisted.note, days=days))
    rows += [
        Moment(
            dose.time,
            "magnesium",
            f"magnesium {mg_text(dose.magnesium_mg)}",
            dose.why,
            dose.magnesium_mg,
        )
        for dose in result.doses
    ]
    return sorted(rows, key=lambda row: (row.time, row.kind != "magnesium"))


def _medicine_as_file(files: list[str], medicines: list[str], magnesium: str | None) -> None:
    """`plan levothyroxine 7am`: words that name no file but a medicine and a time are
    the --medicine meant; the command to copy is given."""
    if not files or any(os.path.lexists(word) for word in files):
        return
    from magcli.domain.catalog import load_reference
    from magcli.domain.medicines import read_medicines

    found, _ = read_medicines(load_reference(), " ".join(files))
    if not found:
        return
    given = [*medicines, " ".join(files)]
    amount = magnesium or "300mg"
    words = " ".join(f"--medicine {shell_word(name)}" for name in given)
    suggest(
        f"{shell_word(' '.join(files))} names no file but a medicine; give it with --medicine "
        "(its time last), and the magnesium to place:",
        [f"plan {words} --magnesium {shell_word(amount)}"],
    )


def flat_rows(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The flat formats' rows: the whole day in order, medicines and magnesium alike."""
    return [
        PlanRowOut(
            time=moment.time,
            kind=moment.kind,
            what=moment.said,
            magnesium_mg=moment.magnesium_mg,
            why=moment.why,
        ).model_dump(mode="json")
        for moment in _timeline(PlanResult.model_validate(document))
    ]


def cli(
    files: Annotated[
        list[str] | None,
        Argument(
            metavar="FILE",
            help="Shelf files: the day's magnesium, each product at its servings_per_day.",
            show_default=False,
        ),
    ] = None,
    medicine: MedicineOption = None,
    magnesium: Annotated[
        str | None,
        option("--magnesium", metavar="AMOUNT", help="The day's magnesium (300mg)."),
    ] = None,
    region: RegionOption = "us",
    start: Annotated[
        str | None,
        option(
            "--start",
            metavar="YYYY-MM-DD",
            help="-f ics: the first day (default: today).",
            carried=True,
        ),
    ] = None,
    data: DataOption = None,
) -> Answer:
    """Your timetable: magnesium kept clear of every medicine's spacing window.

    Each magnesium dose is placed at least the hours the interaction table gives after
    and before every dose of every medicine, never before a medicine that must come
    first (a bisphosphonate on its morning), in the evening where nothing else decides,
    and in two doses where the region advises it or the amount is large. A weekly or
    monthly medicine ('alendronate 07:00 sunday', 'ibandronate 07:00 monthly on the
    1st') is kept clear on its days with the same times every day. It says so when no
    time of day is safe. -f ics writes reminders for a calendar: magnesium daily, each
    medicine on its own days.

    Example: magcli plan --medicine doxycycline@08:00 --magnesium 200mg
    """
    import datetime

    day = start
    if day is None:
        day = datetime.date.today().isoformat()
    else:
        try:  # YYYY-MM-DD only (fromisoformat also takes 20261201 and week dates)
            if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", day.strip()):
                raise ValueError(day)
            when = datetime.date.fromisoformat(day.strip())
        except ValueError:
            shaped = re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", day) is not None
            bad_option(
                f"{escape_unsafe(shorten(day))} is no day of the calendar"
                if shaped
                else f"{escape_unsafe(shorten(day))} is not a date: give YYYY-MM-DD",
                "--start",
            )
        if not FIRST_START <= when.year <= LAST_START:
            bad_option(
                f"{when.isoformat()}: give a first day from {FIRST_START} to {LAST_START}",
                "--start",
            )
        day = when.isoformat()
    from magcli.domain.grammar import is_bare_figure

    if magnesium is not None and is_bare_figure(magnesium) and float(magnesium) < LEAST_DAY_MG:
        figure = written(float(magnesium))  # a day's magnesium is hundreds of mg, not a few
        given = [*(files or []), *(f"--medicine={name}" for name in medicine or [])]
        words = " ".join(shell_word(word) for word in given)
        suggest(
            f"--magnesium {figure} is read as {figure} mg a day, far less than a dose; if you "
            "mean grams, or mean it, one of:",
            [f"plan {words} --magnesium {figure}{unit}" for unit in ("g", "mg")],
        )
    _medicine_as_file(files or [], medicine or [], magnesium)
    result = plan(
        *(files or []),
        medicines=medicine or [],
        magnesium=magnesium,
        region=region,
        catalog=data,
    )
    return Answer(result, View(start=day))
