"""How a line under or over a dump's headline reads as a date line (`meta_lines.py`).

A date line holds a whole day with its year that the HTML path's date reader
(`html/datetext.find_date_at`) reads and nothing beside it but labels, weekdays, times, zones
and a reading time; an update's date is no publication date. A byline may be written around
its date ('By Jane Doe on May 3, 2025'): `around_dates` gives the text between the dates.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from newsnorm.transforms.dates import parse_published
from newsnorm.transforms.html.datetext import ISO, find_date_at, to_iso

# A byline or date line has at most this many words (a longer line is a sentence).
MAX_WORDS = 20
_WORD = re.compile(r"[^\W\d_]+|\d+")
# Words a date line may hold besides its date: labels, weekdays, times, zones, reading time.
_DATE_WORD_LIST = (
    "published posted updated last on at am pm a m p min mins minute minutes read "
    "monday tuesday wednesday thursday friday saturday sunday "
    "mon tue tues wed thu thur thurs fri sat sun "
    "utc gmt et est edt ct cst cdt mt mst mdt pt pst pdt bst cet cest ist aest "
    "veröffentlicht aktualisiert am um uhr publié le mis à jour publicado el"
)
_DATE_WORDS = frozenset(_DATE_WORD_LIST.split())
_MONTH_OR_NUMBER = re.compile(
    r"(?i)^(?:\d+(?:st|nd|rd|th)?|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|"
    r"january|february|march|april|june|july|august|september|october|november|december)$"
)
# Words that label a date an update ('Updated', 'Last modified', 'Revised', 'Aktualisiert am',
# 'Mis à jour le', 'Actualizado'), whole words: a byline beside the date holds names and
# credits ('Anna Revis', 'accredited', 'Reviewed by Dr. …') that the HTML path's looser
# label, read on a date's own element, would take for one.
_UPDATE = re.compile(
    r"(?i)\b(?:updat\w*|modified|revised|aktualisiert|mis \u00e0 jour|actualizad[oa])\b"
)
# A publication label after the last update label ('Updated · Published May 3, 2025'): the
# date is the publication's.
_PUBLISHED = re.compile(r"(?i)\b(?:published|posted|ver\u00f6ffentlicht|publi\u00e9|publicado)\b")
# List marks and separators a converter leaves around a line ('* by Jane Doe', '| May 3').
ENDS = " \t*+\u2022\u00b7\u25cf\u22c5|-\u2013\u2014:"
_GLUED = re.compile(r"(?<=[a-z])(?=(?:Published|Posted|Updated|Last Updated)\b)")
# Where a date written in a line ends: its year (an ISO date ends with its day); a time after it.
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_TIME = re.compile(
    r"^,?\s*(?:at\s+)?\d{1,2}(?::\d{2}\s*(?:[aApP]\.?[mM]\.?)?|\s*[aApP]\.?[mM]\.?)"
    r"(?:\s+[A-Z]{2,4}\b)?"
)


def read_line(text: str) -> str:
    """The unit as a byline or date line reads: list marks and separators at its ends aside,
    a label a converter glued to the name before it set apart ('By Jane DoePublished: …')."""
    return _GLUED.sub(" ", text.strip(ENDS))


def date_line(
    text: str, *, with_byline: bool = False, updates: bool = False
) -> tuple[date, datetime | None] | None:
    """The publication day (and instant, when a zone is stated) of a date line: a whole date
    with its year and nothing but labels, weekdays, times and zones beside it ('Published
    Tuesday, May 3, 2025 10:30 am ET'); with a byline on the line, whatever the byline holds.
    None for an update ('Updated May 4, 2025'): that is no publication date (`updates`:
    it is read all the same)."""
    if len(text.split()) > MAX_WORDS:
        return None
    found = first_date(text)
    if found is None:
        return None
    value, start = found
    if not updates and _is_update(text[:start]):
        return None
    if not with_byline and not all(
        word.casefold() in _DATE_WORDS or _MONTH_OR_NUMBER.match(word)
        for word in _WORD.findall(ISO.sub(" ", text))
    ):
        return None
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return None
    stated = to_iso(text[start:]) or value
    # An instant only when it is the same day's ('May 3 2025 2025-05-10T09:12Z' states two).
    return day, parse_published(stated) if stated[:10] == value[:10] else None


def around_dates(text: str) -> list[str]:
    """The text between the dates written in `text` (a date and a time after it aside)."""
    pieces: list[str] = []
    rest = text
    while (found := first_date(rest)) is not None:
        start = found[1]
        year = ISO.match(rest, start) or _YEAR.search(rest, start)
        if year is None:
            break
        pieces.append(rest[:start])
        rest = _TIME.sub("", rest[year.end() :])
    return [*pieces, rest] if pieces else []


def one_date(text: str) -> bool:
    """The line writes one day, however often ('May 3, 2025 | Updated May 3, 2025')."""
    days: set[str] = set()
    rest = text
    while (found := first_date(rest)) is not None:
        days.add(found[0][:10])
        year = ISO.match(rest, found[1]) or _YEAR.search(rest, found[1])
        if year is None:
            break
        rest = rest[year.end() :]
    return len(days) <= 1


def first_date(text: str) -> tuple[str, int] | None:
    """The date written first in `text` and where it starts: `find_date_at` picks by format
    (an ISO date before a written one), so what stands before its pick is read again."""
    found = find_date_at(text)
    while found is not None and (earlier := find_date_at(text[: found[1]])) is not None:
        found = earlier
    return found


def _is_update(before: str) -> bool:
    """Whether the words before a date label it an update ('Last Updated:', 'Modified',
    'Aktualisiert am'), with no publication label after the label."""
    labels = list(_UPDATE.finditer(before))
    return bool(labels) and not _PUBLISHED.search(before, labels[-1].end())
