"""Whether a text dump is a whole page (a site's chrome around a story) or a bare article.

The story stage (`story.py`) drops what a page shows around its story; a bare article (a
syndicated copy, a feed's text) must come back as the adapters made it, so the stage runs
only on captures that show a page's shape. A menu is the commonest such shape, but not the
only one a scraper's text save keeps: a navigation bar written as one line of short items
between separators ("Home | News | Sport | Weather"), menu items interleaved with longer
labels so that no four short lines stand together, or a page whose chrome is banners, rails
and footers the shared rules (`adapters/chrome.py`) already cut in part. Each is evidence
of a page on its own; none needs the line model, so bare articles cost no scoring.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsnorm.transforms.dump.features import SHORT_WORDS
from newsnorm.transforms.dump.units import Unit
from newsnorm.transforms.records import Removal

# A page dump with a menu has at least this many units and a run of this many short ones.
MIN_UNITS = 15
MIN_MENU_RUN = 4
# Other evidence needs fewer units (a one-line menu leaves a short page): a story of a few
# paragraphs with a headline and some chrome around it.
MIN_PAGE_UNITS = 10
# A navigation line: at least this many items of at most this many words between separators
# (pipes, bullets, middle dots, guillemets; a slash only with blanks around it).
NAV_ITEMS = 4
NAV_ITEM_WORDS = 3
_NAV_SEPARATOR = re.compile(r"\s*[|\u2022\u00b7\u203a\u00bb]\s*|\s+/\s+")
# Scattered menu items: at least this share of the units are short labels (no sentence
# end), and at least this many (a story's few subheadings are not a menu).
SHORT_SHARE = 0.35
MIN_SHORT = 8
_SENTENCE_END = re.compile(r"[.!?\u2026:][\"'\u201d\u2019)]*$")
# Kinds the shared rules give what only a page carries around a story; a page shows at least
# this many different ones (a syndicated copy may carry one, a newsletter line or a copyright).
PAGE_KINDS = frozenset(
    {"navigation", "site_footer", "newsletter_promo", "copyright_notice", "share_widget"}
)
MIN_PAGE_KINDS = 3


def looks_like_page(units: Sequence[Unit], removals: Sequence[Removal] = ()) -> bool:
    """A whole page: many units with a run of short, menu-like ones, or enough units and a
    navigation line, scattered short labels, or several kinds of page chrome the shared
    rules cut (`removals`: the adapters' removals of this text)."""
    if len(units) >= MIN_UNITS and _menu_run(units):
        return True
    if len(units) < MIN_PAGE_UNITS:
        return False
    return (
        any(is_nav_line(unit.text) for unit in units)
        or _scattered_labels(units)
        or len({removal.kind for removal in removals} & PAGE_KINDS) >= MIN_PAGE_KINDS
    )


def is_nav_line(text: str) -> bool:
    """A line of at least `NAV_ITEMS` short items between separators, as a menu bar written
    on one line is ("Home | News | Sport | Weather"); a sentence is none."""
    items = [item for item in _NAV_SEPARATOR.split(text.strip()) if item]
    return len(items) >= NAV_ITEMS and all(
        len(item.split()) <= NAV_ITEM_WORDS and not _SENTENCE_END.search(item) for item in items
    )


def _menu_run(units: Sequence[Unit]) -> bool:
    run = 0
    for unit in units:
        run = run + 1 if len(unit.text.split()) <= SHORT_WORDS else 0
        if run >= MIN_MENU_RUN:
            return True
    return False


def _scattered_labels(units: Sequence[Unit]) -> bool:
    short = sum(
        1
        for unit in units
        if len(unit.text.split()) <= SHORT_WORDS and not _SENTENCE_END.search(unit.text)
    )
    return short >= MIN_SHORT and short >= SHORT_SHARE * len(units)
