"""The article's headline, without the site name that page titles carry."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from newsnorm.transforms.html.facts import PageFacts, clean_text, first_named
from newsnorm.transforms.html.headline import (
    LEADING_NAME,
    SEPARATOR,
    leading_names,
    letters,
    shown_headings,
    trailing_names,
    visible_headline,
)
from newsnorm.transforms.html.jsonld import text_values, type_names
from newsnorm.transforms.html.nodes import Tag
from newsnorm.transforms.html.sitenames import is_site_name, site_keys

_SEPARATOR = SEPARATOR
# Headlines are cut short at a length limit (JSON-LD's 110 characters), never early: a
# shorter one the other statement goes on from is a variant, not a cut.
_MIN_TRUNCATED = 90
_DATE_PART = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")
_BY_PART = re.compile(r"^(?:by|von|par|por)\s", re.IGNORECASE)
# A section name left between a headline and the cut site name ('… - National | Site').
_SECTION_WORDS = 3
_SECTION_CHARS = 25
# A dash or bar inside a headline, before a tagline ('Guide Title - Top Local Picks'); a
# colon opens a headline's second half, not a tagline.
_TAGLINE_MARK = re.compile(r"\s*[|\uff5c]\s*|\s+[-\u2013\u2014]\s+")
_TAGLINE_WORDS = 4
_MIN_TAGGED_WORDS = 3
_WORDS = re.compile(r"[^\W_]+(?:['\u2019.-][^\W_]+)*")


def find_title(facts: PageFacts) -> str | None:
    """The headline the page shows (its h1) when its stated titles back it
    (`headline.visible_headline`); else the first stated headline (JSON-LD, OpenGraph,
    Twitter, h1, <title>), site name cut.

    When a later statement is the same headline minus a short trailing part ('Headline |
    Sport' beside 'Headline'), the shorter one wins; when it goes on where the first was
    cut short (JSON-LD headlines are truncated), the longer one does.
    """
    candidates = list(_candidates(facts))
    raw = [title for title in _stated(facts) if title]
    names = trailing_names(raw) | leading_names(raw)
    # A part the page appends to its titles and shows as a heading is its name.
    keys = site_keys(_without_headlines(facts, candidates)) | (names & shown_headings(facts))
    stated = [title for title in (strip_site_name(title, keys) for title in raw) if title]
    # A news article's stated headline is its headline; other pages (guides, product
    # pages, blogs) state titles written for search engines and show theirs in an h1.
    news = _is_news(facts)
    heading = None if news else visible_headline(facts, stated, keys, names)
    if heading:
        return without_tagline(heading)
    titles = [
        title
        for title in (strip_site_name(c, keys) for c in candidates)
        if title and letters(title) not in keys | names
    ]
    if not titles:
        return None
    # Two kinds of statement of one title outvote a third ('Headline' in og:title and
    # <title> beside a JSON-LD headline written for search engines).
    kinds: dict[str, set[str]] = {}
    for kind, title in _stated_by_kind(facts):
        kinds.setdefault(letters(strip_site_name(title, keys)), set()).add(kind)
    chosen = titles[0]
    if not news:
        chosen = max(titles, key=lambda title: len(kinds.get(letters(title), ())) >= 2)
    for other in titles[1:]:
        if _is_decorated(chosen, other):
            return other if news else without_tagline(other)
    for other in titles[1:]:
        if _continues(chosen, other):
            # Up to where the other statement appends its own decoration.
            return chosen + SEPARATOR.split(other[len(chosen) :])[0]
    # A news headline's second half is its own ('Rückschlag im Titelkampf - Liverpool
    # verliert'); guides and product pages append taglines.
    return chosen if news else without_tagline(chosen)


def without_tagline(title: str) -> str:
    """The headline without a short tagline after a dash or bar ('Gym Workouts for
    Beginners — Strength Training', '… | Python, SQL & AI', '… | Rust Blog'): a label of
    at most four words, each capitalised, that search titles append and headings copy. A
    clause ('… - Liverpool verliert bei Everton') or a longer second half stays: it is the
    headline's."""
    parts = _TAGLINE_MARK.split(title, maxsplit=1)
    if len(parts) < 2:
        return title
    head, tail = parts[0].strip(), parts[1].strip()
    head_words, tail_words = _WORDS.findall(head), _WORDS.findall(tail)
    tagline = (
        0 < len(tail_words) <= _TAGLINE_WORDS
        and len(head_words) >= _MIN_TAGGED_WORDS
        and all(word[:1].isupper() or word.isdigit() for word in tail_words)
        and tail[-1:] not in "?!"
        and head[-1:] != ":"
    )
    return head if tagline else title


def _is_news(facts: PageFacts) -> bool:
    """The page's JSON-LD calls it a news article and states its headline."""
    article = facts.article
    if article is None or not text_values(article.get("headline")):
        return False
    return any(name.endswith("newsarticle") for name in type_names(article))


def _without_headlines(facts: PageFacts, candidates: list[str]) -> PageFacts:
    """The facts without 'site names' that are this page's headline (CMSs put the page
    title in og:site_name or application-name): cutting them would cut the headline."""
    headlines = {letters(candidate) for candidate in candidates}
    headlines |= {letters(SEPARATOR.split(candidate)[0]) for candidate in candidates}
    names = tuple(name for name in facts.site_names if letters(name) not in headlines)
    return facts if names == facts.site_names else replace(facts, site_names=names)


def _continues(title: str, other: str) -> bool:
    """True when `other` goes on where `title` stops mid-sentence, with no separator."""
    if len(title) < _MIN_TRUNCATED or len(other) <= len(title) or not other.startswith(title):
        return False
    if title[-1:] in ".!?":
        return False
    return _SEPARATOR.match(other[len(title) :]) is None


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
    match = LEADING_NAME.match(text)
    if match and is_site_name(match["head"], keys):
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
    stated = list(_stated(facts))
    yield from stated[:-1]
    heading = _main_heading(facts)
    if heading:
        yield heading
    yield from stated[-1:]


def _stated(facts: PageFacts) -> Iterator[str]:
    """What the page states its title is: JSON-LD, OpenGraph, Twitter, then <title> last."""
    yield from (title for _, title in _stated_by_kind(facts))


def _stated_by_kind(facts: PageFacts) -> Iterator[tuple[str, str]]:
    """(kind, title) of each statement; OpenGraph and Twitter are one kind, as sites fill
    both from one field."""
    if facts.article is not None:
        for text in text_values(facts.article.get("headline")):
            yield "json-ld", clean_text(text)
    for key in ("og:title", "twitter:title"):
        yield from (("social", value) for value in facts.meta.get(key, ()))
    title = first_named(facts, "title")
    yield "title", clean_text(title.get_text(" ")) if isinstance(title, Tag) else ""


def _main_heading(facts: PageFacts) -> str | None:
    """The h1 of the article (or main) element, else the page's first h1."""
    for scope_name in ("article", "main"):
        scope = first_named(facts, scope_name)
        if isinstance(scope, Tag):
            heading = scope.find("h1")
            if isinstance(heading, Tag):
                return clean_text(heading.get_text(" "))
    heading = first_named(facts, "h1")
    return clean_text(heading.get_text(" ")) if isinstance(heading, Tag) else None
