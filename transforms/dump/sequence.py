"""Kept units that stand in a run of chrome go: the keep decisions read as a sequence.

The second stage judges each unit with its neighbours' first-stage verdicts, but its own
verdicts are taken one at a time at the threshold: a promo line just over it between two
menu lines stays. Story and chrome come in runs, so a unit the threshold keeps goes when
the story/chrome sequence that best fits the second stage's probabilities, each change
between story and chrome costing `SWITCH_COST` log-odds (Viterbi over two states, pure
Python, linear in the units), calls it chrome. No unit is added: letting the sequence
also keep units under the threshold traded precision for recall along the threshold's
own curve (docs/history/text-dumps.md: dprec11 measured both, dprec12 shipped this).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

# Log-odds a change between story and chrome costs: a lone kept unit between chrome goes
# when its log-odds over the threshold's are under twice this.
SWITCH_COST = 1.0
# The probability under which the body drops a unit outright, the sequence reading the
# rest: a little under the model file's threshold (0.15, best for the threshold alone), as
# the sequence drops lone units just over it among chrome (dprec12, out of fold, 3 draws:
# precision +0.0004 / +0.0021 / +0.0023 at recall within 0.0003 of 0.15 alone).
KEEP_THRESHOLD = 0.135
# What decided the drop of such a unit (its rule also names its probability and the cost).
CHROME_RUN = "chrome_run"
_EDGE = 1e-6


def story_runs(
    probabilities: Sequence[float], threshold: float, cost: float = SWITCH_COST
) -> list[bool]:
    """Whether each unit is story on the sequence maximising the sum of story units'
    log-odds over the threshold's, less `cost` per change of state; with `cost` 0 this
    is each probability against the threshold."""
    bias = _logit(threshold)
    chrome, story = 0.0, 0.0  # best totals of a sequence ending in either state
    back: list[tuple[bool, bool]] = []  # for each state, whether its best came from story
    for probability in probabilities:
        chrome_from_story = story - cost > chrome
        story_from_story = story >= chrome - cost
        chrome, story = (
            story - cost if chrome_from_story else chrome,
            (story if story_from_story else chrome - cost) + _logit(probability) - bias,
        )
        back.append((chrome_from_story, story_from_story))
    state = story >= chrome
    path: list[bool] = []
    for chrome_from_story, story_from_story in reversed(back):
        path.append(state)
        state = story_from_story if state else chrome_from_story
    return path[::-1]


def chrome_run_drops(
    probabilities: Sequence[float], threshold: float, cost: float = SWITCH_COST
) -> dict[int, str]:
    """The units the threshold keeps that the best sequence calls chrome, each with what
    decided it for the audit trail (`chrome_run(p=0.16;cost=1)`)."""
    runs = story_runs(probabilities, threshold, cost)
    return {
        index: f"{CHROME_RUN}(p={probability:.2f};cost={cost:g})"
        for index, (probability, story) in enumerate(zip(probabilities, runs, strict=True))
        if probability >= threshold and not story
    }


def _logit(probability: float) -> float:
    clipped = min(max(probability, _EDGE), 1 - _EDGE)
    return math.log(clipped / (1 - clipped))
