"""What a page says about itself: title, authors, dates, site, canonical URL, language."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin

from newsnorm.transforms.html.authors import find_author_organizations, find_authors
from newsnorm.transforms.html.dates import find_modified, find_published
from newsnorm.transforms.html.facts import (
    PageFacts,
    attr,
    clean_text,
    first_named,
    host_of,
    read_facts,
    tags_named,
)
from newsnorm.transforms.html.jsonld import text_values
from newsnorm.transforms.html.nodes import BeautifulSoup, Tag
from newsnorm.transforms.html.titles import find_title

_LANGUAGE = re.compile(r"^([a-zA-Z]{2,3})(?:[-_]([a-zA-Z]{4}))?(?:[-_]([a-zA-Z]{2}|\d{3}))?$")
# Tracking images that republication tools put in syndicated copies.
_PIXEL_MARKERS = ("republication-tracker", "counter.theconversation.com", "pixel.propublica.org")
_REPUBLISH_WORDS = re.compile(r"republish|republication|syndicat", re.IGNORECASE)
_ONE_PIXEL = re.compile(r"width:\s*1px.*height:\s*1px|height:\s*1px.*width:\s*1px")


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """Metadata found in a page's markup; every field is None/empty when the page is silent.

    `published` is the value as the page states it (usually ISO 8601, maybe date-only);
    `published_source` names where it came from ('json-ld', 'meta:article:published_time',
    'time', 'url', …); `modified` is the date it says it was last changed, apart, and
    `guessed` a day found by searching the page (htmldate) when it states no date.
    `hints` are syndication clues for adapters, one 'key=value' each
    ('canonical-host=grist.org', 'og:site_name=Grist', 'parsely-author=Grist',
    'pixel=grist.org', 'meta-author=Jane Doe').
    """

    title: str | None = None
    authors: tuple[str, ...] = ()
    author_organizations: tuple[str, ...] = ()
    published: str | None = None
    published_source: str | None = None
    modified: str | None = None
    modified_source: str | None = None
    guessed: str | None = None
    site_name: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    hints: tuple[str, ...] = ()


def extract_metadata(soup: BeautifulSoup, url: str | None = None) -> PageMetadata:
    """Read the page's own statements about itself (markup only; no network)."""
    return metadata_of(read_facts(soup, url))


def metadata_of(facts: PageFacts) -> PageMetadata:
    """`extract_metadata` from facts already read: the reader asks them for more after."""
    published, published_source = find_published(facts)
    modified, modified_source = find_modified(facts)
    canonical_url = _canonical_url(facts)
    authors = find_authors(facts)
    return PageMetadata(
        title=find_title(facts),
        authors=authors,
        author_organizations=find_author_organizations(facts, authors),
        published=published,
        published_source=published_source,
        modified=modified,
        modified_source=modified_source,
        site_name=_site_name(facts),
        canonical_url=canonical_url,
        language=_language(facts),
        hints=tuple(dict.fromkeys(_hints(facts, canonical_url))),
    )


def normalize_language(value: str) -> str | None:
    """A BCP-47 tag ('en_us' → 'en-US', 'de-latn-at' → 'de-Latn-AT'); None if not one."""
    match = _LANGUAGE.match(value.strip())
    if match is None:
        return None
    language, script, region = match.groups()
    parts = [language.lower()]
    if script:
        parts.append(script.title())
    if region:
        parts.append(region.upper())
    return "-".join(parts)


def _site_name(facts: PageFacts) -> str | None:
    found = facts.first_meta("og:site_name")
    if found:
        return found[1]
    if facts.article is not None:
        names = [clean_text(name) for name in text_values(facts.article.get("publisher"))]
        return next((name for name in names if name), None)
    return None


def _canonical_url(facts: PageFacts) -> str | None:
    for link in tags_named(facts, "link"):
        if link.get("href") is not None and "canonical" in attr(link, "rel").lower().split():
            href = attr(link, "href").strip()
            if href:
                return _absolute(href, facts.url)
    found = facts.first_meta("og:url")
    return _absolute(found[1], facts.url) if found else None


def _absolute(href: str, base: str | None) -> str:
    try:
        return urljoin(base, href) if base else href
    except ValueError:
        return href


def _language(facts: PageFacts) -> str | None:
    root = first_named(facts, "html")
    stated = [attr(root, "lang"), attr(root, "xml:lang")] if isinstance(root, Tag) else []
    for key in ("content-language", "language", "dc.language", "og:locale"):
        stated += facts.meta.get(key, [])
    if facts.article is not None:
        stated += text_values(facts.article.get("inLanguage"))
    for value in stated:
        # 'de, en' in a content-language header: the first one is the page's.
        language = normalize_language(value.split(",")[0]) if value else None
        if language:
            return language
    return None


def _hints(facts: PageFacts, canonical_url: str | None) -> Iterator[str]:
    """Syndication clues: a canonical on another host, site and author metadata, pixels."""
    canonical_host = host_of(canonical_url)
    if canonical_host and facts.host and canonical_host != facts.host:
        yield f"canonical-host={canonical_host}"
    for value in facts.meta.get("og:site_name", []):
        yield f"og:site_name={value}"
    for value in facts.meta.get("parsely-author", []):
        yield f"parsely-author={value}"
    for image in tags_named(facts, "img"):
        if image.get("src") is not None and _is_republication_pixel(image):
            src = attr(image, "src").strip()
            yield f"pixel={host_of(_absolute(src, facts.url)) or src}"
    for value in facts.meta.get("author", []):
        yield f"meta-author={value}"


def _is_republication_pixel(image: Tag) -> bool:
    """A known republication tracker, or a 1x1 image whose address says it counts reprints."""
    src = attr(image, "src").lower()
    if any(marker in src for marker in _PIXEL_MARKERS):
        return True
    sized = attr(image, "width").strip() == "1" and attr(image, "height").strip() == "1"
    styled = _ONE_PIXEL.search(attr(image, "style").replace(" ", "").lower()) is not None
    return (sized or styled) and _REPUBLISH_WORDS.search(src) is not None
