"""The kept lines of a cleaned text, matched back to where they sit in the input.

The adapters' rule engine keeps a title and paragraphs as normalized strings; the story
stage needs each one's place (to record what it drops, with offsets) and its layout as the
dump wrote it (indentation, list markers). Every line the engine did not keep is covered
by a recorded removal, so the input's lines minus those removals are, in order, the title
and the paragraphs; when that does not hold (an adapter's own step rewrote them) there is
nothing to align, and the stage leaves the article alone.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsnorm.transforms.records import Article, Removal
from newsnorm.transforms.text import Line, normalize_text, split_lines


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


def align_units(text: str, article: Article) -> list[Unit] | None:
    """The title and each paragraph as units, in order; None when they cannot be matched."""
    lines = _kept_lines(text, article.removals)
    return _align(text, lines, [article.title, *article.paragraphs])


def _kept_lines(text: str, removals: Sequence[Removal]) -> list[tuple[str, Line]]:
    """Each input line that keeps some text once removals are cut out, with that text
    (cut pieces become a space, as the engine's span cuts do), blank lines as ("", line).

    The cuts are blanked in one pass over the text and each line normalized from that
    copy: a run of spaces where one space stood normalizes alike, and a loop over every
    line's cuts cost half the story stage. A cut of no width still parts a word, which
    blanking cannot say, so a text with one is cut line by line."""
    spans = _merged((removal.start, removal.end) for removal in removals)
    if any(start >= end for start, end in spans):
        return _kept_lines_cut(text, spans)
    blanked = _blanked(text, spans)
    return [(normalize_text(blanked[line.start : line.end]), line) for line in split_lines(text)]


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
