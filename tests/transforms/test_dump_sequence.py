"""The story stage's keep decisions read as a story/chrome sequence (dump/sequence.py)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from newsnorm.transforms.adapters.generic import GenericAdapter
from newsnorm.transforms.dump.model import Scored, line_model
from newsnorm.transforms.dump.sequence import CHROME_RUN, KEEP_THRESHOLD, chrome_run_drops
from newsnorm.transforms.dump.story import ABOVE_HEADLINE, RULE, find_story
from newsnorm.transforms.dump.units import align_units
from newsnorm.transforms.records import Document

CHROME = [0.02, 0.03, 0.02]
STORY = [0.9, 0.95, 0.9]


def test_a_kept_unit_just_over_the_threshold_between_chrome_runs_goes() -> None:
    drops = chrome_run_drops([*CHROME, 0.2, *CHROME], 0.15, 1.0)
    assert drops == {3: f"{CHROME_RUN}(p=0.20;cost=1)"}


def test_a_unit_inside_a_story_run_stays_and_none_is_added() -> None:
    # Just over the threshold among story it stays; just under it, it is not taken back.
    assert chrome_run_drops([*STORY, 0.2, 0.1, *STORY], 0.15, 1.0) == {}
    # A unit the model is sure of keeps its own verdict among chrome.
    assert chrome_run_drops([*CHROME, 0.8, *CHROME], 0.15, 1.0) == {}


def test_the_decision_is_stable() -> None:
    probabilities = [*CHROME, 0.2, *CHROME, *STORY, 0.16, *STORY, *CHROME, 0.3, 0.25, *CHROME]
    drops = chrome_run_drops(probabilities, 0.15, 1.0)
    assert sorted(drops) == [3, 17, 18]
    assert chrome_run_drops(probabilities, 0.15, 1.0) == drops
    # Read backwards, the same units go; far-off units do not move the decision.
    last = len(probabilities) - 1
    backwards = chrome_run_drops(probabilities[::-1], 0.15, 1.0)
    assert sorted(last - index for index in backwards) == sorted(drops)
    padded = chrome_run_drops([*probabilities, *STORY, *STORY, *CHROME], 0.15, 1.0)
    assert padded == drops
    # Without a cost for changing state it is the threshold alone.
    assert chrome_run_drops(probabilities, 0.15, 0.0) == {}


class _Given:
    """A forest that returns given probabilities, one per unit in order."""

    def __init__(self, features: Sequence[str], probabilities: Sequence[float]) -> None:
        self.features = tuple(features)
        self._next: Iterator[float] = iter(probabilities)

    def score(self, row: Sequence[float]) -> Scored:
        return Scored(next(self._next), dict.fromkeys(self.features[:1], -1.0))


def test_the_story_stage_drops_a_kept_promo_among_chrome_and_names_why() -> None:
    promo = "Get the ferry timetable in your inbox every week"
    aside = "Crews worked through two winters."
    menu = ["Skip to content", "Harbor Ledger", "* Home", "* News", "* Sports", "* Opinion"]
    story = [
        "The county opened its second ferry landing on Tuesday morning, ending a decade of "
        "delays that had left commuters waiting in long lines each day.",
        "Officials said the new landing would cut the average crossing wait by about twenty "
        "minutes during the morning rush.",
        "Residents who gathered for the first departure said they had stopped believing the "
        "landing would ever open.",
    ]
    footer = ["* Harbor board approves budget", "* School bus routes change", promo,
              "* Storm closes beach road", "* Tide tables", "* Weather"]  # fmt: skip
    lines = [*menu, "", "County opens a second ferry landing", "", story[0], "", aside, ""]
    text = "\n".join([*lines, *(f"{p}\n" for p in story[1:]), *footer]) + "\n"
    cleaned = GenericAdapter().clean(Document.from_text(text))
    units = align_units(text, cleaned)
    assert units is not None
    # Both just over the threshold: the promo among menu lines, the aside among paragraphs.
    # A menu line above the headline just over it too: where it stands names the drop.
    above = next(unit.text for unit in units if "Sports" in unit.text)
    given = [
        0.2 if unit.text in (promo, aside, above) else 0.95 if unit.text in story else 0.02
        for unit in units
    ]
    assert KEEP_THRESHOLD < 0.2
    model = line_model()
    model = replace(
        model,
        first=_Given(model.first.features, given),  # type: ignore[arg-type]
        second=_Given(model.second.features, given),  # type: ignore[arg-type]
    )
    article = find_story(text, cleaned, model)
    assert aside in article.paragraphs
    assert promo not in article.paragraphs
    rules = {removal.text: removal.rule for removal in article.removals}
    assert rules[promo] == f"{RULE}:{CHROME_RUN}(p=0.20;cost=1)"
    assert rules[above] == f"{RULE}:{ABOVE_HEADLINE}"
