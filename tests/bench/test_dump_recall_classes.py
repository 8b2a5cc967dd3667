"""bench/dump_recall_classes.py's classes on invented units: a story-stage drop is told from a
named step's, and placed against the headline and the story the body keeps."""

from __future__ import annotations

from newsnorm.transforms.dump.units import Unit
from newsnorm.transforms.records import Removal
from tests_support import bench_module


def test_the_stage_scores_drops_are_told_from_named_steps() -> None:
    classes = bench_module("dump_recall_classes")
    assert classes.stage_cause("outside-story:core_distance,short_run") == "model"
    assert classes.stage_cause("outside-story:chrome_run(p=0.20;cost=1)") == "smoother"
    assert classes.stage_cause("outside-story:below_story_end") is None
    assert classes.stage_cause("outside-story:author_box") is None
    assert classes.stage_cause("see-also") is None


def test_a_dropped_unit_is_placed_against_the_kept_story() -> None:
    classes = bench_module("dump_recall_classes")
    kept = [4, 5, 7, 9]
    assert classes.place(1, 3, kept) == "above"
    assert classes.place(3, 2, kept) == "lead"
    assert classes.place(6, 3, kept) == "gap"
    assert classes.place(8, 3, kept) == "gap"
    assert classes.place(10, 3, kept) == "tail"
    assert classes.place(5, 3, []) == "lead"


def test_kept_units_skip_drops_and_moved_lines_but_not_cuts_inside_a_line() -> None:
    classes = bench_module("dump_recall_classes")
    lines = ["Home", "Ferry landing opens", "By Dana Whitfield", "## The new pier", "It opened."]
    units, position = [], 0
    for line in lines:
        units.append(Unit(line, line, position, position + len(line)))
        position += len(line) + 1
    removals = [
        Removal("outside-story:short_run", "page_chrome", "removed", 0, 4, "Home"),
        Removal("below-headline:byline", "byline", "moved", units[2].start, units[2].end, ""),
        Removal(
            "markdown-heading",
            "markup_residue",
            "removed",
            units[3].start,
            units[3].start + 3,
            "## ",
        ),
    ]
    assert classes.kept_units(units, removals) == (1, [3, 4])


def test_a_class_is_cut_to_the_depth_asked() -> None:
    classes = bench_module("dump_recall_classes")
    assert classes.cut("model:gap/heading-like", 1) == "model"
    assert classes.cut("smoother:tail/sentence", 2) == "smoother:tail"
    assert classes.cut("model:gap/heading-like", 3) == "model:gap/heading-like"
    assert classes.cut("story:below_story_end", 1) == "story:below_story_end"
    rows = [
        {
            "page": "a",
            "site": "one.example",
            "gold": 100,
            "causes": {"model:gap/sentence": 10, "not in dump": 5},
        },
        {"page": "b", "site": "two.example", "gold": 50, "causes": {"model:tail/list item": 5}},
        {"page": "c", "site": "two.example", "gold": 0, "causes": {}},
    ]
    found = {name: rest for name, *rest in classes.table(rows, 1)}
    assert found["model"] == [0.1, 15, 2, 2]
    assert found["not in dump"] == [0.025, 5, 1, 1]
