"""A page dump cut into sections at its heading-like lines, each unit given its section's
features for the second stage (transforms/dump/sections.py, round dprec24)."""

from __future__ import annotations

from newsnorm.transforms.dump.anchor import ANCHOR_FEATURES
from newsnorm.transforms.dump.context import CONTEXT_FEATURES, context_features
from newsnorm.transforms.dump.features import FEATURES
from newsnorm.transforms.dump.sections import (
    SECTION_FEATURES,
    section_features,
    section_starts,
)
from newsnorm.transforms.dump.story_end import is_end_heading
from newsnorm.transforms.dump.units import Unit

STORY = [
    "Lantern makers of Quillby revive a winter craft",
    "The lantern makers of Quillby gathered in the old granary on Saturday to fold paper "
    "shades the way their grandparents did, with cedar frames and beeswax seams.",
    "Quillby lantern guild members said the cedar frames come from fallen branches "
    "collected along the river each autumn, then dried in the granary loft.",
    "Lantern folding",
    "Each shade takes the guild's makers about three hours, and the beeswax seams are "
    "pressed with a warm spoon so the paper never tears in the cold.",
]
TAIL = [
    "Join our newsletter",
    "Subscribe today for weekly coupons, exclusive giveaways and premium membership perks "
    "delivered straight to your inbox.",
    "Related Articles",
    "Harbor dredging budget approved by council",
]


def _units(texts: list[str]) -> list[Unit]:
    return [Unit(text, text, 0, 0) for text in texts]


def _rows(texts: list[str], first: list[float]) -> dict[str, list[float]]:
    units = _units(texts)
    rows = section_features(units, first, (1, 4), 1)
    return {name: [row[i] for row in rows] for i, name in enumerate(SECTION_FEATURES)}


def test_a_section_starts_at_a_heading_like_line_and_a_run_of_them_heads_one() -> None:
    texts = [*STORY, *TAIL]
    # 0 the headline, 3 a subheading, 5 after the story's paragraph; "Related Articles" and
    # the teaser under it are two short lines in a row: one section, headed by the first.
    assert section_starts(_units(texts)) == [0, 3, 5, 7]


def test_a_promo_below_the_story_reads_off_the_lead_where_the_story_s_section_fits() -> None:
    texts = [*STORY, *TAIL]
    first = [0.3, 0.95, 0.95, 0.6, 0.9, 0.3, 0.45, 0.3, 0.3]
    found = _rows(texts, first)
    fit = found["section_fit"]
    story, subsection, promo = fit[1], fit[4], fit[6]
    assert story > 0.5
    assert subsection > promo  # the next section of the story shares the lead's words
    assert promo == 0.0
    assert found["section_fit_rel"][6] < 0
    assert found["unit_fit"][6] == 0.0
    # Where each unit's section stands: sections above and below, the story above it.
    assert found["sections_above"][1] == 0.0
    assert found["sections_below"][8] == 0.0
    assert found["sections_below"][6] > found["sections_below"][8]
    assert found["section_story_above"][6] == 1.0  # all of the first-stage story is above
    assert found["section_story_above"][1] == 0.0
    assert found["section_below_block"] == [0.0] * 5 + [1.0] * 4
    assert found["section_end_label"] == [0.0] * 7 + [1.0] * 2
    assert found["section_sentences"][6] == 1.0
    assert found["section_sentences"][8] == 0.0  # a heading and a teaser line


def test_a_section_the_first_stage_doubts_reads_below_the_densest_block() -> None:
    texts = [*STORY, *TAIL]
    first = [0.3, 0.95, 0.95, 0.6, 0.9, 0.3, 0.45, 0.3, 0.3]
    relative = _rows(texts, first)["section_first_rel"]
    assert relative[8] < relative[6] < 0 < relative[1] + 0.2


def test_the_second_stage_reads_every_unit_s_section_after_its_own_features() -> None:
    texts = [*STORY, *TAIL]
    units = _units(texts)
    own = [[0.0] * len(FEATURES) for _ in units]
    first = [0.3, 0.95, 0.95, 0.6, 0.9, 0.3, 0.45, 0.3, 0.3]
    rows = context_features(units, own, first, sections=True)
    # The sections' features, then the anchor's (read only with an anchor: anchor.py).
    width = len(CONTEXT_FEATURES) - len(ANCHOR_FEATURES)
    assert CONTEXT_FEATURES[width - len(SECTION_FEATURES) : width] == SECTION_FEATURES
    assert all(len(row) == width for row in rows)
    promo = rows[6][-len(SECTION_FEATURES) :]
    assert promo[SECTION_FEATURES.index("section_below_block")] == 1.0
    # A model fitted without them (the shipped one) gets the rows it was fitted on.
    without = context_features(units, own, first)
    assert all(len(row) == width - len(SECTION_FEATURES) for row in without)
    assert [row[: len(without[0])] for row in rows] == without


def test_end_of_story_labels_are_whole_short_lines() -> None:
    assert is_end_heading("Related Articles")
    assert is_end_heading("12 Comments")
    assert not is_end_heading("Related articles about the lantern guild's cedar frames and more")
    assert not is_end_heading("The guild's related work")


def test_a_page_with_too_few_content_words_has_no_fit() -> None:
    texts = ["Home", "Log in", "Tea is hot.", "Yes, it is."]
    found = _rows(texts, [0.1, 0.1, 0.9, 0.9])
    assert found["section_fit"] == [0.0] * 4  # one content word in all: `home`
    assert found["unit_fit"] == [0.0] * 4
