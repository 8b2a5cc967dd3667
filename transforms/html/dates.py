"""The publication date a page states, with where it was found; its modified date apart."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from bs4 import Tag

from newsnorm.transforms.html.datetext import find_date, is_full, to_iso
from newsnorm.transforms.html.facts import PageFacts, article_regions, attr, clean_text
from newsnorm.transforms.html.jsonld import JsonObject, is_article

_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "article:published:time",
    "article:published",
    "og:published_time",
    "published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
)
_MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "last-modified")
_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(?:/|$)"
    r"|[/-]((?:19|20)\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?:[/.-]|$)"
)
_DATE_CLASS = re.compile(r"date|datum|time|publish|posted|dateline", re.IGNORECASE)
_NOT_DATE_CLASS = re.compile(r"update|modif|reading|lesezeit|comment", re.IGNORECASE)
_DATE_LABEL = re.compile(
    r"^(?:datum|date|published|posted|ver\u00f6ffentlicht|publi\u00e9|publicado)\s*:?$",
    re.IGNORECASE,
)
_MAX_DATE_TEXT = 80


def find_published(facts: PageFacts) -> tuple[str | None, str | None]:
    """(value, source) of the publication date; a full timestamp stated for the same day
    elsewhere wins over a bare date, since it carries the time and zone."""
    return _first(_candidates(_stated(facts)))


def find_modified(facts: PageFacts) -> tuple[str | None, str | None]:
    """(value, source) of the date the page says it was last modified."""
    return _first(_candidates(_modified(facts)))


def _first(candidates: Iterator[tuple[str, str]]) -> tuple[str | None, str | None]:
    value, source = next(candidates, (None, None))
    if value is not None and not is_full(value):
        for other, other_source in candidates:
            if other[:10] == value[:10] and is_full(other):
                return other, other_source
    return value, source


def _candidates(stated: Iterator[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    for raw, source in stated:
        value = to_iso(raw)
        if value:
            yield value, source


def _stated(facts: PageFacts) -> Iterator[tuple[str, str]]:
    """Raw published-date statements, most trusted first."""
    article = facts.article
    if article is not None:
        yield from _jsonld_values(article, "datePublished")
    for obj in facts.objects:
        if obj is not article and not is_article(obj):
            yield from _jsonld_values(obj, "datePublished")
    for key in _PUBLISHED_META:
        for value in facts.meta.get(key, ()):
            yield value, f"meta:{key}"
    yield from _time_elements(facts)
    yield from _url_date(facts.url)
    yield from _visible_date(facts)


def _modified(facts: PageFacts) -> Iterator[tuple[str, str]]:
    if facts.article is not None:
        yield from _jsonld_values(facts.article, "dateModified")
    for key in _MODIFIED_META:
        for value in facts.meta.get(key, ()):
            yield value, f"meta:{key}"


def _jsonld_values(obj: JsonObject, key: str) -> Iterator[tuple[str, str]]:
    value = obj.get(key)
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            yield item, "json-ld" if key == "datePublished" else f"json-ld:{key}"


def _time_elements(facts: PageFacts) -> Iterator[tuple[str, str]]:
    """itemprop=datePublished anywhere, then the first <time datetime> of the article."""
    for tag in facts.soup.find_all(itemprop=re.compile(r"\bdatePublished\b", re.IGNORECASE)):
        if isinstance(tag, Tag) and tag.name != "meta":
            value = attr(tag, "datetime") or attr(tag, "content") or tag.get_text(" ")
            yield value, "itemprop"
    for scope_name in ("article", "header", "main"):
        scope = facts.soup.find(scope_name)
        if isinstance(scope, Tag):
            for tag in scope.find_all("time"):
                if isinstance(tag, Tag) and attr(tag, "datetime"):
                    yield attr(tag, "datetime"), "time"
                    return


def _url_date(url: str | None) -> Iterator[tuple[str, str]]:
    if not url:
        return
    try:
        path = urlsplit(url).path
    except ValueError:
        return
    match = _URL_DATE.search(path)
    if match:
        numbers = [group for group in match.groups() if group is not None]
        year, month, day = (int(number) for number in numbers)
        yield f"{year:04d}-{month:02d}-{day:02d}", "url"


def _visible_date(facts: PageFacts) -> Iterator[tuple[str, str]]:
    """A date written in the article's date line ('Do 25.04.2024 | 14:07 Uhr'), or after a
    'Datum' label: the last resort before modified dates."""
    for elements in article_regions(facts):
        for tag in elements:
            classes = attr(tag, "class")
            own = tag.string
            labelled = own is not None and _DATE_LABEL.match(clean_text(str(own))) is not None
            block = tag.parent if labelled else tag
            if block is None or not (labelled or _DATE_CLASS.search(classes)):
                continue
            if _NOT_DATE_CLASS.search(classes):
                continue
            text = clean_text(block.get_text(" "))
            found = find_date(text) if len(text) <= _MAX_DATE_TEXT else None
            if found:
                yield found, "text"
                return
