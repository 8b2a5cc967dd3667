"""Which characters a pattern's match can begin with, to skip patterns a line cannot start.

The line walk asks each of a document's line rules to `fullmatch` each line's content: ~12
rules a line, most of which (the shared chrome: rails, widgets, copyright and credit lines)
no pre-test can rule out, because their texts are common words. Their first characters can:
'Most Read', 'Subscribe now', '(c) 2024 ...' and '12 comments' cannot begin a line that starts
with 'T'. Text rules anchored at a line start (`^`) are likewise tried only at the line starts
whose first character can begin them (textcuts.py), not searched for at every position.

`first_char` reads a pattern (the stdlib's parser, as linestarts.py does) into a pattern
matching every character a non-empty match can begin with, compiled with the rule's flags
so case-insensitive rules fold as `re` folds them, and remembers its answer per character;
a pattern is read on its first use (reading every rule's at import cost ~0.1 s a process).
A superset is always safe (a rule asked that cannot match just fails), so whatever the
reading cannot bound (a backreference, `.`, a one-character negated class, a flag set
inside the pattern) makes the whole pattern "any character".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from re import _constants, _parser  # type: ignore[attr-defined]  # the stdlib's regex parser
from typing import Any, Generic, Protocol, TypeVar

from newsnorm.transforms.linestarts import line_anchored

__all__ = ["ByFirstChar", "FirstChar", "at_line_starts", "by_first_char", "first_char"]

_REPEATS = (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT)
_CATEGORIES = {
    _constants.CATEGORY_DIGIT: r"\d",
    _constants.CATEGORY_NOT_DIGIT: r"\D",
    _constants.CATEGORY_SPACE: r"\s",
    _constants.CATEGORY_NOT_SPACE: r"\S",
    _constants.CATEGORY_WORD: r"\w",
    _constants.CATEGORY_NOT_WORD: r"\W",
}
# Past this many rule lists or characters, FirstChars forgets what it remembered.
_REMEMBERED = 512


class _Unbounded(Exception):
    """The pattern may begin with any character (or this reading cannot tell)."""


@dataclass(frozen=True, slots=True)
class FirstChar:
    """The characters a pattern's non-empty matches can begin with (`pattern`: None, any),
    and whether a match may be empty (True when the reading cannot tell)."""

    pattern: re.Pattern[str] | None
    may_be_empty: bool
    _answers: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)

    def accepts(self, char: str) -> bool:
        """Whether a match can begin with `char` (one character)."""
        answer = self._answers.get(char)
        if answer is None:
            answer = self.pattern is None or self.pattern.match(char) is not None
            if len(self._answers) < _REMEMBERED:
                self._answers[char] = answer
        return answer


@lru_cache(maxsize=4096)
def first_char(compiled: re.Pattern[str]) -> FirstChar:
    """What `compiled`'s matches can begin with, read once per pattern."""
    try:
        classes, empty = _first(list(_parser.parse(compiled.pattern, compiled.flags)))
    except _Unbounded:
        return FirstChar(None, True)
    if not classes:  # only empty matches
        return FirstChar(None, True)
    flags = compiled.flags & ~re.MULTILINE
    return FirstChar(re.compile("|".join(sorted(classes)), flags), empty)


@lru_cache(maxsize=4096)
def at_line_starts(compiled: re.Pattern[str]) -> bool:
    """Whether every match of `compiled` is non-empty and starts at a line start: then
    `match` at the line starts `first_char` accepts finds what a search finds."""
    return not first_char(compiled).may_be_empty and line_anchored(compiled)


def _first(items: list[tuple[Any, Any]]) -> tuple[set[str], bool]:
    """The classes a sequence's first character is in, and whether it can match empty."""
    classes: set[str] = set()
    for op, value in items:
        if op in _ZERO_WIDTH:
            continue  # anchors and lookarounds consume nothing: what follows begins it
        found, empty = _item(op, value)
        classes |= found
        if not empty:
            return classes, False
    return classes, True


def _item(op: Any, value: Any) -> tuple[set[str], bool]:
    if op is _constants.LITERAL:
        return {re.escape(chr(value))}, False
    if op is _constants.IN:
        return {_set(value)}, False
    if op in _REPEATS:
        low, _high, inner = value
        found, empty = _first(list(inner))
        return found, empty or low == 0
    if op is _constants.SUBPATTERN:
        _group, add_flags, del_flags, inner = value
        if add_flags or del_flags:
            raise _Unbounded
        return _first(list(inner))
    if op is _constants.ATOMIC_GROUP:
        return _first(list(value))
    if op is _constants.BRANCH:
        classes: set[str] = set()
        any_empty = False
        for branch in value[1]:
            found, empty = _first(list(branch))
            classes |= found
            any_empty = any_empty or empty
        return classes, any_empty
    raise _Unbounded  # ANY, NOT_LITERAL, backreferences, conditionals


def _set(items: list[tuple[Any, Any]]) -> str:
    """A character class written back from its parsed members."""
    parts = []
    for op, value in items:
        if op is _constants.NEGATE:
            parts.append("^")
        elif op is _constants.LITERAL:
            parts.append(re.escape(chr(value)))
        elif op is _constants.RANGE:
            parts.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
        elif op is _constants.CATEGORY and value in _CATEGORIES:
            parts.append(_CATEGORIES[value])
        else:
            raise _Unbounded
    return f"[{''.join(parts)}]"


class _Started(Protocol):
    @property
    def compiled(self) -> re.Pattern[str]: ...


_R = TypeVar("_R", bound=_Started)


class ByFirstChar(Generic[_R]):
    """A list of rules, and for a line's first character the rules (in order) whose match
    can begin with it, remembered: most documents share one of a few lists of rules."""

    __slots__ = ("_by_char", "rules")

    def __init__(self, rules: tuple[_R, ...]) -> None:
        self.rules = rules  # held, so no other rule list can take these rules' ids
        self._by_char: dict[str, tuple[_R, ...]] = {}

    def for_char(self, char: str) -> tuple[_R, ...]:
        found = self._by_char.get(char)
        if found is None:
            found = tuple(rule for rule in self.rules if first_char(rule.compiled).accepts(char))
            if len(self._by_char) < _REMEMBERED:
                self._by_char[char] = found
        return found


_LISTS: dict[tuple[int, ...], ByFirstChar[Any]] = {}


def by_first_char(rules: Sequence[_R]) -> ByFirstChar[_R]:
    """The rules as a `ByFirstChar`, the same one for the same rules (by identity)."""
    key = tuple(map(id, rules))
    found = _LISTS.get(key)
    if found is None:
        if len(_LISTS) >= _REMEMBERED:
            _LISTS.clear()
        found = _LISTS[key] = ByFirstChar(tuple(rules))
    return found
