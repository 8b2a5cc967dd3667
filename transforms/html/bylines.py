"""Bylines shown on the page: rel=author links, author-page links, byline elements, labels."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from newsnorm.transforms.bylines import split_names, split_parts
from newsnorm.transforms.html.authorcues import cued_names
from newsnorm.transforms.html.bylinecards import credits_review, far_apart, in_teaser_card
from newsnorm.transforms.html.bywords import BLOCKS, TEXT, by_lines
from newsnorm.transforms.html.datelines import date_line_names
from newsnorm.transforms.html.facts import (
    PageFacts,
    all_strings,
    article_regions,
    attr,
    clean_text,
    in_comments_form_or_figure,
    own_strings,
    parent_named,
)
from newsnorm.transforms.html.nodes import NavigableString, Tag
from newsnorm.transforms.html.portraits import portrait_names
from newsnorm.transforms.text import without_accents

_BYLINE_CLASS = re.compile(r"byline|author|autor|verfasser|signature", re.IGNORECASE)
# Parts of author widgets that hold no name (a bio, a portrait, a follow button), and
# cards flagged as showing an author somewhere inside ('summary-item-has-author').
_NOT_BYLINE_CLASS = re.compile(
    r"bio|desc|about|image|img|avatar|photo|pic|bild|foto|credit|caption|copyright|follow|"
    r"social|share|more|job|role|title|date|time|teaser|(?:has|with|no)-author",
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
    r"^\(?\s*(?:autor(?:in)?(?:\s*/\s*autor(?:in)?)?|autoren|author(?:\(s\))?|authors|written by|"
    r"text|texte|auteur|autore|\u4f5c\u8005|\u8bb0\u8005|\u8d23\u7f16|\u8d23\u4efb\u7f16\u8f91)"
    r"\s*(?:[:\uff1a]\s*|$)",
    re.IGNORECASE,
)
_INVISIBLE = frozenset({"script", "style", "noscript", "template"})
_LOWER_WORD = re.compile(r"(?<![^\W\d_])[a-z][a-z'-]+")
_ITEMPROP_AUTHOR = re.compile(r"\bauthor\b", re.IGNORECASE)
_ITEMPROP_NAME = re.compile(r"\bname\b", re.IGNORECASE)
_MAX_BYLINE = 200
_MAX_LABELLED = 80
_MAX_SIGNATURE = 60
_OPENING_PARAGRAPHS = 3
_MAX_OUTSIDE = 3
_SLUG_WORD = re.compile(r"[^\W_]+")

# What a reader takes from a byline's text: people's names, or a house credit.
Namer = Callable[[str], list[str]]
Reader = Callable[[list[Tag], Namer], list[str]]


def _people(text: str) -> list[str]:
    return split_names(text, strict=True)


def visible_sources(
    facts: PageFacts, namer: Namer = _people, *, whole_body: bool = True, signed: bool = True
) -> Iterator[list[str]]:
    """Names from each visible source in turn, each from the narrowest region having any;
    bylines the markup declares also from the whole body, when `whole_body` allows; a bold
    signature paragraph last, when `signed` allows. A bold line has no byline word or mark
    either, so it is read as the guesses are (`guessed_sources`): 'Survival Tips' heading a
    section is a label."""
    readers = _READERS if signed else tuple(r for r in _READERS if r is not _bold_paragraph)
    return _sources(facts, readers, namer, whole_body=whole_body, unmarked=_in_prose(facts, namer))


def guessed_sources(facts: PageFacts, namer: Namer = _people) -> Iterator[list[str]]:
    """Names shown without any byline word or mark: on the date line, on an author card's
    portrait, by a cue (an author box's 'All posts by …', a person icon, 'This post was
    written by …'). Weaker than a byline: for pages that credit nobody at all. A guess
    whose later words the page writes in lowercase is a label ('Fitness Industry',
    'Identity Theft Reports'): a surname is rarely a word of the story's prose."""
    named = _in_prose(facts, namer)
    return _sources(facts, _GUESSES, named, whole_body=True, unmarked=named)


def _in_prose(facts: PageFacts, namer: Namer) -> Namer:
    """`namer` less the names whose later words the page writes in lowercase."""
    prose: list[frozenset[str]] = []  # the page's words, read once a guess names someone

    def named(text: str) -> list[str]:
        names = namer(text)
        if names and not prose:
            prose.append(_prose_words(facts))
        return [
            name
            for name in names
            if not any(word.casefold() in prose[0] for word in name.split()[1:])
        ]

    return named


def _prose_words(facts: PageFacts) -> frozenset[str]:
    """The lowercase words of the page's visible text."""
    words: set[str] = set()
    for string in all_strings(facts.soup):
        parent = string.parent
        if type(string) is NavigableString and parent is not None and parent.name not in _INVISIBLE:
            words.update(_LOWER_WORD.findall(str(string)))
    return frozenset(words)


def _sources(
    facts: PageFacts,
    readers: tuple[Reader, ...],
    namer: Namer,
    *,
    whole_body: bool,
    unmarked: Namer,
) -> Iterator[list[str]]:
    """Each reader's names (`unmarked` naming for the bold signature)."""
    # A page with no article, main or h1 element: its whole body, read in order.
    regions = list(article_regions(facts))
    whole = [] if regions else [_whole_body(facts)]
    for read in readers:
        found = _first_found(
            _bound(read, unmarked if read is _bold_paragraph else namer), regions or whole
        )
        if not found and regions and whole_body and read in _MARKED:
            # The byline the markup declares may sit outside the article's regions (a
            # sidebar card, a block after many tags): the whole body, for these only.
            # Many names there are the bylines of other stories' teasers.
            whole = whole or [_whole_body(facts)]
            found = _first_found(_bound(read, namer), whole)
            found = found if len(set(found)) <= _MAX_OUTSIDE else []
        yield found


def _whole_body(facts: PageFacts) -> list[Tag]:
    """Every element of the body, listed once a page (several sources fall back to it)."""
    return facts.once("whole_body", lambda: _body_elements(facts))


def _body_elements(facts: PageFacts) -> list[Tag]:
    body = facts.soup.body
    return [tag for tag in body.find_all(True) if isinstance(tag, Tag)] if body else []


def rel_authors(facts: PageFacts) -> list[str]:
    """Names in rel=author links, from the narrowest region having any."""
    return _first_found(_bound(_rel_author, _people), article_regions(facts))


def _bound(read: Reader, namer: Namer) -> Callable[[list[Tag]], list[str]]:
    return lambda elements: read(elements, namer)


def _first_found(read: Callable[[list[Tag]], list[str]], regions: Iterable[list[Tag]]) -> list[str]:
    return next((names for names in map(read, regions) if names), [])


def _rel_author(elements: list[Tag], namer: Namer) -> list[str]:
    """rel=author links, outside comment threads (whose links name readers), in the
    byline's run (`_one_run`)."""
    links = (
        tag
        for tag in elements
        if tag.name in {"a", "link"} and "author" in attr(tag, "rel").lower().split()
        and not in_comments_form_or_figure(tag) and not credits_review(tag)
    )  # fmt: skip
    return _one_run((tag, namer(tag.get_text(" "))) for tag in links)


def _one_run(linked: Iterable[tuple[Tag, list[str]]]) -> list[str]:
    """Names of author links up to the first one standing far from the link before it
    that named anyone (`far_apart`): the story's byline is one run of links, later runs
    are the bylines of related stories or an author directory."""
    names: list[str] = []
    last: Tag | None = None
    for tag, found in linked:
        if not found:
            continue
        if last is not None and far_apart(last, tag):
            break
        names.extend(found)
        last = tag
    return names


def _author_links(elements: list[Tag], namer: Namer) -> list[str]:
    """Links to author pages ('/autoren/name/max-kolter'), named by their text, in the
    byline's run (`_one_run`); not in comment threads, whose commenters' names link to
    their profiles."""
    return _one_run(_linked_names(elements, namer))


def _linked_names(elements: list[Tag], namer: Namer) -> Iterator[tuple[Tag, list[str]]]:
    for tag in elements:
        path = _path(attr(tag, "href"))
        linked = tag.name == "a" and _AUTHOR_PATH.search(path)
        if linked and not in_comments_form_or_figure(tag) and not credits_review(tag):
            text = clean_text(tag.get_text(" "))
            found = namer(text)
            if len(text) > _MAX_LABELLED:
                # A whole author card (name, role, bio) links to the page: its name is the
                # one the address spells ('/author/jane-doe'), not a place in the bio.
                found = [name for name in found if _slug(name) == _last_segment(path)]
            yield tag, found


def _slug(text: str) -> str:
    return "-".join(_SLUG_WORD.findall(without_accents(text)))


def _last_segment(path: str) -> str:
    return _slug(unquote(path.rstrip("/").rsplit("/", 1)[-1]))


def _byline_elements(elements: list[Tag], namer: Namer) -> list[str]:
    """itemprop=author elements in the byline's run (`_one_run`), else the first
    byline/author element naming someone; in a byline holding smaller author elements
    ('<span class="author">'), those name them. Either kind in a figure's credit, a comment
    thread or a teaser card is not the story's."""
    names = _one_run((tag, _itemprop_author(tag, namer)) for tag in elements)
    if names:
        return names
    for tag in elements:
        if not _is_byline(tag):
            continue
        text = clean_text(tag.get_text(" "))
        if not text or len(text) > _MAX_BYLINE or _PICTURE_CREDIT.match(text):
            continue
        if in_comments_form_or_figure(tag) or credits_review(tag) or in_teaser_card(tag):
            continue
        inner = [child for child in tag.find_all(True) if _is_byline(child)]
        innermost = [
            child
            for child in inner
            if not any(_is_byline(c) for c in child.find_all(True)) and not credits_review(child)
        ]
        pieces = [_unlabelled(child) for child in innermost] or [_unlabelled(tag)]
        names = [name for piece in pieces for name in namer(piece)]
        if names:
            return names
    return []


def _unlabelled(tag: Tag) -> str:
    """A byline's text without a label standing in an element of its own ('<div>Author</div>
    <div>Venteur</div>'): glued to the name, it reads as a first name. Texts in blocks of
    their own are kept apart by a bar: a role set under the name ('<div>Jane Doe</div>
    <div>Senior QA Engineer</div>') is not read into it."""
    pieces: list[str] = []
    block: Tag | None = None
    for string in all_strings(tag):
        text = clean_text(str(string)) if type(string) in TEXT else ""
        if not text or _LABEL.fullmatch(text):
            continue
        own = parent_named(string, BLOCKS)
        if pieces and own is not block:
            pieces.append("|")
        pieces.append(text)
        block = own
    return " ".join(pieces)


def _is_byline(tag: Tag) -> bool:
    if not tag.get("class"):  # most elements have none: no need to join and search them
        return False
    return _byline_class(attr(tag, "class"))


@lru_cache(maxsize=4096)
def _byline_class(classes: str) -> bool:
    """A page repeats its few class strings over many elements, and each reader and region
    asks about them again: each string is searched once."""
    return bool(_BYLINE_CLASS.search(classes)) and not _NOT_BYLINE_CLASS.search(classes)


def _labelled(elements: list[Tag], namer: Namer) -> list[str]:
    """Names after a label such as 'Autor' or 'Text:' in the same block."""
    for tag in elements:
        for string in (s for s in own_strings(tag) if _LABEL.search(s)):
            label = clean_text(str(string))
            # A label alone in its element ('<strong>Autor</strong> Name') names its parent.
            alone = _LABEL.fullmatch(label) is not None
            block = tag.parent if alone else tag
            if block is None:
                continue
            text = clean_text(block.get_text(" "))
            items = [clean_text(item.get_text(" ")) for item in block.find_all("li")]
            if alone and len(items) > 1:
                # 'Author(s)' over a list: one person an item, however the items are set.
                rest = ", ".join(item for item in items if item)
            elif alone and text.startswith(label):
                rest = text[len(label) :]
            else:
                rest = _LABEL.sub("", text, count=1)
            if rest and len(rest) <= _MAX_LABELLED:
                names = namer(rest.strip(" ()"))
                if names:
                    return names
    return []


def _bold_paragraph(elements: list[Tag], namer: Namer) -> list[str]:
    """An opening or last paragraph that is only a bold name, as small outlets sign stories;
    the signature may follow a dek of a line or two ('<p><em>…</em></p>' before it)."""
    paragraphs = [tag for tag in elements if tag.name == "p" and clean_text(tag.get_text())]
    for paragraph in paragraphs[:_OPENING_PARAGRAPHS] + paragraphs[-1:]:
        bold = paragraph.find(["strong", "b"])
        text = clean_text(paragraph.get_text(" "))
        if not isinstance(bold, Tag) or clean_text(bold.get_text(" ")) != text:
            continue
        names = namer(text)
        # A bold lede or caption is longer, or holds more than names.
        if names and len(text) <= _MAX_SIGNATURE and len(names) == len(split_parts(text)):
            return names
    return []


def _itemprop_author(tag: Tag, namer: Namer) -> list[str]:
    if not tag.get("itemprop"):  # most elements: none to join and search
        return []
    if not _ITEMPROP_AUTHOR.search(attr(tag, "itemprop")):
        return []
    if in_comments_form_or_figure(tag) or in_teaser_card(tag):
        return []
    named = tag.find(itemprop=_ITEMPROP_NAME)
    source = named if isinstance(named, Tag) else tag
    return namer(attr(source, "content") or source.get_text(" "))


def _path(href: str) -> str:
    try:
        return urlsplit(href).path
    except ValueError:
        return ""


# Readers of bylines the markup declares (rel=author, byline classes, itemprop=author), and
# of the date line, which a page header above the article's regions often holds.
_MARKED: frozenset[Reader] = frozenset({_rel_author, _byline_elements, date_line_names})

_READERS: tuple[Reader, ...] = (
    _rel_author,
    _author_links,
    _byline_elements,
    by_lines,
    _labelled,
    _bold_paragraph,
)
_GUESSES: tuple[Reader, ...] = (date_line_names, portrait_names, cued_names)
