"""A whole-page dump's headline: which line it is, and the cuts that make it a title.

The title model (`model.py`) ranks the units around where the story starts
(`context.story_start`); this module says what it sees of each candidate
(`TITLE_FEATURES`) and turns the chosen unit into the title as a move of that one input
line: a list marker before it and a site name after it (`Headline | Harbor Ledger`) are
cut as recorded span removals, so the title plus the body is still the input minus what
was recorded. A candidate stays whole when such a cut cannot be recorded exactly.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsnorm.transforms.dump.context import story_start
from newsnorm.transforms.dump.title_evidence import (
    EVIDENCE_FEATURES,
    H1_ABOVE_WORDS,
    evidence,
    first_h1,
    heading_levels,
    is_date_line,
    is_link,
    lead_words,
    names_title_part,
    prose_words,
    reach,
)
from newsnorm.transforms.dump.title_site import named_suffix
from newsnorm.transforms.dump.units import Unit
from newsnorm.transforms.records import Removal

TITLE_FEATURES = (
    "words",
    "above_start",
    "capitalized",
    "full_stop",
    "colon_end",
    "list_marker",
    "separators",
    "url",
    "contained",
    "first_stage",
    "lower_start",
    "digit_share",
    "position",
    "first_line",
    "lead_overlap",
    "byline_start",
    "site_suffix",
    "copies",
    *EVIDENCE_FEATURES,
)

MARKER_RULE = "headline-marker"
BREADCRUMB_RULE = "headline-breadcrumb"
LABEL_RULE = "headline-label"
SUFFIX_RULE = "headline-site-suffix"
_KINDS = {
    MARKER_RULE: "markup_residue",
    BREADCRUMB_RULE: "navigation",
    LABEL_RULE: "section_label",
    SUFFIX_RULE: "title_suffix",
}

# Candidates: from this many units above the story's start to this many units from it down
# (the start included: 6 reaches 5 below it). The ranker is fitted on the window to 3 below
# (`FIT_BELOW`, bench/train_line_model.py): CV titles, means of 6 fold draws, inscriptis /
# html2text / get_text: served and fitted on 4, 0.758 / 0.843 / 0.802; both on 6, 0.764 /
# 0.843 / 0.805; served on 6, fitted on 4, 0.771 / 0.843 / 0.802 (inscriptis +5 or +6 dumps
# on every draw: a gold 4 or 5 units under the start, below a disclosure or a promo the
# stages read as story); docs/history/text-dumps.md.
_ABOVE = 30
_BELOW = 6
FIT_BELOW = 4
MAX_TITLE_WORDS = 30
# A line of more words than this that ends with a full stop is a sentence.
_SENTENCE_WORDS = 12
WORD = re.compile(r"\w+")
# Content words have this many letters.
CONTENT_LETTERS = 4
_BYLINE = re.compile(r"(?i)^(?:by|von|par|por|door|av)\s")
_MARKER = re.compile(r"^(?:[*+\u2022-] |o |#+ |\d+[.)] )")
_SEPARATOR = re.compile(r" [|\u2022\u00b7/>\u00bb\u203a:-] ")
# What a headline line may carry around the headline itself: a list item's or a Markdown
# heading's marker, a breadcrumb of two or more short crumbs ("Home » Blogs » "), each
# when at least `_MIN_REST_WORDS` words follow; and a trailing site name after " | " (a few
# words of anything) or a spaced dash (a few capitalized words) when at least
# `_MIN_HEAD_WORDS` words stand before it.
_MARK = re.compile(r"(?:[*+\u2022\u25aa\u25cf-]|#{1,6})[ \t]+(?=\S)")
_BREADCRUMB = re.compile(r"(?:[^\n\u00bb\u203a>/|]{1,30}?[ \t]+[\u00bb\u203a>/][ \t]+){2,}")
# ... and a label before a spaced colon ("Share this Story : "), at most four words.
_LABEL = re.compile(r"(?:[^\s:|]+[ \t]){1,4}:[ \t]+(?=\S)")
_MIN_REST_WORDS = 3
_SITE_SUFFIX = re.compile(
    r"[ \t]+(?:\|[ \t]+[^|\n]{1,50}|[-\u2013\u2014][ \t]+(?:[A-Z0-9][\w.&'\u2019-]*[ \t]?){1,4})$"
)
_MIN_HEAD_WORDS = 4
_MAX_SUFFIX_WORDS = 5
# A headline candidate with more words than this of story the body keeps above it is
# passed over (taking it would drop them).
# Tuning part: 20 words cost title exact 0.09, 120 cost recall 0.002 (docs/history/text-dumps.md).
STORY_ABOVE_WORDS = 60
# ... counting only units of at least this second-stage probability. Tuning part: 0.15 (the
# drop threshold) gave titles 0.645 / 0.655 / 0.647, 0.5 gave 0.679 / 0.664 / 0.655 for
# recall 0.001-0.002 lower, 0.7 gave 0.681 / 0.664 / 0.645 for recall 0.002-0.005 lower;
# with the story end (story_end.py), 0.4 gave 0.681 / 0.659 / 0.655 and recall 0.0002 to
# 0.0009 above 0.5's (docs/history/text-dumps.md).
STORY_ABOVE_PROBABILITY = 0.4
# A line of this many words is prose.
_PROSE = 8


@dataclass(frozen=True, slots=True)
class Candidate:
    """A headline candidate: its unit, its row of `TITLE_FEATURES`, the words of likely
    story above it that taking it would drop, and whether it is a part of the page's
    `<title>` line (`title_evidence.names_title_part`)."""

    index: int
    row: list[float]
    lost: int
    named: bool = False
    allowed: int = STORY_ABOVE_WORDS

    @property
    def eligible(self) -> bool:
        return self.lost <= self.allowed


def page_candidates(
    units: Sequence[Unit], first: Sequence[float], second: Sequence[float], threshold: float
) -> list[Candidate]:
    """The headline candidates of a page as the text path ranks them, from its first- and
    second-stage probabilities; the title ranker is trained on these very sets.

    They reach from above the first prose line the body keeps (or above where the densest
    block of story starts, whichever is higher) to just below that start.
    """
    start = story_start(units, first)
    kept_words = [
        len(unit.text.split()) if probability >= threshold else 0
        for unit, probability in zip(units, second, strict=True)
    ]
    # Only lines the model is fairly sure of shield a candidate below them: the threshold
    # keeps doubtful lines (a cookie notice, a promo) for recall, and they are not story.
    sure_words = [
        words if probability >= STORY_ABOVE_PROBABILITY else 0
        for words, probability in zip(kept_words, second, strict=True)
    ]
    top = next((index for index, words in enumerate(kept_words) if words >= _PROSE), start)
    h1 = first_h1(heading_levels(units))
    return [
        Candidate(
            index,
            row,
            sum(sure_words[:index]),
            names_title_part(units, index, title_text(units[index].text)),
            H1_ABOVE_WORDS if index == h1 else STORY_ABOVE_WORDS,
        )
        for index, row in title_candidates(units, first, start, top)
    ]


def choose(candidates: Sequence[Candidate], scores: Sequence[float]) -> int:
    """The unit of the best-scored eligible candidate (the title is taken, never reordered,
    so what stands above it leaves the body); with none eligible, the one that loses least.

    An eligible candidate that is a part of the page's `<title>` line goes first: on get_text
    dumps (tuning) such a line was the gold title on 260 of the 276 dumps that had one,
    where the ranker, which sees only the share of words in that line, takes section
    headings that reuse them.
    """
    named = [
        (-score, c.index)
        for c, score in zip(candidates, scores, strict=True)
        if c.named and c.eligible
    ]
    if named:
        return min(named)[1]
    ranked = [
        (not c.eligible, 0 if c.eligible else c.lost, -score, c.index)
        for c, score in zip(candidates, scores, strict=True)
    ]
    return min(ranked)[3]


def title_candidates(
    units: Sequence[Unit],
    first: Sequence[float],
    start: int,
    top: int | None = None,
    below: int = _BELOW,
) -> list[tuple[int, list[float]]]:
    """The units around the story's start (and from `top` down, when it is higher) that
    could be its headline, with their rows of `TITLE_FEATURES`; they reach down to `below` - 1
    units below the start (the trainer fits the ranker on `FIT_BELOW`)."""
    folded = [title_text(unit.text).casefold() for unit in units]
    lead = lead_words(units, start)
    levels = heading_levels(units)
    story = prose_words(units, first, start)
    found: list[tuple[int, list[float]]] = []
    lowest = max(0, start - _ABOVE) if top is None else max(0, min(top, start) - _ABOVE)
    for index in reach(levels, lowest, min(len(units), start + below)):
        text = title_text(units[index].text)
        words = WORD.findall(text)
        if not words or len(words) > MAX_TITLE_WORDS or is_date_line(words) or is_link(text):
            continue
        if len(words) > _SENTENCE_WORDS and text.endswith("."):
            continue  # a sentence of the story, not its headline
        letters = [word for word in words if word[:1].isalpha()]
        capitalized = sum(word[:1].isupper() for word in letters) / max(1, len(letters))
        own = folded[index]
        others = [other for i, other in enumerate(folded) if i != index]
        content = {word.casefold() for word in words if len(word) >= CONTENT_LETTERS}
        row = [
            math.log1p(len(words)),
            float(start - index),
            capitalized,
            float(text.endswith(".")),
            float(text.endswith(":")),
            float(bool(_MARKER.match(units[index].text))),
            float(len(_SEPARATOR.findall(text))),
            float("http" in text or "www." in text),
            math.log1p(sum(own in other for other in others)),
            first[index],
            float(text[:1].islower()),
            sum(ch.isdigit() for ch in text) / len(text),
            index / len(units),
            float(index == 0),
            len(content & lead) / max(1, len(content)) if index < start else 0.0,
            float(bool(_BYLINE.match(text))),
            float(len(text) < len(units[index].text)),
            math.log1p(sum(own == other for other in others)),
            *evidence(units, index, text, start, levels, story),
        ]
        found.append((index, row))
    return found


def title_text(line: str, names: frozenset[str] = frozenset()) -> str:
    """A kept line as the title it would give: its marks, breadcrumb and site name cut
    (`names`: the page's short lines, `title_site.page_names`)."""
    cuts = _cuts(line, names)
    head = max((end for rule, _, end in cuts if rule != SUFFIX_RULE), default=0)
    tail = min((start for rule, start, _ in cuts if rule == SUFFIX_RULE), default=len(line))
    return line[head:tail].strip()


def headline(
    text: str, unit: Unit, existing: Sequence[Removal], names: frozenset[str] = frozenset()
) -> tuple[str, list[Removal]]:
    """The unit as the title, and the span removals of what surrounds the headline on it
    (`names`: the page's short lines, which tell a site's name after it, `title_site`).

    The cuts are found on the line as kept. Where an earlier rule cut inside the line (an
    html2text breadcrumb's link targets), each cut is recorded around those earlier cuts,
    so the title is still the input line minus what was recorded.
    """
    inside = sorted(
        (cut.start, cut.end) for cut in existing if cut.start < unit.end and cut.end > unit.start
    )
    if not inside:
        return _headline_on_input(text, unit, names)
    positions = _kept_positions(text, unit, inside)
    if positions is None:
        return unit.text, []
    line = unit.text
    removals: list[Removal] = []
    for rule, start, end in _cuts(line, names):
        piece = line[start:end]
        first = start + len(piece) - len(piece.lstrip())
        last = start + len(piece.rstrip())
        if first >= last:
            continue
        removals += _around(text, rule, positions[first], positions[last - 1] + 1, inside)
    return title_text(line, names), removals


def _headline_on_input(text: str, unit: Unit, names: frozenset[str]) -> tuple[str, list[Removal]]:
    """`headline` for a line no earlier rule cut into: the cuts are found on the input line
    itself and checked against the kept title."""
    raw = text[unit.start : unit.end]
    title = unit.text
    removals: list[Removal] = []
    for rule, start, end in _cuts(raw, names):
        piece = raw[start:end].strip()
        if not piece:
            continue
        offset = unit.start + start + len(raw[start:end]) - len(raw[start:end].lstrip())
        cut_title = _without(title, piece, at_start=rule != SUFFIX_RULE)
        if cut_title is None:
            continue
        title = cut_title
        removals.append(Removal(rule, _KINDS[rule], "removed", offset, offset + len(piece), piece))
    return title, removals


def _kept_positions(text: str, unit: Unit, inside: Sequence[tuple[int, int]]) -> list[int] | None:
    """The input offset of each character of the kept line (earlier cuts read as a space,
    runs of space as one, a tight cut's space before punctuation gone); None when the kept
    line is not the input line minus those cuts (a normalization changed a character)."""
    chars: list[tuple[str, int]] = []
    position = unit.start
    for start, end in [*inside, (unit.end, unit.end)]:
        chars += [(text[i], i) for i in range(position, min(max(position, start), unit.end))]
        if start < unit.end:
            chars.append((" ", max(start, unit.start)))
        position = max(position, end)
    positions: list[int] = []
    index = 0
    for char in unit.text:
        if char != " ":
            while index < len(chars) and chars[index][0].isspace():
                index += 1
        if index == len(chars) or (
            chars[index][0] != char and not (char == " " and chars[index][0].isspace())
        ):
            return None
        positions.append(chars[index][1])
        index += 1
        if char == " ":
            while index < len(chars) and chars[index][0].isspace():
                index += 1
    if any(not char.isspace() for char, _ in chars[index:]):
        return None
    return positions


def _around(
    text: str, rule: str, start: int, end: int, inside: Sequence[tuple[int, int]]
) -> list[Removal]:
    """The input span [start, end) as removals of `rule`, in pieces around earlier cuts."""
    pieces: list[tuple[int, int]] = []
    position = start
    for cut_start, cut_end in inside:
        if cut_end <= position or cut_start >= end:
            continue
        if cut_start > position:
            pieces.append((position, cut_start))
        position = max(position, cut_end)
    if position < end:
        pieces.append((position, end))
    found: list[Removal] = []
    for piece_start, piece_end in pieces:
        segment = text[piece_start:piece_end]
        stripped = segment.strip()
        if stripped:
            offset = piece_start + len(segment) - len(segment.lstrip())
            found.append(
                Removal(rule, _KINDS[rule], "removed", offset, offset + len(stripped), stripped)
            )
    return found


def _cuts(line: str, names: frozenset[str] = frozenset()) -> list[tuple[str, int, int]]:
    """What stands around the headline inside `line`, as (rule, start, end), in order; a
    site's name is cut by its shape, or further left where the page shows it alone."""
    found: list[tuple[str, int, int]] = []
    head, tail = 0, len(line.rstrip())
    for rule, pattern in (
        (MARKER_RULE, _MARK),
        (BREADCRUMB_RULE, _BREADCRUMB),
        (LABEL_RULE, _LABEL),
    ):
        match = pattern.match(line, head, tail)
        if match and len(line[match.end() : tail].split()) >= _MIN_REST_WORDS:
            found.append((rule, head, match.end()))
            head = match.end()
    cut = tail
    suffix = _SITE_SUFFIX.search(line, head, tail)
    if suffix:
        words_before = len(line[head : suffix.start()].split())
        words_after = len(suffix.group(0).split()) - 1
        if words_before >= _MIN_HEAD_WORDS and words_after <= min(
            _MAX_SUFFIX_WORDS, words_before - 1
        ):
            cut = suffix.start()
    cut = named_suffix(line, names, head, cut)
    if cut < tail:
        found.append((SUFFIX_RULE, cut, len(line)))
    return found


def _without(title: str, piece: str, *, at_start: bool) -> str | None:
    """The title with `piece` cut from its start or end, or None when it is not there."""
    piece = " ".join(piece.split())
    if at_start and title.startswith(piece):
        rest = title[len(piece) :].strip()
    elif not at_start and title.endswith(piece):
        rest = title[: -len(piece)].strip()
    else:
        return None
    return rest or None
