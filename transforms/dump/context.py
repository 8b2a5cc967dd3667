"""What the second stage and the title model see: the first stage's verdicts around a unit.

A unit's own shape is not enough: a list of short items is story between two paragraphs and
a menu above the headline. The second stage reads the first stage's probabilities of the
units around it and where it sits relative to the block those probabilities call story;
the title model reads the lines just above where the story starts.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from newsnorm.transforms.dump.features import FEATURES
from newsnorm.transforms.dump.units import Unit

# Maximum-subarray costs: a unit counts (probability - cost) times its words.
_SPAN_COSTS = (0.5, 0.3)
# First-stage probability under which a unit is chrome for `barrier`.
_LOW = 0.25

CONTEXT_FEATURES = (
    *FEATURES,
    "first_stage",
    "first_stage_prev",
    "first_stage_next",
    "first_stage_near",
    "first_stage_around",
    *(
        f"{name}_{int(cost * 100)}"
        for cost in _SPAN_COSTS
        for name in ("above_story", "below_story", "story_distance", "story_word_distance",
                     "barrier")
    ),
)  # fmt: skip

TITLE_FEATURES = (
    "words",
    "above_start",
    "capitalized",
    "full_stop",
    "colon_end",
    "list_marker",
    "separators",
    "url",
    "contained",
    "first_stage",
    "lower_start",
    "digit_share",
    "position",
    "first_line",
)

# The story starts at the first unit the first stage keeps with at least this many words;
# title candidates are the units from this far above it to a few below.
_START_WORDS = 8
_ABOVE = 20
_BELOW = 3
_MAX_TITLE_WORDS = 30
_WORD = re.compile(r"\w+")
_MARKER = re.compile(r"^(?:[*+\u2022-] |o |#+ |\d+[.)] )")
_SEPARATOR = re.compile(r" [|\u2022\u00b7/>\u00bb\u203a:-] ")


def context_features(
    units: Sequence[Unit], rows: Sequence[Sequence[float]], first: Sequence[float]
) -> list[list[float]]:
    """One row of `CONTEXT_FEATURES` per unit, from its first-stage row and probabilities."""
    words = [max(1, len(unit.text.split())) for unit in units]
    spans = [
        _densest([(p - cost) * w for p, w in zip(first, words, strict=True)])
        for cost in _SPAN_COSTS
    ]
    low = [p < _LOW for p in first]
    count = len(units)
    result: list[list[float]] = []
    for index in range(count):
        row = [*rows[index], first[index]]
        row.append(first[index - 1] if index > 0 else 0.0)
        row.append(first[index + 1] if index + 1 < count else 0.0)
        for reach in (2, 5):
            around = [first[i] for i in range(max(0, index - reach), min(count, index + reach + 1))]
            row.append((sum(around) - first[index]) / max(1, len(around) - 1))
        for start, end in spans:
            between = range(index + 1, start) if index < start else range(end + 1, index)
            gap = words[index:start] if index < start else words[end + 1 : index + 1]
            row += [
                float(index < start),
                float(index > end),
                math.log1p(len(between) + 1 if index < start or index > end else 0),
                math.log1p(sum(gap)),
                math.log1p(_longest_run(low, between)),
            ]
        result.append(row)
    return result


def story_start(units: Sequence[Unit], first: Sequence[float], threshold: float) -> int:
    """The first unit after the title line that the first stage keeps as prose."""
    for index in range(1, len(units)):
        if first[index] >= threshold and len(units[index].text.split()) >= _START_WORDS:
            return index
    return min(1, len(units) - 1)


def title_candidates(
    units: Sequence[Unit], first: Sequence[float], start: int
) -> list[tuple[int, list[float]]]:
    """The units around the story's start that could be its headline, with their rows of
    `TITLE_FEATURES`."""
    folded = [title_text(unit.text).casefold() for unit in units]
    found: list[tuple[int, list[float]]] = []
    for index in range(max(0, start - _ABOVE), min(len(units), start + _BELOW)):
        text = title_text(units[index].text)
        words = _WORD.findall(text)
        if not words or len(words) > _MAX_TITLE_WORDS or is_date_line(words):
            continue
        letters = [word for word in words if word[:1].isalpha()]
        capitalized = sum(word[:1].isupper() for word in letters) / max(1, len(letters))
        own = folded[index]
        contained = sum(1 for i, other in enumerate(folded) if i != index and own in other)
        row = [
            math.log1p(len(words)),
            float(start - index),
            capitalized,
            float(text.endswith(".")),
            float(text.endswith(":")),
            float(bool(_MARKER.match(units[index].text))),
            float(len(_SEPARATOR.findall(text))),
            float("http" in text or "www." in text),
            math.log1p(contained),
            first[index],
            float(text[:1].islower()),
            sum(ch.isdigit() for ch in text) / len(text),
            index / len(units),
            float(index == 0),
        ]
        found.append((index, row))
    return found


# Words a date or time line is made of ("Updated 6:02 am CST, Thursday, November 21, 2019"):
# such a line states when, never what, so it is never the headline.
_DATE_WORDS = re.compile(
    r"(?i)^(?:\d+|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*|"
    r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|am|pm|a\.m|p\.m|[a-z]{1,2}[sd]t|utc|gmt|"
    r"updated|published|posted|modified|last|on|at|by|uhr|de|le)$"
)
_DATE_SHARE = 0.75


def is_date_line(words: Sequence[str]) -> bool:
    """Whether a line's words are (nearly) all dates, times and their labels."""
    dated = sum(bool(_DATE_WORDS.match(word)) for word in words)
    return any(word.isdigit() for word in words) and dated >= _DATE_SHARE * len(words)


_HEADING_MARK = re.compile(r"^#{1,6}\s+|^\*\*|\*\*$|^__|__$")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def title_text(text: str) -> str:
    """A line as a headline reads: Markdown heading marks, emphasis and links unwrapped."""
    text = _LINK.sub(r"\1", text)
    previous = None
    while previous != text:
        previous, text = text, _HEADING_MARK.sub("", text).strip()
    return text


def _densest(values: Sequence[float]) -> tuple[int, int]:
    """The span with the largest sum (Kadane's maximum subarray)."""
    best, span = -math.inf, (0, max(0, len(values) - 1))
    total, start = 0.0, 0
    for index, value in enumerate(values):
        if total <= 0:
            total, start = value, index
        else:
            total += value
        if total > best:
            best, span = total, (start, index)
    return span


def _longest_run(flags: Sequence[bool], indexes: range) -> int:
    best = run = 0
    for index in indexes:
        run = run + 1 if flags[index] else 0
        best = max(best, run)
    return best
