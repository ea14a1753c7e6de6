"""iCalendar (RFC 5545): a plan's magnesium doses as daily recurring reminders that phone
and desktop calendars import. Only `plan` has a timetable to write."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from magcli.errors import UsageError
from magcli.results import DISCLAIMER, PlanResult

if TYPE_CHECKING:
    from magcli.render import View
    from magcli.results import Result


def render(result: Result, stream: TextIO, view: View) -> str:
    if not isinstance(result, PlanResult):  # render.ONLY_FOR
        raise UsageError("the ics format is for 'magcli plan' only: it writes a timetable")
    if not result.doses:
        raise UsageError(
            "no time of day is safe, so there is nothing to put in a calendar: "
            + "; ".join(result.conflicts)
        )
    start = view.start.replace("-", "")
    from magcli.paths import digest

    plan_id = digest(result.model_dump_json().encode("utf-8")).hex()[:16]
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//magcli//magcli plan//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    rules = "; ".join(
        f"{medicine.name} at {medicine.time}: {medicine.rule.rstrip('.')}"
        for medicine in result.medicines
    )
    for place, dose in enumerate(result.doses, start=1):
        hours, minutes = dose.time.split(":")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{plan_id}-{start}-{place}@magcli",
            f"DTSTAMP:{start}T000000Z",
            f"DTSTART:{start}T{hours}{minutes}00",
            "DURATION:PT5M",
            "RRULE:FREQ=DAILY",
            f"SUMMARY:{_text(f'Magnesium {dose.magnesium_mg:g} mg')}",
            f"DESCRIPTION:{_text(f'{dose.why}. Rules: {rules}. {DISCLAIMER}')}",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "TRIGGER:PT0M",
            f"DESCRIPTION:{_text(f'Magnesium {dose.magnesium_mg:g} mg')}",
            "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 section 3.3.11 asks."""
    return (
        value.replace("\\", "\\\\")
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
