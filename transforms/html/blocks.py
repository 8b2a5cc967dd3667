"""Bound the work trafilatura's fallbacks do on one page, by counting its blocks first.

trafilatura backs its own extractor with readability and justext. justext splits the page
into paragraphs at block tags and, for every short paragraph, walks to the nearest long one
on each side: on a page of thousands of short blocks (20,000 one-cell tables) that walk is
quadratic and one ordinary-sized page takes minutes. Counting the tree's block elements is
linear and bounds the paragraphs justext can make, so past a count no real page reaches the
page is read in trafilatura's fast mode (no fallbacks) and the article says so.
"""

from __future__ import annotations

from itertools import islice
from typing import Any

# justext.core.PARAGRAPH_TAGS (tests hold the copy to justext's), plus <br>, which ends a
# paragraph when doubled: the elements at which justext may start a paragraph.
BLOCK_TAGS = frozenset({
    "body", "blockquote", "caption", "center", "col", "colgroup", "dd", "div", "dl", "dt",
    "fieldset", "form", "legend", "optgroup", "option", "p", "pre", "table", "td", "textarea",
    "tfoot", "th", "thead", "tr", "ul", "li", "h1", "h2", "h3", "h4", "h5", "h6",
})  # fmt: skip
_COUNTED = (*sorted(BLOCK_TAGS), "br")
# Past this many blocks trafilatura runs without its fallbacks. The 1,232 pages of the HTML
# benchmarks (wcxb, scrapinghub, fundus) hold at most 2,729 (99.9th percentile 2,632);
# more than twice that, justext's walk on the worst shape (every block a short paragraph)
# still costs seconds, not minutes (docs/html.md, round fixt31).
MAX_BLOCKS = 6_000


def block_count(tree: Any, limit: int | None = None) -> int:
    """The tree's elements at which justext may start a paragraph, counted up to `limit`."""
    return sum(1 for _ in islice(tree.iter(*_COUNTED), limit))


def needs_fast_extraction(tree: Any) -> bool:
    """The page holds more blocks than justext walks in seconds (`MAX_BLOCKS`)."""
    return block_count(tree, MAX_BLOCKS + 1) > MAX_BLOCKS
