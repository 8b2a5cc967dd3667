"""Lenient date parsing: an instant when the text states one, otherwise None."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


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
