"""Where a unit stands against the page's headline: an anchor the first stage does not give.

The second stage reads a unit against the block of first-stage story, and the section
features (`sections.py`) read a section against the lead from the first stage's story
start; where that start is wrong, the real story reads as off the topic and the page's
other matter as on it (round dprec24, docs/history/text-dumps.md). The title ranker runs on its own
evidence (the page's `<title>` line, the story's echo of a candidate, the byline or date
below it) and is right on most pages, so a first pass of it, on first-stage verdicts alone,
gives the anchor: how far below the headline a unit stands, how much of the headline's
words its section says, how much story stands between them, and how sure the ranker was.
These are features the second stage's trees weigh, for a model fitted on them.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from newsnorm.transforms.dump.sections import content_words, section_starts
from newsnorm.transforms.dump.units import Unit

ANCHOR_FEATURES = (
    "anchor_score",
    "anchor_offset",
    "anchor_words",
    "anchor_title_share",
    "anchor_story_between",
)

# First-stage probability at which a unit's words count as the story's (as `sections.py`).
_STORY = 0.5


@dataclass(frozen=True, slots=True)
class Anchor:
    """The first pass's headline: its unit and the ranker's probability for it."""

    index: int
    score: float


def anchor_features(
    units: Sequence[Unit], first: Sequence[float], anchor: Anchor
) -> list[list[float]]:
    """One row of `ANCHOR_FEATURES` per unit; `first` are the first stage's probabilities."""
    if not units:
        return []
    words = [max(1, len(unit.text.split())) for unit in units]
    story = [w if p >= _STORY else 0 for w, p in zip(words, first, strict=True)]
    head = anchor.index
    headline = content_words(units[head].text)
    below_story = sum(story[head + 1 :]) or 1
    before = [0, *itertools.accumulate(words)]  # words above each unit
    stories = [0, *itertools.accumulate(story)]
    starts = section_starts(units, head)
    rows: list[list[float]] = []
    for a, b in zip(starts, [*starts[1:], len(units)], strict=True):
        section = frozenset().union(*(content_words(unit.text) for unit in units[a:b]))
        title_share = len(section & headline) / len(headline) if headline else 0.0
        # The story above the section, under the headline (its own section: none).
        between = (stories[a] - stories[min(a, head + 1)]) / below_story
        for index in range(a, b):
            sign = (index > head) - (index < head)
            low, high = sorted((index, head))
            rows.append(
                [
                    anchor.score,
                    sign * math.log1p(high - low),
                    sign * math.log1p(max(0, before[high] - before[low + 1])),
                    title_share,
                    between if index > head else -1.0,
                ]
            )
    return rows
