"""What every metadata reader needs from a page, gathered once: meta tags, JSON-LD, site names."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TypeVar, cast
from urllib.parse import urlsplit

from newsnorm.transforms.html.jsonld import (
    JsonObject,
    is_article,
    read_objects,
    text_values,
    type_names,
)
from newsnorm.transforms.html.nodes import BeautifulSoup, NavigableString, PageElement, Tag

_SPACE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")
_NAME_PARTS = re.compile(r"\s+[|\u2013\u2014-]\s+")
# How far after the headline (in elements) a byline or date line may sit when no article
# element holds it.
_NEAR_HEADING = 300
_SITE_TYPES = frozenset({"website", "organization", "newsmediaorganization", "corporation"})
# Elements holding the whole page or its main content: never a comment thread.
_PAGE_WRAPPERS = frozenset({"html", "body", "main", "[document]"})
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class PageFacts:
    """One parsed page and the facts several readers share."""

    soup: BeautifulSoup
    url: str | None
    host: str | None
    meta: dict[str, list[str]]
    objects: tuple[JsonObject, ...]
    article: JsonObject | None
    site_names: tuple[str, ...]
    # What several readers derive from the soup (the element lists and name index, the
    # article's regions, the headline's date), computed once a page: the soup is not
    # changed while metadata is read, and callers must not change what it holds.
    memo: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def once(self, key: str, compute: Callable[[], _T]) -> _T:
        """`compute()` the first time `key` is asked for on this page; its value after."""
        if key not in self.memo:
            self.memo[key] = compute()
        return cast(_T, self.memo[key])

    def first_meta(self, *keys: str) -> tuple[str, str] | None:
        """The first non-empty value among `keys` (in the order given) and its key."""
        for key in keys:
            for value in self.meta.get(key, ()):
                if value:
                    return key, value
        return None


def read_facts(soup: BeautifulSoup, url: str | None) -> PageFacts:
    """Collect the shared facts; never raises on odd markup. The page's elements are listed
    and indexed by name first (every page's readers need them): its <meta> and <script>
    elements come from that index, not from two more walks of the whole tree; the
    elements themselves were listed as the page was mirrored."""
    tags = soup.tags
    index = _index_by_name(tags)
    meta = _read_meta(index.get("meta", []))
    objects = tuple(read_objects(index.get("script", [])))
    article = _main_article(objects, url)
    return PageFacts(
        soup=soup,
        url=url,
        host=host_of(url),
        meta=meta,
        objects=objects,
        article=article,
        site_names=_site_names(meta, objects, article),
        memo={"all_tags": tags, "tags_by_name": index},
    )


def tags_named(facts: PageFacts, name: str) -> list[Tag]:
    """The page's elements named `name`, in page order, from one index built once a page:
    readers ask for the first h1, <article> or <main> again and again, and bs4's `find`
    matches every element before it each time."""
    return facts.once("tags_by_name", lambda: _index_by_name(all_tags(facts))).get(name, [])


def first_named(facts: PageFacts, name: str) -> Tag | None:
    """The page's first element named `name`, as `soup.find(name)` finds it."""
    found = tags_named(facts, name)
    return found[0] if found else None


def all_tags(facts: PageFacts) -> list[Tag]:
    """Every element of the page in page order (`soup.find_all(True)`), listed once."""
    return facts.once("all_tags", lambda: facts.soup.tags)


def _index_by_name(tags: list[Tag]) -> dict[str, list[Tag]]:
    index: dict[str, list[Tag]] = {}
    for tag in tags:
        index.setdefault(tag.name, []).append(tag)
    return index


def article_regions(facts: PageFacts) -> Iterator[list[Tag]]:
    """Elements where the article's byline and date can sit, narrowest region first: the
    <article> holding the headline (the longest one on a page without h1), <main>, then
    what follows the first h1 (teasers elsewhere on the page carry bylines and dates too).
    Read once a page (each reader asks again); callers must not change the lists."""
    return iter(facts.once("article_regions", lambda: list(_article_regions(facts))))


def _article_regions(facts: PageFacts) -> Iterator[list[Tag]]:
    articles = tags_named(facts, "article")
    with_heading = [tag for tag in articles if first_tag(tag.descendants, ("h1",)) is not None]
    heading = first_named(facts, "h1")
    # Where the headline stands outside every <article>, those are teaser cards.
    if with_heading or (articles and heading is None):
        best = max(with_heading or articles, key=lambda tag: len(tag.get_text()))
        yield _tags(best.find_all(True))
    main = first_named(facts, "main")
    if isinstance(main, Tag):
        yield _tags(main.find_all(True))
    if isinstance(heading, Tag):
        # find_all_next(True, limit=…) would run bs4's matcher on each element it passes.
        following = (element for element in heading.next_elements if isinstance(element, Tag))
        yield list(islice(following, _NEAR_HEADING))


def clean_text(value: object) -> str:
    """Entities decoded (JSON-LD often double-escapes them) and whitespace collapsed."""
    if not isinstance(value, str):
        return ""
    text = html.unescape(value)
    # Most values (~60% of the 300 to 500 a page) have nothing to collapse: in a printable
    # text the only character `_SPACE` matches is ' ' (every other is unprintable).
    if "  " not in text and text.isprintable():
        return text.strip(" ")
    return _SPACE.sub(" ", text).strip()


def host_of(url: str | None) -> str | None:
    """The URL's host, lowercased, without a leading 'www.'."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")


def attr(tag: Tag, name: str) -> str:
    """An attribute as one string (bs4 gives lists for class, rel, …)."""
    value = tag.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(map(str, value))
    return str(value)


def own_strings(tag: Tag) -> list[NavigableString]:
    """The strings directly in `tag`, as `find_all(string=True, recursive=False)` gives
    them, without building bs4's matcher for every element a reader visits."""
    return [child for child in tag.contents if isinstance(child, NavigableString)]


def all_strings(tag: Tag) -> list[NavigableString]:
    """Every string under `tag` in page order, as `find_all(string=True)` gives them."""
    return [element for element in tag.descendants if isinstance(element, NavigableString)]


def parent_named(element: PageElement, names: Collection[str]) -> Tag | None:
    """The nearest element around `element` with one of `names`, as `find_parent(names)`
    finds it, without building bs4's matcher for each string asked about."""
    return next((parent for parent in element.parents if parent.name in names), None)


def first_tag(elements: Iterable[PageElement], names: Collection[str]) -> Tag | None:
    """The first element named one of `names` among `elements` (a tag's `descendants` or
    `previous_elements`), as bs4's `find(names)` / `find_previous(names)` give it, without
    building and running its matcher on every element passed."""
    return next((e for e in elements if isinstance(e, Tag) and e.name in names), None)


def _tags(found: object) -> list[Tag]:
    return [tag for tag in found if isinstance(tag, Tag)] if isinstance(found, list) else []


def _read_meta(tags: list[Tag]) -> dict[str, list[str]]:
    """Meta values by lowercased name/property/itemprop/http-equiv, in page order, from the
    page's <meta> elements."""
    meta: dict[str, list[str]] = {}
    for tag in tags:
        value = clean_text(attr(tag, "content") or attr(tag, "value"))
        for key_attr in ("name", "property", "itemprop", "http-equiv"):
            key = attr(tag, key_attr).strip().lower()
            # RDFa may list several properties; Yoast writes 'twitter:misc:Written by'.
            keys = key.split() if all(":" in part for part in key.split()) else [key]
            for one in filter(None, keys):
                meta.setdefault(one, []).append(value)
    return meta


def _main_article(objects: tuple[JsonObject, ...], url: str | None) -> JsonObject | None:
    """The article object describing this page: one naming the page's URL, else the first."""
    articles = [obj for obj in objects if is_article(obj)]
    if not articles:
        return None
    wanted = _url_key(url)
    for obj in articles:
        if wanted and wanted in {_url_key(link) for link in _object_urls(obj)}:
            return obj
    with_headline = [obj for obj in articles if text_values(obj.get("headline"))]
    return (with_headline or articles)[0]


def _object_urls(obj: JsonObject) -> list[str]:
    links: list[str] = []
    for key in ("url", "@id", "mainEntityOfPage"):
        value = obj.get(key)
        if isinstance(value, dict):
            value = value.get("@id") or value.get("url")
        if isinstance(value, str):
            links.append(value)
    return links


def _url_key(url: str | None) -> str | None:
    """Host and path only, so http/https, www., queries and fragments don't matter."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}" if host else None


def _site_names(
    meta: dict[str, list[str]], objects: tuple[JsonObject, ...], article: JsonObject | None
) -> tuple[str, ...]:
    """Names the site goes by: og:site_name, the publisher, site-level JSON-LD objects."""
    names = list(meta.get("og:site_name", []))
    if article is not None:
        names.extend(text_values(article.get("publisher")))
    for obj in objects:
        if type_names(obj) & _SITE_TYPES:
            names.extend(text_values(obj.get("name")))
            names.extend(text_values(obj.get("alternateName")))
    for key in ("application-name", "apple-mobile-web-app-title", "publisher"):
        names.extend(meta.get(key, []))
    cleaned = [clean_text(name) for name in names]
    # 'Israel Nachrichten - Chadashoth Israel': each part is a name of the site too.
    parts = [part for name in cleaned for part in _NAME_PARTS.split(name) if part != name]
    return tuple(dict.fromkeys(name for name in cleaned + parts if name))


def in_comments_form_or_figure(tag: Tag) -> bool:
    """Comment threads and login widgets name readers, figures their photographers. A
    'comment' class on what holds the whole article (Squarespace's body classes such as
    'tweak-blog-item-comment-…', a post wrapper's 'has-comments') marks no comment thread:
    the page, <main> and any element holding the headline are the article's wrappers."""
    for parent in tag.parents:
        if parent.name in {"form", "figure", "figcaption"}:
            return True
        if parent.name in _PAGE_WRAPPERS:
            continue
        named = "comment" in f"{attr(parent, 'class')} {attr(parent, 'id')}".lower()
        if named and parent.find("h1") is None:
            return True
    return False
