"""Pages nested past the 2,048 levels libxml2 parses: the parse halted there in silence, and
the page lost everything after (rejected as having no visible text when that was all)."""

from __future__ import annotations

import pytest

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.html import reader
from newsnorm.transforms.html.flatten import _TOKEN, flattened, parse_halted
from newsnorm.transforms.html.nodes import parse_page
from newsnorm.transforms.inputs import InputMeta
from newsnorm.transforms.pipeline import process_input

ADAPTERS = load_adapters(include_plugins=False)
# Sentences written for these tests.
BEFORE = "The lighthouse keepers' museum reopened on Saturday after a winter of repairs."
DEEP = "Volunteers repainted the lamp room and rebuilt the spiral stair from salvaged oak."
AFTER = "Entry stays free for children, and the café on the ground floor opens at ten."


def _page(depth: int) -> str:
    return (
        "<html><head><title>Lighthouse museum reopens</title></head><body>"
        f"<p>{BEFORE}</p>" + "<div>" * depth + f"<p>{DEEP}</p>" + "</div>" * depth
        + f"<p>{AFTER}</p></body></html>"
    )  # fmt: skip


@pytest.mark.parametrize("depth", [2_100, 5_000])
def test_a_page_nested_past_the_parsers_limit_is_read_to_its_end(depth: int) -> None:
    article = process_input(_page(depth).encode(), InputMeta("page.html"), ADAPTERS).article
    assert article.paragraphs == (BEFORE, DEEP, AFTER)


def test_a_page_holding_only_deep_text_is_read_not_called_empty() -> None:
    # "no_article: the page has no visible text" with a whole paragraph in it.
    page = reader.read_page("<html><body>" + "<div>" * 3_000 + f"<p>{DEEP}</p>")
    assert DEEP in page.text


def test_unclosed_blocks_keep_their_line_breaks() -> None:
    # A generator that never closes its <div>s: each entry stays a line of its own.
    entries = [f"Tide entry {n} for the north pier, high water at noon." for n in range(2_500)]
    page = reader.read_page("<html><body>" + "".join(f"<div>{e}" for e in entries))
    lines = set(page.text.splitlines())
    assert all(entry in lines for entry in entries[100:])


def test_only_a_halted_parse_is_flattened() -> None:
    assert not parse_halted(parse_page(_page(2_000))[1])
    assert parse_halted(parse_page(_page(2_100))[1])
    assert not parse_halted(parse_page(flattened(_page(100_000)))[1])
    # Comments, scripts and end tags nothing opened pass through as they are.
    markup = "<body><!-- <div> --><script>if (a <b) {}</script></span><p>One</p></body>"
    assert flattened(markup) == markup


def test_a_page_still_too_deep_after_flattening_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "flattened", lambda html: html)
    with pytest.raises(DocumentRejected, match="nests elements past 2,048 levels"):
        reader.read_page(_page(3_000))


@pytest.mark.parametrize("text", ["if x<y then <b>bold</b>", "<a<a<a<b>bold</b>"])
def test_a_tag_never_runs_past_the_next_angle_bracket(text: str) -> None:
    """A '<' with no '>' of its own ('x<y') was read as a tag up to the next '>', over other
    tags: tried from every such '<' to the page's end, flattening a page nested past the
    limit with a tail of code or maths grew with the square of the tail (100 KB: 5 s)."""
    tags = [match.group(0) for match in _TOKEN.finditer(text) if match.group(3)]
    assert tags == ["<b>", "</b>"]
