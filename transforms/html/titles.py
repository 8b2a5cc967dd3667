"""The article's headline, without the site name that page titles carry."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import Tag

from newsnorm.transforms.html.facts import PageFacts, clean_text
from newsnorm.transforms.html.jsonld import text_values
from newsnorm.transforms.html.sitenames import is_site_name, site_keys

# Separators between a headline and a site name: bars (also the fullwidth and Hangul
# look-alikes) and fullwidth colons may come without spaces, dashes and the rest only
# between spaces so hyphenated words stay whole.
_SEPARATOR = re.compile(
    r"(\s*[|\uff5c\u2016\u3163\uff1a]\s*|\s+(?:[-\u2013\u2014\u00b7\u2022\u00bb\u00ab~/*]|::)\s+)"
)
_PREFIX = re.compile(r"^(?P<site>[^:]{2,40}):\s+(?P<rest>\S.*)$")
_DATE_PART = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")
_BY_PART = re.compile(r"^(?:by|von|par|por)\s", re.IGNORECASE)
# A section name left between a headline and the cut site name ('… - National | Site').
_SECTION_WORDS = 3
_SECTION_CHARS = 25


def find_title(facts: PageFacts) -> str | None:
    """The first stated headline (JSON-LD, OpenGraph, Twitter, h1, <title>), site name cut.

    When a later statement is the same headline minus a short trailing part ('Headline |
    Sport' beside 'Headline'), the shorter one wins.
    """
    keys = site_keys(facts)
    titles = [title for title in (strip_site_name(c, keys) for c in _candidates(facts)) if title]
    if not titles:
        return None
    chosen = titles[0]
    for other in titles[1:]:
        if _is_decorated(chosen, other):
            return other
    return chosen


def strip_site_name(title: str, keys: frozenset[str]) -> str:
    """Cut site names at either end ('Headline | Site', 'Site - Headline', 'Site: Headline'),
    with a date, a 'by …' credit or a short section name that sits next to them."""
    parts = _SEPARATOR.split(clean_text(title).replace("\u00ad", ""))
    # parts alternate text, separator, text…; cut whole text parts from either end.
    cut_site = False
    while len(parts) >= 3:
        last = parts[-1].strip()
        if is_site_name(last, keys):
            cut_site = True
        elif not (
            _DATE_PART.match(last)
            or _BY_PART.match(last)
            or (cut_site and _is_section(last) and len("".join(parts[:-2]).split()) >= 4)
        ):
            break
        parts = parts[:-2]
    while len(parts) >= 3 and is_site_name(parts[0], keys):
        parts = parts[2:]
    text = "".join(parts).strip()
    match = _PREFIX.match(text)
    if match and is_site_name(match["site"], keys):
        text = match["rest"].strip()
    return text


def _is_section(text: str) -> bool:
    return len(text.split()) <= _SECTION_WORDS and len(text) <= _SECTION_CHARS


def _is_decorated(title: str, other: str) -> bool:
    """True when `title` is `other` plus a short separated trailing part ('… | Sport')."""
    if len(other) >= len(title):
        return False
    parts = _SEPARATOR.split(title)
    return len(parts) >= 3 and _is_section(parts[-1]) and other == "".join(parts[:-2]).strip()


def _candidates(facts: PageFacts) -> Iterator[str]:
    if facts.article is not None:
        yield from (clean_text(text) for text in text_values(facts.article.get("headline")))
    for key in ("og:title", "twitter:title"):
        yield from facts.meta.get(key, ())
    heading = _main_heading(facts)
    if heading:
        yield heading
    title = facts.soup.find("title")
    if isinstance(title, Tag):
        yield clean_text(title.get_text(" "))


def _main_heading(facts: PageFacts) -> str | None:
    """The h1 of the article (or main) element, else the page's first h1."""
    for scope_name in ("article", "main"):
        scope = facts.soup.find(scope_name)
        if isinstance(scope, Tag):
            heading = scope.find("h1")
            if isinstance(heading, Tag):
                return clean_text(heading.get_text(" "))
    heading = facts.soup.find("h1")
    return clean_text(heading.get_text(" ")) if isinstance(heading, Tag) else None
