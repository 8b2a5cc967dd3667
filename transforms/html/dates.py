"""The publication date a page states, with where it was found; its modified date apart."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from urllib.parse import urlsplit

from newsnorm.transforms.html.datetext import (
    PUBLISHED_WORDS,
    find_date,
    find_date_at,
    is_full,
    to_iso,
)
from newsnorm.transforms.html.facts import (
    PageFacts,
    all_strings,
    all_tags,
    article_regions,
    attr,
    clean_text,
    first_named,
    parent_named,
)
from newsnorm.transforms.html.jsonld import JsonObject, is_article
from newsnorm.transforms.html.nodes import NavigableString, Tag
from newsnorm.transforms.html.revisions import ends_in_update_label, labelled_revision
from newsnorm.transforms.html.teasers import in_teaser

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
_DATE_LABEL = re.compile(rf"^(?:datum|date|{PUBLISHED_WORDS})\s*:?$", re.IGNORECASE)
_MAX_DATE_TEXT = 80
# The source of a date shown right under the headline.
SHOWN = "headline"
# How many strings after the headline a date still belongs to it (a byline, a date line,
# a reading time come first; teasers and embedded posts further down carry dates too).
_HEADLINE_STRINGS = 15
# A date line above the headline sits next to it (a category, the date, a reading time).
_ABOVE_HEADLINE_STRINGS = 3
_OUTSIDE_PAGE = ("head", "title")
_INVISIBLE = frozenset({"script", "style", "noscript", "template"})
_CAPTIONS = ("figure", "figcaption")
_HIDDEN_ABOVE = frozenset({*_OUTSIDE_PAGE, *_CAPTIONS, "nav"})
# A date line is short ('Nov 25, 2025 5:00 am PST', 'Jane Doe - 2024-12-17'); a longer
# string holding a date is a sentence or a caption.
_MAX_SHOWN_DATE = 40
# A sentence stating when the story first appeared ('This article was originally published
# on 26 Sep 2019 …'); the date must follow 'on' (not 'on <Publisher> on …', a copy's note).
ORIGINAL = "original"
_ORIGINAL = re.compile(
    r"\b(?:originally|first)\s+(?:published|posted)\s+on\s+"
    r"(?P<date>(?:[^\W\d_]+day,?\s+)?(?:\d|[^\W\d_]{3,9}\.?\s+\d)[^.;]{0,30})",
    re.IGNORECASE,
)
_ORIGINAL_HINT = re.compile(r"(?:originally|first)\s+(?:published|posted)", re.IGNORECASE)
_MAX_ORIGINAL_TEXT = 300
_MAX_ORIGINAL_STRINGS = 5
# Sources that read a date off the page's visible elements, not a statement of what it is.
_READ_FROM_PAGE = ("time", "text")
# A date line ('Published March 3, 2025 · Updated March 5, 2025 · 4 min read'), in characters.
_MAX_DATE_LINE = 160
_DATE_PUBLISHED_PROP = re.compile(r"\bdatePublished\b", re.IGNORECASE)


def find_published(facts: PageFacts) -> tuple[str | None, str | None]:
    """(value, source) of the publication date; a full timestamp stated for the same day
    elsewhere wins over a bare date, since it carries the time and zone.

    The date a page shows right under its headline (or on the date line just above it), not
    labelled an update, is the one its readers take for the story's (source 'headline'): it
    beats one stated in the markup, which templates fill with the first or the last save. A
    stated date a day from it is kept (the shown day may be the same instant in the reader's
    time zone), and so is the stated publication when the shown day is the stated modified
    one. A <time> or date line whose day is the update the headline's date line names
    ('Updated March 1, 2024') is that update: no publication date."""
    shown, update = _headline_date(facts)
    candidates = _candidates(_stated(facts))
    if shown is not None and update:
        candidates = (
            (value, source)
            for value, source in candidates
            if source not in _READ_FROM_PAGE or _day(value) != _day(shown)
        )
    value, source = _first(candidates)
    if source == ORIGINAL:
        # 'Originally published on 26 Sep 2019 but regularly updated': the date shown
        # under the headline is the update.
        return value, source
    if shown is None or update or (value is not None and _same_instant(shown, value)):
        return value, source
    modified = find_modified(facts)[0]
    if value is not None and modified is not None and _day(modified) == _day(shown):
        # The day the page says it last changed, shown without a label (a live blog's
        # latest entry): the stated publication stands.
        return value, source
    return shown, SHOWN


def _same_instant(shown: str, stated: str) -> bool:
    """The shown day is the stated one or a day from it: a time zone apart (a stated
    date-only value may be the UTC day a CMS stored)."""
    shown_day, stated_day = _day(shown), _day(stated)
    if shown_day is None or stated_day is None:
        return False
    return abs((shown_day - stated_day).days) <= 1


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _headline_date(facts: PageFacts) -> tuple[str | None, bool]:
    """(day, whether it is labelled an update) of the first date written in the few short
    strings after the first h1, else in the date line just above it ('Feb 4, 2025 · 11 min'
    over the headline); an update says so in the string before it or ahead of the date in
    its own ('Updated', 'Last modified:'). Read once a page: the published and modified
    readers both ask."""
    return facts.once("headline_date", lambda: _read_headline_date(facts))


def _read_headline_date(facts: PageFacts) -> tuple[str | None, bool]:
    heading = first_named(facts, "h1")
    if not isinstance(heading, Tag):
        return None, False
    previous = ""
    for text, parent in _strings_after(heading, _HEADLINE_STRINGS):
        found = find_date_at(text) if len(text) <= _MAX_SHOWN_DATE else None
        # A teaser card's date (a listing's entry, a rail under a short story) is its story's.
        if found and not in_teaser(parent):
            return found[0][:10], _labels_update(previous, text[: found[1]])
        previous = text
    above = list(_strings_before(heading, _ABOVE_HEADLINE_STRINGS + 1))
    for index, text in enumerate(above[:_ABOVE_HEADLINE_STRINGS]):
        found = find_date_at(text) if len(text) <= _MAX_SHOWN_DATE else None
        if found:
            label = above[index + 1] if index + 1 < len(above) else ""
            return found[0][:10], _labels_update(label, text[: found[1]])
    return None, False


def _labels_update(before: str, lead: str) -> bool:
    """An update label in the string before a date or ahead of it in its own ('Updated May
    4'); one after it names a later date ('May 3 · Updated May 4': May 3 is no update)."""
    return ends_in_update_label(f"{before} {lead}")


def _strings_before(tag: Tag, limit: int) -> Iterator[str]:
    """The `limit` non-blank strings readers see right before `tag`, nearest first; not
    the site's header or menus, where a masthead shows today's date. A string inside such
    a part skips the whole part at once: a long menu is not climbed string by string."""
    seen = 0
    wrappers = {id(parent) for parent in tag.parents}
    element = tag.previous_element
    while element is not None and seen < limit:
        if type(element) is not NavigableString or element.parent is None:
            element = element.previous_element
            continue
        if element.parent.name in _INVISIBLE:
            element = element.previous_element
            continue
        hidden = _hidden_part(element, wrappers)
        if hidden is not None:
            element = hidden.previous_element
            continue
        text = clean_text(str(element))
        if text:
            seen += 1
            yield text
        element = element.previous_element


def _hidden_part(element: NavigableString, wrappers: set[int]) -> Tag | None:
    """The outermost element around `element` whose strings are not the date line above a
    headline: the document head, a picture or its caption, a menu, or a header that does
    not hold the headline (`wrappers`: the ids of the elements that do)."""
    hidden: Tag | None = None
    for parent in element.parents:
        if parent.name in _HIDDEN_ABOVE or (parent.name == "header" and id(parent) not in wrappers):
            hidden = parent
    return hidden


def _strings_after(tag: Tag, limit: int) -> Iterator[tuple[str, Tag]]:
    """The next `limit` non-blank strings of the page after `tag`'s own, as readers see them
    (no comments, scripts or styles), with the element each is in."""
    seen = 0
    for element in tag.next_elements:
        if seen >= limit:
            return
        if type(element) is not NavigableString or element.parent is None:
            continue
        if element.parent.name in _INVISIBLE or tag in element.parents:
            continue
        if parent_named(element, _CAPTIONS) is not None:  # a picture's date is not the story's
            continue
        text = clean_text(str(element))
        if text:
            seen += 1
            yield text, element.parent


def find_modified(facts: PageFacts) -> tuple[str | None, str | None]:
    """(value, source) of the date the page says it was last modified: first an update
    date shown under the headline ('Updated: Dec 31, 2024', source 'headline')."""
    shown, update = _headline_date(facts)
    if shown is not None and update:
        return shown, SHOWN
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
    yield from _original_date(facts)
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
    for tag in all_tags(facts):
        if tag.name != "meta" and _DATE_PUBLISHED_PROP.search(attr(tag, "itemprop")):
            value = attr(tag, "datetime") or attr(tag, "content") or tag.get_text(" ")
            yield value, "itemprop"
    for scope_name in ("article", "header", "main"):
        scope = first_named(facts, scope_name)
        found = _first_time(scope) if isinstance(scope, Tag) else None
        if found is not None:
            yield found, "time"
            return


def _first_time(scope: Tag) -> str | None:
    """The first <time datetime> in `scope` that is neither a teaser's (its story's date) nor
    labelled an update. Past an update, only a <time> on the update's own date line or in its
    header: 'Updated <time>, first published <time>' states the publication, a body's
    'starts on <time>June 1</time>' does not."""
    line: Tag | None = None
    for tag in scope.find_all("time"):
        if not isinstance(tag, Tag) or not attr(tag, "datetime"):
            continue
        if line is not None and not any(parent is line for parent in tag.parents):
            return None
        if in_teaser(tag):
            continue
        if labelled_revision(tag):
            line = line or _date_line(tag)
            continue
        return attr(tag, "datetime")
    return None


def _date_line(tag: Tag) -> Tag:
    """The header around `tag`, else the largest block around it short enough to be a date
    line (`_MAX_DATE_LINE`)."""
    header = parent_named(tag, ("header",))
    if header is not None:
        return header
    line = tag
    for parent in tag.parents:
        if len(clean_text(parent.get_text(" "))) > _MAX_DATE_LINE:
            break
        line = parent
    return line


def url_day(url: str | None) -> str | None:
    """The day an address spells ('/2025/12/18/…'), YYYY-MM-DD; None where it spells none."""
    return next((value for value, _ in _url_date(url)), None)


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


def _original_date(facts: PageFacts) -> Iterator[tuple[str, str]]:
    """The date a visible sentence says the story was first published on; the sentence
    may hold the date in an element of its own, so its block is read."""
    # One search of the page's strings joined first: most pages say no such thing, and
    # matching the hint string by string costs several times more (2.8 against 0.5 ms).
    if not _ORIGINAL_HINT.search("\n".join(all_strings(facts.soup))):
        return
    for string in facts.soup.find_all(string=_ORIGINAL_HINT, limit=_MAX_ORIGINAL_STRINGS):
        parent = string.parent
        if parent is None or parent.name in _INVISIBLE:
            continue
        block = clean_text(parent.get_text(" "))
        text = block if len(block) <= _MAX_ORIGINAL_TEXT else clean_text(str(string))
        match = _ORIGINAL.search(text)
        found = find_date(match["date"]) if match else None
        if found:
            yield found, ORIGINAL
            return


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
            if found and not in_teaser(block):  # a teaser's date is its story's
                yield found, "text"
                return
