"""Dates as pages write them → ISO 8601 strings, without inventing a time or a zone."""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime

from newsnorm.transforms.html.facts import clean_text

ISO = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)\s*(?P<zone>Z|[+-]\d{2}:?\d{2})?)?"
)
_DOTTED = re.compile(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?:,?\s+(\d{1,2}):(\d{2}))?")
_SLASHED = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "jan january januar janvier enero",
            "feb february februar février febrero",
            "mar march märz mars marzo",
            "apr april avril abril",
            "may mai mayo",
            "jun june juni juin junio",
            "jul july juli juillet julio",
            "aug august août agosto",
            "sep sept september septembre septiembre",
            "oct october okt oktober octobre octubre",
            "nov november novembre noviembre",
            "dec december dez dezember décembre diciembre",
        ),
        start=1,
    )
    for name in names.split()
}
_MONTH = r"([^\W\d_]{3,10})\.?"
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\.?\s+(?:de\s+)?{_MONTH}\s+(?:de\s+)?(\d{{4}})\b")
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b")
_MIN_YEAR = 1990
# Words saying a date is a revision's, not the story's first ('Updated May 4', 'Last modified').
UPDATE_LABEL = re.compile(
    r"updat|modif|revis|reviewed|edited|aktualisiert|mis \u00e0 jour|actualiza", re.IGNORECASE
)
_MAX_YEAR = 2100
# Labels of a revision's date in a line (`dateguess`, the dump's date lines), whole words:
# Updated, Modified, Revised, Aktualisiert, Mis à jour, Actualizado, and Edited, Reviewed,
# Modificado, Revisado, Actualización; 'Anna Revis' is a name.
UPDATE_LINE = re.compile(
    r"(?i)\b(?:updat\w*|modifi\w*|revis(?:ed|ado|ada|ion|i\u00f3n|\u00e9)|reviewed|edited|"
    r"aktualisiert|mis \u00e0 jour|actualiza\w*|actualizaci\u00f3n)(?!\w)"
)


def to_iso(raw: str) -> str | None:
    """An ISO 8601 form of a stated date value ('2024-05-03T18:00:00+02:00',
    '03.05.2024' → '2024-05-03'), kept as written when it already is ISO; None for shapes
    not known here."""
    text = clean_text(raw)
    match = ISO.match(text)
    if match:
        return text[: match.end()] if valid(match["date"]) else None
    for pattern in (_DOTTED, _SLASHED):
        numbers = pattern.match(text)
        if numbers:
            return _from_numbers(numbers.groups(), day_first=pattern is _DOTTED)
    try:
        stamp = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        stamp = None
    if stamp is not None and _MIN_YEAR <= stamp.year <= _MAX_YEAR:
        return stamp.isoformat()
    return find_date(text) if len(text) <= len("Wednesday, 30 September 2024") else None


def find_date(text: str) -> str | None:
    """The first date written in running text ('Do 25.04.2024 | 14:07', 'May 3, 2024')."""
    found = find_date_at(text)
    return found[0] if found else None


def find_date_at(text: str) -> tuple[str, int] | None:
    """`find_date`'s date and where it starts in `text`: a label before it names it ('Updated
    May 4'), one after it names a later date ('May 3 · Updated May 4')."""
    match = ISO.search(text)
    if match and valid(match["date"]):
        return match[0], match.start()
    numbers = _DOTTED.search(text)
    if numbers:
        value = _from_numbers(numbers.groups(), day_first=True)
        return (value, numbers.start()) if value else None
    for pattern, order in ((_DAY_MONTH_YEAR, (0, 1, 2)), (_MONTH_DAY_YEAR, (1, 0, 2))):
        named = pattern.search(text)
        if named:
            day, month, year = (named.groups()[index] for index in order)
            number = _MONTHS.get(month.casefold())
            if number:
                date = f"{int(year):04d}-{number:02d}-{int(day):02d}"
                return (date, named.start()) if valid(date) else None
    return None


def month_number(name: str) -> int | None:
    """The month a name or abbreviation this reader knows stands for ('Dec', 'décembre')."""
    return _MONTHS.get(name.casefold())


def is_full(value: str) -> bool:
    """True for an ISO value with a time and a zone, an instant."""
    match = ISO.match(value)
    return bool(match and match["time"] and match["zone"])


def valid(date: str) -> bool:
    """A real calendar day (YYYY-MM-DD) in a plausible range for news."""
    try:
        parsed = datetime.strptime(date, "%Y-%m-%d")
    except ValueError:
        return False
    return _MIN_YEAR <= parsed.year <= _MAX_YEAR


def _from_numbers(groups: tuple[str | None, ...], *, day_first: bool) -> str | None:
    first, second, third, hour, minute = groups
    day, month, year = (first, second, third) if day_first else (third, second, first)
    date = f"{int(year or 0):04d}-{int(month or 0):02d}-{int(day or 0):02d}"
    if not valid(date):
        return None
    return f"{date}T{int(hour):02d}:{int(minute):02d}" if hour and minute else date
