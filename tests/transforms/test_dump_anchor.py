"""Where each unit of a page dump stands against a first pass's headline, for the second
stage (transforms/dump/anchor.py, round dprec25)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsnorm.transforms.adapters.generic import GenericAdapter
from newsnorm.transforms.dump import story
from newsnorm.transforms.dump.anchor import ANCHOR_FEATURES, Anchor, anchor_features
from newsnorm.transforms.dump.context import CONTEXT_FEATURES, context_features
from newsnorm.transforms.dump.features import FEATURES
from newsnorm.transforms.dump.model import Forest, line_model
from newsnorm.transforms.dump.sections import SECTION_FEATURES
from newsnorm.transforms.dump.units import Unit
from newsnorm.transforms.records import Document

MENU = ["Skip to content", "Marrowfield Gazette", "* Home", "* Town", "* Schools", "* Sports",
        "* Opinion", "* Weather"]  # fmt: skip
# A promo the first stage is sure of, above the headline: long, sentence-shaped prose.
PROMO = (
    "Members of the Gazette reading club receive a printed almanac every season, early "
    "access to the photo archive and invitations to our autumn supper in the old mill."
)
HEADLINE = "Orchard growers in Tillwick harvest a record crop of winter pears"
STORY = [
    "Orchard growers across Tillwick brought in a record crop of winter pears this week, "
    "after a mild spring and a dry summer left the fruit unusually sweet and firm.",
    "The growers said the harvest filled every cold store in the valley, and several "
    "orchards hired pickers from neighbouring towns to finish before the first frost.",
    "Pear buyers from the coast arrived early, and the growers' cooperative expects the "
    "winter crop to fetch its best price in a decade at the Tillwick market.",
]
DEALS = ["Weekend cabin deals", "Book a lakeside cabin at Pinecrest Lodge and save on "
         "weekend stays, with breakfast and a canoe included for every guest."]  # fmt: skip
CREDITS = ["Contact", "Privacy Policy", "Terms of Use", "Advertise"]


def _units(texts: list[str]) -> list[Unit]:
    return [Unit(text, text, 0, 0) for text in texts]


def _columns(rows: list[list[float]], names: tuple[str, ...]) -> dict[str, list[float]]:
    return {name: [row[i] for row in rows] for i, name in enumerate(names)}


def test_each_unit_is_placed_against_the_headline_and_its_section_against_its_words() -> None:
    texts = [*MENU[:3], HEADLINE, *STORY, *DEALS]
    first = [0.1, 0.1, 0.1, 0.4, 0.9, 0.9, 0.9, 0.2, 0.3]
    found = _columns(anchor_features(_units(texts), first, Anchor(3, 0.8)), ANCHOR_FEATURES)
    assert found["anchor_score"] == [0.8] * len(texts)
    offset, words = found["anchor_offset"], found["anchor_words"]
    assert offset[3] == 0.0  # the headline itself
    assert words[3] == 0.0
    assert offset[0] < offset[2] < 0 < offset[4] < offset[8]
    assert words[4] == 0.0 < words[5]  # no words between the headline and the line below it
    share = found["anchor_title_share"]
    assert share[5] == 1.0  # the story's section is the headline's own
    assert share[8] == 0.0  # the cabin deals share no word of the headline
    between = found["anchor_story_between"]
    assert between[:4] == [-1.0] * 4  # at or above the headline
    assert between[4] == 0.0
    assert between[8] == 1.0  # every first-stage story word under the headline is above it


def test_the_sections_read_the_lead_under_the_headline_where_the_first_stage_starts_wrong() -> None:
    # The first stage is sure of the promo and doubts the story: its story start is the
    # promo, so from there the story's section reads as off the topic; under the headline,
    # the lead is the story's prose.
    texts = [*MENU, PROMO, HEADLINE, *STORY, *DEALS]
    first = [0.05] * len(MENU) + [0.99, 0.3, 0.35, 0.3, 0.4, 0.1, 0.1]
    units = _units(texts)
    own = [[0.0] * len(FEATURES) for _ in units]
    head = len(MENU) + 1
    started = context_features(units, own, first, sections=True)
    anchored = context_features(units, own, first, anchor=Anchor(head, 0.9))
    assert all(len(row) == len(CONTEXT_FEATURES) for row in anchored)
    assert CONTEXT_FEATURES[-len(ANCHOR_FEATURES) :] == ANCHOR_FEATURES
    fit = CONTEXT_FEATURES.index(SECTION_FEATURES[0])
    story_unit = head + 2
    assert started[story_unit][fit] < 0.3  # a few common words ("every", "early")
    assert anchored[story_unit][fit] > started[story_unit][fit] + 0.5
    assert anchored[story_unit][fit] > anchored[-1][fit]  # the deals stay off the topic


def _page() -> str:
    lines = [*MENU, "", HEADLINE, "By Ilse Varga", "", *STORY, "", *DEALS, "", *CREDITS]
    return "\n".join(lines) + "\n"


def test_a_model_fitted_on_the_anchor_reads_it_from_a_first_pass_headline() -> None:
    text = _page()
    cleaned = GenericAdapter().clean(Document.from_text(text))
    shipped = line_model()
    names = (*shipped.second.features, *SECTION_FEATURES, *ANCHOR_FEATURES)
    share = names.index("anchor_title_share")
    # A stand-in second stage: a section that shares none of the headline's words is chrome.
    tree = {"feature": share, "threshold": 0.01, "left": {"value": -6.0},
            "right": {"value": 6.0}}  # fmt: skip
    model = replace(shipped, second=Forest(names, 0.0, 1.0, (tree,)))
    article = story.find_story(text, cleaned, model)
    assert article.title == HEADLINE
    assert list(article.paragraphs) == STORY
    dropped = {removal.text for removal in article.removals}
    assert set(DEALS) <= dropped


def test_the_shipped_model_computes_no_first_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    def unused(*_: object) -> Anchor:
        raise AssertionError("the shipped model reads no anchor")

    monkeypatch.setattr(story, "first_pass", unused)
    text = _page()
    article = story.find_story(text, GenericAdapter().clean(Document.from_text(text)))
    assert article.title == HEADLINE
