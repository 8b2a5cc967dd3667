"""The story's byline and date line when the chosen headline shows none
(transforms/dump/meta_story): read below another headline candidate over the story."""

from __future__ import annotations

from datetime import date

import pytest

from newsnorm.transforms.dump.meta_lines import MetaLines, meta_lines
from newsnorm.transforms.dump.meta_story import (
    OTHER_BYLINE_RULE,
    OTHER_DATE_RULE,
    story_meta,
)
from newsnorm.transforms.dump.units import Unit

LABEL = "Around the Harbour"  # a section's label the ranker took for the headline
MENU = ["* Home", "* Local", "* Sport", "* Arts", "* Food", "* Travel", "* Subscribe"]
HEADLINE = "Ferry crews rehearse a winter rescue in the outer channel"
STORY = [
    "Two ferry crews spent Tuesday morning pulling dummies from the outer channel, practising "
    "a rescue they hope never to need when the winter storms close the harbour mouth.",
    "The drill is held every year before the first gales, and this time it included the new "
    "launch that the port bought in the spring with money raised by the town's rowing club.",
    "Crew members said the cold water was the hardest part, and that the launch turned faster "
    "than the old boat it replaced, which had served the harbour for almost thirty years.",
]


def _read(texts: list[str], others: list[int], story_from: int) -> tuple[list[Unit], MetaLines]:
    """What `story_meta` states with the label (unit 0) chosen and `others` next, the
    body keeping every unit from `story_from` on (the story)."""
    units = [Unit(text, text, 0, 0) for text in texts]
    kept = list(range(story_from, len(texts)))
    return units, story_meta(units, [0, *others], kept, story_from, False, False)


def test_the_byline_below_another_headline_over_the_story_is_read() -> None:
    texts = [LABEL, *MENU, HEADLINE, "By Mirela Okonjo", "March 4, 2025", *STORY]
    title = 1 + len(MENU)
    units, meta = _read(texts, [title], title + 3)
    # Below the chosen label the menu fills the window: nothing there.
    alone = meta_lines(units, 0, list(range(title + 3, len(texts))), False, False)
    assert alone.byline is None
    assert alone.published_on is None
    assert meta.authors[0].name == "Mirela Okonjo"
    assert meta.published_on == date(2025, 3, 4)
    assert meta.moved == {
        title + 1: (OTHER_BYLINE_RULE, "byline"),
        title + 2: (OTHER_DATE_RULE, "published"),
    }


def test_another_headline_s_lines_count_only_when_they_are_sure_and_over_the_story() -> None:
    # A rail's headline and its dated teasers, far above the story or right over it.
    rail = ["Market hall reopens", "By Tomasz Brennick", "June 2, 2025", "Bridge works extended",
            "May 30, 2025"]  # fmt: skip
    for texts in ([LABEL, *MENU, *rail, *MENU, HEADLINE, *STORY],
                  [LABEL, *MENU, *rail, HEADLINE, *STORY]):  # fmt: skip
        _, meta = _read(texts, [1 + len(MENU)], len(texts) - len(STORY))
        assert meta.byline is None
        assert meta.published_on is None
        assert not meta.moved
    # A name alone may be a section's: only the date line over the story is taken.
    named = [LABEL, *MENU, HEADLINE, "Coastal Living", "March 4, 2025", *STORY]
    _, meta = _read(named, [1 + len(MENU)], len(named) - len(STORY))
    assert meta.byline is None
    assert meta.published_on == date(2025, 3, 4)
    # The chosen headline's own lines come first: the others are not read.
    dated = [LABEL, "May 30, 2025", *MENU, HEADLINE, "By Mirela Okonjo", *STORY]
    _, meta = _read(dated, [2 + len(MENU)], len(dated) - len(STORY))
    assert meta.published_on == date(2025, 5, 30)
    assert meta.byline is None


def test_a_teaser_s_byline_above_the_chosen_headline_is_not_the_story_s() -> None:
    # Review of dmeta25: a rail's teaser right over the headline read across it.
    teaser = ["Latest News", "Market hall reopens after two-year refit", "By Tomasz Brennick"]
    texts = [LABEL, *MENU, *teaser, HEADLINE, *STORY]
    title = 1 + len(MENU) + len(teaser)
    units = [Unit(text, text, 0, 0) for text in texts]
    kept = list(range(title + 1, len(texts)))
    # The right headline chosen, with no byline of its own: none is given.
    meta = story_meta(units, [title, title - 2], kept, title + 1, False, False)
    assert meta.byline is None
    assert not meta.moved
    # The teaser ranked above the right headline, both below a chosen label: the right
    # headline's own byline, not the teaser's.
    signed = [LABEL, *MENU, *teaser, HEADLINE, "By Mirela Okonjo", *STORY]
    units = [Unit(text, text, 0, 0) for text in signed]
    kept = list(range(title + 2, len(signed)))
    meta = story_meta(units, [0, title - 2, title], kept, title + 2, False, False)
    assert [author.name for author in meta.authors] == ["Mirela Okonjo"]
    assert meta.moved == {title + 1: (OTHER_BYLINE_RULE, "byline")}


def test_a_candidate_inside_the_story_or_over_the_chosen_headline_gives_nothing() -> None:
    # A 'read more' teaser with its byline between two kept story paragraphs.
    teaser = ["Market hall reopens after two-year refit", "By Tomasz Brennick"]
    texts = [LABEL, *MENU, HEADLINE, STORY[0], *teaser, *STORY[1:]]
    title = 1 + len(MENU)
    units = [Unit(text, text, 0, 0) for text in texts]
    kept = [index for index in range(title + 1, len(texts)) if texts[index] in STORY]
    meta = story_meta(units, [0, title + 2], kept, title + 1, False, False)
    assert meta.byline is None
    assert not meta.moved
    # A candidate right above the chosen headline: its lines stop there, the chosen
    # headline's date line is no other candidate's.
    texts = ["Events", "Harbour Day", "Saturday, June 14, 2025", *STORY]
    units = [Unit(text, text, 0, 0) for text in texts]
    meta = story_meta(units, [2, 1], list(range(3, len(texts))), 3, False, False)
    assert meta.published_on is None
    assert not meta.moved


@pytest.mark.parametrize(
    "sentence",
    [
        # A name ('By Jane Doe, …'), then a house credit ('By Staff Writers, …': the second
        # review), opening a story sentence: no sure byline and no credit.
        "By Jane Doe, the harbour master, the rescue drill went well and every crew was "
        "home by six.",
        "By Staff Writers, the rescue drill went well and every crew was home by six tonight.",
    ],
)
def test_a_story_sentence_opening_with_by_is_no_sure_byline(sentence: str) -> None:
    texts = [LABEL, *MENU, HEADLINE, sentence, *STORY]
    title = 1 + len(MENU)
    _, meta = _read(texts, [title], title + 1)
    assert meta.byline is None
    assert not meta.moved


def test_kept_page_matter_between_the_headlines_does_not_hide_the_story_s_date() -> None:
    # The body keeps a sign-in box's sentence under the chosen headline; another candidate
    # over the story, where the story starts, carries the date line.
    form = "We will answer every message within two working days, so please leave your details."
    texts = [HEADLINE, *MENU, form, "Harbour Notes", "Published", "March 4, 2025", *STORY]
    other = 2 + len(MENU)
    units = [Unit(text, text, 0, 0) for text in texts]
    kept = [1 + len(MENU), *range(other + 3, len(texts))]
    meta = story_meta(units, [0, other], kept, other + 3, False, False)
    assert meta.published_on == date(2025, 3, 4)
    assert meta.moved == {
        other + 1: (OTHER_DATE_RULE, "published"),
        other + 2: (OTHER_DATE_RULE, "published"),
    }
    # The same candidate below where the story starts is inside the story: nothing.
    assert story_meta(units, [0, other], kept, other - 1, False, False).published_on is None


def test_a_dek_candidate_under_the_byline_does_not_end_the_headline_s_lines() -> None:
    # Second review: a dek the ranker scored, between the real headline's byline and the
    # story, is no headline of its own.
    header = ["By Mirela Okonjo | March 4, 2025", "Crews practise for the storms"]
    texts = [LABEL, *MENU, HEADLINE, *header, *STORY]
    title = 1 + len(MENU)
    units = [Unit(text, text, 0, 0) for text in texts]
    kept = list(range(title + 3, len(texts)))
    meta = story_meta(units, [0, title, title + 2], kept, title + 3, False, False)
    assert [author.name for author in meta.authors] == ["Mirela Okonjo"]
    assert meta.published_on == date(2025, 3, 4)


def test_a_start_pulled_above_the_headline_by_a_promo_still_admits_it() -> None:
    # The first stage's story start on a promo above the headline; the body keeps the story.
    promo = (
        "Join thousands of readers who get the harbour's news first every single morning for free."
    )
    texts = [LABEL, *MENU, promo, HEADLINE, "By Mirela Okonjo", "March 4, 2025", *STORY]
    title = 2 + len(MENU)
    units = [Unit(text, text, 0, 0) for text in texts]
    kept = list(range(title + 3, len(texts)))
    meta = story_meta(units, [0, title], kept, title - 1, False, False)
    assert [author.name for author in meta.authors] == ["Mirela Okonjo"]


def test_a_listing_s_dated_bylines_are_other_days_near_a_candidate_s_date() -> None:
    # Review of dmeta26: a listing's items each carry a byline with its date ('By … · May 30,
    # 2025'); the item over the story is one of them, not the story's header.
    item = ["Bridge works extended into the summer", "By Tomasz Brennick \u00b7 May 30, 2025"]
    texts = [LABEL, *MENU, *item, HEADLINE, "By Mirela Okonjo \u00b7 March 4, 2025", *STORY]
    title = 1 + len(MENU) + len(item)
    _, meta = _read(texts, [title], title + 2)
    assert meta.byline is None
    assert meta.published_on is None
    assert not meta.moved
    # Alone over the story, the same byline and its date are read.
    alone = [LABEL, *MENU, HEADLINE, "By Mirela Okonjo \u00b7 March 4, 2025", *STORY]
    _, meta = _read(alone, [1 + len(MENU)], 3 + len(MENU))
    assert meta.authors[0].name == "Mirela Okonjo"
    assert meta.published_on == date(2025, 3, 4)


def test_a_picture_s_or_a_quoted_item_s_dated_byline_is_no_listing() -> None:
    # Review of dmeta27: 'Photo by … · date' under the byline, or a related item's dated
    # byline inside the story, read as another item's day and the story lost both.
    byline = "By Mirela Okonjo \u00b7 March 4, 2025"
    photo = [LABEL, *MENU, HEADLINE, byline, "Photo by Tomas Lee \u00b7 March 1, 2025", *STORY]
    quoted = [LABEL, *MENU, HEADLINE, byline, STORY[0], "By Tomas Lee \u00b7 March 1, 2025",
              *STORY[1:]]  # fmt: skip
    for texts in (photo, quoted):
        title = texts.index(HEADLINE)
        _, meta = _read(texts, [title], title + 2)
        assert [author.name for author in meta.authors] == ["Mirela Okonjo"]
        assert meta.published_on == date(2025, 3, 4)
