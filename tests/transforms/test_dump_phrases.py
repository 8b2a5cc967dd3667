"""The first stage's phrase features (dump/features.py): a unit's word pairs weighed by the
phrase lexicon, and the share of its words inside a chrome-leaning pair."""

from __future__ import annotations

from newsnorm.transforms.dump.features import (
    FEATURES,
    PHRASE_FEATURES,
    phrase_keys,
    unit_features,
)
from newsnorm.transforms.dump.units import Unit


def _row(text: str, phrases: dict[str, float]) -> dict[str, float]:
    unit = Unit(text, text, 0, len(text))
    return dict(
        zip((*FEATURES, *PHRASE_FEATURES), unit_features([unit], {}, phrases)[0], strict=True)
    )


def test_phrases_are_consecutive_lexicon_words_folded() -> None:
    assert phrase_keys("Sign up for 2 Newsletters!") == ["sign up", "up for", "for newsletters"]


def test_a_chrome_phrase_covers_its_words_and_sets_the_lowest_weight() -> None:
    phrases = {"sign up": -2.0, "our newsletter": -1.5, "the council": 1.0}
    row = _row("Sign up for our newsletter today", phrases)
    assert row["phrase_min"] == -2.0
    assert row["phrase_mean"] == -1.75
    assert row["phrase_chrome_cover"] == 4 / 6
    story = _row("The council met on Tuesday", phrases)
    assert (story["phrase_mean"], story["phrase_chrome_cover"]) == (1.0, 0.0)
    assert _row("Nothing known here", phrases)["phrase_min"] == 0.0


def test_without_a_phrase_lexicon_the_row_is_the_shipped_models() -> None:
    unit = Unit("Sign up now", "Sign up now", 0, 11)
    assert len(unit_features([unit], {})[0]) == len(FEATURES)
