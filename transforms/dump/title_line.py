"""The page's title element, written first, as a check on the ranked headline.

A converter that keeps the page's `<head>` (BeautifulSoup's get_text) writes its `<title>`
first, alone, with the blank lines the rest of the head leaves under it; then the page.
When the title ranker's line shares no content word with that title line, the ranker took
a rail's headline, a promo or a section heading (`Why Choose Us`, `Holiday deals have
started`) and the title line names the story: it is taken as the title (a site's name after
it cut as for any headline, `headline.headline`). A line that shares a word is left to the
ranker: the `<title>` and the headline are often two wordings of one title, and the gold
follows either. What makes a first line a title element, on any converter: it is plain text
set apart from the page (`_GAP` input lines down to the next kept line; a menu's or a
logo's line is followed by the next item, a Markdown link or indented), it reads as a
headline (3 to 30 words, no full stop), and the story below repeats most of its words (a
"Skip to content" or "Open menu" line is not about the story).

Tuning part, out of fold (3 draws of the trainer's ranker folds; dtitle23): get_text
+18 -3 dumps (won on 10 pages, lost on 1), inscriptis and html2text unchanged; in-sample,
get_text titles 0.822 -> 0.839, no body changed (docs/text-dumps.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsnorm.transforms.dump.headline import title_text
from newsnorm.transforms.dump.title_evidence import is_date_line, is_link
from newsnorm.transforms.dump.units import Unit

# The first line stands this many input lines above the next kept one (five blank or cut
# lines between). Tuning, out of fold (3 draws, dumps won / lost): 4 and 5 took a menu line
# for the title on html2text (-15 on 5 pages, -3 on 1); get_text +19 -3 at 3, +18 -3 at 6.
_GAP = 6
_MIN_WORDS = 3
_MAX_WORDS = 30
# At least this share of its content words recurs in the story below (0.0: html2text -6 on
# 2 pages, a menu line; 0.75: get_text +17 -3 against +18 -3).
_STORY_SHARE = 0.5
_CONTENT_LETTERS = 4
_WORD = re.compile(r"\w+")


def overrule(units: Sequence[Unit], chosen: int, start: int) -> int:
    """0 when the page's first unit is its title element (see the module) and the chosen
    headline, as a title, shares no content word with it; else `chosen`. `start` is the
    story's first unit (`context.story_start`)."""
    if chosen == 0 or len(units) < 2 or not is_title_element(units, start):
        return chosen
    own = _content(title_text(units[0].text))
    return 0 if not own & _content(title_text(units[chosen].text)) else chosen


def is_title_element(units: Sequence[Unit], start: int) -> bool:
    """Whether the page's first unit reads as its `<title>`, written above the page."""
    first = units[0]
    text = title_text(first.text)
    words = _WORD.findall(text)
    if not _MIN_WORDS <= len(words) <= _MAX_WORDS or text.endswith("."):
        return False
    if is_date_line(words) or is_link(first.text):
        return False
    if first.raw[:1].isspace() or " ".join(first.raw.split()) != first.text:
        return False  # indented, or markup the rules cut (a link, a list item): inscriptis -3
    if units[1].first_line - first.last_line < _GAP:
        return False
    own = _content(text)
    story: set[str] = set()
    for unit in units[max(1, start) :]:
        story |= _content(unit.text)
    return bool(own) and len(own & story) >= _STORY_SHARE * len(own)


def _content(text: str) -> set[str]:
    return {word.casefold() for word in _WORD.findall(text) if len(word) >= _CONTENT_LETTERS}
