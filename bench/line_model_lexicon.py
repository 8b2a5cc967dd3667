"""The first stage's learned wording, for bench/train_line_model.py: a lexicon of words and
one of phrases (word pairs), each as smoothed log-odds of story against chrome units.

A unit is story when its label share is at least 0.5; a word or phrase is counted once a
unit. Promos, calls to action and notices read by their phrases (`sign up`, `our
newsletter`, `all rights`) more than by their words, which story uses too.
"""

from __future__ import annotations

from collections import Counter
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
# with 2000: docs/text-dumps.md, dprec10).
PHRASE_SIZE = 0
PHRASE_MIN = 10
PHRASE_MIN_PAGES = 5


def learn_lexicon(samples: list[Any]) -> dict[str, float]:
    """Words as smoothed log-odds of story against chrome units, counted once a unit,
    kept when seen in `LEXICON_MIN` units on `LEXICON_MIN_PAGES` pages, the `LEXICON_SIZE`
    farthest from 0."""
    story: Counter[str] = Counter()
    chrome: Counter[str] = Counter()
    pages: dict[str, set[str]] = {}
    for sample in samples:
        for unit, share in zip(sample.units, sample.shares, strict=True):
            words = lexicon_words(unit.text)
            (story if share >= 0.5 else chrome).update(words)
            for word in words:
                pages.setdefault(word, set()).add(sample.page)
    total_story, total_chrome = sum(story.values()) + 1, sum(chrome.values()) + 1
    odds = {
        word: float(
            np.log((story[word] + 1) / total_story) - np.log((chrome[word] + 1) / total_chrome)
        )
        for word in story.keys() | chrome.keys()
        if story[word] + chrome[word] >= LEXICON_MIN and len(pages[word]) >= LEXICON_MIN_PAGES
    }
    chosen = sorted(odds, key=lambda word: (-abs(odds[word]), word))[:LEXICON_SIZE]
    return {word: round(odds[word], 3) for word in sorted(chosen)}


def learn_phrases(samples: list[Any]) -> dict[str, float]:
    """Word pairs as smoothed log-odds of story against chrome units, counted once a unit,
    kept when seen on enough pages (`PHRASE_MIN_PAGES`), the `PHRASE_SIZE` farthest from 0."""
    story: Counter[str] = Counter()
    chrome: Counter[str] = Counter()
    pages: dict[str, set[str]] = {}
    for sample in samples:
        for unit, share in zip(sample.units, sample.shares, strict=True):
            keys = set(phrase_keys(unit.text))
            (story if share >= 0.5 else chrome).update(keys)
            for key in keys:
                pages.setdefault(key, set()).add(sample.page)
    total_story, total_chrome = sum(story.values()) + 1, sum(chrome.values()) + 1
    odds = {
        key: float(
            np.log((story[key] + 1) / total_story) - np.log((chrome[key] + 1) / total_chrome)
        )
        for key, seen in pages.items()
        if story[key] + chrome[key] >= PHRASE_MIN and len(seen) >= PHRASE_MIN_PAGES
    }
    chosen = sorted(odds, key=lambda key: (-abs(odds[key]), key))[:PHRASE_SIZE]
    return {key: round(odds[key], 3) for key in sorted(chosen)}
