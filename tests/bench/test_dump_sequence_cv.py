"""The sequence smoother measured by bench/dump_sequence_cv.py (docs/history/text-dumps.md,
dprec11): a unit near the threshold follows its neighbours, one far from it keeps its own
verdict."""

from __future__ import annotations

import importlib
import sys

from tests_support import ROOT

if str(ROOT / "bench") not in sys.path:
    sys.path.append(str(ROOT / "bench"))
sequence = importlib.import_module("dump_sequence_cv")


def test_a_lone_unit_near_the_threshold_follows_its_neighbours() -> None:
    # Just over the threshold between menu lines: chrome; just under it between paragraphs: story.
    assert sequence.story_runs([0.02, 0.03, 0.2, 0.02, 0.03], 0.15, 1.0) == [False] * 5
    assert sequence.story_runs([0.9, 0.95, 0.1, 0.9, 0.95], 0.15, 1.0) == [True] * 5


def test_a_unit_far_from_the_threshold_keeps_its_own_verdict() -> None:
    runs = sequence.story_runs([0.02, 0.03, 0.8, 0.02, 0.03], 0.15, 1.0)
    assert runs == [False, False, True, False, False]
    runs = sequence.story_runs([0.9, 0.95, 0.01, 0.9, 0.95], 0.15, 1.0)
    assert runs == [True, True, False, True, True]


def test_without_a_switch_cost_it_is_the_threshold_and_drops_only_never_add() -> None:
    probabilities = [0.02, 0.2, 0.14, 0.15, 0.9, 0.1]
    assert sequence.story_runs(probabilities, 0.15, 0.0) == [p >= 0.15 for p in probabilities]
    assert sequence.story_runs([], 0.15, 1.0) == []
    dropped = sequence.smoothed([0.9, 0.95, 0.1, 0.9, 0.02, 0.2, 0.03], 0.15, 1.0, "drop")
    assert [p >= 0.15 for p in dropped] == [True, True, False, True, False, False, False]
