"""Let a pattern's end-of-line anchor `$` see past the line's trailing blanks.

Patterns run on folded text, where a CRLF line end reads ` \\n` (fold_for_matching keeps
the length so offsets hold), and a line saved with trailing blanks keeps them: a plain `$`
after a line's last word then never matches. Rewriting each `$` anchor into a lookahead
`(?=[ \\t]*$)` lets it match there while leaving match spans unchanged (a lookahead
consumes nothing), for every adapter's patterns at once, built-in or plugin.
"""

from __future__ import annotations

import re

__all__ = ["LINE_END", "allow_trailing_blanks"]

# What each end-of-line anchor becomes: the same position, trailing blanks allowed after it.
LINE_END = r"(?=[ \t]*$)"


def allow_trailing_blanks(pattern: str, flags: int = 0) -> str:
    """`pattern` with every `$` anchor rewritten to LINE_END; an escaped `\\$`, a `$` inside
    a character class or (verbose mode) inside a comment is left as it is."""
    if "$" not in pattern:
        return pattern
    verbose = bool(flags & re.VERBOSE) or _inline_verbose(pattern)
    out: list[str] = []
    index, size = 0, len(pattern)
    while index < size:
        char = pattern[index]
        if char == "\\":
            out.append(pattern[index : index + 2])
            index += 2
        elif char == "[":
            end = _class_end(pattern, index)
            out.append(pattern[index:end])
            index = end
        elif char == "#" and verbose:
            end = pattern.find("\n", index)
            end = size if end < 0 else end
            out.append(pattern[index:end])
            index = end
        else:
            out.append(LINE_END if char == "$" else char)
            index += 1
    return "".join(out)


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
