"""Lenient date parsing: an instant when the text states one, otherwise None."""

from __future__ import annotations

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
