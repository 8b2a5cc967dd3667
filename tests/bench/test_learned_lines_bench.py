"""bench/learned_lines.py's tally on tiny invented pages (no ../shared/ needed): a recurring
line counts once per different story, and lands in the counted or the shorter tally."""

from __future__ import annotations

from tests_support import bench_module

PLUG = "Sign up for our free newsletter to get the morning news."
STORIES = (
    "The county board approved a new budget on Monday after a long debate about road repairs.",
    "A storm knocked out power to thousands of homes along the coast late on Tuesday night.",
)


def test_recurring_lines_are_tallied_once_per_story_by_length() -> None:
    bench = bench_module("learned_lines")
    sets = bench_module("accuracy_sets")
    pages = [
        sets.Page(
            "invented",
            str(n),
            "https://news.example/a",
            "tuning",
            gold={"expected_body": f"Pros\n{story}"},
        )
        for n, story in enumerate(STORIES)
    ]
    found = [("Pros", story, PLUG) for story in STORIES]
    copy = ("Pros", STORIES[0], PLUG)  # a third page, a copy of the first: no new story
    counted, shorter = bench.Tally(), bench.Tally()
    bench.tally_host([*pages, pages[0]], [*found, copy], counted, shorter)
    assert (counted.lines, counted.story_lines) == (1, 0)
    assert [(line, stories) for line, stories, _ in counted.shown] == [(PLUG, 2)]
    assert (shorter.lines, shorter.story_lines) == (1, 1)  # "Pros" is a line of the gold body
