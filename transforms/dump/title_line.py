"""The page's title element, written first, as a check on the ranked headline.

A converter that keeps the page's `<head>` (BeautifulSoup's get_text) writes its `<title>`
first, alone, with the blank lines the rest of the head leaves under it; then the page.
When the title ranker's line, standing above the story, shares no content word with that
title line and the story's body repeats the title line clearly more than it repeats the
ranked line, the ranker took a rail's headline, a promo or a section heading (`Why Choose
Us`, `Holiday deals have started`) and the title line names the story: it is taken as the
title (a site's name after it cut as for any headline, `headline.headline`). A line that
shares a word is left to the ranker: the `<title>` and the headline are often two wordings
of one title, and the gold follows either. What makes a first line a title element, on any
converter: it is plain text set apart from the page (`_GAP` input lines down to the next
kept line; a menu's or a logo's line is followed by the next item, a Markdown link or
indented) and it reads as a headline (3 to 30 words, no sentence end).

Content words have 4+ letters and are not on the function-word list
(`title_evidence.GENERIC_WORDS`): a slogan's `your`, `from`, `news` say nothing about
which story a line names. At least 45% of the body's words must have 4+ letters
(`_LONG_WORDS`): in a language of short words (Vietnamese) two wordings of one title can
share no 4-letter word, and the comparison then means nothing. Tuning figures:
docs/history/text-dumps.md (dtitle23, fixdt23).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from newsnorm.transforms.dump.features import SENTENCE_END
from newsnorm.transforms.dump.headline import CONTENT_LETTERS, MAX_TITLE_WORDS, WORD, title_text
from newsnorm.transforms.dump.title_evidence import content_words, is_date_line, is_link
from newsnorm.transforms.dump.units import Unit

# The first line stands this many input lines above the next kept one (five blank or cut
# lines between). Tuning, out of fold (3 draws, dumps won / lost): 4 and 5 took a menu line
# for the title on html2text (-15 on 5 pages, -3 on 1); get_text +19 -3 at 3, +18 -3 at 6.
_GAP = 6
_MIN_WORDS = 3
# At least this share of the title line's content words recurs in the story's body, and
# on average this many times as often as the ranked line's (a promo's words recur in no
# paragraph, a slogan's once or twice, a headline's throughout the story).
_STORY_SHARE = 0.5
_CLEARLY_MORE = 1.5
# At least this share of the body's words have 4+ letters (English prose 0.57-0.77 on the
# tuning pages that reach the test; Vietnamese about 0.4, most words one syllable).
_LONG_WORDS = 0.45


def overrule(units: Sequence[Unit], chosen: int, start: int, body: Sequence[int]) -> int:
    """0 when the page's first unit is its title element (see the module), the chosen
    headline stands above the story's first unit `start` and shares no content word with
    it, and the story's `body` (the indices of the units it keeps) repeats the first unit's
    words clearly more than the chosen one's; else `chosen`."""
    if not 0 < chosen < start or len(units) < 2 or not is_title_element(units):
        return chosen
    own, ranked = _content(units[0].text), _content(units[chosen].text)
    if not own or own & ranked:
        return chosen
    words = [word.casefold() for i in body if i > chosen for word in WORD.findall(units[i].text)]
    if sum(len(word) >= CONTENT_LETTERS for word in words) < _LONG_WORDS * len(words):
        return chosen  # a language of short words: sharing no long word says little
    times = Counter(words)
    if sum(word in times for word in own) < _STORY_SHARE * len(own):
        return chosen
    return 0 if _recurs(own, times) >= _CLEARLY_MORE * _recurs(ranked, times) else chosen


def is_title_element(units: Sequence[Unit]) -> bool:
    """Whether the page's first unit reads as its `<title>`, written above the page."""
    first = units[0]
    text = title_text(first.text)
    words = WORD.findall(text)
    if not _MIN_WORDS <= len(words) <= MAX_TITLE_WORDS or SENTENCE_END.search(text):
        return False
    if is_date_line(words) or is_link(first.text):
        return False
    if first.raw[:1].isspace() or " ".join(first.raw.split()) != first.text:
        return False  # indented, or markup the rules cut (a link, a list item): inscriptis -3
    return units[1].first_line - first.last_line >= _GAP


def _recurs(content: set[str], times: Counter[str]) -> float:
    """How often the body says each of `content`'s words, on average."""
    return sum(times[word] for word in content) / max(1, len(content))


def _content(line: str) -> set[str]:
    return content_words(title_text(line))
