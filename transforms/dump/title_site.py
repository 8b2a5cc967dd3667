"""A site's name after a headline, known because the page shows it on a line of its own.

A page's `<title>` (the first line of a get_text dump) and some headings end with the
site's or a section's name after a separator: `Tide Tables Explained | Harbor Walk
Visitor Center`, `Reading Serial Logs - Dana Whitfield`. `headline` cuts such a
name by its shape (a few words after ` | `, a few capitalized ones after a spaced dash),
which misses a longer name or one with lower-case words. The page says which it is: a
site shows its name in its header or footer as a line of its own, while a headline's own
subtitle seldom stands alone. A trailing part of at most `_NAME_WORDS` words is cut when
another line of the page is that part and nothing else (up to case and punctuation), and
so on leftwards (`Headline | Section | Site`). Colons are not such separators: after a
colon stands the headline's own subtitle (`Index Funds: How to Invest`, whose second part
a table of contents repeats).

Tuning part, out of fold (3 draws of the title ranker's folds), on the chosen lines: this
cut changed 4 get_text titles, all 4 to the gold, and none elsewhere; cutting any edge part
that another line repeats (colons included) fixed 0 / 0 / 4 and broke 23 / 21 / 48
(inscriptis / html2text / get_text; docs/history/text-dumps.md, dtitle20).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from newsnorm.transforms.dump.units import Unit
from newsnorm.transforms.text import fold_for_matching

# The separators a `<title>` puts before a site's name: ` | `, ` :: `, a spaced dash,
# ` · `, ` » `.
_SEPARATOR = re.compile(r"[ \t\u00a0]+(?:\||::|[-\u2013\u2014\u00b7\u00bb])[ \t\u00a0]+")
# A site's or section's name has at most this many words ...
_NAME_WORDS = 5
# ... and at least this many words of headline stay before it (fewer than the shape rule's
# `headline._MIN_HEAD_WORDS`: here the page itself shows the part after it as a name).
_HEAD_WORDS = 3
# A unit of this many words is a story paragraph (`page_names`).
_PARAGRAPH_WORDS = 12
_NON_WORD = re.compile(r"[^\w]+")


def page_names(units: Sequence[Unit], story: Collection[int] = ()) -> frozenset[str]:
    """The page's short lines outside the story, folded (`named_suffix` cuts a trailing part
    equal to one). The story spans the kept `story` units up to its last paragraph of
    `_PARAGRAPH_WORDS` words or more: a subheading inside it that repeats the headline's
    subtitle is no name, while a footer the model kept after the story's end still counts."""
    paragraphs = [index for index in story if len(units[index].text.split()) >= _PARAGRAPH_WORDS]
    first, last = (min(story), max(paragraphs)) if paragraphs else (0, -1)
    return frozenset(
        folded
        for index, unit in enumerate(units)
        if not first <= index <= last
        and (folded := _folded(unit.text))
        and len(folded.split()) <= _NAME_WORDS
    )


def named_suffix(line: str, names: frozenset[str], start: int = 0, end: int | None = None) -> int:
    """Where the site's or section's names that end `line[start:end]` begin (the separator
    before them included; `end` when there are none)."""
    end = len(line) if end is None else end
    cut = end
    while names:
        separators = list(_SEPARATOR.finditer(line, start, cut))
        if not separators:
            break
        last = separators[-1]
        name = line[last.end() : cut]
        if _folded(name) not in names or len(line[start : last.start()].split()) < _HEAD_WORDS:
            break
        cut = last.start()
    return cut


def _folded(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", fold_for_matching(text).casefold()).split())
