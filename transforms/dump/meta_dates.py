"""How a line under or over a dump's headline reads as a date line (`meta_lines.py`).

A date line holds a whole day with its year that the HTML path's date reader
(`html/datetext.find_date_at`) reads and nothing beside it but labels, weekdays, times, zones
and a reading time, or a few words naming its section ('Travel May 3, 2025'); an update's
date is no publication date. A byline may be written around
its date ('By Jane Doe on May 3, 2025'): `around_dates` gives the text between the dates.
Besides the HTML path's shapes, a line is read in shapes that reader leaves (`_unread_date`:
'3 January, 2025', '19th Dec 2025', '27/05/2024' where one reading only is a day), and two
dates a converter glued ('May 3, 2025May 9, 2025') are set apart: the first is the story's.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from newsnorm.transforms.bylines import looks_like_person
from newsnorm.transforms.dates import parse_published
from newsnorm.transforms.html.datetext import (
    DOTTED,
    ISO,
    LOOSE_NAMED_SHAPES,
    PUBLISHED_WORDS,
    UPDATE_LINE,
    UPDATE_WORD,
    day_readings,
    find_date_at,
    first_named,
    month_number,
    to_iso,
    valid,
)

# A byline or date line has at most this many words (a longer line is a sentence).
MAX_WORDS = 20
_WORD = re.compile(r"[^\W\d_]+|\d+")
# Words a date line may hold besides its date: labels, weekdays, times, zones, reading time,
# the words of a date ('3rd of March', '3 de marzo').
_DATE_WORD_LIST = (
    "published posted updated last on at am pm a m p min mins minute minutes read st nd rd th "
    "monday tuesday wednesday thursday friday saturday sunday "
    "mon tue tues wed thu thur thurs fri sat sun "
    "utc gmt et est edt ct cst cdt mt mst mdt pt pst pdt bst cet cest ist aest "
    "veröffentlicht aktualisiert am um uhr publié le mis à jour publicado el of de "
    # Italian, Portuguese, Dutch, Nordic and Polish labels and their small words.
    "pubblicato pubblicata il alle ore publicada em às gepubliceerd op om publicerad "
    "publiceret publisert den kl klokken opublikowano opublikowana o godz r"
)
_DATE_WORDS = frozenset(_DATE_WORD_LIST.split())
# Besides its date, a date line may name its section or kind in a few words ('Travel
# September 8, 2021', 'blog | February 1, 2022', 'Published 2025-12-20 in ColdFusion'): at
# most this many, in a line of at most `_SHORT_LINE` words.
_OTHER_WORDS = 3
_SHORT_LINE = 8
# A section's or kind's name is one or two capitalised words ('Travel', 'Local News'), or
# words set apart from the date by a separator or 'in' ('blog | May 3, 2025').
_SECTION_WORDS = 2
_APART = re.compile(r"\s[|\u2022\u00b7\u2013\u2014-]\s|\s+in\s+")
# Words beside a date that say it is not the story's publication: a revision's or a
# review's labels (`UPDATE_LINE`), an event's, a deadline's, a copyright's, an earlier
# publication's ('Originally published', 'Fact checked', 'In theaters', 'Ends May 3').
_NOT_PUBLICATION = re.compile(
    r"(?i)\b(?:checked|corrected|republished|refreshed|originally|deadline|due|ends?|"
    r"ending|closes?|closing|until|till|expires?|theaters?|theatres?|cinemas?|copyright|"
    r"tickets?|on sale|opens?|starts?|runs?)\b|\u00a9|\(c\)"
)
# A publication label after the last update label (`UPDATE_WORD`: 'Updated · Published May 3,
# 2025'): the date is the publication's.
_PUBLISHED = re.compile(rf"(?i)\b(?:{PUBLISHED_WORDS})\b")
# List marks and separators a converter leaves around a line ('* by Jane Doe', '| May 3').
ENDS = " \t*+\u2022\u00b7\u25cf\u22c5|-\u2013\u2014:"
# Markdown around a byline: a link's target, emphasis marks, a heading's or a link's opening
# mark at the line's ends (html2text).
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s[^)]*)?\)")
_MARKUP = re.compile(r"\s*(?:\*{2,}|_{2,})\s*")
_MARKUP_ENDS = " \t#_"
_BRACKETS = "[]"
_GLUED = re.compile(r"(?<=[a-z])(?=(?:Published|Posted|Updated|Last Updated)\b)")
# A date a converter glued to the next one ('January 12, 2025January 22, 2025': a post's
# published and modified days, two elements side by side).
_GLUED_YEAR = re.compile(r"(?<=\b\d{4})(?=[A-Z][a-z])")
# Shapes the HTML path's date reader leaves: its named shapes written loosely
# (`LOOSE_NAMED_SHAPES`: '3 January, 2025', '19th Dec 2025', 'Jul. 11. 2025'), and a day
# written in numbers whose order one reading only allows (`day_readings`: '27/05/2024' or
# '09/25/2025'; not '10/12/2023').
_NUMBERS = re.compile(r"(?<![\d./-])(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?![\d./-])")
# A day and a dash before a date: the date ends a range ('12 - 14 March, 2025').
_RANGE = re.compile(r"(?<![\d:.])\d{1,2}(?:st|nd|rd|th)?\s*[-\u2013\u2014]\s*$")
# Where a date written in a line ends: its year (an ISO date ends with its day); a time after it.
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_LETTER = re.compile(r"[^\W\d_]")
_TIME = re.compile(
    r"^,?\s*(?:at\s+)?\d{1,2}(?::\d{2}\s*(?:[aApP]\.?[mM]\.?)?|\s*[aApP]\.?[mM]\.?)"
    r"(?:\s+[A-Z]{2,4}\b)?"
)


def read_line(text: str) -> str:
    """The unit as a byline or date line reads: list marks and separators at its ends aside,
    a label a converter glued to the name before it set apart ('By Jane DoePublished: …'),
    and the Markdown a converter leaves around it (`_MARKUP`: '##### by Jane Doe', '[ By
    Jane Doe', 'By**** Jane Doe', 'by Jane Doe](/authors/jane) ● May 3, 2025')."""
    if "](" in text or "**" in text or "__" in text:
        text = _MARKUP.sub(" ", _LINK_TARGET.sub("", text))
    # A link's bracket is cut only when its pair is missing ('[ By Jane Doe'): a balanced one
    # is part of the line ('By Jane Doe [Reuters]').
    balanced = text.count("[") == text.count("]")
    text = text.strip(ENDS + _MARKUP_ENDS + ("" if balanced else _BRACKETS))
    return _GLUED_YEAR.sub(" ", _GLUED.sub(" ", text))


def date_line(
    text: str, *, with_byline: bool = False, updates: bool = False
) -> tuple[date, datetime | None] | None:
    """The publication day (and instant, when a zone is stated) of a date line: a whole date
    with its year and nothing but labels, weekdays, times and zones beside it ('Published
    Tuesday, May 3, 2025 10:30 am ET'), or a section's name in a few words (`_beside`:
    'Travel | May 3, 2025', never a revision or event label); with a byline on the line,
    whatever the byline holds. None for an update ('Updated May 4, 2025'): that is no
    publication date (`updates`: it is read all the same)."""
    if len(text.split()) > MAX_WORDS:
        return None
    found = first_date(text)
    if found is None:
        return None
    value, start = found
    if not updates and _is_update(text[:start]):
        return None
    extra = [
        word
        for word in _WORD.findall(ISO.sub(" ", text))
        if not (word.casefold() in _DATE_WORDS or word.isdecimal() or month_number(word))
    ]
    if not with_byline and extra and not _beside(extra, text):
        return None
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return None
    stated = to_iso(text[start:]) or value
    # An instant only when it is the same day's ('May 3 2025 2025-05-10T09:12Z' states two).
    return day, parse_published(stated) if stated[:10] == value[:10] else None


def _beside(extra: list[str], text: str) -> bool:
    """Whether the words beside a date name its section or kind ('Travel May 3, 2025', 'blog
    | May 3, 2025', 'Published 2025-05-03 in Ferries'): a few, in a short line writing one
    day, one or two capitalised words or words set apart (`_APART`), no label saying the
    date is another's (`_NOT_PUBLICATION`: 'Edited', 'Deadline', 'In theaters') and not a
    name (the line is a byline, read as one)."""
    extra = [word for word in extra if word.casefold() != "in"]  # 'in Ferries'
    words = " ".join(extra)
    if (
        len(extra) > _OTHER_WORDS
        or len(text.split()) > _SHORT_LINE
        or UPDATE_LINE.search(words)
        or _NOT_PUBLICATION.search(text)
        or looks_like_person(words, strict=True)
        or not one_date(text)
    ):
        return False
    if len(extra) <= _SECTION_WORDS and all(word[:1].isupper() for word in extra):
        return True
    apart = [piece for piece in _APART.split(text) if first_date(piece) is None]
    return sorted(extra) == sorted(
        word for piece in apart for word in _WORD.findall(piece) if word in extra
    )


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
    return len(set(days_written(text))) <= 1


def days_written(text: str, *, bare: bool = False) -> list[str]:
    """The days (ISO) the line writes, in order; `bare`: only while nothing but separators
    stands between two of them ('May 21, 2025April 24, 2025', 'May 3, 2025 - May 10, 2025'),
    as a word between labels the next day ('Originally aired April 24, 2025', 'Since …')."""
    days: list[str] = []
    rest = text
    while (found := first_date(rest)) is not None:
        if bare and days and _LETTER.search(rest, 0, found[1]):
            break
        days.append(found[0][:10])
        year = ISO.match(rest, found[1]) or _YEAR.search(rest, found[1])
        if year is None:
            break
        rest = rest[year.end() :]
    return days


def earliest_day(
    text: str, dated: tuple[date, datetime | None] | None
) -> tuple[date, datetime | None] | None:
    """A line's publication day where it writes two days and labels neither (a post's
    published and modified days side by side, in either order: 'May 21, 2025April 24,
    2025 by …'): the earlier, as no update precedes the publication; `dated` as read
    otherwise. A day labelled otherwise ('· Originally aired April 24, 2025') is another
    event's: only a bare pair counts."""
    if dated is None or UPDATE_LINE.search(text) or _PUBLISHED.search(text):
        return dated
    first = min(days_written(text, bare=True), default=dated[0].isoformat())
    return dated if first >= dated[0].isoformat() else (date.fromisoformat(first), None)


def first_date(text: str) -> tuple[str, int] | None:
    """The date written first in `text` and where it starts: `find_date_at` picks by format
    (an ISO date before a written one), so what stands before its pick is read again."""
    found = _date_at(text)
    while found is not None and (earlier := _date_at(text[: found[1]])) is not None:
        found = earlier
    return found


def _date_at(text: str) -> tuple[str, int] | None:
    """`find_date_at`'s date, or one of the shapes it leaves (`LOOSE_NAMED_SHAPES`,
    `_NUMBERS`) when that stands first; none where a range ends ('12 - 14 March, 2025') or
    where numbers read two ways ('06.04.2025')."""
    found = [day for day in (find_date_at(text), _unread_date(text)) if day is not None]
    if not found:
        return None
    first = min(found, key=lambda day: day[1])
    ranged = text[first[1] : first[1] + 1].isdigit() and _RANGE.search(text[: first[1]])
    return None if ranged or _two_readings(text, first[1]) else first


def _two_readings(text: str, start: int) -> bool:
    """Whether the date at `start` is written in numbers two orders read as two real days
    ('06.04.2025': `find_date_at` reads dotted days day first, as the HTML path does; a dump
    line gives a numeric date only when one reading is a day, as `_NUMBERS` does)."""
    numbers = DOTTED.match(text, start)
    return numbers is not None and len(day_readings(numbers[1], numbers[2], numbers[3])) > 1


def _unread_date(text: str) -> tuple[str, int] | None:
    """The first date of the shapes `find_date_at` leaves, and where it starts: each shape's
    first candidate naming a month only, as `find_date_at` reads ('1 January 1980 - 3 May
    2025' gives none)."""
    found: list[tuple[str, int]] = []
    for pattern, order in LOOSE_NAMED_SHAPES:
        named = first_named(pattern, order, text)
        if named is not None and valid(named[0]):
            found.append(named)
    if (match := _NUMBERS.search(text)) is not None:
        readings = day_readings(match[1], match[3], match[4])
        if len(readings) == 1:
            found.append((readings.pop(), match.start()))
    return min(found, key=lambda day: day[1]) if found else None


def _is_update(before: str) -> bool:
    """Whether the words before a date label it an update ('Last Updated:', 'Modified',
    'Aktualisiert am'), with no publication label after the label."""
    labels = list(UPDATE_WORD.finditer(before))
    return bool(labels) and not _PUBLISHED.search(before, labels[-1].end())
