"""Dates on teaser cards: a listing's entries, a rail of related or latest stories. Each card
shows its own story's date, which is not the page's."""

from __future__ import annotations

from newsnorm.transforms.bylinewords import PREFIX
from newsnorm.transforms.html.datetext import find_date
from newsnorm.transforms.html.facts import clean_text
from newsnorm.transforms.html.nodes import NavigableString, Tag

# How many blocks up from a date its card may start (the date's span, its meta line, the
# card's body, the card, the card's column).
_MAX_LEVELS = 8
# A card is small: its title, a line of teaser, the date and a byline.
_MAX_CARD_TEXT = 600
# How many neighbours on each side are asked whether they are cards too, and how many of them
# must be: a rail or a listing shows three cards or more; two blocks with a link and a date
# may be a story's two bylines (published by one author, updated by another).
_NEIGHBOURS = 2
_OTHER_CARDS = 2
# A sentence around a link: this many letters of running text beside it make a block prose
# (a body paragraph), not a card; a meta line ('Posted by <a>Ann Lee</a> on') has fewer.
_PROSE_LETTERS = 30
# Inline elements whose words run on with the text around a link.
_INLINE = frozenset({"em", "strong", "b", "i", "span", "abbr", "mark", "q", "small", "sup"})
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
# Parts of a page whose h1 heads a rail ('Featured articles'), not the story.
_ASIDES = ("aside", "nav", "footer")
# How many strings back the headline may be from the block that opens right after it.
_HEADLINE_REACH = 3


def in_teaser(tag: Tag) -> bool:
    """True when `tag` sits in one card of a series: a small block, not holding the headline,
    linking somewhere, beside two blocks of the same kind that link, show a date (in their
    text or a <time>) and are no paragraphs of prose. One card alone (an
    author box) is no series, and neither is the story's own date line: the block right under
    the headline or opening with a byline, unless it holds a heading of its own (a listing's
    first card)."""
    node = tag
    for _ in range(_MAX_LEVELS):
        parent = node.parent
        if not isinstance(parent, Tag) or _longer_than_a_card(node):
            return False
        if node.find("h1") is not None:
            return False
        if _links(node) and _cards_beside(node) >= _OTHER_CARDS:
            return not _story_line(node)
        node = parent
    return False


def _story_line(node: Tag) -> bool:
    """The story's own date or byline block: it opens with a byline ('By Ann Lee · …') or
    comes right after the headline, and holds no heading of its own."""
    if node.find(_HEADINGS) is not None:
        return False
    if PREFIX.match(clean_text(node.get_text(" "))):
        return True
    seen = 0
    for element in node.previous_elements:
        if type(element) is NavigableString and element.strip():
            if _under(element, ("h1",)) and not _under(element, _ASIDES):
                return True
            seen += 1
            if seen >= _HEADLINE_REACH:
                return False
    return False


def _cards_beside(node: Tag) -> int:
    return sum(1 for other in _neighbours(node) if _is_card(other, node.name))


def _neighbours(node: Tag) -> list[Tag]:
    siblings = [tag for tag in node.parent.contents if isinstance(tag, Tag)] if node.parent else []
    at = next(index for index, tag in enumerate(siblings) if tag is node)
    return siblings[max(at - _NEIGHBOURS, 0) : at] + siblings[at + 1 : at + 1 + _NEIGHBOURS]


def _is_card(tag: Tag, name: str) -> bool:
    if tag.name != name or not _links(tag):
        return False
    if _longer_than_a_card(tag) or _prose(tag):
        return False
    return find_date(clean_text(tag.get_text(" "))) is not None or tag.find("time") is not None


def _prose(tag: Tag) -> bool:
    """A paragraph of prose, not a card: the words running around its links, in the elements
    holding them, make a sentence (`_PROSE_LETTERS` letters, more than the links'): 'On March 3
    the <a>harbour board</a> voted to…'. A card's links stand on their own (its title, the
    whole card, a category) or sit in a short meta line ('By <a>Ann Lee</a> ·')."""
    if tag.find(_HEADINGS) is not None:
        return False
    holders = {id(link.parent): link.parent for link in tag.find_all("a")}
    around = linked = 0
    for holder in holders.values():
        for child in holder.contents if isinstance(holder, Tag) else ():
            if type(child) is NavigableString:
                around += _alpha(child)
            elif isinstance(child, Tag) and child.name == "a":
                linked += _letters(child)
            elif isinstance(child, Tag) and child.name in _INLINE:
                around += sum(
                    _alpha(part) for part in child.contents if type(part) is NavigableString
                )
    return around >= _PROSE_LETTERS and around > linked


def _alpha(text: str) -> int:
    return sum(1 for char in text if char.isalpha())


def _letters(tag: Tag) -> int:
    """Letters of its visible text, a <time>'s left out (a date beside a title is no prose)."""
    return sum(
        _alpha(element)
        for element in tag.descendants
        if type(element) is NavigableString and not _under(element, ("time",))
    )


def _under(element: NavigableString, names: tuple[str, ...]) -> bool:
    return any(parent.name in names for parent in element.parents)


def _longer_than_a_card(tag: Tag) -> bool:
    """Its visible text passes `_MAX_CARD_TEXT`, counted string by string up to there: the
    blocks climbed end in one holding the page."""
    length = 0
    for element in tag.descendants:
        if type(element) is NavigableString:
            length += len(element.strip())
            if length > _MAX_CARD_TEXT:
                return True
    return False


def _links(tag: Tag) -> bool:
    """The block is a link or holds one with words (a card's title; a whole card may be one
    link)."""
    if tag.name == "a" and tag.get("href"):
        return True
    return any(
        isinstance(link, Tag) and link.get("href") and clean_text(link.get_text(" "))
        for link in tag.find_all("a")
    )
