"""Which paragraphs of a story's original a copy dropped, and which it added.

Copies of one story are compared paragraph by paragraph on normalized text (Unicode
compatibility forms, curly quotes and dashes folded, case folded, whitespace collapsed),
so a site's typography alone is not reported as a difference; what is left is what an
analyst asks about: the excerpt that stops half-way, the paragraph a site cut or added.
Pure: no I/O.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsnorm.transforms.text import fold_for_matching

# Invisible characters a CMS inserts inside words; they go before folding, which would make
# them spaces. A quote form the shared fold table does not know yet.
_INVISIBLE = str.maketrans({"\u00ad": None, "\u200b": None, "\u201f": '"'})


def normalize_paragraph(text: str) -> str:
    """The comparison key of a paragraph: equal keys are the same paragraph however typeset
    (quotes, dashes and odd spaces folded as the cleaning rules see them)."""
    nfkc = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    return " ".join(fold_for_matching(nfkc).casefold().split())


@dataclass(frozen=True, slots=True)
class ParagraphDiff:
    """`missing`: the original's paragraphs the copy lacks, in the original's order;
    `added`: the copy's paragraphs the original lacks, in the copy's order; `shared`: how
    many paragraphs both have. Paragraphs are the texts as given, not their keys."""

    missing: tuple[str, ...]
    added: tuple[str, ...]
    shared: int

    @property
    def identical(self) -> bool:
        return not self.missing and not self.added


def diff_paragraphs(original: Sequence[str], copy: Sequence[str]) -> ParagraphDiff:
    """Compare two paragraph lists as multisets of normalized text: a paragraph printed
    twice in the original and once in the copy is missing once. Order is ignored (a copy
    that moved a paragraph has neither dropped nor added one); blank paragraphs are
    ignored."""
    copy_keys = Counter(key for key in map(normalize_paragraph, copy) if key)
    original_keys = Counter(key for key in map(normalize_paragraph, original) if key)
    missing = _unmatched(original, copy_keys)
    added = _unmatched(copy, original_keys)
    shared = sum((original_keys & copy_keys).values())
    return ParagraphDiff(missing=missing, added=added, shared=shared)


def _unmatched(paragraphs: Sequence[str], other: Counter[str]) -> tuple[str, ...]:
    """The paragraphs left over once each one is matched against one unused equal key."""
    available = Counter(other)
    left: list[str] = []
    for paragraph in paragraphs:
        key = normalize_paragraph(paragraph)
        if not key:
            continue
        if available[key] > 0:
            available[key] -= 1
        else:
            left.append(paragraph)
    return tuple(left)


def shorten(text: str, limit: int = 80) -> str:
    """One line of at most `limit` characters, with `…` when cut: for a terminal."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
