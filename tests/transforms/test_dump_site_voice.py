"""A kept line below the story in the site's own voice and off the story's topic
(transforms/dump/site_voice.py, `SITE_VOICE`): a sign-up form, a donation ask, a privacy
promise that the line model keeps because it reads like prose."""

from __future__ import annotations

from collections.abc import Sequence

from newsnorm.transforms.adapters import BUILTIN
from newsnorm.transforms.dump.model import LineModel, Scored, line_model
from newsnorm.transforms.dump.site_voice import SITE_VOICE, content_words, site_voice
from newsnorm.transforms.dump.story import RULE, find_story
from newsnorm.transforms.dump.units import align_units
from newsnorm.transforms.pipeline import _clean_text
from tests_support import line_units

HEADLINE = "Harbor ferry adds a night crossing to Gull Island"
STORY = [
    "The Gull Island ferry will run a night crossing from the harbor pier starting in June, "
    "the island's transit board said on Tuesday.",
    "Islanders had asked the board for a later ferry for years, since the last crossing "
    "left the harbor before most restaurant shifts ended.",
    "The night crossing will use the smaller ferry, which carries forty cars and leaves the "
    "pier at eleven, the board said.",
]
SIGN_UP = "Sign up for our weekly letter and get the best local picks sent to your inbox."
# The story's own closing line in the first person: it shares the story's words.
SIGN_OFF = "We will ride the first night crossing to the island and report back on the ferry."


def _page(tail: list[str]) -> list[str]:
    return ["Menu", HEADLINE, *STORY, *tail]


def _first(count: int, story: int) -> list[float]:
    """First-stage verdicts: the headline and `story` units after it sure, the rest chrome."""
    return [0.9 if 1 <= index <= 1 + story else 0.05 for index in range(count)]


def test_content_words_leave_short_and_common_words_out() -> None:
    assert content_words("We would ride the Ferry at 11, with them.") == {"ride", "ferry"}


def test_a_line_in_the_sites_voice_off_the_topic_below_the_story_goes() -> None:
    units = line_units(_page([SIGN_UP, "Footer"]))
    kept = [2, 3, 4, 5]
    second = [0.0, 0.9, 0.95, 0.95, 0.95, 0.3, 0.0]
    assert site_voice(units, kept, 1, _first(len(units), 3), second) == {5}


def test_a_line_on_the_topic_sure_or_inside_the_story_stays() -> None:
    first = _first(7, 3)
    # The story's sign-off in the first person shares its words.
    units = line_units(_page([SIGN_OFF, "Footer"]))
    assert (
        site_voice(units, [2, 3, 4, 5], 1, first, [0.0, 0.9, 0.95, 0.95, 0.95, 0.3, 0.0]) == set()
    )
    # The second stage is fairly sure of the sign-up line.
    units = line_units(_page([SIGN_UP, "Footer"]))
    assert (
        site_voice(units, [2, 3, 4, 5], 1, first, [0.0, 0.9, 0.95, 0.95, 0.95, 0.6, 0.0]) == set()
    )
    # Inside the densest block of first-stage story it is left to the model.
    units = line_units(["Menu", HEADLINE, STORY[0], SIGN_UP, STORY[1], STORY[2], "Footer"])
    first = [0.05, 0.9, 0.9, 0.9, 0.9, 0.9, 0.05]
    assert (
        site_voice(units, [2, 3, 4, 5], 1, first, [0.0, 0.9, 0.95, 0.3, 0.95, 0.95, 0.0]) == set()
    )
    # An off-topic line in no site's voice is the model's too (`US` is a country, not `us`).
    line = "Parking near the stadium costs twenty dollars for US visitors on game days."
    units = line_units(_page([line, "Footer"]))
    assert (
        site_voice(units, [2, 3, 4, 5], 1, _first(7, 3), [0.0, 0.9, 0.95, 0.95, 0.95, 0.3, 0.0])
        == set()
    )


def _dropped(line: str) -> set[int]:
    """What the rule takes from a page ending with `line` below the story, the line unsure."""
    units = line_units(_page([line, "Footer"]))
    second = [0.0, 0.9, 0.95, 0.95, 0.95, 0.3, 0.0]
    return site_voice(units, [2, 3, 4, 5], 1, _first(len(units), 3), second)


def test_a_storys_third_person_words_are_not_the_sites_voice() -> None:
    # `members`, `join`, `download` alone and `Our` before a name are a story's words too.
    for line in [
        "Family members said a service will be held Saturday at Our Lady of Grace Chapel.",
        "Board members will vote on a new bench for the village green in May.",
        "Keller will join his late uncle in the family plot near the old mill.",
        "Drivers can download the county's parking permit form from its website.",
        "Her turn in Us earned the actress a festival prize last spring.",
    ]:
        assert _dropped(line) == set(), line
    # The site addressing its reader still goes.
    for line in [
        "Become a member today and get every print edition mailed to your door.",
        "By subscribing you agree to receive marketing emails about local events.",
        "Our weekly letter brings the best local picks straight to your mailbox.",
    ]:
        assert _dropped(line) == {5}, line


def test_unspaced_scripts_and_contractions_do_not_fake_an_off_topic_line() -> None:
    # Each clause of an unspaced script reads as one "word" that never repeats.
    assert _dropped("她说: “We will keep building boats.” 这家") == set()
    assert content_words("He didn't know; she couldn't say.") == {"know"}


class _Given:
    """A stage that gives each unit the probability listed for it, in order."""

    def __init__(self, probabilities: list[float]) -> None:
        self._next = iter(probabilities)

    def score(self, row: Sequence[float]) -> Scored:
        return Scored(next(self._next), {})


def test_the_removal_names_the_sites_voice() -> None:
    menu = ["Harbor Daily", "* Home", "* News", "* Ferries", "* Events", "* Maps", "* Shop"]
    footer = ["* About", "* Contact", "* Jobs", "* Advertise"]
    lines = [*menu, HEADLINE, *STORY, SIGN_UP, *footer]
    text = "\n".join(lines) + "\n"
    adapters = tuple(adapter() for adapter in BUILTIN)
    article = _clean_text(text, adapters, check_listing=False, body_keys=None)
    units = align_units(text, article)
    assert units is not None
    sure = {*STORY, HEADLINE}
    first = [0.9 if unit.text in sure else 0.05 for unit in units]
    second = [0.9 if unit.text in sure else 0.3 if unit.text == SIGN_UP else 0.05 for unit in units]
    shipped = line_model()
    model = LineModel(
        shipped.lexicon, None, _Given(first), _Given(second),  # type: ignore[arg-type]
        shipped.title, shipped.threshold,
    )  # fmt: skip
    found = find_story(text, article, model)
    assert list(found.paragraphs) == STORY
    rules = {removal.rule for removal in found.removals if removal.text == SIGN_UP}
    assert rules == {f"{RULE}:{SITE_VOICE}"}
