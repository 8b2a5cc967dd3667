"""Boilerplate learned from the corpus itself: which lines count, per which scope, and the cut.

A line (a whole body paragraph) that recurs verbatim across different stories of one site is
that site's cruft: a newsletter plug, a donation appeal, an "about us" blurb. The warehouse
keeps the counts (flows.engine.learning); this module holds what is pure about them: the
scope an article is counted in (`learning_scope`, mirrored by the SQL macro of the same
name), the lines eligible to be counted (`countable_lines`), and `cut_learned`, which cuts
the known lines from a cleaned article as recorded removals naming their evidence.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from itertools import islice

from newsnorm.transforms.picklestate import quick_state
from newsnorm.transforms.records import Article, Removal

# transforms.text's word and CJK patterns: `_has_words` counts as `count_words` does.
from newsnorm.transforms.text import CJK, WORD, count_words, fold_for_matching, normalize_text

RULE = "learned-boilerplate"
KIND = "learned_boilerplate"
# The warning an article carries when a known line stays in its body.
KEPT_WARNING = "learned_boilerplate_kept"

# Shorter lines are not counted: a site's recurring short lines are as often the template of
# its stories ("Pros", "Key Points", "What We Like": subheads a gold body keeps) as its
# menus, which shape-based rules find. On the benchmarks' tuning pages every recurring line
# that a gold body holds had at most 5 words, and none of the 179 with 6 or more did
# (bench/learned_lines.py).
MIN_LINE_WORDS = 6
# Longer paragraphs are not counted: boilerplate is rarely this long, and a story paragraph
# quoted again in a follow-up would cost the most if it were ever mistaken for cruft.
MAX_LINE_CHARS = 1000
# A body never loses more than this share of its words to learned lines, nor falls below
# the words an article needs: it keeps them all and says so (`KEPT_WARNING`).
MAX_CUT_SHARE = 0.5
MIN_WORDS_LEFT = 15

_LETTER = re.compile(r"[^\W\d_]")
# Mirrors warehouse/sql/learning_scope.sql: change both together (a test holds them equal).
_HOST = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://(?:[^/?#@]*@)?([^/?#:]+)")
_FOLDER = re.compile(r"^(.*/)")
# A host is lowered in its ASCII letters only, as `learning_scope.sql` does: Python and DuckDB
# lower other letters differently ('İ' is 'i' and a combining dot here, 'i' there).
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
# Between two words of a line: spaces, or one line break (a hard-wrapped paragraph), never a
# blank line (that would join the ends of two paragraphs). Matched in folded text, where
# every line break is LF.
_BLANK = r"[^\S\n]"
_GAP = rf"(?:{_BLANK}+\n?{_BLANK}*|\n{_BLANK}*)"


@quick_state
@dataclass(frozen=True, slots=True)
class LearnedRemoval(Removal):
    """A learned line cut from a body, with the evidence that made it known (the
    `boilerplate` table's `evidence` column; removals of named rules need none)."""

    evidence: str


@dataclass(frozen=True, slots=True)
class LearnedLine:
    """A line known as boilerplate of `scope`: seen in `stories` of its `scope_stories`."""

    scope: str
    line: str
    stories: int
    scope_stories: int

    @property
    def evidence(self) -> str:
        return f"seen in {self.stories} of {self.scope_stories} stories of {self.scope}"


def learning_scope(url: str | None, site: str | None, source_uri: str) -> str:
    """Where an article's lines are counted: its URL's host (its ASCII letters lowered,
    without `www.`), else its site
    name, else the folder of its input (scrapers keep one site's files together)."""
    host = _HOST.match(url or "")
    name = host.group(1).translate(_ASCII_LOWER).removeprefix("www.") if host else ""
    if name:
        return name
    if site:
        return site
    folder = _FOLDER.match(source_uri.split("#", 1)[0])
    return folder.group(1) if folder else ""


def countable_lines(paragraphs: Iterable[str], min_words: int = MIN_LINE_WORDS) -> frozenset[str]:
    """The distinct paragraphs that may be counted: sentence-sized, not too long, with a
    letter in them (a row of numbers says nothing about a site)."""
    return frozenset(
        line
        for line in paragraphs
        if len(line) <= MAX_LINE_CHARS and _LETTER.search(line) and _has_words(line, min_words)
    )


def _has_words(line: str, count: int) -> bool:
    """`count_words(line) >= count`, stopping at the `count`-th word: most paragraphs are
    long story paragraphs, and counting all their words cost most of the counting's time."""
    if CJK.search(line):
        return count_words(line) >= count
    return next(islice(WORD.finditer(line), count - 1, None), None) is not None


def cut_learned(article: Article, text: str, known: Mapping[str, LearnedLine]) -> Article:
    """Cut the paragraphs that are known lines, each recorded as a removal from `text` (what
    the article's removal offsets index) with its evidence.

    A line is cut only where each of its paragraphs is found as whole lines of `text`, outside
    what was removed already; a body that would lose most of itself keeps every line. Either
    way a known line left in the body is flagged with `KEPT_WARNING`.
    """
    wanted = Counter(line for line in article.paragraphs if line in known)
    if not wanted:
        return article
    removals: list[Removal] = []
    cut: set[str] = set()
    for line, times in sorted(wanted.items()):
        spans = _free_spans(line, text, (*article.removals, *removals))
        if len(spans) == times:
            cut.add(line)
            removals.extend(
                LearnedRemoval(
                    RULE, KIND, "removed", start, end, text[start:end], known[line].evidence
                )
                for start, end in spans
            )
    paragraphs = tuple(line for line in article.paragraphs if line not in cut)
    if not cut or _too_much(article, paragraphs):
        return _flagged(article)
    trimmed = replace(
        article,
        paragraphs=paragraphs,
        removals=(*article.removals, *sorted(removals, key=lambda item: item.start)),
    )
    return _flagged(trimmed) if len(cut) < len(wanted) else trimmed


def _too_much(article: Article, paragraphs: tuple[str, ...]) -> bool:
    left = sum(count_words(line) for line in paragraphs)
    return left < MIN_WORDS_LEFT or left < article.word_count * (1 - MAX_CUT_SHARE)


def _flagged(article: Article) -> Article:
    if KEPT_WARNING in article.warnings:
        return article
    return replace(article, warnings=(*article.warnings, KEPT_WARNING))


def _free_spans(line: str, text: str, taken: Iterable[Removal]) -> list[tuple[int, int]]:
    """Where `line` fills whole lines of `text` (its words, any whitespace between them),
    outside the spans already removed. Matched on the folded text (same length as `text`),
    so any line ending works; the match must normalize back to the line itself."""
    words = fold_for_matching(line).split(" ")
    pattern = re.compile(rf"^{_BLANK}*({_GAP.join(map(re.escape, words))}){_BLANK}*$", re.MULTILINE)
    taken_spans = [(item.start, item.end) for item in taken]
    spans = []
    for match in pattern.finditer(fold_for_matching(text)):
        start, end = match.span(1)
        if any(start < stop and begin < end for begin, stop in taken_spans):
            continue
        if normalize_text(text[start:end]) == line:
            spans.append((start, end))
    return spans
