"""The structural story end measured by bench/dump_story_tail.py (docs/history/text-dumps.md,
dprec23): a heading below the story after which the page is chrome for good ends it; a story
that goes on below a heading does not end there."""

from __future__ import annotations

import importlib
import sys
from typing import Any

from tests_support import ROOT

if str(ROOT / "bench") not in sys.path:
    sys.path.append(str(ROOT / "bench"))
tail = importlib.import_module("dump_story_tail")

_PARAGRAPH = (
    "The ferry council in Port Vellamy met on Tuesday to weigh a new schedule for the winter"
    " crossings, {}."
)
_RAIL = ["Ferry fares rise again", "Tide tables", "Harbor webcam", "Contact the desk", "Sitemap"]


def _page(after: list[float], kept_after: list[int]) -> Any:
    """A headline, eight story paragraphs, a heading and a rail; `after` gives the rail's
    second-stage probabilities and `kept_after` which of its units the stage kept."""
    story = [_PARAGRAPH.format(f"said member number {n}") for n in range(8)]
    texts = ["Ferry Council Weighs Winter Schedule", *story, "More from the Vellamy Post", *_RAIL]
    heading = len(story) + 1
    kept = [*range(1, heading), *(heading + 1 + k for k in kept_after)]
    second = [0.9] * heading + [0.1] + after
    share = {k: 1.0 if k < heading else 0.0 for k in kept}
    return tail.Traced("inscriptis", texts, texts, second, kept, share, heading - 1, "")


def test_a_heading_with_only_weak_kept_lines_below_it_ends_the_story() -> None:
    page = _page([0.2, 0.05, 0.05, 0.05, 0.05], [0])
    assert tail.structural_end(0.7, 0.3, 0.1, 3)(page) == {10}
    assert tail.tail(page) == {10: "a heading-like line"}


def test_a_line_the_stage_is_sure_of_below_the_heading_keeps_the_story_going() -> None:
    sure = _page([0.6, 0.05, 0.05, 0.05, 0.05], [0])
    assert tail.structural_end(0.7, 0.3, 0.1, 3)(sure) == set()
    # Most of the page below the heading kept: the story goes on under a subheading.
    going_on = _page([0.2, 0.2, 0.2, 0.2, 0.05], [0, 1, 2, 3])
    assert tail.structural_end(0.7, 0.3, 0.1, 3)(going_on) == set()
