"""The content extractor's main text, less what the adapters' named rules cut from the page.

Matching is done on the text, not on lines: the dump and the extractor split and join
blocks differently ('<br>', lists, inline widgets), so a rule's cut is looked up in the
main text as a whole, and nothing of the main text goes unless a named rule cut it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsnorm.transforms.records import Removal
from newsnorm.transforms.text import fold_for_matching, normalize_text

# A cut this short must be a whole line of the main text too ('Advertisement', 'Share'):
# the same words inside a sentence are the story's.
_MIN_FREE_WORDS = 4
# A main-text line stands for a removed dump line it opens or ends when it holds this share
# of it.
_MIN_SHARE_OF_LINE = 0.6


@dataclass(frozen=True, slots=True)
class MainCut:
    """The main text's paragraphs after the cuts, the removals that cut it, and the share of
    its characters they took."""

    paragraphs: tuple[str, ...]
    applied: tuple[Removal, ...]
    share_cut: float


def cut_main_text(main: Sequence[str], removals: Sequence[Removal], dump: str) -> MainCut:
    """Apply each removal (its text, located in `dump`) to the main text once, in page order.

    A removal is looked up after the line above it in the dump (else after the previous
    cut), then from the start, so a phrase the page repeats is cut where the rule cut it.
    """
    text = "\n".join(main)
    # Line ends searched as spaces: a cut may span two of the extractor's lines.
    haystack = fold_for_matching(text.replace("\n", " "))
    free = bytearray(b"\x01") * len(text)
    cursor = 0
    applied: list[Removal] = []
    for removal in sorted(removals, key=lambda item: item.start):
        needle = fold_for_matching(normalize_text(removal.text))
        if not needle:
            continue
        whole_line = _is_line(dump, removal) and len(needle.split()) < _MIN_FREE_WORDS
        begin = _after_anchor(haystack, _line_above(dump, removal.start), cursor)
        span = _find(haystack, text, needle, free, begin, whole_line=whole_line)
        if span is None and _is_line(dump, removal):
            span = _line_within(haystack, text, needle, free)
        if span is None:
            continue
        start, end = span
        free[start:end] = bytes(end - start)
        cursor = end
        applied.append(removal)
    kept, cut = _blank_cuts(text, free)
    paragraphs = tuple(line for line in map(normalize_text, kept.split("\n")) if line)
    total = _visible(text)
    return MainCut(paragraphs, tuple(applied), cut / total if total else 0.0)


def _blank_cuts(text: str, free: bytearray) -> tuple[str, int]:
    """`text` with its cut characters blanked (line ends kept), and how many visible ones
    went: walked by runs of `free`, not by character (a page's main text is ~8k of them)."""
    pieces: list[str] = []
    cut = 0
    position = 0
    while (start := free.find(0, position)) != -1:
        end = free.find(1, start)
        end = len(text) if end == -1 else end
        gone = text[start:end]
        cut += _visible(gone)
        pieces += (text[position:start], "\n".join(" " * len(part) for part in gone.split("\n")))
        position = end
    pieces.append(text[position:])
    return "".join(pieces), cut


def _visible(text: str) -> int:
    """Characters that are not whitespace (`str.split` splits on exactly `str.isspace`)."""
    return len("".join(text.split()))


def _find(
    haystack: str,
    text: str,
    needle: str,
    free: bytearray,
    cursor: int,
    *,
    whole_line: bool,
) -> tuple[int, int] | None:
    """The first free, word-bounded occurrence of `needle` at or after `cursor`, else from
    the start; with `whole_line`, only one that fills a line of `text`."""
    for begin in (cursor, 0) if cursor else (0,):
        index = haystack.find(needle, begin)
        while index != -1:
            end = index + len(needle)
            if (
                all(free[index:end])
                and _bounded(haystack, index, end)
                and (not whole_line or _fills_line(text, index, end))
            ):
                return index, end
            index = haystack.find(needle, index + 1)
    return None


def _line_within(haystack: str, text: str, needle: str, free: bytearray) -> tuple[int, int] | None:
    """A free line of the main text that the removed line opens or ends with: the extractor
    cut a link's screen-reader suffix (', opens new tab') or a label off the same block."""
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        folded = haystack[start:end].strip()
        if (
            len(folded) >= _MIN_SHARE_OF_LINE * len(needle)
            and len(folded.split()) >= _MIN_FREE_WORDS
            and (needle.startswith(folded) or needle.endswith(folded))
            and all(free[start:end])
        ):
            return start, end
        start = end + 1
    return None


def _line_above(dump: str, start: int) -> str:
    """The dump's last non-blank line before `start`, as the main text is searched."""
    for line in reversed(dump[:start].split("\n")):
        if line.strip():
            return fold_for_matching(normalize_text(line))
    return ""


def _after_anchor(haystack: str, anchor: str, cursor: int) -> int:
    """Where the text after `anchor` starts in the main text; `cursor` when it is not there
    or too short to tell."""
    if len(anchor.split()) < _MIN_FREE_WORDS:
        return cursor
    found = haystack.find(anchor, cursor)
    if found == -1:
        found = haystack.find(anchor)
    return cursor if found == -1 else found + len(anchor)


def _bounded(text: str, start: int, end: int) -> bool:
    """The match neither starts nor ends inside a word."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (text[start].isalnum() and before.isalnum()) and not (
        text[end - 1].isalnum() and after.isalnum()
    )


def _fills_line(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    return not text[line_start:start].strip() and not text[end:line_end].strip()


def _is_line(dump: str, removal: Removal) -> bool:
    """The removal took a whole line of the dump (a line rule), not a piece of one."""
    line_start = dump.rfind("\n", 0, removal.start) + 1
    line_end = dump.find("\n", removal.end)
    line_end = len(dump) if line_end == -1 else line_end
    return not dump[line_start : removal.start].strip() and not dump[removal.end : line_end].strip()
