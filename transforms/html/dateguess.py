"""A publication date guessed from the page when it states none: htmldate's search."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from newsnorm.transforms.html.datetext import UPDATE_LABEL, find_date_at, to_iso

# htmldate reads a lone year (a copyright line) as 1 January: a year is not a date.
_YEAR_ONLY = "-01-01"
# A date line is short ('Posted on April 13, 2023', '2/24/2026'); a longer line holding a
# date is a sentence, a citation or a caption.
_MAX_DATE_LINE = 40
# The share of the page's words, from its top, where a story shows its date (header, byline,
# date line). Further down, a date in the text is a citation's, a comment's, a footer's or
# an 'as of' figure's.
_TOP_SHARE = 0.25


def guess_published(
    tree: object, url: str | None, lines: Sequence[str] = (), meta: Iterable[str] = ()
) -> str | None:
    """The original publication day ('2024-03-27') htmldate finds in the markup, else in
    the page's text; None when it finds none or only a year. A day found only in the text
    must be one the page shows: a short line near its top (`lines`: the page's lines, in
    order) or a meta tag's value (`meta`). htmldate's text search also takes days from
    links, image paths, reference lists and footers. `tree` is the page as lxml parsed it
    (htmldate copies it, never changes it)."""
    from htmldate import find_date  # here: only HTML pages need it, not every start-up

    stated = find_date(tree, url=url, original_date=True, extensive_search=False)
    if stated:
        return stated
    found = find_date(tree, url=url, original_date=True, extensive_search=True)
    if not found or found.endswith(_YEAR_ONLY):
        return None
    shown = any(_shows(line, found) for line in _top(lines))
    return found if shown or any(_day(value) == found for value in meta) else None


def _top(lines: Sequence[str]) -> Iterator[str]:
    """The page's first lines, up to `_TOP_SHARE` of its words."""
    budget = sum(len(line.split()) for line in lines) * _TOP_SHARE
    for line in lines:
        if budget < 0:
            return
        yield line
        budget -= len(line.split())


def _shows(line: str, day: str) -> bool:
    """The line is a date line writing `day` ('Posted on April 13, 2023'; numbers in either
    order, '2/24/2026'), not an update's ('Last updated July 2, 2024')."""
    if len(line) > _MAX_DATE_LINE or UPDATE_LABEL.search(line):
        return False
    found = find_date_at(line)
    if found:
        return found[0][:10] == day
    year, month, date = (int(part) for part in day.split("-"))
    orders = (f"0?{month}/0?{date}", f"0?{date}/0?{month}")
    return any(re.search(rf"(?<!\d){order}/{year}(?!\d)", line) for order in orders)


def _day(value: str) -> str | None:
    stated = to_iso(value)
    return stated[:10] if stated else None
