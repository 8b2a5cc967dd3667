"""The line model's lexicon (bench/line_model_lexicon.py, learn_lexicon): a word one page
repeats can be kept out by the number of pages it must be seen on."""

from __future__ import annotations

import importlib
import sys
from typing import Any

import pytest

from newsnorm.transforms.dump.units import Unit
from tests_support import ROOT

if str(ROOT / "bench") not in sys.path:
    sys.path.append(str(ROOT / "bench"))
wording = importlib.import_module("line_model_lexicon")
pages = importlib.import_module("line_model_pages")


def _sample(page: str, texts: list[str], shares: list[float]) -> Any:
    units = [Unit(text, text, 0, len(text)) for text in texts]
    return pages.Sample(page, units, shares, "")


def _samples() -> list[Any]:
    # One page's menu says "Shore" on twenty lines (three dumps and a rail repeat it); the
    # story words are spread over five pages.
    menu = _sample("wcxb/1", ["Shore Living"] * 20, [0.0] * 20)
    stories = [
        _sample(f"wcxb/{n}", ["The ferry council voted today"] * 4, [1.0] * 4) for n in range(2, 7)
    ]
    return [menu, *stories]


def test_a_word_seen_on_one_page_is_kept_out_when_more_pages_are_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(wording, "LEXICON_MIN", 15)
    monkeypatch.setattr(wording, "LEXICON_MIN_PAGES", 1)
    lexicon = wording.learn_lexicon(_samples())
    assert lexicon["shore"] < 0 < lexicon["ferry"]
    monkeypatch.setattr(wording, "LEXICON_MIN_PAGES", 3)
    lexicon = wording.learn_lexicon(_samples())
    assert "shore" not in lexicon
    assert lexicon["ferry"] > 0


def test_a_phrase_is_learned_from_enough_pages_and_leans_as_its_units_do(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(wording, "PHRASE_SIZE", 2000)
    monkeypatch.setattr(wording, "PHRASE_MIN", 4)
    monkeypatch.setattr(wording, "PHRASE_MIN_PAGES", 3)
    phrases = wording.learn_phrases(_samples())
    # The menu's pair is on one page only; the story's pairs are on five.
    assert "shore living" not in phrases
    assert phrases["ferry council"] > 0
    monkeypatch.setattr(wording, "PHRASE_MIN_PAGES", 1)
    assert wording.learn_phrases(_samples())["shore living"] < 0
