"""Bylines that are not the story's author's: a reviewer's, fact-checker's or editor's
credit beside the byline ('Fact checked by <span>Jane Doe</span>'), the bylines on cards
teasing other stories below the headline, and author links past the byline's own run."""

from __future__ import annotations

import re

from newsnorm.transforms.html.facts import attr, clean_text, first_tag
from newsnorm.transforms.html.nodes import CData, NavigableString, Tag

# Credits for checking a story, not for writing it ('Medically reviewed by', 'Fact checked
# by', 'Edited by:').
_REVIEW = (
    r"(?:(?:medically|clinically|expert|legally|financially)\s+)?"
    r"(?:reviewed|fact[- ]?checked|edited|verified|vetted)(?:\s+by)?\s*:?"
)
_REVIEW_LABEL = re.compile(rf"(?:^|\W){_REVIEW}\s*$", re.IGNORECASE)
_REVIEW_OPENING = re.compile(rf"\s*{_REVIEW}\s", re.IGNORECASE)
# How far into a block its opening words are looked for (deep empty wrappers aside).
_OPENING_WITHIN = 40
# A teaser card: the block around a byline holds another story's heading, and the block
# repeats beside siblings of its own shape (a list of cards).
_HEADINGS = ("h1", "h2", "h3", "h4")
_MAX_CARD_LEVELS = 4
_MAX_LIST_LEVELS = 5
_PAGE_BLOCKS = frozenset({"body", "html", "main"})
_TEXT = (NavigableString, CData)
_SKIPPED = frozenset({"script", "style", "noscript", "template"})
# A byline's author links stand a separator apart ('A, B and C', a role between): more text
# than this between two of them is a headline, a story or a bio, and the later link is
# another story's byline (a related-stories list, an author directory).
MAX_BYLINE_GAP = 30


def in_teaser_card(tag: Tag) -> bool:
    """Whether `tag` sits on a card teasing another story below the page's headline: the
    nearest block around it holding a heading holds an h2-h4, not the h1, and that block
    (or one a few levels around it) stands in a row of siblings of its own shape ('<li
    class="card">' …)."""
    for level, parent in enumerate(tag.parents):
        if level >= _MAX_CARD_LEVELS or parent.name in _PAGE_BLOCKS:
            return False
        heading = first_tag(parent.descendants, _HEADINGS)
        if heading is None:
            continue
        if heading.name == "h1" or first_tag(tag.previous_elements, ("h1",)) is None:
            return False
        block: Tag | None = parent
        for _ in range(_MAX_LIST_LEVELS):
            if block is None or block.name in _PAGE_BLOCKS:
                return False
            if _has_twin(block):
                return True
            block = block.parent
        return False
    return False


def _has_twin(block: Tag) -> bool:
    classes = attr(block, "class")
    if not classes:
        return False
    siblings = (*block.find_previous_siblings(block.name), *block.find_next_siblings(block.name))
    return any(isinstance(other, Tag) and attr(other, "class") == classes for other in siblings)


def credits_review(tag: Tag) -> bool:
    """Whether `tag` names who reviewed, fact-checked or edited the story: the words right
    before it are such a label ('Fact checked by <span>…'), or its own text opens with one
    (a reviewer's card: 'Reviewed by Jane Doe', her role, her bio)."""
    if _REVIEW_OPENING.match(_opening(tag)):
        return True
    for element in tag.previous_elements:
        if type(element) in _TEXT and str(element).strip():
            # Only the string right before: further back, another credit ('Reviewed by A'
            # before 'Written by B') is not this one's.
            return _REVIEW_LABEL.search(clean_text(str(element))) is not None
    return False


def ends_in_review_label(text: str) -> bool:
    """Whether `text` ends with a reviewer's or editor's label ('… Fact Checked by:')."""
    return _REVIEW_LABEL.search(text) is not None


def _opening(tag: Tag) -> str:
    for index, element in enumerate(tag.descendants):
        if index >= _OPENING_WITHIN:
            break
        if type(element) in _TEXT and str(element).strip():
            return clean_text(str(element))
    return ""


def far_apart(earlier: Tag, later: Tag, limit: int = MAX_BYLINE_GAP) -> bool:
    """Whether more than `limit` characters of visible text stand between the end of
    `earlier` and the start of `later` (counted only up to the limit)."""
    inside = {id(element) for element in earlier.descendants}
    element = earlier.next_element
    seen = 0
    while element is not None and element is not later:
        if type(element) in _TEXT and id(element) not in inside:
            parent = element.parent
            if parent is None or parent.name not in _SKIPPED:
                seen += len(clean_text(str(element)))
                if seen > limit:
                    return True
        element = element.next_element
    return False
