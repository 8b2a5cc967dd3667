"""What the second stage may see of the run of lines a unit sits in (dfit29).

A listing article carries part of its story in short lines (a table's cells, list items,
a round-up's entries) that look, line by line, like a menu's: the first stage doubts both,
and the second stage's window (two and five units around) sees only more short lines inside
a long table. What tells them apart is the run as a whole: a story's table stands between
paragraphs the first stage calls story, a menu between the page's edge, other chrome or a
headline. A run here is the block of consecutive non-prose units (`features.PROSE_WORDS`) the
unit belongs to; a prose unit is a run of its own. These are features the second stage's
trees weigh, read only by a model fitted on them (the shipped one is not:
docs/history/text-dumps.md, dfit29).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import accumulate

from newsnorm.transforms.dump.features import PROSE_WORDS, SENTENCE_END
from newsnorm.transforms.dump.units import Unit

RUN_FEATURES = (
    "run_lines",
    "run_first_mean",
    "run_above_prose",
    "run_below_prose",
    "run_bracketed",
    "story_prose_above",
    "story_prose_below",
    "prose_window",
)

# The units looked at above and below a unit for the share of story prose around it (wider
# than the first stage's three and the second's five: a table's middle sees its prose).
REACH = 8
# First-stage probability at which a prose unit counts as the story's.
STORY = 0.5


def run_features(units: Sequence[Unit], first: Sequence[float]) -> list[list[float]]:
    """One row of `RUN_FEATURES` per unit, from its shape and the first stage's verdicts:
    the run's length and mean verdict, the verdicts of the prose bracketing it above and
    below (0 at the page's edge) and the smaller of the two, the share of the `REACH` units
    above and below that are story prose, and the share of prose within `REACH`."""
    prose = [_is_prose(unit.text) for unit in units]
    story = [float(p and f >= STORY) for p, f in zip(prose, first, strict=True)]
    told = [0.0, *accumulate(story)]
    shaped = [0.0, *accumulate(map(float, prose))]
    means = [0.0, *accumulate(first)]
    count = len(units)
    rows: list[list[float]] = []
    for index, (start, end) in enumerate(_runs(prose)):
        above = first[start - 1] if start > 0 else 0.0
        below = first[end + 1] if end + 1 < count else 0.0
        low, high = max(0, index - REACH), min(count, index + REACH + 1)
        rows.append(
            [
                math.log1p(0 if prose[index] else end - start + 1),
                (means[end + 1] - means[start]) / (end - start + 1),
                above,
                below,
                min(above, below),
                (told[index] - told[low]) / REACH,
                (told[high] - told[index + 1]) / REACH,
                (shaped[high] - shaped[low] - prose[index]) / max(1, high - low - 1),
            ]
        )
    return rows


def _is_prose(text: str) -> bool:
    """A long line that ends a sentence or is mostly lower case (as `features`' prose,
    by its words split on spaces: cheap, and only a cut between runs)."""
    words = text.split()
    if len(words) < PROSE_WORDS:
        return False
    lower = sum(word[:1].islower() for word in words)
    return bool(SENTENCE_END.search(text)) or lower * 2 >= len(words)


def _runs(prose: Sequence[bool]) -> list[tuple[int, int]]:
    """For each unit, the first and last unit of its run (a prose unit: itself)."""
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(prose):
        end = index
        if not prose[index]:
            while end + 1 < len(prose) and not prose[end + 1]:
                end += 1
        spans += [(index, end)] * (end - index + 1)
        index = end + 1
    return spans
