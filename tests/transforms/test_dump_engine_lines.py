"""The story stage reads the lines the rule engine normalized instead of normalizing them
again (`text.NormalizedLines`, `Document.lines`): with them or without, it finds the same
units and gives the same article, whatever the adapters' steps did to the paragraphs
(rewrote, merged, dropped them or cut more). Examples are derandomized."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsnorm.transforms.adapters.base import AfterClean, RuleAdapter
from newsnorm.transforms.adapters.generic import GenericAdapter
from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.dump.story import find_story
from newsnorm.transforms.dump.units import _kept_lines, align_units
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.records import Article, Document, Removal
from newsnorm.transforms.text import Line, NormalizedLines, normalize_text, split_lines


def _rewrite(article: Article, document: Document) -> Article:
    """A step that rewrites the first paragraph (a plugin's own cleanup)."""
    if not article.paragraphs:
        return article
    first = article.paragraphs[0].upper()
    return replace(article, paragraphs=(first, *article.paragraphs[1:]))


def _merge(article: Article, document: Document) -> Article:
    """A step that merges the first two paragraphs into one."""
    if len(article.paragraphs) < 2:
        return article
    merged = f"{article.paragraphs[0]} {article.paragraphs[1]}"
    return replace(article, paragraphs=(merged, *article.paragraphs[2:]))


def _drop(article: Article, document: Document) -> Article:
    """A step that drops the second paragraph without recording it."""
    return replace(article, paragraphs=article.paragraphs[:1] + article.paragraphs[2:])


def _cut(article: Article, document: Document) -> Article:
    """A step that drops the last paragraph and records its line as cut."""
    if len(article.paragraphs) < 2:
        return article
    last = article.paragraphs[-1]
    start = document.text.rfind(last)
    if start < 0:
        return article
    removal = Removal("step", "chrome", "removed", start, start + len(last), last)
    return replace(
        article,
        paragraphs=article.paragraphs[:-1],
        removals=tuple(sorted((*article.removals, removal), key=lambda item: item.start)),
    )


def _stepped(name: str, *steps: AfterClean) -> RuleAdapter:
    class Stepped(GenericAdapter):
        after_clean: ClassVar[tuple[AfterClean, ...]] = (*GenericAdapter.after_clean, *steps)

    adapter = Stepped()
    adapter.name = name
    return adapter


BUILT_IN = [a for a in load_adapters(include_plugins=False) if isinstance(a, RuleAdapter)]
STEPPED = [
    _stepped("rewrites", _rewrite),
    _stepped("merges", _merge),
    _stepped("drops", _drop),
    _stepped("cuts", _cut),
    _stepped("merges-and-cuts", _merge, _cut),
]

# Lines a page dump holds: menu items, headlines, prose, bylines and dates, notices the
# built-in rules cut, promos their span rules cut out of a line, odd spaces and marks.
MENU = ["Home", "News", "Sports", "Opinion", "Weather", "Sign in", "Subscribe", "Search"]
PROSE = [
    "The harbor commission voted on Tuesday to extend the ferry schedule into the winter.",
    "Residents of the east shore had asked for later boats since the bridge closed in May.",
    "\u201cWe heard them,\u201d the chair said \u2014 and the vote was seven to two.",
    "Cafe\u0301 owners near the pier expect more evening visitors once the change begins.",
    "The new timetable starts on the first Monday of November, the commission said.",
]
OTHER = [
    "Harbor commission extends ferry service into winter",
    "By Dana Whitlock",
    "By Dana Whitlock, Harbor Ledger",
    "March 7, 2024",
    "Published: March 7, 2024 7:55 AM UTC",
    "Share this:\u200b",
    "Copyright 2024 Harbor Ledger. All rights reserved.",
    "Advertisement",
    "RELATED: Bridge repairs to last through spring",
    "The vote (RELATED: Bridge repairs to last through spring) came late.",
    "Read more: [the schedule](https://example.org/ferry).",
    "Sign up for our newsletter",
    "Photo: Dana Whitlock / Harbor Ledger",
    "\u00a0\u200b ",
    "  indented   line\twith  odd   spaces  ",
    "a wrapped line of prose that goes on to the",
    "next line of the same paragraph, then stops.",
]
lines = st.one_of(
    st.sampled_from(MENU), st.sampled_from(PROSE), st.sampled_from(OTHER), st.just("")
)
breaks = st.sampled_from(["\n", "\r\n"])


@st.composite
def pages(draw: st.DrawFn) -> str:
    """A capture: a short one, or a whole page (a menu run above many lines: the story
    stage's line model then reads it)."""
    whole = draw(st.booleans())
    head = draw(st.lists(st.sampled_from(MENU), min_size=4 * whole, max_size=8))
    body = draw(st.lists(lines, min_size=1 + 14 * whole, max_size=40))
    return draw(breaks).join([*head, "", *body]) + draw(st.sampled_from(["", "\n"]))


_SETTINGS = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _same_both_ways(text: str, adapter: RuleAdapter) -> None:
    document = Document.from_text(text)
    try:
        article = adapter.clean(document)
    except DocumentRejected:
        return
    assert align_units(text, article, document.lines) == align_units(text, article)
    assert find_story(text, article, normalized=document.lines) == find_story(text, article)


@_SETTINGS
@given(pages(), st.sampled_from(BUILT_IN))
def test_the_engines_lines_align_as_lines_normalized_again(text: str, adapter: RuleAdapter) -> None:
    _same_both_ways(text, adapter)


@pytest.mark.parametrize("adapter", STEPPED, ids=lambda adapter: adapter.name)
@_SETTINGS
@given(text=pages())
def test_after_steps_the_engines_lines_align_alike(adapter: RuleAdapter, text: str) -> None:
    _same_both_ways(text, adapter)


def test_steps_that_rewrite_merge_or_cut_are_still_aligned_alike() -> None:
    """The invented steps do change what the story stage meets (so the comparison above
    covers articles the engine did not give), and the units come from the engine's lines."""
    text = "\n".join(["Harbor ferry schedule extended", "", *PROSE]) + "\n"
    found = {}
    for adapter in STEPPED:
        document = Document.from_text(text)
        article = adapter.clean(document)
        found[adapter.name] = align_units(text, article, document.lines)
        assert found[adapter.name] == align_units(text, article)
    assert found["cuts"] is not None
    assert len(found["cuts"]) == len(PROSE)
    assert found["rewrites"] is None
    assert found["drops"] is None
    # Two paragraphs merged are matched as one block of two lines, as a hard wrap is.
    merged = found["merges"]
    assert merged is not None
    assert (merged[1].first_line, merged[1].last_line) == (2, 3)


def test_a_remembered_line_is_read_not_normalized_again() -> None:
    text = "Title  here\n\nA  kept   line\nCut line\n"
    normalized = NormalizedLines()
    kept_line = split_lines(text)[2]
    # A stand-in for what the engine remembered, told apart from normalizing by its value.
    normalized._by_start[kept_line.start] = (kept_line.text, "remembered")
    cut = Removal("cut", "chrome", "removed", 28, 36, "Cut line")
    kept = [string for string, _ in _kept_lines(text, [cut], normalized)]
    assert kept == ["Title here", "", "remembered", ""]


def test_a_line_remembered_from_other_text_at_its_offset_is_normalized_anew() -> None:
    """The engine walks a copy whose text-rule cuts are spaces: a line it normalized there
    is another text at the same offset, and is not taken for the input's line."""
    normalized = NormalizedLines()
    masked = Line("Harbor      news", 0)
    assert normalized.of(masked) == "Harbor news"
    assert normalized.of(Line("Harbor  ferry news", 0)) == "Harbor ferry news"
    assert normalized.of(Line("Harbor  ferry news", 0)) == normalize_text("Harbor  ferry news")
