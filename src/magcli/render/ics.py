"""iCalendar (RFC 5545): a plan's magnesium doses as daily recurring reminders, and each
medicine on its own days (daily, weekly, monthly), that phone and desktop calendars
import. Only `plan` has a timetable to write."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, TextIO, cast

from magcli.errors import UsageError
from magcli.results import DISCLAIMER, PlannedMedicineOut

if TYPE_CHECKING:
    from types import ModuleType

    from magcli.commands.plan import PlanResult, UnlistedMedicineOut
    from magcli.render import View
    from magcli.results import Result


def render(document: Result, stream: TextIO, view: View, command: ModuleType) -> str:
    if document.command != "plan":  # render.ONLY_FOR
        raise UsageError("the ics format is for 'magcli plan' only: it writes a timetable")
    result = cast("PlanResult", document)
    if not result.doses:
        raise UsageError(
            "no time of day is safe, so there is nothing to put in a calendar: "
            + "; ".join(result.conflicts)
        )
    first_day = datetime.date.fromisoformat(view.start)
    start = _date(first_day)
    from magcli.paths import digest

    # The same plan keeps its UIDs whatever day it starts, so a calendar that imports it
    # again updates its events rather than adding a second set.
    plan_id = digest(result.model_dump_json().encode("utf-8")).hex()[:16]
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//magcli//magcli plan//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    rules = "; ".join(
        f"{medicine.name} at {medicine.time} {medicine.days}: {medicine.rule.rstrip('.')}"
        for medicine in result.medicines
    )
    # What the table says first travels with every reminder: a medicine's advice that
    # comes before any timing, and every warning.
    heed = " ".join(f"Warning: {warning}" for warning in result.warnings)
    only_if = " (only if your prescriber agrees)" if result.cautions else ""
    events = [
        (
            f"Magnesium {dose.magnesium_mg:g} mg{only_if}",
            dose.time,
            "FREQ=DAILY",
            first_day,
            f"{heed} {dose.why}. {f'Rules: {rules}. ' if rules else ''}{DISCLAIMER}".strip(),
        )
        for dose in result.doses
    ]
    events += [
        (
            f"Medicine: {medicine.name}",
            medicine.time,
            _rule(medicine),
            _first(medicine, first_day),
            f"{medicine.days[:1].upper()}{medicine.days[1:]}. {medicine.rule} {DISCLAIMER}",
        )
        for medicine in result.medicines
    ]
    events += [
        (
            f"Medicine: {medicine.name}",
            medicine.time,
            _rule(medicine),
            _first(medicine, first_day),
            f"{medicine.days[:1].upper()}{medicine.days[1:]}. {medicine.name}: "
            f"{medicine.note}. {DISCLAIMER}",
        )
        for medicine in result.unlisted
    ]
    for place, (summary, time, rule, day, description) in enumerate(events, start=1):
        hours, minutes = time.split(":")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{plan_id}-{place}@magcli",
            f"DTSTAMP:{start}T000000Z",
            f"DTSTART:{_date(day)}T{hours}{minutes}00",
            "DURATION:PT5M",
            f"RRULE:{rule}",
            f"SUMMARY:{_text(summary)}",
            f"DESCRIPTION:{_text(description)}",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "TRIGGER:PT0M",
            f"DESCRIPTION:{_text(summary)}",
            "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _rule(medicine: PlannedMedicineOut | UnlistedMedicineOut) -> str:
    """The RRULE of a medicine's days."""
    from magcli.domain.grammar import ICAL_DAYS, WEEKDAYS

    if medicine.repeat == "weekly":
        days = ",".join(ICAL_DAYS[WEEKDAYS.index(day)] for day in medicine.weekdays)
        return f"FREQ=WEEKLY;BYDAY={days}"
    if medicine.repeat == "monthly":
        return f"FREQ=MONTHLY;BYMONTHDAY={medicine.day_of_month}"
    return "FREQ=DAILY"


def _date(day: datetime.date) -> str:
    """A DATE value (RFC 5545, 3.3.4): four digits of year, always."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _first(
    medicine: PlannedMedicineOut | UnlistedMedicineOut, start: datetime.date
) -> datetime.date:
    """The first day on or after `start` that the medicine is taken, so that DTSTART is
    one of the rule's own days (RFC 5545, 3.8.5.3)."""
    from magcli.domain.grammar import WEEKDAYS

    day = start
    for _ in range(62):  # any weekday within a week, any day 1-28 within two months
        if medicine.repeat == "weekly" and WEEKDAYS[day.weekday()] in medicine.weekdays:
            return day
        if medicine.repeat == "monthly" and day.day == medicine.day_of_month:
            return day
        if medicine.repeat == "daily":
            return day
        day += datetime.timedelta(days=1)
    raise AssertionError(f"no day for {medicine.days}")


def _text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 section 3.3.11 asks, from text of any source: no
    control code (a bare CR breaks a calendar's lines), no line separator, no reordering
    mark and no lone surrogate reach the file (text.strip_unsafe, text.readable)."""
    from magcli.text import readable, strip_unsafe

    return (
        strip_unsafe(readable(value))
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets folded with CRLF and a space (section 3.1), never
    inside a UTF-8 character."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)
