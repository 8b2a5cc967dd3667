"""Let a pattern's end-of-line anchor `$` see past the line's trailing blanks.

Patterns run on folded text, where a CRLF line end reads ` \\n` (fold_for_matching keeps
the length so offsets hold), and a line saved with trailing blanks keeps them: a plain `$`
after a line's last word then never matches. Rewriting each `$` anchor into a lookahead
`(?=[ \\t]*$)` lets it match there, for every adapter's patterns at once, built-in or
plugin. A lookahead consumes nothing, so a match ends where it ended before, except that
a lazy or alternating part before the `$` may now stop before the blanks instead of
taking them (`x.*?$` on `x ab  ` matches `x ab`).

The rewrite reads the pattern's text, so it is checked against the parser's own reading:
unless it rewrote exactly the `$` that the parser reads as anchors and the result
compiles, the pattern is left as the author wrote it (as before this module existed).
"""

from __future__ import annotations

import importlib
import re
from typing import Any

__all__ = ["LINE_END", "allow_trailing_blanks"]

# What each end-of-line anchor becomes: the same position, trailing blanks allowed after it.
LINE_END = r"(?=[ \t]*$)"

# The standard library's regex parser (private, but the only reader that agrees with
# `re` by definition); None where a Python version moves it: then no pattern is rewritten.
try:
    _PARSER: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - Python 3.11+ has it
    _PARSER = None


def allow_trailing_blanks(pattern: str, flags: int = 0) -> str:
    """`pattern` with every `$` anchor rewritten to LINE_END, or `pattern` itself when the
    text holds no anchor or the rewrite cannot be shown to touch exactly the anchors."""
    if "$" not in pattern or _PARSER is None:
        return pattern
    rewritten, count = _rewrite(pattern, flags)
    if count == 0 or count != _anchors(pattern, flags):
        return pattern
    try:
        re.compile(rewritten, flags)
    except re.error:
        return pattern
    return rewritten


def _rewrite(pattern: str, flags: int) -> tuple[str, int]:
    """The text with each `$` outside an escape, a character class, a `(?#…)` comment or
    (verbose mode) a `#` comment replaced, and how many were replaced."""
    verbose = bool(flags & re.VERBOSE) or _inline_verbose(pattern)
    out: list[str] = []
    count, index, size = 0, 0, len(pattern)
    while index < size:
        char = pattern[index]
        if char == "\\":
            end = index + 2
        elif char == "[":
            end = _class_end(pattern, index)
        elif pattern.startswith("(?#", index):
            end = pattern.find(")", index)
            end = size if end < 0 else end + 1
        elif char == "#" and verbose:
            end = pattern.find("\n", index)
            end = size if end < 0 else end
        else:
            count += char == "$"
            out.append(LINE_END if char == "$" else char)
            index += 1
            continue
        out.append(pattern[index:end])
        index = end
    return "".join(out), count


def _anchors(pattern: str, flags: int) -> int:
    """How many end-of-line anchors (`$`) the parser reads in `pattern` (-1: none it can read)."""
    at, at_end = _PARSER.AT, _PARSER.AT_END

    def count(items: Any) -> int:
        total = 0
        for op, argument in items:
            if op is at:
                total += argument is at_end
            else:
                total += sum(count(part) for part in _subpatterns(argument))
        return total

    try:
        return count(_PARSER.parse(pattern, flags))
    except re.error:
        return -1


def _subpatterns(argument: Any) -> list[Any]:
    """The nested patterns inside one parsed item's argument (groups, branches, repeats,
    lookarounds, conditionals): every list-like part that holds (op, argument) pairs."""
    found: list[Any] = []
    parts = argument if isinstance(argument, (tuple, list)) else [argument]
    for part in parts:
        if isinstance(part, _PARSER.SubPattern):
            found.append(part)
        elif isinstance(part, (tuple, list)):
            found.extend(_subpatterns(part))
    return found


def _class_end(pattern: str, start: int) -> int:
    """The index just past the character class opening at `start` (a `]` right after
    `[` or `[^` is a member, not the end; escapes are skipped)."""
    index = start + 1
    if index < len(pattern) and pattern[index] == "^":
        index += 1
    if index < len(pattern) and pattern[index] == "]":
        index += 1
    while index < len(pattern) and pattern[index] != "]":
        index += 2 if pattern[index] == "\\" else 1
    return min(index + 1, len(pattern))


def _inline_verbose(pattern: str) -> bool:
    """Whether the pattern opens with global inline flags that include `x`."""
    match = re.match(r"\(\?([aiLmsux]+)\)", pattern)
    return match is not None and "x" in match.group(1)
