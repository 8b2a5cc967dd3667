"""Lenient date parsing: an instant when the text states one, otherwise None."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def parse_published(value: str | None) -> datetime | None:
    """An aware UTC datetime for ISO 8601 or RFC 2822 values with a zone; None otherwise.

    A date without a time zone is not an instant, so it is not turned into one:
    inventing midnight UTC would put some stories on the wrong day.
    """
    if not value:
        return None
    text = value.strip()
    parsed: datetime | None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    if parsed is None or parsed.tzinfo is None:
        return None
    try:
        return parsed.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


_UTC_DISPLAY = re.compile(
    r"(?P<month>[A-Z][a-z]{2})[a-z]*\.? (?P<day>\d{1,2}), (?P<year>\d{4}) ?"
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2}) ?(?P<half>[AaPp])\.?[Mm]\.? \(?UTC\)?"
)


def parse_utc_display(text: str) -> datetime | None:
    """The instant in a display date stated in UTC, or None for any other shape.

    'March 7, 20247:55 AM UTC' (reuters.com, spans glued) and 'January 10, 2020
    9:00AM (UTC)' (Salon) both name their zone, so they are instants; `dates.py`
    reads only ISO 8601 and RFC 2822.
    """
    match = _UTC_DISPLAY.search(text)
    if match is None:
        return None
    fields = match.groupdict()
    try:
        stamp = datetime.strptime(
            f"{fields['month']} {fields['day']} {fields['year']} "
            f"{fields['hour']}:{fields['minute']} {fields['half'].upper()}M",
            "%b %d %Y %I:%M %p",
        )
    except ValueError:
        return None
    return stamp.replace(tzinfo=UTC)


def in_zone(value: str | None, zone: str) -> datetime | None:
    """The instant a date-time written without a zone names in the IANA `zone`, in UTC.

    None for a value that states its own zone (it is an instant already and is never
    re-read in another), a date without a time (midnight would be invented), or a shape
    ISO 8601 does not know. A time a clock change skips or repeats takes the first reading.
    """
    if not value:
        return None
    text = value.strip()
    if len(text) <= len("2024-03-07"):
        return None  # a date alone, or less
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        return None
    try:
        return parsed.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)
    except (OverflowError, ValueError, ZoneInfoNotFoundError):
        return None


def check_zone(zone: str) -> str:
    """`zone` when it names an IANA time zone ('Europe/Berlin', 'UTC'); else ValueError."""
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError) as err:
        raise ValueError(f"unknown time zone {zone!r}: expected an IANA name such as "
                         "Europe/Berlin, America/New_York or UTC") from err  # fmt: skip
    return zone
