"""The run of lines each unit of a page dump sits in, for the second stage
(transforms/dump/runs.py, round dfit29)."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from newsnorm.transforms.adapters.generic import GenericAdapter
from newsnorm.transforms.dump import story
from newsnorm.transforms.dump.context import CONTEXT_FEATURES, context_features
from newsnorm.transforms.dump.features import FEATURES
from newsnorm.transforms.dump.model import Forest, line_model
from newsnorm.transforms.dump.runs import REACH, RUN_FEATURES, run_features
from newsnorm.transforms.dump.units import Unit
from newsnorm.transforms.records import Document

MENU = ["Skip to content", "Quillhaven Courier", "* Home", "* Harbour", "* Markets", "* Sports"]
HEADLINE = "Quillhaven ferry timetable changes for the winter season"
LEAD = (
    "The harbour board of Quillhaven published its winter ferry timetable on Monday, with "
    "fewer crossings to the outer islands and a new early boat for market traders."
)
# A story's own table: short cells, one to a line, between two of its paragraphs.
TABLE = ["Route", "Crossings", "Outer islands", "Four a day", "Market boat", "One at dawn"]
CLOSE = (
    "The board said the timetable would run until the spring tides, when it expects to "
    "bring back the afternoon crossings that islanders asked for at the last meeting."
)
CREDITS = ["Contact", "Privacy Policy", "Terms of Use", "Advertise"]


def _units(texts: list[str]) -> list[Unit]:
    return [Unit(text, text, 0, 0) for text in texts]


def _columns(rows: list[list[float]]) -> dict[str, list[float]]:
    return {name: [row[i] for row in rows] for i, name in enumerate(RUN_FEATURES)}


def test_a_story_s_table_is_bracketed_by_its_prose_and_a_menu_by_the_page_s_edge() -> None:
    texts = [*MENU, LEAD, *TABLE, CLOSE, *CREDITS]
    # The first stage doubts the table's cells as much as the menu's items.
    first = [0.1] * len(MENU) + [0.9] + [0.2] * len(TABLE) + [0.9] + [0.05] * len(CREDITS)
    found = _columns(run_features(_units(texts), first))
    menu, lead, cell, close, credit = 2, len(MENU), len(MENU) + 2, len(MENU) + 7, len(texts) - 1
    assert found["run_lines"][menu] == math.log1p(len(MENU))
    assert found["run_lines"][cell] == math.log1p(len(TABLE))
    assert found["run_lines"][lead] == 0.0  # a prose unit is a run of its own
    assert found["run_first_mean"][cell] == pytest.approx(0.2)
    assert (found["run_above_prose"][cell], found["run_below_prose"][cell]) == (0.9, 0.9)
    assert found["run_bracketed"][cell] == 0.9
    assert found["run_bracketed"][menu] == 0.0  # the page's edge above it
    assert found["run_bracketed"][credit] == 0.0  # and below the credits
    # Story prose above and below, out of `REACH` units each way.
    assert found["story_prose_above"][cell] == 1 / REACH
    assert found["story_prose_below"][cell] == 1 / REACH
    assert found["story_prose_above"][menu] == 0.0
    assert found["story_prose_below"][close] == 0.0
    assert found["story_prose_above"][credit] == 1 / REACH
    assert found["prose_window"][cell] > found["prose_window"][menu] > 0.0


def test_the_second_stage_reads_the_runs_after_its_other_features_only_when_asked() -> None:
    texts = [*MENU, LEAD, *TABLE, CLOSE, *CREDITS]
    units = _units(texts)
    own = [[0.0] * len(FEATURES) for _ in units]
    first = [0.5] * len(units)
    without = context_features(units, own, first)
    rows = context_features(units, own, first, runs=True)
    assert all(len(row) == len(without[0]) + len(RUN_FEATURES) for row in rows)
    assert [row[: len(without[0])] for row in rows] == without
    assert [row[len(without[0]) :] for row in rows] == run_features(units, first)
    assert not set(RUN_FEATURES) & set(CONTEXT_FEATURES)


def _page() -> str:
    return "\n\n".join([*MENU, HEADLINE, LEAD, *TABLE, CLOSE, *CREDITS]) + "\n"


def test_a_model_fitted_on_the_runs_keeps_a_table_its_story_brackets() -> None:
    """Stand-in stages: the first calls prose story and every short line chrome; the second
    keeps prose and a run of short lines whose bracketing prose the first calls story, so the
    story's table stays and the menu and credits go."""
    text = _page()
    cleaned = GenericAdapter().clean(Document.from_text(text))
    shipped = line_model()
    words = shipped.first.features.index("words")
    prose = {"feature": words, "threshold": math.log1p(9.5), "left": {"value": -6.0},
             "right": {"value": 6.0}}  # fmt: skip
    names = (*shipped.second.features, *RUN_FEATURES)
    bracketed = {"feature": names.index("run_bracketed"), "threshold": 0.5,
                 "left": {"value": -6.0}, "right": {"value": 6.0}}  # fmt: skip
    tree = {"feature": names.index("run_lines"), "threshold": 0.01, "left": {"value": 6.0},
            "right": bracketed}  # fmt: skip
    model = replace(
        shipped,
        first=Forest(shipped.first.features, 0.0, 1.0, (prose,)),
        second=Forest(names, 0.0, 1.0, (tree,)),
    )
    article = story.find_story(text, cleaned, model)
    assert list(article.paragraphs) == [LEAD, *TABLE, CLOSE]
    dropped = {removal.text for removal in article.removals}
    assert set(CREDITS) <= dropped
    assert "* Harbour" in dropped
