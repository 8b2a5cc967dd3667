"""The kept lines of a cleaned text, matched back to where they sit in the input.

The adapters' rule engine keeps a title and paragraphs as normalized strings; the story
stage needs each one's place (to record what it drops, with offsets) and its layout as the
dump wrote it (indentation, list markers). Every line the engine did not keep is covered
by a recorded removal, so the input's lines minus those removals are, in order, the title
and the paragraphs; when that does not hold (an adapter's own step rewrote them) there is
nothing to align, and the stage leaves the article alone. A unit the stage drops or moves
becomes removals around what the rules cut inside it (`unit_removals`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsnorm.transforms.records import Action, Article, Removal
from newsnorm.transforms.text import Line, NormalizedLines, normalize_text, split_lines


@dataclass(frozen=True, slots=True)
class Unit:
    """The title or one paragraph: its text as kept, its first input line as written, and
    the span of input lines it came from (`start`, `end` bound their content; `first_line`,
    `last_line` are their indices in `split_lines`, what the layout features count in, as
    line ends and trailing whitespace differ between dumps of one page; 0 when built by
    hand)."""

    text: str
    raw: str
    start: int
    end: int
    first_line: int = 0
    last_line: int = 0


def align_units(
    text: str, article: Article, normalized: NormalizedLines | None = None
) -> list[Unit] | None:
    """The title and each paragraph as units, in order; None when they cannot be matched.
    `normalized`: the lines of `text` the rule engine normalized (`Document.lines`)."""
    lines = _kept_lines(text, article.removals, normalized)
    return _align(text, lines, [article.title, *article.paragraphs])


def _kept_lines(
    text: str, removals: Sequence[Removal], normalized: NormalizedLines | None = None
) -> list[tuple[str, Line]]:
    """Each input line that keeps some text once removals are cut out, with that text
    (cut pieces become a space, as the engine's span cuts do), blank lines as ("", line).

    A line no removal touches is the input's line, normalized by the rule engine already
    when it kept it (`normalized` remembers). The others are normalized from one blanked
    copy of the text: a run of spaces where one space stood normalizes alike, and a loop
    over every line's cuts cost half the story stage. A cut of no width still parts a
    word, which blanking cannot say, so a text with one is cut line by line."""
    spans = _merged((removal.start, removal.end) for removal in removals)
    if any(start >= end for start, end in spans):
        return _kept_lines_cut(text, spans)
    if normalized is None:
        normalized = NormalizedLines()
    blanked = _blanked(text, spans) if spans else text
    kept: list[tuple[str, Line]] = []
    index = 0  # the first span that ends past the line's start
    for line in split_lines(text):
        while index < len(spans) and spans[index][1] <= line.start:
            index += 1
        if index < len(spans) and spans[index][0] < line.end:
            kept.append((normalize_text(blanked[line.start : line.end]), line))
        else:  # an empty line, a blank one the engine passed over, or one it kept
            kept.append((normalized.of(line) if line.text else "", line))
    return kept


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with every span's characters replaced by spaces (offsets unchanged)."""
    pieces: list[str] = []
    position = 0
    for start, end in spans:
        start = max(start, position)  # a negative offset would slice from the text's end
        end = max(end, start)
        pieces.append(text[position:start])
        pieces.append(" " * (end - start))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _kept_lines_cut(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, Line]]:
    """_kept_lines by each line's own cuts, each cut one space."""
    starts = [start for start, _ in spans]
    kept: list[tuple[str, Line]] = []
    for line in split_lines(text):
        pieces: list[str] = []
        position = line.start
        index = max(0, bisect.bisect_right(starts, line.start) - 1)
        while index < len(spans) and spans[index][0] < line.end:
            start, end = spans[index]
            if end > position:
                pieces.append(text[position : max(position, start)])
                pieces.append(" ")
                position = max(position, end)
            index += 1
        pieces.append(text[position : line.end] if position < line.end else "")
        kept.append((normalize_text("".join(pieces)), line))
    return kept


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _align(text: str, content: list[tuple[str, Line]], wanted: list[str]) -> list[Unit] | None:
    """Each wanted string is the next line that kept text, or (in a hard-wrapped text) the
    next lines of one block joined with spaces; `content` holds every input line, so an
    index into it is the line's index."""
    units: list[Unit] = []
    index = 0
    for want in wanted:
        while index < len(content) and not content[index][0]:
            index += 1
        if index >= len(content):
            return None
        first = index
        taken = [content[index]]
        joined = taken[0][0]
        index += 1
        if joined == want:  # most units: equal strings are equal without tight spaces too
            units.append(_unit(text, [taken[0][1]], want, first))
            continue
        key, tight = _tight(want), _tight(joined)
        while tight != key and key.startswith(tight) and index < len(content):
            kept, line = content[index]
            if not kept:
                break
            joined = f"{joined} {kept}"
            tight = _tight(joined)
            taken.append((kept, line))
            index += 1
        if tight != key:
            return None
        units.append(_unit(text, [line for _, line in taken], want, first))
    if any(kept for kept, _ in content[index:]):
        return None
    return units


# A `tight` span cut leaves no space before punctuation ('[link](url).' -> 'link.'); the
# removals do not say which cuts were tight, so lines compare without such spaces.
_BEFORE_PUNCTUATION = re.compile(r" (?=[.,;:!?)])")


def _tight(text: str) -> str:
    return _BEFORE_PUNCTUATION.sub("", text)


def _unit(text: str, lines: list[Line], kept: str, index: int) -> Unit:
    """The unit of `lines`, the first of which is input line `index`."""
    first, last = lines[0], lines[-1]
    start = first.start + len(first.text) - len(first.text.lstrip())
    end = last.start + len(last.text.rstrip())
    return Unit(kept, first.text, start, end, index, index + len(lines) - 1)


def unit_removals(
    text: str, unit: Unit, existing: tuple[Removal, ...], rule: str, kind: str, action: Action
) -> list[Removal]:
    """The unit's text around what earlier rules already cut inside it, as removals (what
    the story stage drops or moves of a unit)."""
    inside = sorted(
        (removal.start, removal.end)
        for removal in existing
        if removal.start < unit.end and removal.end > unit.start
    )
    pieces: list[tuple[int, int]] = []
    position = unit.start
    for start, end in inside:
        if start > position:
            pieces.append((position, start))
        position = max(position, end)
    if position < unit.end:
        pieces.append((position, unit.end))
    found: list[Removal] = []
    for start, end in pieces:
        segment = text[start:end]
        stripped = segment.strip()
        if not stripped:
            continue
        start += len(segment) - len(segment.lstrip())
        found.append(Removal(rule, kind, action, start, start + len(stripped), stripped))
    return found
