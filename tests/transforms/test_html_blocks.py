"""A page of too many blocks is read without trafilatura's fallbacks, and the article says so.

The real bound (6,000 blocks) is patched small here: the tests check the path taken and
the warning, never a time (the time figures are in docs/html.md, round fixt31)."""

from __future__ import annotations

from typing import Any

import justext.core
import pytest
import trafilatura
from lxml import html as lxml_html

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.html import blocks
from newsnorm.transforms.html.reader import read_page
from newsnorm.transforms.inputs import InputMeta
from newsnorm.transforms.pipeline import process_input

STORY = "The harbour board approved the new ferry timetable after a long public meeting. "
# Twelve one-cell tables (36 blocks) and a story: the shape that made justext quadratic.
SOUP = (
    "<html><body><h1>Ferry timetable approved</h1>"
    + "<table><tr><td>stop</td></tr></table>" * 12
    + f"<p>{STORY * 4}</p><p>{STORY * 3}</p></body></html>"
)


@pytest.fixture
def fast_flags(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """The `fast` argument of every trafilatura.extract call the reader makes."""
    seen: list[bool] = []
    extract = trafilatura.extract

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(bool(kwargs.get("fast", False)))
        return extract(*args, **kwargs)

    monkeypatch.setattr(trafilatura, "extract", spy)
    return seen


def test_block_tags_are_justexts_paragraph_tags() -> None:
    assert blocks.BLOCK_TAGS == justext.core.PARAGRAPH_TAGS


def test_blocks_are_counted_with_line_breaks_and_up_to_the_limit() -> None:
    tree = lxml_html.fromstring("<html><body><div><p>a<br>b</p><span>c</span></div></body></html>")
    assert blocks.block_count(tree) == 4  # body, div, p, br; not html or span
    assert blocks.block_count(tree, 2) == 2


def test_a_page_past_the_bound_is_read_in_fast_mode(
    monkeypatch: pytest.MonkeyPatch, fast_flags: list[bool]
) -> None:
    monkeypatch.setattr(blocks, "MAX_BLOCKS", 30)
    page = read_page(SOUP)
    assert fast_flags == [True]
    assert page.fast_extraction
    assert any(line.startswith("The harbour board approved") for line in page.main)


def test_a_page_within_the_bound_keeps_the_fallbacks(fast_flags: list[bool]) -> None:
    page = read_page(SOUP)
    assert fast_flags == [False]
    assert not page.fast_extraction


def test_the_article_of_a_page_past_the_bound_warns(monkeypatch: pytest.MonkeyPatch) -> None:
    meta = InputMeta(name="ferry.html")
    before = process_input(SOUP.encode(), meta, load_adapters()).article
    assert "main_text_fast" not in before.warnings
    monkeypatch.setattr(blocks, "MAX_BLOCKS", 30)
    after = process_input(SOUP.encode(), meta, load_adapters()).article
    assert "main_text_fast" in after.warnings
    assert "ferry timetable" in after.body
