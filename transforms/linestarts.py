"""A line-anchored pattern tried only at the lines near its literal texts.

A signal such as `^[ \\t]*Daily Caller News Foundation[ \\t]*$` has no literal prefix, so
`re.search` tries it at every position of the document (~10-16 µs a DCNF document for each
such signal) even though a match can only start at a line start near one of its texts. When
every match starts at a line start (`^` or `\\A`), holds one of a few texts, and holds at most
`k` line breaks, its start is one of the `k + 1` line starts at or above the line where such a
text begins; `re.match` at those few starts answers what the whole-document search would:
`match(text, pos)` sees the real string before `pos` (lookbehinds, `\\b`, `^` after a line
break), and nothing after it changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from re import _constants, _parser  # type: ignore[attr-defined]  # the stdlib's regex parser
from typing import Any

from newsnorm.transforms.literalscan import MIN_SCANNED, Tested, register

__all__ = ["LineStarts", "line_anchored", "line_starts_of"]

_NEWLINE = ord("\n")
_REPEATS = (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT)
_STARTS = (_constants.AT_BEGINNING, _constants.AT_BEGINNING_STRING)
# Classes that never match a line break; any other class is taken to match one.
_NO_NEWLINE = {_constants.CATEGORY_DIGIT, _constants.CATEGORY_WORD, _constants.CATEGORY_NOT_SPACE}


@dataclass(frozen=True, slots=True)
class LineStarts:
    """Where a line-anchored pattern's matches can start: within `lines_above` line breaks
    above an occurrence of one of `texts` (found in the caseless text when `caseless`)."""

    texts: tuple[str, ...]
    caseless: bool
    lines_above: int
    # The literal scan's vocabulary version covering `texts` (None: too short to be scanned).
    version: int | None

    def found(
        self, compiled: re.Pattern[str], folded: str, caseless: str, tested: Tested | None = None
    ) -> bool:
        """Whether `compiled` matches `folded` anywhere (`caseless` is its caseless_text);
        `tested`, the document's literal scan, spares looking for texts it does not hold."""
        haystack = caseless if self.caseless else folded
        if len(haystack) != len(folded):  # offsets differ: search the whole text
            return compiled.search(folded) is not None
        texts: Iterable[str] = self.texts
        if tested is not None and self.version is not None:
            present = tested.present(haystack, self.caseless, self.version)
            if present is not None:
                texts = present.intersection(texts)
        tried: set[int] = set()
        for text in texts:
            at = haystack.find(text)
            while at >= 0:
                start = folded.rfind("\n", 0, at) + 1
                for _ in range(self.lines_above + 1):
                    if start not in tried:
                        tried.add(start)
                        if compiled.match(folded, start) is not None:
                            return True
                    if start == 0:
                        break
                    start = folded.rfind("\n", 0, start - 1) + 1
                at = haystack.find(text, at + 1)
        return False


def line_starts_of(
    compiled: re.Pattern[str], texts: tuple[str, ...], caseless: bool
) -> LineStarts | None:
    """The line starts to try for `compiled`, whose every match holds one of `texts`;
    None when a match may start inside a line or span unboundedly many lines."""
    if not texts or not all(texts):
        return None
    parsed = _parser.parse(compiled.pattern, compiled.flags)
    items = list(parsed)
    if not _anchored(items):
        return None
    lines = _newlines(items, bool(parsed.state.flags & re.DOTALL))
    if lines is None:
        return None
    scanned = min(map(len, texts)) >= MIN_SCANNED
    return LineStarts(texts, caseless, lines, register(texts, caseless) if scanned else None)


def line_anchored(compiled: re.Pattern[str]) -> bool:
    """Whether every match of `compiled` starts at a line start (see `_anchored`)."""
    return _anchored(list(_parser.parse(compiled.pattern, compiled.flags)))


def _anchored(items: list[tuple[Any, Any]]) -> bool:
    """Whether every match of `items` starts at a line start (`^` in either mode, `\\A`),
    perhaps behind zero-width tests (a lookbehind, `\\b`) read at that same start."""
    for op, value in items:
        if op is _constants.AT and value in _STARTS:
            return True
        if op is _constants.SUBPATTERN:
            return _anchored(list(value[3]))
        if op is _constants.ATOMIC_GROUP:
            return _anchored(list(value))
        if op is _constants.BRANCH:
            return all(_anchored(list(branch)) for branch in value[1])
        if op not in (_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT):
            return False
    return False


def _newlines(items: list[tuple[Any, Any]], dotall: bool) -> int | None:
    """At most how many line breaks a match of `items` holds; None: unbounded or unknown."""
    total = 0
    for op, value in items:
        count: int | None
        if op is _constants.LITERAL:
            count = int(value == _NEWLINE)
        elif op is _constants.NOT_LITERAL:
            count = int(value != _NEWLINE)
        elif op is _constants.ANY:
            count = int(dotall)
        elif op is _constants.IN:
            count = int(_set_has_newline(value))
        elif op in (_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT):
            count = 0  # zero-width: what a lookaround reads is not part of the match
        elif op in _REPEATS:
            count = _repeated(value, dotall)
        elif op is _constants.SUBPATTERN:
            count = _newlines(list(value[3]), dotall or bool(value[1] & re.DOTALL))
        elif op is _constants.ATOMIC_GROUP:
            count = _newlines(list(value), dotall)
        elif op is _constants.BRANCH:
            count = _most(_newlines(list(branch), dotall) for branch in value[1])
        else:  # backreferences, conditionals: not bounded here
            count = None
        if count is None:
            return None
        total += count
    return total


def _most(counts: Iterable[int | None]) -> int | None:
    """The largest count, None if any is None (a branch's alternatives)."""
    most = 0
    for count in counts:
        if count is None:
            return None
        most = max(most, count)
    return most


def _repeated(value: tuple[int, int, Any], dotall: bool) -> int | None:
    _low, high, inner = value
    count = _newlines(list(inner), dotall)
    if count is None or count == 0:
        return count
    return None if high is _constants.MAXREPEAT else high * count


def _set_has_newline(items: list[tuple[Any, Any]]) -> bool:
    """Whether a character class can match '\\n' (unknown members count as yes)."""
    negated = bool(items) and items[0][0] is _constants.NEGATE
    has = False
    for op, value in items[1:] if negated else items:
        if op is _constants.LITERAL:
            has = has or value == _NEWLINE
        elif op is _constants.RANGE:
            has = has or value[0] <= _NEWLINE <= value[1]
        elif op is _constants.CATEGORY:
            has = has or value not in _NO_NEWLINE
        else:
            return True
    return has != negated
