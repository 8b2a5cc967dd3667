"""Names on an author card: a portrait whose alternative text is a person's name, shown
beside that name ('<img alt="Jane Doe">' then '<p>Jane Doe</p><p>Tech Writer</p>')."""

from __future__ import annotations

from collections.abc import Callable

from newsnorm.transforms.bylines import split_names
from newsnorm.transforms.html.facts import (
    all_strings,
    clean_text,
    in_comments_form_or_figure,
    parent_named,
)
from newsnorm.transforms.html.nodes import NavigableString, Tag

# How many blocks up from the portrait the card reaches, and how much text it holds at
# most (a name, a role, a short bio).
_MAX_LEVELS = 4
_MAX_CARD = 800
# A paragraph of the story, not a card's role or a caption.
_MIN_STORY_PARAGRAPH = 200
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def portrait_names(elements: list[Tag], namer: Callable[[str], list[str]]) -> list[str]:
    """The person on the first author card of `elements`: a portrait's alternative text
    names them ('Jane Doe', 'Jane Doe, Tech Writer') and the card shows the name as a text
    of its own. A portrait alone is no credit: pictures show the people a story is about."""
    for index, tag in enumerate(elements):
        if tag.name != "img" or in_comments_form_or_figure(tag) or _linked(tag):
            continue
        alt = clean_text(tag.get("alt"))
        names = split_names(alt, strict=True)[:1] if alt else []
        card = _card(tag, names[0]) if names and namer(names[0]) else None
        if card is not None and not _amid_story(elements, index, card):
            return names
    return []


def _amid_story(elements: list[Tag], index: int, card: Tag) -> bool:
    """Between the story's paragraphs (a card's own bio aside), a box presents someone
    the story is about; author cards sit above or below the story."""
    story = [
        at
        for at, tag in enumerate(elements)
        if _is_story_paragraph(tag) and card not in tag.parents
    ]
    return bool(story) and story[0] < index < story[-1]


def _is_story_paragraph(tag: Tag) -> bool:
    return tag.name == "p" and len(clean_text(tag.get_text(" "))) >= _MIN_STORY_PARAGRAPH


def _linked(tag: Tag) -> bool:
    """A linked picture is a teaser's or a product's card; an author's portrait linked to
    their page was read with the author links."""
    return any(parent.name == "a" and parent.get("href") for parent in tag.parents)


def _card(portrait: Tag, name: str) -> Tag | None:
    """The block around a portrait that shows its name as a text of its own, if any."""
    folded = name.casefold()
    node = portrait.parent
    for _ in range(_MAX_LEVELS):
        if not isinstance(node, Tag) or len(clean_text(node.get_text(" "))) > _MAX_CARD:
            return None
        for string in all_strings(node):
            if type(string) is NavigableString and clean_text(str(string)).casefold() == folded:
                # A picture over a heading naming it is a card's title ('Hardware Security').
                return node if parent_named(string, _HEADINGS) is None else None
        node = node.parent
    return None
