"""Names on a page's date line: the short block holding the story's date and its author,
without a 'By' or an author class ('Dec 17, 2025 · Jane Doe', 'Jane Doe | Senior Writer |
July 2, 2025', an author card beside 'Updated on 23 Oct 2025')."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from newsnorm.transforms.bylines import split_parts
from newsnorm.transforms.html.datetext import find_date
from newsnorm.transforms.html.facts import (
    all_strings,
    clean_text,
    in_comments_form_or_figure,
    own_strings,
)
from newsnorm.transforms.html.nodes import NavigableString, Tag

# A date string is short: a longer string holding a date is a sentence.
_MAX_DATE_STRING = 60
# The block a date line fills: a few dozen characters (date, name, role, reading time).
_MAX_LINE = 100
# How many blocks up from the date a name may sit (the date's span, the line, a card).
_MAX_LEVELS = 3
_MAX_STRINGS = 8
# Pieces of one string: bullets, bars and middle dots; 'on behalf of' ends a credit.
_PIECES = re.compile(r"\s*(?:[|\u2022\u00b7\u22c5]|\bon behalf of\b.*$)\s*", re.IGNORECASE)
_INVISIBLE = frozenset({"script", "style", "noscript", "template"})


def date_line_names(elements: list[Tag], namer: Callable[[str], list[str]]) -> list[str]:
    """People on the first date line of `elements`: from the block around a short date
    string, the pieces that are names and nothing else (a role, a reading time, a label
    beside them name nobody)."""
    for tag in elements:
        if tag.name in _INVISIBLE or not _holds_date(tag) or in_comments_form_or_figure(tag):
            continue
        names = _names_around(tag, namer)
        if names:
            return names
    return []


def _holds_date(tag: Tag) -> bool:
    return any(
        len(text := clean_text(str(string))) <= _MAX_DATE_STRING and find_date(text)
        for string in own_strings(tag)
        if type(string) is NavigableString
    )


def _names_around(tag: Tag, namer: Callable[[str], list[str]]) -> list[str]:
    node: Tag | None = tag
    for _ in range(_MAX_LEVELS):
        if node is None or len(clean_text(node.get_text(" "))) > _MAX_LINE:
            return []
        strings = [s for s in all_strings(node) if type(s) is NavigableString]
        texts = [clean_text(str(s)) for s in strings if clean_text(str(s))]
        if len(texts) > _MAX_STRINGS:
            return []
        # Linked words on a date line are a category, a comment count or a teaser's title;
        # an author linked to their page was read before.
        unlinked = [clean_text(str(s)) for s in strings if not _linked(s)]
        names = [name for piece in _pieces(unlinked) for name in _whole_names(piece, namer)]
        if names:
            return names
        node = node.parent if isinstance(node.parent, Tag) else None
    return []


def _linked(string: NavigableString) -> bool:
    return any(parent.name == "a" and parent.get("href") for parent in string.parents)


def _pieces(strings: list[str]) -> Iterator[str]:
    for text in strings:
        for piece in _PIECES.split(text):
            # 'Reading Time:' is a label, not a name.
            if piece and not piece.endswith(":") and not find_date(piece):
                yield piece


def _whole_names(piece: str, namer: Callable[[str], list[str]]) -> list[str]:
    """The names in a piece that holds nothing else: 'Senior Writer' or '6 min read' name
    nobody, and a sentence holding a name is no credit."""
    names = namer(piece)
    return names if names and len(names) == len(split_parts(piece)) else []
