"""Repeated structure in a page dump: runs of items that share one shape, line by line.

Comment threads and teaser lists repeat a shape at a period (a name line, a date line, a
comment, "Reply"; a headline, a one-sentence summary, a date), and so do a listicle's items
inside a story: a run alone does not tell them apart (on the tuning part, runs below the
densest block of story held about as many story words as chrome). A run whose every item
carries a date line and a button ("Reply", "Read more") or a time on that date line does:
`story_end.items_end` ends the story where the first such run starts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsnorm.transforms.dump.features import DATE_FORMS, SENTENCE_END
from newsnorm.transforms.dump.units import Unit

# Periods looked for, in units, and the repetitions that make a run.
_MIN_PERIOD = 2
_MAX_PERIOD = 6
_MIN_REPEATS = 3
_SHORT = 5
_DATE_LINE_WORDS = 12
# The features' date forms, and an age ('3 days ago'), how comment threads date their items.
_DATE = re.compile(
    rf"\b(?:{DATE_FORMS}|\d+ (?:minutes?|hours?|days?|weeks?|months?|years?) ago)", re.IGNORECASE
)
_MARKER = re.compile(r"\s*(?:[*+\u2022-]|\d{1,3}[.)])\s")
# A time of day or an age on a date line: how comments are stamped.
_STAMP = re.compile(r"\b\d{1,2}:\d{2}\b|\bago\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Run:
    """Units `start` to `end` (exclusive): `repeats` items of `period` units each."""

    start: int
    end: int
    period: int

    @property
    def repeats(self) -> int:
        return (self.end - self.start) // self.period


def unit_shape(unit: Unit) -> str:
    """A unit's shape: its indentation, a list marker, and whether it is a date line, a
    short line, a sentence or another line."""
    text = unit.text
    words = len(text.split())
    if words <= _DATE_LINE_WORDS and _DATE.search(text):
        kind = "date"
    elif words <= _SHORT:
        kind = "short"
    elif SENTENCE_END.search(text):
        kind = "sentence"
    else:
        kind = "line"
    indent = len(unit.raw) - len(unit.raw.lstrip())
    marker = "*" if _MARKER.match(unit.raw) else ""
    return f"{indent}{marker}{kind}"


def find_runs(shapes: Sequence[str]) -> list[Run]:
    """Runs of at least `_MIN_REPEATS` consecutive items of one period whose shapes repeat
    unit for unit (an item holds two shapes or more: prose after prose is no item), greedy
    from the top, the longest run at each start."""
    found: list[Run] = []
    index = 0
    while index < len(shapes):
        best: Run | None = None
        for period in range(_MIN_PERIOD, _MAX_PERIOD + 1):
            if len(set(shapes[index : index + period])) < 2:
                continue
            length = period
            while (
                index + length < len(shapes)
                and shapes[index + length] == shapes[index + length - period]
            ):
                length += 1
            whole = length // period * period
            if whole >= _MIN_REPEATS * period and (best is None or whole > best.end - best.start):
                best = Run(index, index + whole, period)
        if best is None:
            index += 1
        else:
            found.append(best)
            index = best.end
    return found


def dated_item_starts(units: Sequence[Unit]) -> list[int]:
    """Where runs start whose every item holds a date line and either a line it repeats
    word for word (not a date: "Reply", "Read more") or a time on its date line ("at 9:14
    am", "3 days ago"), in order: a comment thread or a list of dated teasers. A listicle's
    items repeat a button but seldom a date (tuning part: runs with a button below 100
    words of kept story held 30.7k chrome words and 345 story words over the three dumps,
    with a time 38.4k and 417, either 47.5k and 533; docs/history/text-dumps.md)."""
    shapes = [unit_shape(unit) for unit in units]
    return [run.start for run in find_runs(shapes) if _dated_items(units, shapes, run)]


def _dated_items(units: Sequence[Unit], shapes: Sequence[str], run: Run) -> bool:
    pattern = shapes[run.start : run.start + run.period]
    dates = [offset for offset, shape in enumerate(pattern) if shape.endswith("date")]
    if not dates:
        return False
    stamped = all(
        _STAMP.search(units[i].text) for i in range(run.start + dates[0], run.end, run.period)
    )
    return stamped or any(
        offset not in dates
        and len({units[i].text.casefold() for i in range(run.start + offset, run.end, run.period)})
        == 1
        for offset in range(run.period)
    )
