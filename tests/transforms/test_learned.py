"""Learned boilerplate, the pure part: which scope and lines count, and how a known line is cut."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.learned import (
    KEPT_WARNING,
    KIND,
    MAX_LINE_CHARS,
    RULE,
    LearnedLine,
    countable_lines,
    cut_learned,
    learning_scope,
)
from newsnorm.transforms.pipeline import process_text
from newsnorm.transforms.records import Article
from newsnorm.transforms.text import count_words

ADAPTERS = load_adapters(include_plugins=False)
TITLE = "Harbour ferry returns after a winter away"
STORY = (
    "The harbour ferry made its first crossing of the year on Saturday morning, carrying "
    "commuters, cyclists and a school band across the bay in under twenty minutes.",
    "Operators said the boat had spent the winter in dry dock for a new engine and a wider "
    "ramp, which lets wheelchairs and cargo bikes board without help from the crew.",
    "The service runs every half hour until October, with late sailings on Fridays.",
)
# A line the site adds to every story, in a shape no shared rule knows (a newsletter plug
# would be cut by the shared chrome rules before it could be learned).
PLUG = "Harbour Daily has been edited in Portsmouth by the Coastal Press Trust since 1921."


def _article(text: str) -> Article:
    return process_text(text, ADAPTERS)


def _known(*lines: str, stories: int = 12, of: int = 15) -> dict[str, LearnedLine]:
    return {line: LearnedLine("harbour.example", line, stories, of) for line in lines}


def _page(*paragraphs: str, newline: str = "\n") -> str:
    return newline.join([TITLE, "", *(f"{p}{newline}" for p in paragraphs)])


def _check_offsets(article: Article, text: str) -> None:
    for removal in article.removals:
        assert text[removal.start : removal.end] == removal.text


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_known_line_is_cut_as_a_removal_naming_its_evidence(newline: str) -> None:
    text = _page(STORY[0], PLUG, *STORY[1:], newline=newline)
    before = _article(text)
    after = cut_learned(before, text, _known(PLUG))
    assert after.paragraphs == STORY
    [removal] = [item for item in after.removals if item.rule == RULE]
    assert (removal.kind, removal.action, removal.text) == (KIND, "removed", PLUG)
    assert removal.evidence == "seen in 12 of 15 stories of harbour.example"
    assert text.index(PLUG) == removal.start
    _check_offsets(after, text)
    assert after.article_id != before.article_id
    assert after.warnings == before.warnings


def test_hard_wrapped_line_is_cut_across_its_line_breaks() -> None:
    text = _page(*(textwrap.fill(line, 48) for line in (*STORY, PLUG)))
    article = _article(text)
    assert article.paragraphs == (*STORY, PLUG)  # the rule engine joined the wrapped lines
    after = cut_learned(article, text, _known(PLUG))
    assert after.paragraphs == STORY
    [removal] = [item for item in after.removals if item.rule == RULE]
    assert "\n" in removal.text
    _check_offsets(after, text)


def test_a_line_that_recurs_twice_in_one_body_is_cut_twice() -> None:
    text = _page(PLUG, *STORY, PLUG)
    after = cut_learned(_article(text), text, _known(PLUG))
    assert after.paragraphs == STORY
    assert [item.start for item in after.removals if item.rule == RULE] == [
        text.index(PLUG),
        text.rindex(PLUG),
    ]


def test_only_whole_paragraphs_are_cut() -> None:
    inside = f"{STORY[2]} {PLUG}"  # the same words, glued to a story sentence
    text = _page(*STORY[:2], inside)
    article = _article(text)
    assert cut_learned(article, text, _known(PLUG)) == article


def test_a_body_that_would_lose_most_of_itself_keeps_it_and_warns() -> None:
    rail = tuple(f"{line} Read the rest of the series on our website." for line in STORY)
    text = _page(STORY[0], *rail)
    article = _article(text)
    after = cut_learned(article, text, _known(*rail))
    assert after.paragraphs == article.paragraphs
    assert after.removals == article.removals
    assert after.warnings == (*article.warnings, KEPT_WARNING)


def test_a_line_not_found_as_whole_lines_of_the_input_is_kept_and_flagged() -> None:
    text = _page(*STORY, PLUG)
    article = _article(text)
    elsewhere = text.replace(PLUG, PLUG.replace("Portsmouth", "Ports\u00admouth"))
    after = cut_learned(article, elsewhere, _known(PLUG))
    assert after.paragraphs == article.paragraphs
    assert KEPT_WARNING in after.warnings


def test_article_without_known_lines_is_returned_as_it_is() -> None:
    text = _page(*STORY, PLUG)
    article = _article(text)
    assert cut_learned(article, text, _known("Some other site's footer line.")) is article


def test_countable_lines_are_sentences_of_bounded_length() -> None:
    long_line = "word " * (MAX_LINE_CHARS // 5 + 1)
    subheads = ["Pros", "What we like about it", "1 2 3 4 5 6 7"]
    assert countable_lines([*subheads, long_line, PLUG, PLUG]) == {PLUG}


@pytest.mark.parametrize(
    ("url", "site", "source_uri", "scope"),
    [
        ("https://www.Example-News.com/a", "Example News", "file:///a.txt", "example-news.com"),
        ("http://user@news.example:8080/a?b#c", None, "file:///in/a.txt", "news.example"),
        (None, "Example News", "file:///in/site/a.html", "Example News"),
        (None, None, "file:///in/site/a.txt", "file:///in/site/"),
        (None, "", "file:///in/site/archive.warc.gz#<urn:uuid:1/2>", "file:///in/site/"),
        ("not a url", None, "a.txt", ""),
    ],
)  # fmt: skip
def test_learning_scope(url: str | None, site: str | None, source_uri: str, scope: str) -> None:
    assert learning_scope(url, site, source_uri) == scope


@given(st.text(max_size=80), st.integers(min_value=1, max_value=8))
def test_word_minimum_counts_as_count_words_does(line: str, minimum: int) -> None:
    assert bool(countable_lines([f"a {line}"], min_words=minimum)) == (
        len(f"a {line}") <= MAX_LINE_CHARS and count_words(f"a {line}") >= minimum
    )
