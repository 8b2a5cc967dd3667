"""Bylines shown on the page: rel=author links, author-page links, byline elements, labels."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from urllib.parse import urlsplit

from bs4 import Tag

from newsnorm.transforms.bylines import split_names, split_parts
from newsnorm.transforms.html.facts import PageFacts, article_regions, attr, clean_text

_BYLINE_CLASS = re.compile(r"byline|author|autor|verfasser|signature", re.IGNORECASE)
# Parts of author widgets that hold no name (a bio, a portrait, a follow button).
_NOT_BYLINE_CLASS = re.compile(
    r"bio|desc|about|image|img|avatar|photo|pic|bild|foto|credit|caption|copyright|follow|"
    r"social|share|more|job|role|title|date|time",
    re.IGNORECASE,
)
# Credits for pictures name photographers, not authors.
_PICTURE_CREDIT = re.compile(r"^(?:foto|fotos|photo|photos|bild|image|credit)s?\b", re.IGNORECASE)
_AUTHOR_PATH = re.compile(
    r"/(?:author|authors|autor|autoren|autorin|journalist|journalisten|redakteur|profile)/",
    re.IGNORECASE,
)
# A label in front of the names: 'Autorin/Autor Roman Goncharenko', 'Text: …', and the
# author, reporter and editor credits of Chinese portals (作者, 记者, 责编, 责任编辑).
_LABEL = re.compile(
    r"^\(?\s*(?:autor(?:in)?(?:\s*/\s*autor(?:in)?)?|autoren|author|authors|written by|"
    r"text|texte|auteur|autore|\u4f5c\u8005|\u8bb0\u8005|\u8d23\u7f16|\u8d23\u4efb\u7f16\u8f91)"
    r"\s*(?:[:\uff1a]\s*|$)",
    re.IGNORECASE,
)
_BY_OPENING = re.compile(r"^\s*(?:written|posted|published|updated|by)\b", re.IGNORECASE)
# 'By Jane Doe', 'Written by Jane Doe', 'Published August 7, 2023 by Jane Doe'.
_BY_WORDS = re.compile(
    r"^(?:(?:published|posted|updated)\b[^|]{0,40}?\s)?"
    r"(?P<by>(?:written\s+by|posted\s+by|by)\b\s*:?\s*\S)",
    re.IGNORECASE,
)
# Blocks and inline wrappers a byline sits in; a link alone is a name, not a byline.
_BY_LINE_TAGS = frozenset({"p", "div", "span", "li", "h2", "h3", "h4", "h5", "h6", "address"})
_ITEMPROP_AUTHOR = re.compile(r"\bauthor\b", re.IGNORECASE)
_ITEMPROP_NAME = re.compile(r"\bname\b", re.IGNORECASE)
_MAX_BYLINE = 200
_MAX_LABELLED = 80
_MAX_SIGNATURE = 60

Reader = Callable[[list[Tag]], list[str]]


def visible_sources(facts: PageFacts) -> Iterator[list[str]]:
    """Names from each visible source in turn, each from the narrowest region having any."""
    readers: tuple[Reader, ...] = (
        _rel_author,
        _author_links,
        _byline_elements,
        _by_lines,
        _labelled,
        _bold_paragraph,
    )
    # A page with no article, main or h1 element: its whole body, read in order.
    regions = list(article_regions(facts)) or [_whole_body(facts)]
    for read in readers:
        yield _first_found(read, regions)


def _whole_body(facts: PageFacts) -> list[Tag]:
    body = facts.soup.body
    return [tag for tag in body.find_all(True) if isinstance(tag, Tag)] if body else []


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
    """itemprop=author elements, else the first byline/author element naming someone; in
    a byline holding smaller author elements ('<span class="author">'), those name them."""
    names = [name for tag in elements for name in _itemprop_author(tag)]
    if names:
        return names
    for tag in elements:
        if not _is_byline(tag):
            continue
        text = clean_text(tag.get_text(" "))
        if not text or len(text) > _MAX_BYLINE or _PICTURE_CREDIT.match(text):
            continue
        if _in_comments_form_or_figure(tag):
            continue
        inner = [child for child in tag.find_all(True) if _is_byline(child)]
        innermost = [
            child for child in inner if not any(_is_byline(c) for c in child.find_all(True))
        ]
        pieces = [clean_text(child.get_text(" ")) for child in innermost] or [text]
        names = [name for piece in pieces for name in split_names(piece, strict=True)]
        if names:
            return names
    return []


def _by_lines(elements: list[Tag]) -> list[str]:
    """A short block that reads as a byline ('By Jane Doe', 'Written by Jane Doe', 'by: Jane
    Doe, Dec 17, 2025'), whatever its class: the words say what it is."""
    for tag in elements:
        if tag.name not in _BY_LINE_TAGS:
            continue
        # The opening words first: reading every block's whole text is quadratic.
        opening = next((string for string in tag.strings if string.strip()), "")
        if not _BY_OPENING.match(opening):
            continue
        text = clean_text(tag.get_text(" "))
        found = _BY_WORDS.match(text) if len(text) <= _MAX_LABELLED else None
        if found is None or _in_comments_form_or_figure(tag):
            continue
        # The innermost block reading as a byline: its parent may add a sentence after it.
        inner_blocks = tag.find_all(_BY_LINE_TAGS)
        if any(_BY_WORDS.match(clean_text(inner.get_text(" "))) for inner in inner_blocks):
            continue
        names = split_names(text[found.start("by") :], strict=True)
        if names:
            return names
    return []


def _is_byline(tag: Tag) -> bool:
    classes = attr(tag, "class")
    return bool(_BYLINE_CLASS.search(classes)) and not _NOT_BYLINE_CLASS.search(classes)


def _labelled(elements: list[Tag]) -> list[str]:
    """Names after a label such as 'Autor' or 'Text:' in the same block."""
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
        if not isinstance(bold, Tag) or clean_text(bold.get_text(" ")) != text:
            continue
        names = split_names(text, strict=True)
        # A bold lede or caption is longer, or holds more than names.
        if names and len(text) <= _MAX_SIGNATURE and len(names) == len(split_parts(text)):
            return names
    return []


def _itemprop_author(tag: Tag) -> list[str]:
    if not _ITEMPROP_AUTHOR.search(attr(tag, "itemprop")):
        return []
    named = tag.find(itemprop=_ITEMPROP_NAME)
    source = named if isinstance(named, Tag) else tag
    return split_names(attr(source, "content") or source.get_text(" "), strict=True)


def _in_comments_form_or_figure(tag: Tag) -> bool:
    """Comment threads and login widgets name readers, figures their photographers."""
    for parent in tag.parents:
        if parent.name in {"form", "figure", "figcaption"}:
            return True
        if "comment" in f"{attr(parent, 'class')} {attr(parent, 'id')}".lower():
            return True
    return False


def _path(href: str) -> str:
    try:
        return urlsplit(href).path
    except ValueError:
        return ""
