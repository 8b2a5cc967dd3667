"""Names on an author card: a portrait whose alternative text is a person's name, shown
beside that name ('<img alt="Jane Doe">' then '<p>Jane Doe</p><p>Tech Writer</p>')."""

from __future__ import annotations

from collections.abc import Callable

from bs4 import Tag
from bs4.element import NavigableString

from newsnorm.transforms.bylines import split_names
from newsnorm.transforms.html.facts import clean_text, in_comments_form_or_figure

# How many blocks up from the portrait the card reaches, and how much text it holds at
# most (a name, a role, a short bio).
_MAX_LEVELS = 4
_MAX_CARD = 800
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def portrait_names(elements: list[Tag], namer: Callable[[str], list[str]]) -> list[str]:
    """The person on the first author card of `elements`: a portrait's alternative text
    names them ('Jane Doe', 'Jane Doe, Tech Writer') and the card shows the name as a text
    of its own. A portrait alone is no credit: pictures show the people a story is about."""
    for tag in elements:
        if tag.name != "img" or in_comments_form_or_figure(tag) or _linked(tag):
            continue
        alt = clean_text(tag.get("alt"))
        names = split_names(alt, strict=True)[:1] if alt else []
        if names and namer(names[0]) and _shown_beside(tag, names[0]):
            return names
    return []


def _linked(tag: Tag) -> bool:
    """A linked picture is a teaser's or a product's card; an author's portrait linked to
    their page was read with the author links."""
    return any(parent.name == "a" and parent.get("href") for parent in tag.parents)


def _shown_beside(portrait: Tag, name: str) -> bool:
    folded = name.casefold()
    node = portrait.parent
    for _ in range(_MAX_LEVELS):
        if not isinstance(node, Tag) or len(clean_text(node.get_text(" "))) > _MAX_CARD:
            return False
        for string in node.find_all(string=True):
            if type(string) is NavigableString and clean_text(str(string)).casefold() == folded:
                # A picture over a heading naming it is a card's title ('Hardware Security').
                return string.find_parent(_HEADINGS) is None

        node = node.parent
    return False
