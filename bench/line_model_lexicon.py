"""The first stage's learned wording, for bench/train_line_model.py: a lexicon of words and
one of phrases (word pairs), each as smoothed log-odds of story against chrome units.

A unit is story when its label share is at least 0.5; a word or phrase is counted once a
unit. Promos, calls to action and notices read by their phrases (`sign up`, `our
newsletter`, `all rights`) more than by their words, which story uses too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import numpy as np

from newsnorm.transforms.dump.features import lexicon_words, phrase_keys

LEXICON_SIZE = 600
LEXICON_MIN = 15
# Pages a lexicon word must be seen on: a word of one site's menu (a place or section name)
# reaches LEXICON_MIN units on one page's three dumps and then weighs against any story
# that uses it; 1 is every word, as shipped.
LEXICON_MIN_PAGES = 1
# The phrase lexicon (word pairs, features.phrase_keys): at most PHRASE_SIZE phrases whose
# share among story and chrome units differs most, each seen in PHRASE_MIN units on
# PHRASE_MIN_PAGES pages or more (pages, so that one site's template cannot dominate);
# PHRASE_SIZE 0 is no phrase lexicon and no phrase features, as shipped (cross-validated
# with 2000: docs/history/text-dumps.md, dprec10).
PHRASE_SIZE = 0
PHRASE_MIN = 10
PHRASE_MIN_PAGES = 5


def learn_lexicon(samples: list[Any]) -> dict[str, float]:
    """Words as smoothed log-odds of story against chrome units, counted once a unit,
    kept when seen in `LEXICON_MIN` units on `LEXICON_MIN_PAGES` pages, the `LEXICON_SIZE`
    farthest from 0."""
    return _log_odds(samples, lexicon_words, LEXICON_MIN, LEXICON_MIN_PAGES, LEXICON_SIZE)


def learn_phrases(samples: list[Any]) -> dict[str, float]:
    """Word pairs as smoothed log-odds of story against chrome units, counted once a unit,
    kept when seen on enough pages (`PHRASE_MIN_PAGES`), the `PHRASE_SIZE` farthest from 0."""
    return _log_odds(
        samples, lambda text: set(phrase_keys(text)), PHRASE_MIN, PHRASE_MIN_PAGES, PHRASE_SIZE
    )


def _log_odds(
    samples: list[Any],
    keys_of: Callable[[str], set[str]],
    minimum: int,
    min_pages: int,
    size: int,
) -> dict[str, float]:
    """Each key's smoothed log-odds of story against chrome units (a unit counts a key
    once), kept when seen in `minimum` units on `min_pages` pages, the `size` farthest
    from 0, rounded to three decimals."""
    story: Counter[str] = Counter()
    chrome: Counter[str] = Counter()
    pages: dict[str, set[str]] = {}
    for sample in samples:
        for unit, share in zip(sample.units, sample.shares, strict=True):
            keys = keys_of(unit.text)
            (story if share >= 0.5 else chrome).update(keys)
            for key in keys:
                pages.setdefault(key, set()).add(sample.page)
    total_story, total_chrome = sum(story.values()) + 1, sum(chrome.values()) + 1
    odds = {
        key: float(
            np.log((story[key] + 1) / total_story) - np.log((chrome[key] + 1) / total_chrome)
        )
        for key, seen in pages.items()
        if story[key] + chrome[key] >= minimum and len(seen) >= min_pages
    }
    chosen = sorted(odds, key=lambda key: (-abs(odds[key]), key))[:size]
    return {key: round(odds[key], 3) for key in sorted(chosen)}
