"""Exact verification of story candidates on hashed shingles: what linking compares.

Verifying a candidate pair counts the shingles (word 5-grams) two bodies share. As sets of
joined strings (`stories.shingles`) that cost ~170 us a body to make (the joins and their
hashes were two thirds of it), ~25 us a pair to intersect, and ~70 KB a body to hold;
linking a dense chunk made ~1,500 of them. Here each shingle is one 64-bit number, mixed
from its words' hashes, and a body's shingles are a sorted array of unique numbers: ~100 us
to make, ~6 us a pair to intersect, 8 bytes a shingle.

The counts are those of the string sets unless two different shingles meet on one number.
The mix is a polynomial of the words' hashes, not a cryptographic hash: two shingles that
swap two words meet when those words' salted hashes agree in their low 60-62 bits, and any
two others about 2^-64 a pair of shingles (~2^-46 a pair of ~500-shingle bodies). A test
holds the counts equal on generated bodies. The numbers come from Python's string hash,
which is salted per process: they are compared within one process only, never stored or
handed over.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from newsnorm.transforms.stories import (
    DEFAULT_SETTINGS,
    Similarity,
    similarity_of_counts,
    story_words,
)

# An odd 64-bit multiplier (the golden ratio's, `stories._GOLDEN`): a shingle is the
# polynomial of its words' hashes in it, wrapping at 2^64, then its high bits folded into
# the low ones (which spreads them, and adds nothing against collisions).
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
_FOLD = np.uint64(29)


def shingle_hashes(body: str, size: int = DEFAULT_SETTINGS.shingle_words) -> Any:
    """The body's shingles as a sorted array of unique uint64 numbers: one per distinct run
    of `size` words (`stories.shingles`' runs), one for a body shorter than that (its words
    joined, as `shingles` has it: never equal to a run of `size`), none for a body without
    words."""
    words = story_words(body)
    if len(words) < size:
        return _unique(np.array([hash(" ".join(words))] if words else [], np.int64))
    word_hashes = np.fromiter(map(hash, words), np.int64, len(words)).view(np.uint64)
    runs = len(words) - size + 1
    with np.errstate(over="ignore"):  # wrapping arithmetic is the point
        mixed = word_hashes[:runs] * _MULTIPLIER
        for offset in range(1, size):
            mixed = (mixed + word_hashes[offset : offset + runs]) * _MULTIPLIER
        mixed ^= mixed >> _FOLD
    return _unique(mixed)


def _unique(values: Any) -> Any:
    """Sorted unique values as uint64 (cheaper than np.unique's general path)."""
    ordered = np.sort(values.view(np.uint64))
    if len(ordered) < 2:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def overlap(a: Any, b: Any) -> Similarity:
    """`stories.similarity` of two bodies from their `shingle_hashes`: the same numbers,
    from the same arithmetic."""
    return similarity_of_counts(len(np.intersect1d(a, b, assume_unique=True)), len(a), len(b))
