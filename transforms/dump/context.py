"""What the second stage and the title model see: the first stage's verdicts around a unit.

A unit's own shape is not enough: a list of short items is story between two paragraphs and
a menu above the headline. The second stage reads the first stage's probabilities of the
units around it and where it sits relative to the block those probabilities call story;
`story_start` is where that block's prose begins (the headline model looks around it).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from newsnorm.transforms.dump.anchor import ANCHOR_FEATURES, Anchor, anchor_features
from newsnorm.transforms.dump.features import FEATURES, densest
from newsnorm.transforms.dump.runs import run_features
from newsnorm.transforms.dump.sections import SECTION_FEATURES, section_features
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
    *SECTION_FEATURES,
    *ANCHOR_FEATURES,
)  # fmt: skip

# The story starts at the first unit with at least this many words and this first-stage
# probability in the block the first stage calls story: the maximum subarray of
# (probability - `_START_COST`) times words.
_START_WORDS = 8
START_PROBABILITY = 0.15
_START_COST = 0.5


def context_features(
    units: Sequence[Unit],
    rows: Sequence[Sequence[float]],
    first: Sequence[float],
    sections: bool = False,
    anchor: Anchor | None = None,
    runs: bool = False,
) -> list[list[float]]:
    """One row of `CONTEXT_FEATURES` per unit, from its first-stage row and probabilities;
    `SECTION_FEATURES` only with `sections`, and `ANCHOR_FEATURES` only with an `anchor`
    (for a model fitted on them: the shipped one is not, docs/history/text-dumps.md, dprec24 and
    dprec25); with `runs`, `runs.RUN_FEATURES` after them (dfit29, likewise)."""
    words = [max(1, len(unit.text.split())) for unit in units]
    spans = [
        _densest([(p - cost) * w for p, w in zip(first, words, strict=True)])
        for cost in _SPAN_COSTS
    ]
    low = [p < _LOW for p in first]
    count = len(units)
    section_rows = _section_rows(units, first, sections, anchor)
    run_rows = run_features(units, first) if runs else [[] for _ in units]
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
        result.append(row + section_rows[index] + run_rows[index])
    return result


def _section_rows(
    units: Sequence[Unit], first: Sequence[float], sections: bool, anchor: Anchor | None
) -> list[list[float]]:
    """The rows' `SECTION_FEATURES` (with an `anchor`, read from the lead under the first
    pass's headline, and its `ANCHOR_FEATURES` after them), or none."""
    if not units or (anchor is None and not sections):
        return [[] for _ in units]
    block = story_block(units, first)
    if anchor is None:
        return section_features(units, first, block, story_start(units, first))
    found = section_features(units, first, block, story_start(units, first), anchor.index)
    return [
        own + near for own, near in zip(found, anchor_features(units, first, anchor), strict=True)
    ]


def story_start(units: Sequence[Unit], first: Sequence[float]) -> int:
    """The first unit of prose, after the title line, in the block the first stage calls
    story (a page's first prose line is often a cookie notice or a promo above the menu)."""
    words = [len(unit.text.split()) for unit in units]
    block, _ = story_block(units, first)
    for index in range(max(1, block), len(units)):
        if first[index] >= START_PROBABILITY and words[index] >= _START_WORDS:
            return index
    return min(max(1, block), len(units) - 1)


def story_block(units: Sequence[Unit], first: Sequence[float]) -> tuple[int, int]:
    """The first and last unit of the block the first stage calls story (the maximum
    subarray of (probability - `_START_COST`) times words)."""
    words = [len(unit.text.split()) for unit in units]
    return _densest([(p - _START_COST) * max(1, w) for p, w in zip(first, words, strict=True)])


def _densest(values: Sequence[float]) -> tuple[int, int]:
    """The span with the largest sum (`densest`)."""
    return densest(values) or (0, max(0, len(values) - 1))


def _longest_run(flags: Sequence[bool], indexes: range) -> int:
    best = run = 0
    for index in indexes:
        run = run + 1 if flags[index] else 0
        best = max(best, run)
    return best
