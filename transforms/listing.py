"""Tell listing and chrome pages (headline rails, archives, feed dumps) from articles."""

from __future__ import annotations

import re
from itertools import pairwise

from newsnorm.transforms.records import Document

_DATE_LINE = re.compile(
    r"(?:By:? ?-? ?)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, )?"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}"
    r"(?: (?:at )?\d{1,2}:\d{2} ?(?:[ap]\.?m\.?)?)?",
    re.IGNORECASE,
)
# A page is a listing when dated entries or repeated headlines make up this share of
# its lines, with at least this many of them.
_LISTING_SHARE = 0.15
_MIN_ENTRIES = 3
# Lines beside a date longer than this are reporting, not a listed headline.
_ENTRY_WORDS = 15


def listing_reason(document: Document) -> str | None:
    """Why the document is a listing of articles rather than one, or None."""
    lines = [line.strip() for line in document.folded.splitlines() if line.strip()]
    if not lines:
        return None
    # A listing entry is a date beside a headline (above or below it); a date between two
    # paragraphs of reporting is a timeline inside an article.
    dated = sum(
        1
        for before, line, after in zip(["", *lines[:-1]], lines, [*lines[1:], ""], strict=True)
        if _DATE_LINE.fullmatch(line)
        and min(len(before.split()), len(after.split())) < _ENTRY_WORDS
    )
    repeats = sum(
        1 for first, second in pairwise(lines) if first == second and len(first.split()) >= 4
    )
    entries = max(dated, repeats)
    if entries >= _MIN_ENTRIES and entries / len(lines) >= _LISTING_SHARE:
        return f"{entries} dated or repeated headline entries in {len(lines)} lines: a listing page"
    return None
