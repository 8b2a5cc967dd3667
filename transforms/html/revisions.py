"""The days a page's markup names as a revision's: last updated, modified, reviewed.

htmldate reads dates from meta tags, microdata and the data a page's scripts carry; asked for
the original date, it still falls back to a revision's when the page states no publication
date (a script's "updated_at", a health page's itemprop="lastReviewed"). Such a day is when the
page last changed, not when it appeared: as a publication date it is made up."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsnorm.transforms.html.datetext import UPDATE_LINE, to_iso
from newsnorm.transforms.html.facts import PageFacts, all_tags, attr, clean_text, tags_named
from newsnorm.transforms.html.jsonld import JsonObject
from newsnorm.transforms.html.nodes import NavigableString, Tag

# A name saying its date is a revision's ('dateModified', 'updated_at', 'lastReviewed',
# 'last-modified', 'og:updated_time', 'revised').
# 'review' alone is not one: a review site's 'review-date' is its article's date.
_REVISION_WORDS = r"modif|updat|revis|lastmod|changed|reviewed|last.?review"
REVISION_NAME = re.compile(_REVISION_WORDS, re.IGNORECASE)
# A key in a script's data naming a revision, right before an ISO day: '"updated_at":"2025-11-27',
# escaped quotes included. The days are found first and the few characters before each read:
# one search of a large script for the keys cost 2 ms a page, this 0.8.
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_REVISION_KEY = re.compile(
    rf"(?:{_REVISION_WORDS})[\w.-]{{0,20}}\\?[\"']?\s*[:=]\s*\\?[\"']?$",
    re.IGNORECASE,
)
# A key naming a publication ('"published_at"', '"created_at"', '"datePublished"'): a day the
# data also names one is the story's first too (published and saved the same day).
_PUBLICATION_KEY = re.compile(
    r"(?:publish|creat|posted)[\w.-]{0,20}\\?[\"']?\s*[:=]\s*\\?[\"']?$", re.IGNORECASE
)
_KEY_REACH = 40
# How many elements up a class may name a <time>'s revision ('field--name-changed' on the
# field around it, 'updated-on' on the element itself).
_CLASS_LEVELS = 3
# A part of a class token (split at '-' and '_') naming a revision, whole: 'updated',
# 'changed', 'dateModified', 'lastReviewed', 'updatedAt'; not 'js-time-updatable' (a script's
# hook) nor 'has-updates'.
_REVISION_CLASS_PART = re.compile(
    r"(?:last|date|page)?(?:updated|modified|changed|revised|reviewed|lastmod)(?:date|time|at|on)?",
    re.IGNORECASE,
)
# How much of the block's text before a <time> may label it ('This page was last updated').
_MAX_LEAD = 80
# An update label right before the <time>, a whole word followed by two words at most
# ('Last updated on', 'Aktualisiert am', 'Page last reviewed:'), not crediting someone
# ('edited by Tom Marsh ·') nor ahead of another date ('Updated May 5, first published').
# The same date shown as text right before the element ('Last update on: Aug 25, 2025 <time>'):
# the label is the one before it.
_SHOWN_DATE_END = re.compile(
    r"(?:[\s,./|-]*(?:[^\W\d_]{3,9}\.?\s+)?\d{1,4}(?:st|nd|rd|th)?)+[\s,./|-]*$"
)
_NO_DIGITS = re.compile(r"\D*")
_LEAD_LABEL = re.compile(rf"{UPDATE_LINE.pattern}(?:\W+(?!by\b)[^\W\d_]+){{0,2}}\W*$")


def revision_days(facts: PageFacts) -> frozenset[str]:
    """The YYYY-MM-DD days the markup names as revisions: meta tags, microdata, JSON-LD,
    and the data in the page's scripts, less the days a script's data names a publication
    too. Read once a page, and only when asked (a guess)."""
    return facts.once("revision_days", lambda: frozenset(_days(facts)))


def _days(facts: PageFacts) -> Iterator[str]:
    scripts = [script.get_text() for script in tags_named(facts, "script")]
    published = {day for text in scripts for day in _keyed_days(text, _PUBLICATION_KEY)}
    days = (_day(value) for value in _revision_values(facts, scripts))
    return (day for day in days if day is not None and day not in published)


def _revision_values(facts: PageFacts, scripts: list[str]) -> Iterator[str]:
    for name, values in facts.meta.items():
        if REVISION_NAME.search(name):
            yield from values
    for obj in facts.objects:
        yield from _jsonld_revisions(obj)
    for tag in all_tags(facts):
        if tag.name != "meta" and REVISION_NAME.search(attr(tag, "itemprop")):
            yield attr(tag, "datetime") or attr(tag, "content") or tag.get_text(" ")
    for tag in tags_named(facts, "time"):
        if attr(tag, "datetime") and labelled_revision(tag):
            yield attr(tag, "datetime")
    for text in scripts:
        yield from _keyed_days(text, _REVISION_KEY)


def labelled_revision(tag: Tag) -> bool:
    """A date element the page labels an update: a class saying so on it or around it
    ('updated-on', Drupal's 'field--name-changed'), or an update label ahead of it in its
    block ('Page last updated <time>…')."""
    node: Tag | None = tag
    for _ in range(_CLASS_LEVELS):
        if node is None:
            break
        if _revision_class(node):
            return True
        node = node.parent if isinstance(node.parent, Tag) else None
    parent = tag.parent
    if parent is None:
        return False
    lead: list[str] = []
    for element in parent.descendants:
        if element is tag:
            break
        # A link's words name a section or a person ('Filed under <a>Service updates</a> on').
        if type(element) is NavigableString and element.parent.name != "a":
            lead.append(str(element))
    # A label inside the element, ahead of its date ('<time><b>Last Updated:</b> Dec 6</time>').
    own = _NO_DIGITS.match(clean_text(tag.get_text(" ")))
    if own is not None and ends_in_update_label(own[0]):
        return True
    return ends_in_update_label(clean_text(" ".join(lead))[-_MAX_LEAD:])


def ends_in_update_label(lead: str) -> bool:
    """The text ahead of a date ends in a label making it an update's ('Last updated on'),
    the label's whole word, the nearest to the date ('By Anna Revis', 'edited by Tom Marsh ·'
    and 'Updated May 5, first published' label none); a date shown right before it, the
    same one written out, is passed over."""
    return _LEAD_LABEL.search(_SHOWN_DATE_END.sub("", lead)) is not None


def _revision_class(tag: Tag) -> bool:
    classes = tag.get("class") or []
    tokens = classes.split() if isinstance(classes, str) else classes
    return any(
        _REVISION_CLASS_PART.fullmatch(part)
        for token in tokens
        for part in re.split(r"[-_]+", token)
    )


def _keyed_days(text: str, key: re.Pattern[str]) -> Iterator[str]:
    """The ISO days in a script's text right after a key `key` matches."""
    for day in _ISO_DAY.finditer(text):
        if key.search(text, max(day.start() - _KEY_REACH, 0), day.start()):
            yield day[0]


def _jsonld_revisions(obj: JsonObject) -> Iterator[str]:
    for key, value in obj.items():
        if not REVISION_NAME.search(key):
            continue
        # 'dateModified' may be a list of values: each a revision.
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                yield item


def _day(value: str) -> str | None:
    stated = to_iso(value)
    return stated[:10] if stated else None
