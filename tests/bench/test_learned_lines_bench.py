"""bench/learned_lines.py's tally on tiny invented pages (no ../shared/ needed): a recurring
line counts once per different story, and lands in the counted or the shorter tally."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from tests_support import ROOT


def _load(name: str) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    sys.path.insert(0, str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


PLUG = "Sign up for our free newsletter to get the morning news."
STORIES = (
    "The county board approved a new budget on Monday after a long debate about road repairs.",
    "A storm knocked out power to thousands of homes along the coast late on Tuesday night.",
)


def test_recurring_lines_are_tallied_once_per_story_by_length() -> None:
    bench = _load("learned_lines")
    sets = _load("accuracy_sets")
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
