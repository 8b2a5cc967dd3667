"""A short capture's lead, checked: menu bullets, labels, dates and links are no headline.

The adapters take a capture's first kept line as its title. A short capture (a page dump
below the story stage's size, `page_gate.MIN_UNITS`) often starts with what its page shows above
the headline: menu bullets (`* News`), a line with no word at all (`*`), a one- or
two-word category label (`Skispringen`, `lifestyle`), a breadcrumb that ends in the
headline (`HomeNews <headline>`), a date line or a bare URL (a scraper's metadata line),
or an app promo over its button (`Learn More`). Those leading lines are dropped as recorded
removals (`not-a-headline:<shape>`) and the first line shaped like a headline below them
moves up to be the title: the title plus the body stays the input minus what was recorded.
A promo is told by its button: when a label stands between the first headline-shaped line
and the line right above the byline the adapters moved, that line is the headline. Once the
headline is found so, the byline and date line right below it move to the article's fields
as on a whole page (`meta_lines.py`).
Whole pages get their title from the line model instead (`story.py`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from newsnorm.transforms.bylinewords import PREFIX
from newsnorm.transforms.dump.meta_dates import read_line
from newsnorm.transforms.dump.meta_lines import meta_lines
from newsnorm.transforms.dump.meta_people import line_people
from newsnorm.transforms.dump.meta_story import with_meta
from newsnorm.transforms.dump.title_evidence import is_date_line, is_link
from newsnorm.transforms.dump.units import Unit, unit_removals
from newsnorm.transforms.records import Article, Removal

RULE = "not-a-headline"
KIND = "page_chrome"
# What decided the drop of a headline-shaped line above a label and the byline's headline.
PROMO = "promo"
# A headline: more than two and at most this many words, no full stop at its end.
_HEADLINE_WORDS = 25
# A label: at most this many words, all capitalized or all lower case, no digits.
_LABEL_WORDS = 2
# The headline is looked for among this many leading lines (a short page's menu).
_LEAD_UNITS = 8
_WORD = re.compile(r"\w+(?:['\u2019.-]\w+)*")
# A letter: a line without one ('*', '|', '---') says nothing.
_LETTER = re.compile(r"[^\W\d_]")
# A Markdown bullet or menu marker opening a line: a menu item, never a headline.
_BULLET = re.compile(r"^\s*[*\u2022\u00b7+-]\s")


def check_first_line(text: str, article: Article, units: list[Unit]) -> Article:
    """The article with the lines above its headline dropped (see the module)."""
    if len(units) < 3 or units[0].text != article.title:
        return article
    found = lead_shapes(units, article.removals)
    if not found:
        return article
    title = len(found)
    removals = [
        removal
        for unit, shape in zip(units, found, strict=False)
        for removal in unit_removals(
            text, unit, article.removals, f"{RULE}:{shape}", KIND, "removed"
        )
    ]
    body = list(range(title + 1, len(units)))
    has_date = article.published_at is not None or article.published_on is not None
    meta = meta_lines(units, title, body, article.byline is not None, has_date)
    removals += [
        removal
        for index, (rule, kind) in meta.moved.items()
        for removal in unit_removals(text, units[index], article.removals, rule, kind, "moved")
    ]
    return replace(
        with_meta(article, meta),
        title=units[title].text,
        paragraphs=tuple(units[index].text for index in body if index not in meta.moved),
        removals=tuple(sorted((*article.removals, *removals), key=lambda item: item.start)),
    )


def lead_shapes(units: list[Unit], removals: tuple[Removal, ...] = ()) -> list[str]:
    """The shapes of the leading units that are no headline, one a unit, when a unit
    shaped like a headline with a body below follows them (else none)."""
    shapes: list[str] = []
    for index, unit in enumerate(units[:_LEAD_UNITS]):
        below = units[index + 1].text if index + 1 < len(units) else ""
        shape = not_a_headline(unit.text, below)
        if shape is None:
            break
        shapes.append(shape)
    title = len(shapes)
    if title + 1 >= len(units) or not is_headline(units[title].text):
        return []
    anchor = _over_byline(units, removals)
    if anchor is not None and anchor > title + 1:
        between = [not_a_headline(unit.text) or "" for unit in units[title + 1 : anchor]]
        headlines = [is_headline(unit.text) for unit in units[title + 1 : anchor]]
        # A label or button under the first headline-shaped line: that line was a promo.
        if any(between) and all(map(any, zip(between, headlines, strict=True))):
            shapes.extend([PROMO, *(shape or PROMO for shape in between)])
    return shapes


def _over_byline(units: list[Unit], removals: tuple[Removal, ...]) -> int | None:
    """The leading unit right above the story's byline (the first the adapters moved, or a
    'By …' line naming people), if it is shaped like a headline and has a body below."""
    moved = min((r.start for r in removals if r.kind == "byline" and r.action == "moved"),
                default=None)  # fmt: skip
    for index, (unit, below) in enumerate(pairwise(units[:_LEAD_UNITS])):
        if (moved is not None and unit.end <= moved < below.start) or _is_byline(below.text):
            return index if index + 2 < len(units) and is_headline(unit.text) else None
    return None


def _is_byline(text: str) -> bool:
    """'By …' naming people."""
    line = read_line(text)
    return bool(PREFIX.match(line) and line_people(line))


def is_headline(line: str) -> bool:
    """Few enough words and no full stop at the end: it may head the story."""
    words = _WORD.findall(line)
    return (
        2 < len(words) <= _HEADLINE_WORDS
        and not line.rstrip().endswith(".")
        and not_a_headline(line) is None
    )


def not_a_headline(line: str, below: str = "") -> str | None:
    """The shape that says a line is no headline: no word, a menu item, a bare link, a
    date line, a label, or a breadcrumb ending in the line `below` it."""
    if not _LETTER.search(line):
        return "no_words"
    if _BULLET.match(line):
        return "menu_item"
    if is_link(line):
        return "url"
    words = _WORD.findall(line)
    if is_date_line(words):
        return "date_line"
    if _is_label(line, words):
        return "label"
    if _is_breadcrumb(line, below):
        return "breadcrumb"
    return None


def _is_label(line: str, words: list[str]) -> bool:
    """One or two words, none a number, all capitalized or all lower case: a section's or
    a category's name (`Politics`, `lifestyle`)."""
    return (
        0 < len(words) <= _LABEL_WORDS
        and not any(char.isdigit() for char in line)
        and (all(word[:1].isupper() for word in words) or line.islower())
    )


def _is_breadcrumb(line: str, below: str) -> bool:
    """The line ends in the next line's words, with more before them: a breadcrumb trail
    (`HomeNews <headline>`) over the headline it ends in."""
    tail = " ".join(below.casefold().split())
    folded = " ".join(line.casefold().split())
    return len(tail.split()) > 2 and len(folded) > len(tail) and folded.endswith(tail)
