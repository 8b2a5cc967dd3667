"""Repeated structure in a page dump (transforms/dump/repeats.py): runs of same-shaped items."""

from __future__ import annotations

from newsnorm.transforms.dump.repeats import (
    Run,
    dated_item_starts,
    find_runs,
    unit_shape,
)
from tests_support import line_units

COMMENTS = [
    "  1. Dana Whitfield says",
    "    March 4, 2025 at 9:14 am",
    "      Thanks for writing this up, we tried the ferry twice last week.",
    "      Reply",
    "  2. Sam Okafor says",
    "    March 5, 2025 at 7:02 pm",
    "      The second landing made my commute so much shorter than before.",
    "      Reply",
    "  3. Lee Marsh says",
    "    March 6, 2025 at 11:40 am",
    "      Does anyone know whether the third boat runs on weekends?",
    "      Reply",
]


def test_a_comment_thread_is_one_run_of_its_items() -> None:
    units = line_units(["Comments", *COMMENTS, "Leave a comment below if you rode it too."])
    runs = find_runs([unit_shape(unit) for unit in units])
    assert runs == [Run(1, 13, 4)]
    assert runs[0].repeats == 3


def test_two_items_are_no_run_and_prose_after_prose_is_no_item() -> None:
    prose = ["    The county opened its second ferry landing on Tuesday morning."] * 8
    assert find_runs([unit_shape(unit) for unit in line_units(COMMENTS[:8])]) == []
    assert find_runs([unit_shape(unit) for unit in line_units(prose)]) == []


def test_teasers_with_a_date_line_make_a_run() -> None:
    teasers = [
        line
        for number in range(3)
        for line in (
            f"  Harbor board story number {number} in the rail",
            f"    A summary of rail story {number} that runs for a sentence.",
            f"    March {number + 1}, 2025",
        )
    ]
    assert [unit_shape(unit) for unit in line_units(teasers)][:3] == ["2line", "4sentence", "4date"]
    assert find_runs([unit_shape(unit) for unit in line_units(teasers)]) == [Run(0, 9, 3)]


def test_a_thread_of_dated_items_with_a_button_is_found() -> None:
    assert dated_item_starts(line_units(["Comments", *COMMENTS])) == [1]


def test_teasers_without_a_button_and_listicle_items_without_a_date_are_not() -> None:
    teasers = [
        line
        for number in range(3)
        for line in (
            f"  Harbor board story number {number} in the rail",
            f"    March {number + 1}, 2025",
        )
    ]
    listicle = [
        line
        for number in range(3)
        for line in (f"  {number + 1}. Ferry number {number}", "    Book now")
    ]
    assert find_runs([unit_shape(unit) for unit in line_units(teasers)]) == [Run(0, 6, 2)]
    assert dated_item_starts(line_units(teasers)) == []
    assert find_runs([unit_shape(unit) for unit in line_units(listicle)]) == [Run(0, 6, 2)]
    assert dated_item_starts(line_units(listicle)) == []


def test_the_same_date_on_every_item_is_no_button() -> None:
    items = [line for n in range(3) for line in (f"  Ferry day {n} out", "    March 4, 2025")]
    assert dated_item_starts(line_units(items)) == []


def test_a_thread_stamped_with_times_needs_no_button() -> None:
    # The shared rules may have cut the "Reply" lines: the times of day still stamp it.
    thread = [line for line in COMMENTS if line.strip() != "Reply"]
    assert dated_item_starts(line_units(thread)) == [0]
    ages = [
        line
        for number in range(3)
        for line in (f"  Reader {number}", f"    {number + 2} days ago", "    I rode it too.")
    ]
    assert dated_item_starts(line_units(ages)) == [0]
    undated = [line.replace(" at ", " ").rsplit(" ", 2)[0] for line in thread]
    assert dated_item_starts(line_units(undated)) == []
