"""Bylines shown on the page: rel=author links, author-page links, byline elements, labels."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from urllib.parse import urlsplit

from bs4 import Tag

from transforms.html.facts import PageFacts, article_regions, attr, clean_text
from transforms.html.names import split_names

_BYLINE_CLASS = re.compile(r"byline|author|autor|verfasser|signature", re.IGNORECASE)
# Parts of author widgets that hold no name (a bio, a portrait, a follow button).
_NOT_BYLINE_CLASS = re.compile(
    r"bio|desc|about|image|img|avatar|photo|pic|follow|social|share|more|job|role|title|"
    r"date|time",
    re.IGNORECASE,
)
_AUTHOR_PATH = re.compile(
    r"/(?:author|authors|autor|autoren|autorin|journalist|journalisten|redakteur|profile)/",
    re.IGNORECASE,
)
# A label in front of the names ('Autorin/Autor Roman Goncharenko', '责编：牛镛、岳弘彬').
_LABEL = re.compile(
    r"^\(?\s*(?:autor(?:in)?(?:\s*/\s*autor(?:in)?)?|autoren|author|authors|written by|"
    r"text|texte|auteur|autore|\u4f5c\u8005|\u8bb0\u8005|\u8d23\u7f16|\u8d23\u4efb\u7f16\u8f91)"
    r"\s*(?:[:\uff1a]\s*|$)",
    re.IGNORECASE,
)
_ITEMPROP_AUTHOR = re.compile(r"\bauthor\b", re.IGNORECASE)
_ITEMPROP_NAME = re.compile(r"\bname\b", re.IGNORECASE)
_MAX_BYLINE = 200
_MAX_LABELLED = 80

Reader = Callable[[list[Tag]], list[str]]


def visible_sources(facts: PageFacts) -> Iterator[list[str]]:
    """Names from each visible source in turn, each from the narrowest region having any."""
    readers: tuple[Reader, ...] = (
        _rel_author,
        _author_links,
        _byline_elements,
        _labelled,
        _bold_paragraph,
    )
    regions = list(article_regions(facts))
    for read in readers:
        yield _first_found(read, regions)


def rel_authors(facts: PageFacts) -> list[str]:
    """Names in rel=author links, from the narrowest region having any."""
    return _first_found(_rel_author, article_regions(facts))


def _first_found(read: Reader, regions: Iterable[list[Tag]]) -> list[str]:
    return next((names for names in map(read, regions) if names), [])


def _rel_author(elements: list[Tag]) -> list[str]:
    return [
        name
        for tag in elements
        if tag.name in {"a", "link"} and "author" in attr(tag, "rel").lower().split()
        for name in split_names(tag.get_text(" "), strict=True)
    ]


def _author_links(elements: list[Tag]) -> list[str]:
    """Links to author pages ('/autoren/name/max-kolter'), named by their text."""
    names: list[str] = []
    for tag in elements:
        if tag.name == "a" and _AUTHOR_PATH.search(_path(attr(tag, "href"))):
            names.extend(split_names(tag.get_text(" "), strict=True))
    return names


def _byline_elements(elements: list[Tag]) -> list[str]:
    """itemprop=author elements, else the first byline/author element naming someone."""
    names = [name for tag in elements for name in _itemprop_author(tag)]
    if names:
        return names
    for tag in elements:
        classes = attr(tag, "class")
        if not _BYLINE_CLASS.search(classes) or _NOT_BYLINE_CLASS.search(classes):
            continue
        text = clean_text(tag.get_text(" "))
        if text and len(text) <= _MAX_BYLINE and not _in_comments_or_form(tag):
            names = split_names(text, strict=True)
            if names:
                return names
    return []


def _labelled(elements: list[Tag]) -> list[str]:
    """Names after a label such as 'Autor' or '作者：' in the same block."""
    for tag in elements:
        for string in tag.find_all(string=_LABEL, recursive=False):
            label = clean_text(str(string))
            # A label alone in its element ('<strong>Autor</strong> Name') names its parent.
            alone = _LABEL.fullmatch(label) is not None
            block = tag.parent if alone else tag
            if block is None:
                continue
            text = clean_text(block.get_text(" "))
            if alone and text.startswith(label):
                rest = text[len(label) :]
            else:
                rest = _LABEL.sub("", text, count=1)
            if rest and len(rest) <= _MAX_LABELLED:
                names = split_names(rest.strip(" ()"), strict=True)
                if names:
                    return names
    return []


def _bold_paragraph(elements: list[Tag]) -> list[str]:
    """A first or last paragraph that is only a bold name, as small outlets sign stories."""
    paragraphs = [tag for tag in elements if tag.name == "p" and clean_text(tag.get_text())]
    for paragraph in paragraphs[:1] + paragraphs[-1:]:
        bold = paragraph.find(["strong", "b"])
        text = clean_text(paragraph.get_text(" "))
        if isinstance(bold, Tag) and clean_text(bold.get_text(" ")) == text:
            names = split_names(text, strict=True)
            if names:
                return names
    return []


def _itemprop_author(tag: Tag) -> list[str]:
    if not _ITEMPROP_AUTHOR.search(attr(tag, "itemprop")):
        return []
    named = tag.find(itemprop=_ITEMPROP_NAME)
    source = named if isinstance(named, Tag) else tag
    return split_names(attr(source, "content") or source.get_text(" "), strict=True)


def _in_comments_or_form(tag: Tag) -> bool:
    """Comment threads and login widgets name readers, not authors."""
    for parent in tag.parents:
        if parent.name == "form":
            return True
        if "comment" in f"{attr(parent, 'class')} {attr(parent, 'id')}".lower():
            return True
    return False


def _path(href: str) -> str:
    try:
        return urlsplit(href).path
    except ValueError:
        return ""
