"""What the line model sees of each unit: its shape, its layout and where it sits.

Features are numbers, named once in `FEATURES`; `unit_features` computes them for every
unit of a page at once, because most of them look at the page around the unit (its run of
short lines, the densest block of prose, repetition within the page).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from newsnorm.transforms.dump.units import Unit

# A line of at most this many words is short (menus, labels, headings, credits).
SHORT_WORDS = 5
# A prose line: at least this many words, most of them in lower case or ending a sentence.
PROSE_WORDS = 10

_WORD = re.compile(r"\w+(?:['\u2019.-]\w+)*")
SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")
_LIST_MARKER = re.compile(r"(?:[*+\u2022\u00b7\u25cf\u25aa-]|o(?= )|\d{1,3}[.)])\s")
_MARKDOWN = re.compile(r"\]\(|!\[|^#{1,6} |^\*\*|^\[|^>")
_URL = re.compile(r"https?://|www\.|\b[\w-]+\.(?:com|org|net|html?|php)\b", re.IGNORECASE)
_SEPARATOR = re.compile(r" [|\u2022\u00b7/>\u00bb\u203a] ")
# A date as pages write it (12/05/2026, 2026-12-05, Dec. 5, 5 December); shared with repeats.py.
DATE_FORMS = (
    r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|"
    r"sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|"
    r"nov|dec)[a-z]*"
)
_DATE = re.compile(rf"\b(?:{DATE_FORMS})", re.IGNORECASE)
_HANDLE = re.compile(r"(?:^|\s)[@#]\w")
# Words as the lexicon knows them: letters only, two or more.
LEXICON_WORD = re.compile(r"[^\W\d_]{2,}")

FEATURES = (
    "words",
    "chars",
    "sentence_end",
    "colon_end",
    "question",
    "lower_share",
    "comma_rate",
    "digit_share",
    "first_upper",
    "all_caps",
    "list_marker",
    "markdown",
    "url",
    "separators",
    "date",
    "handle",
    "repeats",
    "indent",
    "indent_rel",
    "position",
    "above_core",
    "below_core",
    "core_distance",
    "short_run",
    "prose_around",
    "prev_words",
    "next_words",
    "prev_prose",
    "next_prose",
    "core_share",
    "lexical_mean",
    "lexical_min",
    "lexical_max",
)
# The phrase lexicon's features, after `FEATURES` in a model that ships a phrase lexicon
# (none does yet: docs/history/text-dumps.md, dprec10).
PHRASE_FEATURES = ("phrase_mean", "phrase_min", "phrase_chrome_cover")

# A phrase of the phrase lexicon is this many consecutive lexicon words (word bigrams).
PHRASE_WORDS = 2
# A phrase at or under this log-odds leans to chrome (`phrase_chrome_cover`).
CHROME_PHRASE = -1.0


@dataclass(frozen=True, slots=True)
class _Shape:
    words: int
    prose: bool
    indent: int


def unit_features(
    units: Sequence[Unit],
    lexicon: Mapping[str, float],
    phrases: Mapping[str, float] | None = None,
) -> list[list[float]]:
    """One row of `FEATURES` values per unit (then `PHRASE_FEATURES` when `phrases` is
    given); `lexicon` weighs words and `phrases` word pairs (log-odds of story): promos and
    notices may read by their phrases more than by their words (`sign up`, `all rights`)."""
    shapes = [_shape(unit) for unit in units]
    first, last = core_span(shapes)
    core_indent = _median([s.indent for s in shapes[first : last + 1] if s.prose] or [0])
    counts = Counter(unit.text.casefold() for unit in units)
    runs = _short_runs(shapes)
    total = sum(s.words for s in shapes) or 1
    core_words = sum(s.words for s in shapes[first : last + 1])
    rows: list[list[float]] = []
    for index, (unit, shape) in enumerate(zip(units, shapes, strict=True)):
        text = unit.text
        body = unit.raw.lstrip()
        distance = first - index if index < first else index - last if index > last else 0
        rows.append(
            [
                math.log1p(shape.words),
                math.log1p(len(text)),
                float(bool(SENTENCE_END.search(text))),
                float(text.endswith(":")),
                float(text.endswith("?")),
                _lower_share(text),
                min(1.0, text.count(",") / max(1, shape.words) * 5),
                sum(ch.isdigit() for ch in text) / max(1, len(text)),
                float(text[:1].isupper()),
                float(text.isupper()),
                float(bool(_LIST_MARKER.match(body))),
                float(bool(_MARKDOWN.search(body))),
                float(bool(_URL.search(text))),
                float(len(_SEPARATOR.findall(text))),
                float(bool(_DATE.search(text))),
                float(bool(_HANDLE.search(text))),
                math.log1p(counts[text.casefold()] - 1),
                min(4.0, shape.indent / 8),
                max(-3.0, min(3.0, (shape.indent - core_indent) / 4)),
                index / max(1, len(units) - 1),
                float(index < first),
                float(index > last),
                math.log1p(distance),
                math.log1p(runs[index]),
                _prose_around(shapes, index),
                _log_words(shapes, index - 1),
                _log_words(shapes, index + 1),
                float(index > 0 and shapes[index - 1].prose),
                float(index + 1 < len(shapes) and shapes[index + 1].prose),
                core_words / total,
                *_lexical(text, lexicon),
            ]
        )
        if phrases is not None:
            rows[-1] += _phrasal(text, phrases)
    return rows


def _shape(unit: Unit) -> _Shape:
    text = unit.text
    words = len(_WORD.findall(text))
    prose = words >= PROSE_WORDS and (bool(SENTENCE_END.search(text)) or _lower_share(text) >= 0.5)
    indent = len(unit.raw) - len(unit.raw.lstrip())
    return _Shape(words, prose, indent)


def core_span(shapes: Sequence[_Shape]) -> tuple[int, int]:
    """The densest block of prose: the run of units with the largest sum of prose words,
    each non-prose unit costing a few (`densest`); all of them when none holds prose."""
    values = [
        shape.words if shape.prose else -float(max(2, min(shape.words, 8))) for shape in shapes
    ]
    return densest(values, floor=-1.0) or (0, len(shapes) - 1)


def densest(values: Sequence[float], *, floor: float = -math.inf) -> tuple[int, int] | None:
    """The first and last index of the span with the largest sum (Kadane's maximum
    subarray), None when no span's sum passes `floor` (or there are no values)."""
    best, span = floor, None
    total, start = 0.0, 0
    for index, value in enumerate(values):
        if total <= 0:
            total, start = value, index
        else:
            total += value
        if total > best:
            best, span = total, (start, index)
    return span


def _short_runs(shapes: Sequence[_Shape]) -> list[int]:
    """For each short unit, how many short units its run of consecutive ones holds."""
    runs = [0] * len(shapes)
    index = 0
    while index < len(shapes):
        if shapes[index].words > SHORT_WORDS:
            index += 1
            continue
        end = index
        while end < len(shapes) and shapes[end].words <= SHORT_WORDS:
            end += 1
        for position in range(index, end):
            runs[position] = end - index
        index = end
    return runs


def _prose_around(shapes: Sequence[_Shape], index: int, reach: int = 3) -> float:
    around = [
        shapes[i].prose
        for i in range(max(0, index - reach), min(len(shapes), index + reach + 1))
        if i != index
    ]
    return sum(around) / len(around) if around else 0.0


def _log_words(shapes: Sequence[_Shape], index: int) -> float:
    if 0 <= index < len(shapes):
        return math.log1p(shapes[index].words)
    return 0.0


def _lower_share(text: str) -> float:
    words: list[str] = [word for word in _WORD.findall(text) if word[:1].isalpha()]
    if not words:
        return 0.0
    return sum(word[:1].islower() for word in words) / len(words)


def _median(values: Sequence[int]) -> float:
    ordered = sorted(values)
    return float(ordered[len(ordered) // 2])


def lexicon_words(text: str) -> set[str]:
    """The distinct words of a text as the lexicon keys them."""
    return {word.casefold() for word in LEXICON_WORD.findall(text)}


def _lexical(text: str, lexicon: Mapping[str, float]) -> tuple[float, float, float]:
    weights = [lexicon[word] for word in lexicon_words(text) if word in lexicon]
    if not weights:
        return 0.0, 0.0, 0.0
    return sum(weights) / len(weights), min(weights), max(weights)


def phrase_keys(text: str) -> list[str]:
    """The text's phrases as the phrase lexicon keys them, in order (one per word pair,
    repeats kept, so a phrase's position tells which words it covers)."""
    words = [word.casefold() for word in LEXICON_WORD.findall(text)]
    return [" ".join(words[i : i + PHRASE_WORDS]) for i in range(len(words) - PHRASE_WORDS + 1)]


def _phrasal(text: str, phrases: Mapping[str, float]) -> tuple[float, float, float]:
    """Mean and lowest log-odds of the unit's known phrases, and the share of its words
    inside a chrome-leaning one."""
    keys = phrase_keys(text)
    found = [(i, phrases[key]) for i, key in enumerate(keys) if key in phrases]
    if not found:
        return 0.0, 0.0, 0.0
    covered: set[int] = set()
    for i, weight in found:
        if weight <= CHROME_PHRASE:
            covered.update(range(i, i + PHRASE_WORDS))
    weights = [weight for _, weight in found]
    share = len(covered) / (len(keys) + PHRASE_WORDS - 1)
    return sum(weights) / len(weights), min(weights), share
