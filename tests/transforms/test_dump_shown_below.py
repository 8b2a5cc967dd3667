"""A kept line that the page shows again further down, where the story stage drops it
(transforms/dump/story.py, `SHOWN_BELOW`): a menu, form or promo written twice."""

from __future__ import annotations

from collections.abc import Sequence

from newsnorm.transforms.adapters import BUILTIN
from newsnorm.transforms.dump.model import LineModel, Scored, line_model
from newsnorm.transforms.dump.story import RULE, SHOWN_BELOW, _shown_below, find_story
from newsnorm.transforms.dump.units import align_units
from newsnorm.transforms.pipeline import _clean_text
from tests_support import line_units

PROMO = "Sign up for the Quarry Gazette morning letter and never miss a hike again."
STORY = [
    "The county reopened the ridge trail on Saturday after a year of repairs to its bridges.",
    "Rangers said the new boardwalk would keep hikers off the wet meadow in the spring.",
]


def _page(lines: list[str]) -> list[str]:
    return ["Menu", "Ridge trail reopens after repairs", *lines]


def test_a_kept_line_the_page_drops_again_below_goes() -> None:
    units = line_units(_page([STORY[0], PROMO, STORY[1], "Footer", PROMO.upper()]))
    kept = [2, 3, 4]  # the story and the promo between its paragraphs; the copy below is dropped
    second = [0.0, 0.9, 0.95, 0.5, 0.9, 0.0, 0.1]
    assert _shown_below(units, kept, second) == {3}


def test_a_line_shown_again_is_kept_when_the_copy_is_kept_above_or_sure_or_short() -> None:
    units = line_units(_page([STORY[0], PROMO, STORY[1], PROMO]))
    second = [0.0, 0.9, 0.95, 0.5, 0.9, 0.1]
    # The other copy is kept too (a listicle repeats its items' labels).
    assert _shown_below(units, [2, 3, 4, 5], second) == set()
    # The dropped copy stands above it, not below.
    units = line_units(_page([PROMO, STORY[0], PROMO, STORY[1]]))
    assert _shown_below(units, [3, 4, 5], [0.0, 0.9, 0.1, 0.95, 0.5, 0.9]) == set()
    # The second stage is sure of it.
    units = line_units(_page([STORY[0], PROMO, STORY[1], PROMO]))
    assert _shown_below(units, [2, 3, 4], [0.0, 0.9, 0.95, 0.8, 0.9, 0.1]) == set()
    # A short subheading shown again in a list of contents below.
    units = line_units(_page([STORY[0], "Where to park", STORY[1], "Where to park"]))
    assert _shown_below(units, [2, 3, 4], second) == set()


class _Given:
    """A stage that gives each unit the probability listed for it, in order."""

    def __init__(self, probabilities: list[float]) -> None:
        self._next = iter(probabilities)

    def score(self, row: Sequence[float]) -> Scored:
        return Scored(next(self._next), {})


def test_the_removal_names_the_copy_below() -> None:
    menu = ["Quarry Gazette", "* Home", "* Trails", "* Parks", "* Events", "* Maps", "* Shop"]
    story = [
        *STORY,
        "Volunteers from three hiking clubs spent the winter weekends hauling timber up the "
        "slope, and the park service paid for the steel anchors that hold the new spans.",
    ]
    headline = "Ridge trail reopens after a year of repairs"
    footer = ["* About", "* Contact", "* Jobs", PROMO, "* Advertise"]
    lines = [*menu, headline, story[0], story[1], PROMO, story[2], *footer]
    text = "\n".join(lines) + "\n"
    adapters = tuple(adapter() for adapter in BUILTIN)
    # The adapters' article, as the story stage gets it.
    article = _clean_text(text, adapters, check_listing=False, body_keys=None)
    units = align_units(text, article)
    assert units is not None
    # Story sure, the promo between its paragraphs doubtful, the page around it chrome.
    # The headline is no prose (0.3): sure of it (0.9), the stages take it for the story's
    # first paragraph, and the ranker refit with the story's echo (fixdt24) takes the site's
    # name on the first line over a candidate that is the story's start.
    sure = set(story)
    probabilities = [
        0.9 if unit.text in sure else 0.3 if unit.text == headline
        else 0.5 if i < len(units) - 3 and unit.text == PROMO else 0.05
        for i, unit in enumerate(units)
    ]  # fmt: skip
    shipped = line_model()
    model = LineModel(
        shipped.lexicon, None, _Given(probabilities), _Given(probabilities),  # type: ignore[arg-type]
        shipped.title, shipped.threshold,
    )  # fmt: skip
    found = find_story(text, article, model)
    assert list(found.paragraphs) == story
    rules = {removal.rule for removal in found.removals if removal.text == PROMO}
    assert f"{RULE}:{SHOWN_BELOW}" in rules
