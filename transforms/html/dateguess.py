"""A publication date guessed from the page when it states none: htmldate's search."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime

from newsnorm.transforms.bylinewords import PREFIX
from newsnorm.transforms.dump.meta_dates import MAX_WORDS, date_line, first_date
from newsnorm.transforms.html.datetext import UPDATE_LINE, find_date_at, to_iso

# htmldate reads a lone year (a copyright line) as 1 January: a year is not a date.
_YEAR_ONLY = "-01-01"
# The share of the story's words, from the top of its region (notes, byline and date line
# above the main text included, comments left out), where a story shows its date. Further
# down, a date in the text is a citation's, a comment's, a footer's or an 'as of' figure's.
_TOP_SHARE = 0.25
# A brief's date line may follow a long lede: its first words count as its top whatever its
# length.
_TOP_WORDS = 60
# Five digits or more in a row are an id or an order number, not a date shown to readers.
_ID_DIGITS = re.compile(r"\d{5,}")
# A line this short may hold a name beside its date ('Jane Doe · March 3, 2024').
_SHORT_LINE_WORDS = 8
# The range htmldate is asked to read a line's date in (datetext's years).
_EARLIEST, _LATEST = datetime(1990, 1, 1), datetime(2100, 12, 31)


def guess_published(
    tree: object,
    url: str | None,
    lines: Sequence[str] = (),
    meta: Iterable[str] = (),
    revised: Callable[[str], bool] = lambda day: False,
) -> str | None:
    """The original publication day ('2024-03-27') htmldate finds in the markup, else in
    the page's text; None when it finds none or only a year. A day found only in the text
    must be one the page shows: a short line near its top (`lines`: the story's region of
    the page, in order, comments left out) or a date meta tag's value (`meta`). htmldate's
    text search also takes days from links, image paths, reference lists and footers. A day
    the markup names a revision's (`revised(day)`, html/revisions.py), which htmldate falls back
    to, must be shown near the top wherever it was found. `tree` is the page as lxml parsed
    it (htmldate copies it, never changes it)."""
    from htmldate import find_date  # here: only HTML pages need it, not every start-up

    stated = find_date(tree, url=url, original_date=True, extensive_search=False)
    if stated and not revised(stated[:10]):
        return stated
    found = stated or find_date(tree, url=url, original_date=True, extensive_search=True)
    if not found or found.endswith(_YEAR_ONLY):
        return None
    if revised(found[:10]):
        # A revision's day readers see at the top (a date line's update) is the one they take
        # for the story's; one shown nowhere is the last save of an undated page.
        return found if any(_writes(line, found) for line in _top(lines)) else None
    shown = any(_shows(line, found) for line in _top(lines))
    return found if shown or any(_day(value) == found for value in meta) else None


def _top(lines: Sequence[str]) -> Iterator[str]:
    """The region's first lines, up to `_TOP_SHARE` of its words or its first
    `_TOP_WORDS`, whichever is more."""
    budget = max(sum(len(line.split()) for line in lines) * _TOP_SHARE, _TOP_WORDS)
    for line in lines:
        if budget < 0:
            return
        yield line
        budget -= len(line.split())


def _shows(line: str, day: str) -> bool:
    """The line is a date line writing `day`: 20 words at most, no update label ('Edited
    March 3'), no id's run of digits ('Order no. 20240303'); beside the date only date words,
    unless a byline opens the line or it is short ('Jane Doe · March 3, 2024': a sentence
    holding a date is no date line). A line our reader cannot read ('24 febbraio 2026',
    '2026/02/24') is read by htmldate's own parser, which found the day."""
    return UPDATE_LINE.search(line) is None and _reads_day(line, day)


def _reads_day(line: str, day: str) -> bool:
    """`_shows` but for the update label: a short date line writing `day`, as our reader or
    htmldate's parser reads it."""
    if len(line.split()) > MAX_WORDS or _ID_DIGITS.search(line):
        return False
    lenient = PREFIX.match(line) is not None or len(line.split()) <= _SHORT_LINE_WORDS
    found = date_line(line, with_byline=lenient, updates=True)
    if found is not None:
        return found[0].isoformat() == day
    return lenient and first_date(line) is None and _htmldate_reads(line) == day


def _writes(line: str, day: str) -> bool:
    """A short line (a date line, not a paragraph) whose first date is `day`, or that shows
    it as `_shows` reads a date line ('Wednesday 2nd July 2025', '2025/07/02'), an update
    label allowed ('Published July 2 · Updated July 2')."""
    if len(line.split()) > MAX_WORDS:
        return False
    found = find_date_at(line)
    if found is not None:
        return found[0][:10] == day[:10]
    return _reads_day(line, day[:10])


def _htmldate_reads(line: str) -> str | None:
    """The day htmldate's parser reads in one line; None where this htmldate has no such
    function or calls it otherwise (it is an internal one: then only the lines our reader
    reads count)."""
    try:
        from htmldate.extractors import try_date_expr

        return try_date_expr(line, "%Y-%m-%d", True, _EARLIEST, _LATEST)
    except (ImportError, TypeError):
        return None


def _day(value: str) -> str | None:
    stated = to_iso(value)
    return stated[:10] if stated else None
