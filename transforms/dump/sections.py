"""What the second stage sees of a unit's section: the page cut at its heading-like lines.

Below a story a page shows its own matter (promos, calls to action, comments, related
teasers), each under a short heading; the first stage, reading line by line, keeps the prose
there with confidence, because a teaser or a comment reads like story, and a cut after the
stages cannot tell such a section from the story's next one under its subheading (rounds
dprec21 to dprec23, docs/history/text-dumps.md). What tells them apart is the section as a whole:
how its words fit the story's lead, where it stands among the page's sections, how sure the
first stage is of it against the densest block, whether its heading is an end-of-story
label, how much of it ends sentences. These are features the second stage's trees weigh, not
a rule: a story's later section that drifts from its lead keeps its place by the others.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from newsnorm.transforms.dump.features import LEXICON_WORD, SENTENCE_END
from newsnorm.transforms.dump.story_end import is_end_heading
from newsnorm.transforms.dump.units import Unit

SECTION_FEATURES = (
    "section_fit",
    "section_fit_rel",
    "unit_fit",
    "section_content",
    "sections_above",
    "sections_below",
    "section_story_above",
    "section_first_rel",
    "section_end_label",
    "section_sentences",
    "section_words",
    "section_below_block",
)

# A heading-like unit: at most this many words and no sentence end (bench/dump_story_tail).
HEADING_WORDS = 8
# The lead the sections are read against: this many words of first-stage story from the
# story's start (the title is not chosen yet when the second stage runs).
LEAD_WORDS = 150
# First-stage probability at which a unit's words count as the story's (the lead, the share
# of the story above a section).
_STORY = 0.5
# Under a first pass's headline (`anchor.py`) the lead is its prose instead, as the title's
# evidence reads it: units of this first-stage probability and words (the first stage's
# doubt about a story is what the headline's anchor is there to overcome).
_HEADLINE_LEAD = (0.15, 8)
# A content word has this many letters or more and is not a function word.
_CONTENT_LETTERS = 4
_FUNCTION_WORDS = (
    "this that with from have been were will would could should their there they them "
    "what when where which while about after before into over under more most some such "
    "than then also just only very your yours ours here each other these those being does "
    "said says like make made news read"
)
_FUNCTION = frozenset(_FUNCTION_WORDS.split())
# Fewer distinct content words than this and a fit means little: the fit is then 0.
_MIN_CONTENT = 3


def content_words(text: str) -> frozenset[str]:
    """The distinct content words of a text (4+ letters, no function word)."""
    return frozenset(
        word
        for word in (found.casefold() for found in LEXICON_WORD.findall(text))
        if len(word) >= _CONTENT_LETTERS and word not in _FUNCTION
    )


def heading_like(text: str) -> bool:
    """A short line with no sentence end: a section's heading, a label, a menu item."""
    return 1 <= len(text.split()) <= HEADING_WORDS and not SENTENCE_END.search(text.strip())


def section_starts(units: Sequence[Unit], headline: int | None = None) -> list[int]:
    """The index where each section starts: the page's first unit, and every heading-like
    unit below a unit that is not one (a run of short lines heads the section below it);
    and a first pass's `headline`, however long (`anchor.py`)."""
    heads = [heading_like(unit.text) for unit in units]
    starts = {0, *(i for i in range(1, len(units)) if heads[i] and not heads[i - 1])}
    return sorted(starts if headline is None else {*starts, headline})


def section_features(
    units: Sequence[Unit],
    first: Sequence[float],
    block: tuple[int, int],
    start: int,
    headline: int | None = None,
) -> list[list[float]]:
    """One row of `SECTION_FEATURES` per unit; `first` are the first stage's probabilities,
    `block` the densest block of first-stage story and `start` the story's first unit (the
    lead is read from there; with a first pass's `headline`, from the prose under it, with
    its words, and a section starts at it: `anchor.py`)."""
    if not units:
        return []
    words = [max(1, len(unit.text.split())) for unit in units]
    content = [content_words(unit.text) for unit in units]
    lead = (
        _lead(content, words, first, headline + 1, _HEADLINE_LEAD) | content[headline]
        if headline is not None
        else _lead(content, words, first, start)
    )
    starts = section_starts(units, headline)
    bounds = list(zip(starts, [*starts[1:], len(units)], strict=True))
    story = [w if p >= _STORY else 0 for w, p in zip(words, first, strict=True)]
    total_story = sum(story) or 1
    block_mean = _weighted(first, words, block[0], block[1] + 1)
    fits = [_fit(frozenset().union(*content[a:b]), lead) for a, b in bounds]
    rows: list[list[float]] = []
    above_fits: list[float] = []
    for number, (a, b) in enumerate(bounds):
        section_content = frozenset().union(*content[a:b])
        fit = fits[number]
        relative = fit - sum(above_fits) / len(above_fits) if above_fits else 0.0
        body = [i for i in range(a, b) if not heading_like(units[i].text)]
        sentences = sum(bool(SENTENCE_END.search(units[i].text)) for i in body) / max(1, len(body))
        shared = [
            fit,
            relative,
            0.0,  # the unit's own fit, set below
            math.log1p(len(section_content)),
            math.log1p(number),
            math.log1p(len(bounds) - 1 - number),
            sum(story[:a]) / total_story,
            _weighted(first, words, a, b) - block_mean,
            float(is_end_heading(units[a].text)),
            sentences,
            math.log1p(sum(words[a:b])),
            float(a > block[1]),
        ]
        for index in range(a, b):
            row = list(shared)
            row[2] = _fit(content[index], lead)
            rows.append(row)
        if len(section_content) >= _MIN_CONTENT:
            above_fits.append(fit)
    return rows


def _lead(
    content: Sequence[frozenset[str]],
    words: Sequence[int],
    first: Sequence[float],
    start: int,
    floor: tuple[float, int] = (_STORY, 1),
) -> frozenset[str]:
    """The content words of the story's first `LEAD_WORDS` words of units of at least the
    `floor`'s first-stage probability and words (first-stage story, or prose)."""
    found: set[str] = set()
    count = 0
    for index in range(start, len(content)):
        if first[index] >= floor[0] and words[index] >= floor[1]:
            found |= content[index]
            count += words[index]
            if count >= LEAD_WORDS:
                break
    return frozenset(found)


def _fit(words: frozenset[str], lead: frozenset[str]) -> float:
    if len(words) < _MIN_CONTENT:
        return 0.0
    return len(words & lead) / len(words)


def _weighted(values: Sequence[float], weights: Sequence[int], start: int, end: int) -> float:
    """The weighted mean of `values[start:end]` (0 for an empty range)."""
    total = sum(weights[start:end])
    if not total:
        return 0.0
    return sum(v * w for v, w in zip(values[start:end], weights[start:end], strict=True)) / total
