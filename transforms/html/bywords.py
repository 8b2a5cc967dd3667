"""'By …' lines: a short block whose own words say it is a byline, whatever its class
(not a reviewer's credit)."""

from __future__ import annotations

import re
from collections.abc import Callable

from newsnorm.transforms.html.bylinecards import ends_in_review_label
from newsnorm.transforms.html.facts import (
    all_strings,
    clean_text,
    in_comments_form_or_figure,
    parent_named,
)
from newsnorm.transforms.html.nodes import CData, NavigableString, Tag

_MONTH_OPENING = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d"
_BY_OPENING = re.compile(
    rf"^\s*(?:written|posted|published|(?:last\s+)?updated|by|\d{{1,4}}\b|{_MONTH_OPENING})",
    re.IGNORECASE,
)
# 'By Jane Doe', 'Written by Jane Doe', 'Published August 7, 2023 by Jane Doe', 'Last
# updated March 3, 2025 by Jane Doe', and a date line before the credit: 'Feb 6, 2025 By
# Jane Doe', 'March 15, 2022 · 3 min read · By …'.
_BY_WORDS = re.compile(
    r"^(?:(?:published|posted|(?:last\s+)?updated)\b[^|]{0,40}?\s|"
    rf"(?:\d{{1,2}}\.?\s+)?{_MONTH_OPENING}[^|]{{0,40}}?\b\d{{4}}\b[^|\w]*"
    r"(?:\d+\s*min(?:ute)?s?\.?\s+read\b[^|\w]*)?)?"
    r"(?P<by>(?:written\s+by|posted\s+by|by)\b\s*:?\s*\S)",
    re.IGNORECASE,
)
# A piece after which the names follow: no separator goes there ('<div>By</div><ul>…').
_OPENS_NAMES = re.compile(r"(?:\bby|:)$", re.IGNORECASE)
# Blocks and inline wrappers a byline sits in; a link alone is a name, not a byline.
_BY_LINE_TAGS = frozenset({"p", "div", "span", "li", "h2", "h3", "h4", "h5", "h6", "address"})
BLOCKS = ("div", "p", "li", "h2", "h3", "h4", "h5", "h6", "address", "dd", "dt")
TEXT = (NavigableString, CData)
_MAX_LABELLED = 80


def by_lines(elements: list[Tag], namer: Callable[[str], list[str]]) -> list[str]:
    """A short block that reads as a byline ('By Jane Doe', 'Written by Jane Doe', 'by: Jane
    Doe, Dec 17, 2025'), whatever its class: the words say what it is."""
    for tag in elements:
        if tag.name not in _BY_LINE_TAGS:
            continue
        # The opening words first: reading every block's whole text is quadratic.
        opening = _opening_words(tag)
        if not _BY_OPENING.match(opening):
            continue
        text = clean_text(tag.get_text(" "))
        found = _BY_WORDS.match(text) if len(text) <= _MAX_LABELLED else None
        if found is None or in_comments_form_or_figure(tag):
            continue
        # The innermost block reading as a byline: its parent may add a sentence after it.
        inner_blocks = tag.find_all(_BY_LINE_TAGS)
        if any(_BY_WORDS.match(clean_text(inner.get_text(" "))) for inner in inner_blocks):
            continue
        separated = _block_text(tag)
        if again := _BY_WORDS.match(separated):
            text, found = separated, again
        # 'Updated Dec 17, 2025 • Fact Checked by: …': a reviewer's credit on the date line.
        if ends_in_review_label(text[: found.end("by") - 1]):
            continue
        names = namer(text[found.start("by") :])
        if names:
            return names
    return []


def _block_text(tag: Tag) -> str:
    """The block's text with a comma where one inner block (a list item, a div) gives way
    to another: names set in blocks of their own ('<li>Emily Walker</li><li>Casey
    McDevitt</li>') are two people, not one four-word name."""
    pieces: list[str] = []
    block: Tag | None = None
    for string in all_strings(tag):
        text = clean_text(str(string)) if type(string) in TEXT else ""
        if not text:
            continue
        own = parent_named(string, BLOCKS)
        if pieces and own is not block and not _OPENS_NAMES.search(pieces[-1]):
            pieces[-1] += ","
        pieces.append(text)
        block = own
    return " ".join(pieces)


def _opening_words(tag: Tag, within: int = 40) -> str:
    """The first non-blank string a block starts with, looked for among its next few
    elements only: a byline does not open below dozens of empty wrappers, and walking every
    block's descendants would be quadratic on deeply nested pages."""
    element = tag.next_element
    for _ in range(within):
        if element is None:
            break
        if type(element) in TEXT and str(element).strip():  # not comments, scripts, styles
            return str(element)
        element = element.next_element
    return ""
