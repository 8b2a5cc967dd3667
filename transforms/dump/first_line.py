"""A short capture's first line, checked: a date line, a label or a link is no headline.

The adapters take a capture's first kept line as its title. A capture that starts with a
date line, a one- or two-word category label or a bare URL (a scraper's metadata line)
shows that as its title. When the next line is shaped like a headline, the first line is
dropped as a recorded removal (`not-a-headline:<shape>`) and the next line moves up to be
the title: the title plus the body stays the input minus what was recorded. Whole pages
get their title from the line model instead (`story.py`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from newsnorm.transforms.dump.title_evidence import is_date_line, is_link
from newsnorm.transforms.dump.units import Unit
from newsnorm.transforms.records import Article, Removal

RULE = "not-a-headline"
KIND = "page_chrome"
# A headline: more than two and at most this many words, no full stop at its end.
_HEADLINE_WORDS = 25
# A label: at most this many words, each capitalized, no digits.
_LABEL_WORDS = 2
_WORD = re.compile(r"\w+(?:['\u2019.-]\w+)*")


def check_first_line(text: str, article: Article, units: list[Unit]) -> Article:
    """The article with a first line that is no headline dropped (see the module)."""
    if len(units) < 3 or units[0].text != article.title:
        return article
    shape = not_a_headline(units[0].text)
    if shape is None or not is_headline(units[1].text):
        return article
    first = units[0]
    removal = Removal(f"{RULE}:{shape}", KIND, "removed", first.start, first.end,
                      text[first.start : first.end])  # fmt: skip
    if any(other.start < first.end and other.end > first.start for other in article.removals):
        return article
    return replace(
        article,
        title=units[1].text,
        paragraphs=article.paragraphs[1:],
        removals=tuple(sorted((*article.removals, removal), key=lambda item: item.start)),
    )


def is_headline(line: str) -> bool:
    """Few enough words and no full stop at the end: it may head the story."""
    words = _WORD.findall(line)
    return 2 < len(words) <= _HEADLINE_WORDS and not line.rstrip().endswith(".")


def not_a_headline(line: str) -> str | None:
    """The shape that says a line is no headline: a date line, a label, a bare link."""
    if is_link(line):
        return "url"
    words = _WORD.findall(line)
    if words and is_date_line(words):
        return "date_line"
    if (
        0 < len(words) <= _LABEL_WORDS
        and all(word[:1].isupper() for word in words)
        and not any(char.isdigit() for char in line)
    ):
        return "label"
    return None
