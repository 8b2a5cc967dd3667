"""Names a page shows as its author's without a byline: an author box's 'All articles by
Jane Doe', a person icon in front of a name, a sentence crediting the writer ('This post
was written by Jane Doe, Head of Marketing'). Guesses, read where the page credits nobody."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from newsnorm.transforms.bylines import split_parts
from newsnorm.transforms.html.facts import (
    attr,
    clean_text,
    in_comments_form_or_figure,
    own_strings,
)
from newsnorm.transforms.html.nodes import NavigableString, Tag

# An author box's link to the writer's other stories.
_STORIES_BY = re.compile(
    r"(?:(?:view|see|read|browse)\s+)?(?:all|more|other)\s+"
    r"(?:articles|posts|stories|entries|pieces|blog posts)\s+(?:by|from)\s+"
    r"(?P<name>[^\u00bb\u203a\u2192>|]+?)\s*[\u00bb\u203a\u2192>]?",
    re.IGNORECASE,
)
# A sentence naming the writer: 'This post was written by Jane Doe, Head of …'.
_WRITTEN_BY = re.compile(
    r"\b(?:this|the)\s+(?:blog\s+)?(?:post|article|story|piece|guide|review)\s+"
    r"(?:was|is|has been)\s+(?:written|authored)\s+by\s+(?P<name>[^,.;:()]+)",
    re.IGNORECASE,
)
# Icon fonts' and sprites' person glyphs ('fa-user', 'bi-person', '#circle-user').
_PERSON_ICON = re.compile(
    r"(?:^|[\s#_-])(?:fa-user|bi-person|icon-user|user-icon|user-circle|circle-user|"
    r"icon-person|person-icon|icon-author|author-icon)(?:$|[\s_-])",
    re.IGNORECASE,
)
_ICON_TAGS = frozenset({"i", "svg", "span", "use", "img"})
_INVISIBLE = frozenset({"script", "style", "noscript", "template"})
_MAX_CUE = 120
_MAX_NAME = 60
_ATTRIBUTES = ("aria-label", "title")

Namer = Callable[[str], list[str]]


def cued_names(elements: list[Tag], namer: Namer) -> list[str]:
    """People named by the first cue among `elements` that names anyone, each cue giving
    only a piece that holds names and nothing else."""
    for tag in elements:
        if tag.name in _INVISIBLE:
            continue
        for piece in _cued_pieces(tag):
            # Ancestry only where a cue is found: walking every element's parents is
            # quadratic in the nesting depth (a 100,000-deep page never finished).
            if in_comments_form_or_figure(tag):
                break
            names = namer(piece)
            if names and len(names) == len(split_parts(piece)):
                return names
    return []


def _cued_pieces(tag: Tag) -> Iterator[str]:
    if tag.name in _ICON_TAGS and _PERSON_ICON.search(_icon_names(tag)):
        yield _next_text(tag)
    for key in _ATTRIBUTES:
        if found := _STORIES_BY.fullmatch(clean_text(attr(tag, key))):
            yield found["name"]
    for string in own_strings(tag):
        text = clean_text(str(string)) if type(string) is NavigableString else ""
        if not text or len(text) > _MAX_CUE * 4:
            continue
        if len(text) <= _MAX_CUE and (found := _STORIES_BY.fullmatch(text)):
            yield found["name"]
        for sentence in _WRITTEN_BY.finditer(text):
            yield sentence["name"].strip()


def _icon_names(tag: Tag) -> str:
    return " ".join((attr(tag, "class"), attr(tag, "href"), attr(tag, "xlink:href")))


def _next_text(icon: Tag) -> str:
    """The first visible string after the icon, outside it: the name it marks."""
    for element in icon.next_elements:
        if type(element) is not NavigableString or element.parent is None:
            continue
        if element.parent.name in _INVISIBLE or icon in element.parents:
            continue
        text = clean_text(str(element))
        if text:
            return text if len(text) <= _MAX_NAME else ""
    return ""
