"""What the page around a headline candidate says about it.

A headline is rarely alone: a byline or a date line follows it, a menu stands above it, and
the page repeats its words elsewhere (the `<title>` line a get_text dump starts with).
The converter leaves traces too: html2text writes a page's `<h1>` as `# Headline`, inscriptis
indents a line by how deep it sits in the page and sets a heading apart with blank lines.
These are the title ranker's features of a candidate's surroundings
(`headline.TITLE_FEATURES`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from newsnorm.transforms.dump.context import story_block
from newsnorm.transforms.dump.units import Unit
from newsnorm.transforms.html.headline import SHORT_WORDS
from newsnorm.transforms.text import CJK, fold_for_matching

EVIDENCE_FEATURES = (
    "byline_below",
    "title_line_share",
    "short_above",
    "first_h1",
    "indent_vs_start",
    "h1_lines",
    "h1_order",
    "space_above",
    "space_below",
    "story_share",
    "story_repeats",
)

# A byline or a date line below a headline: this many units down.
_BELOW = 3
_BYLINE = re.compile(
    r"(?i)^(?:(?:written|posted|reviewed|edited|reported)\s+)?by\b|"
    r"\b(?:min(?:ute)?s?\s+read|published|updated|posted\s+on)\b"
)
_DATE = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|"
    r"\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
)
_META_WORDS = 12
_SHORT = 3
_WORD = re.compile(r"\w+")
_CONTENT_LETTERS = 4
# The lead: this many units from the story's start.
_LEAD_UNITS = 3
# Where a page's `<title>` joins its headline to the site's name or a section ("Headline |
# Site", "Site - Headline", "Headline :: Section"), on the folded line (dashes as "-").
_TITLE_PARTS = re.compile(r"\s+(?:\||::|[:\u00b7\u00bb-])\s+")
# A part this short is a site's or a section's name as often as a headline.
_PART_WORDS = 3
# A Markdown heading mark as a converter writes it (html2text: `# ` for an `<h1>`); the
# shared rules cut it from the kept text, so it is read on the input line (`Unit.raw`).
_HEADING = re.compile(r"[ \t]*(#{1,6})[ \t]")
# Space between lines beyond this many lines says no more (`_space`): a blank line or a cut
# line sets a line apart, and more of them say more on html2text and get_text (a gold
# headline has 3 or more lines cut or blank above it on 27% of html2text dumps, other
# candidates on 6%). CV means of 6 fold draws, inscriptis / html2text / get_text: cap 2
# 0.771 / 0.844 / 0.804, 3 0.775 / 0.846 / 0.804, 4 0.775 / 0.847 / 0.805; counted in
# characters (before dtitle19), 2: 0.771 / 0.843 / 0.802 (docs/history/text-dumps.md).
_SPACE_CAP = 4
# Indentation differences beyond this many columns say no more.
_INDENT_CAP = 16
# The page's first `# ` line may be the title with up to this many words of likely story
# above it (other candidates: `headline.STORY_ABOVE_WORDS`, 60): html2text's first `<h1>`
# is the headline on most pages, and what the stages take for story above it is mostly
# chrome (tuning: on the 25 html2text dumps whose gold was a candidate with too much likely
# story above it, 62 to 1736 kept words of chrome above it against 0 to 43 of story).
# CV titles html2text 0.797 -> 0.842 (300), 0.856 (no cap, but then a `# ` line inside an
# inscriptis story eats it); docs/history/text-dumps.md.
H1_ABOVE_WORDS = 300
# Words of 4+ letters that name no story (a slogan's, a site's section label's): they
# count as no content word (`echo_terms`, `title_line.overrule`).
GENERIC_WORDS = SHORT_WORDS | frozenset(
    {"that", "this", "these", "those", "what", "when", "where", "which", "will", "have"}
    | {"more", "most", "about", "into", "over", "after", "news", "latest", "home", "page"}
)
# The story's prose (`prose_words`): units of the densest block of first-stage story, from
# the story's start down (a headline of 8+ words above it is no prose that echoes it), with
# this many words and at least this first-stage probability, in a script written with
# spaces between words: a Chinese, Japanese or Thai paragraph is one whitespace "word", the
# stages do not read it (on invented pages the densest block was the menu) and the page's
# echo is not measured (`story.title_ranker` then ranks without it; the review of dtitle24).
_PROSE_WORDS = 8
_PROSE_PROBABILITY = 0.5
# Thai, Lao, Myanmar, Khmer, and the kana and CJK ideographs `text.CJK` counts a word each.
_UNSPACED_RUN = re.compile(rf"(?:[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]|{CJK.pattern})+")
# Words are compared by a light stem (`_stem`): a headline says `Terminals relocated` where
# the story says `terminal` and `relocating`. One ending off, then the first letters.
_ENDINGS = (
    *("ations", "ation", "ings", "ing", "ions", "ion", "ies", "ied", "es", "ed"),
    *("s", "e", "y"),
)
_STEM_ROOT = 3
_STEM_LETTERS = 6
# Function words of 4+ letters of the Romance and Germanic languages the pages are in: they
# name no story either (echo only; `title_line.overrule` reads `GENERIC_WORDS`).
_FOREIGN_GENERIC = frozenset(
    {"pour", "dans", "avec", "sont", "plus", "mais", "cette", "leur", "leurs", "tout", "tous"}
    | {"toutes", "sans", "sous", "nous", "vous", "elle", "elles", "après", "entre", "depuis"}
    | {"para", "como", "sobre", "pero", "desde", "hasta", "esta", "este", "todo", "todos"}
    | {"della", "delle", "sono", "anche", "questo", "nach", "eine", "einer", "nicht", "sich"}
    | {"auch", "oder", "wird", "durch", "werden", "über"}
)
# Not measured: no prose counted, no content word, or the page's first line (`story_echo`).
UNKNOWN_ECHO = (-1.0, 0.0)

# The story's prose terms (`echo_terms`, counted) and the units they were counted from.
Story = tuple[Counter[str], frozenset[int]]


def evidence(
    units: Sequence[Unit],
    index: int,
    title: str,
    start: int,
    levels: Sequence[int] | None = None,
    story: Story | None = None,
) -> list[float]:
    """The candidate's row of `EVIDENCE_FEATURES`; `title` is its text as a title, `start`
    the story's first unit, `levels` the page's `heading_levels` (computed when None),
    `story` its `prose_words` (none: not measured, `UNKNOWN_ECHO`)."""
    levels = heading_levels(units) if levels is None else levels
    h1s = [i for i, level in enumerate(levels) if level == 1]
    return [
        float(_meta_below(units, index)),
        _title_line_share(units, index, title),
        math.log1p(_short_above(units, index)),
        float(bool(h1s) and h1s[0] == index),
        _indent_against(units, index, start),
        math.log1p(len(h1s)),
        float(h1s.index(index) + 1 if index in h1s else 0),
        float(_space(units, index)),
        float(_space(units, index + 1)),
        *(story_echo(units, index, title, story) if story else UNKNOWN_ECHO),
    ]


def prose_words(units: Sequence[Unit], first: Sequence[float], start: int) -> Story:
    """How often the story's prose says each term (`echo_terms`), and the units counted:
    the paragraphs of the densest block the first stage calls story, from `start` (the
    story's first unit) down."""
    low, high = story_block(units, first)
    counted = frozenset(
        index
        for index in range(max(low, start), min(high + 1, len(units)))
        if first[index] >= _PROSE_PROBABILITY and _is_prose(units[index].text)
    )
    times = Counter(term for index in counted for term in echo_terms(units[index].text))
    return times, counted


def story_echo(units: Sequence[Unit], index: int, title: str, story: Story) -> tuple[float, float]:
    """The share of the candidate's content terms that the story's prose says, and how
    often (the sum of log(1 + times) over them: a headline says more of them than a label
    of one word the story repeats; fixdt24), its own words aside. A headline names
    what the story is about, so its words recur through it; a site's name, a section
    label, a rail's or a promo's headline, a tagline are seldom said again. `UNKNOWN_ECHO`
    where nothing is measured: no prose counted, no content term, or the page's first line
    (on get_text that is the `<title>`, which repeats the headline's words, and
    `title_line.overrule` weighs it against the story already; out of fold, giving it the
    echo too lost get_text titles, docs/history/text-dumps.md)."""
    times, counted = story
    terms = echo_terms(title, content=True)
    if not terms or index == 0 or not counted:
        return UNKNOWN_ECHO
    own = Counter(echo_terms(units[index].text)) if index in counted else Counter()
    said = [max(0, times[term] - own[term]) for term in terms]
    # fsum: the terms are a set, whose order varies from run to run (hash seeds); the sum
    # must not, or a refit's cuts would (`bench/train_line_model.py` writes one file).
    return sum(n > 0 for n in said) / len(terms), math.fsum(map(math.log1p, said))


def echo_terms(text: str, content: bool = False) -> list[str]:
    """The terms a text is compared with the story by: its words' stems (`_stem`; with
    `content`, only content words: `content_words`, no number, no `_FOREIGN_GENERIC`)."""
    if content:
        words = content_words(text) - _FOREIGN_GENERIC
        return sorted({_stem(word) for word in words if not word.isdigit()})
    return [_stem(word.casefold()) for word in _WORD.findall(text)]


def _stem(word: str) -> str:
    """A word's light stem: one common plural or verb ending off, then its first letters
    (`Terminals`, `terminal`: `termin`; `moved`, `moving`: `mov`)."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _STEM_ROOT:
            word = word[: -len(ending)]
            break
    return word[:_STEM_LETTERS]


def _is_prose(text: str) -> bool:
    """Whether a unit may be the story's prose: `_PROSE_WORDS` words or more, most of its
    letters in a script written with spaces."""
    if len(text.split()) < _PROSE_WORDS:
        return False
    return 2 * sum(map(len, _UNSPACED_RUN.findall(text))) < sum(map(len, _WORD.findall(text)))


def content_words(text: str) -> set[str]:
    """The words of 4+ letters that may name a story (folded; `GENERIC_WORDS` aside)."""
    found = {word.casefold() for word in _WORD.findall(text)}
    return {word for word in found if len(word) >= _CONTENT_LETTERS} - GENERIC_WORDS


def heading_levels(units: Sequence[Unit]) -> list[int]:
    """Each unit's Markdown heading level on its input line (0: none). html2text writes a
    page's `<h1>` as `# `; how many a page has tells which of them is the headline (a blog's
    name is often the first, the post's title the second), and none tells another converter."""
    return [_level(unit) for unit in units]


def reach(levels: Sequence[int], lowest: int, end: int) -> list[int]:
    """The candidate window's units (`lowest` to `end`), and the page's first `# ` line
    wherever it stands: html2text's first `<h1>` is the headline on most pages, and where
    the story's start is found too early (a teaser read as prose above the headline) it
    falls below the window (dtitle15: 21 of the 77 html2text dumps whose gold was out of
    reach)."""
    window = list(range(lowest, end))
    first = first_h1(levels)
    if first is None or lowest <= first < end:
        return window
    return sorted([*window, first])


def first_h1(levels: Sequence[int]) -> int | None:
    """The page's first line written `# ` (`heading_levels`), if any."""
    return next((index for index, level in enumerate(levels) if level == 1), None)


def _indent_against(units: Sequence[Unit], index: int, start: int) -> float:
    """The candidate's indentation minus the story's first line's, in columns (inscriptis
    indents a line by how deep it sits in the page: a headline often sits less deep than
    the story's paragraphs, a rail's teaser deeper or elsewhere)."""
    difference = _indent(units[index]) - _indent(units[min(start, len(units) - 1)])
    return float(max(-_INDENT_CAP, min(_INDENT_CAP, difference)))


def _space(units: Sequence[Unit], index: int) -> int:
    """How many input lines down from the kept line above it unit `index` starts (capped):
    1 is the next line, 2 a blank, whitespace-only or wholly cut line between, 3 two. A
    converter sets a heading apart as a block (inscriptis puts a blank line around an
    `<h1>`, while a menu's items follow each other line by line: tuning, the gold headline
    is set apart above and below on 89% of inscriptis dumps, other candidates on 17%;
    html2text 95% and 42%, get_text 51% and 56%); 0 at the page's edges. Counted in lines,
    not characters: a CRLF line end or trailing spaces would read as a gap on every line
    (dtitle19)."""
    if index <= 0 or index >= len(units):
        return 0
    between = units[index].first_line - units[index - 1].last_line
    return max(0, min(_SPACE_CAP, between))


def _indent(unit: Unit) -> int:
    raw = unit.raw.expandtabs()
    return len(raw) - len(raw.lstrip())


def _level(unit: Unit) -> int:
    match = _HEADING.match(unit.raw)
    return len(match.group(1)) if match else 0


def _meta_below(units: Sequence[Unit], index: int) -> bool:
    """Whether a byline or a date line stands just below."""
    for unit in units[index + 1 : index + 1 + _BELOW]:
        text = unit.text
        if len(text.split()) <= _META_WORDS and (_BYLINE.search(text) or _DATE.search(text)):
            return True
    return False


def _title_line_share(units: Sequence[Unit], index: int, title: str) -> float:
    """The share of the candidate's content words in the page's first line (get_text dumps
    start with the page's `<title>`, which repeats its headline)."""
    if index == 0 or not units:
        return 0.0
    words = {word.casefold() for word in _WORD.findall(title) if len(word) >= _CONTENT_LETTERS}
    first = {word.casefold() for word in _WORD.findall(units[0].text)}
    return len(words & first) / len(words) if words else 0.0


def _short_above(units: Sequence[Unit], index: int) -> int:
    """How many lines of at most a few words stand right above (a menu, a breadcrumb)."""
    count = 0
    for unit in reversed(units[:index]):
        if len(unit.text.split()) > _SHORT:
            break
        count += 1
    return count


def names_title_part(units: Sequence[Unit], index: int, title: str) -> bool:
    """Whether the candidate is, word for word, one part of the page's first line cut at a
    separator (`Headline | Site`). A dump that starts with the page's `<title>` (get_text's)
    shows its headline again further down; a first line without a separator proves nothing
    (a logo's words repeated in the footer)."""
    if index == 0 or not units or len(title.split()) < _PART_WORDS:
        return False
    parts = _TITLE_PARTS.split(_folded(units[0].text))
    return len(parts) > 1 and _folded(title) in parts


def _folded(text: str) -> str:
    return " ".join(fold_for_matching(text).casefold().split())


_LINK_LINE = re.compile(r"^(?:https?://|www\.)\S+$")


def is_link(line: str) -> bool:
    """Whether a line is a bare link (a scraper's note of where it found the page)."""
    return bool(_LINK_LINE.match(line.strip()))


# Words a date or time line is made of ("Updated 6:02 am CST, Thursday, November 21, 2019"):
# such a line states when, never what, so it is never the headline.
_DATE_WORDS = re.compile(
    r"(?i)^(?:\d+(?:am|pm|h)?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*|"
    r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|am|pm|a\.m|p\.m|[a-z]{1,2}[sd]t|[ecmp]t|utc|gmt|"
    r"updated|published|posted|modified|last|on|at|by|uhr|de|le)$"
)
_DATE_SHARE = 0.75


def is_date_line(words: Sequence[str]) -> bool:
    """Whether a line's words are (nearly) all dates, times and their labels."""
    # The digit first: most lines asked about (a first line, a headline candidate) have none.
    if not any(word.isdigit() for word in words):
        return False
    return sum(bool(_DATE_WORDS.match(word)) for word in words) >= _DATE_SHARE * len(words)


def lead_words(units: Sequence[Unit], start: int) -> set[str]:
    """The content words of the story's first paragraphs: a headline shares some of them."""
    return {
        word.casefold()
        for unit in units[start : start + _LEAD_UNITS]
        for word in _WORD.findall(unit.text)
        if len(word) >= _CONTENT_LETTERS
    }
