"""Hashed shingles give story verification the numbers of the string shingle sets."""

from __future__ import annotations

import random

import numpy as np

from newsnorm.transforms.overlap import overlap, shingle_hashes
from newsnorm.transforms.stories import shingles, similarity

# Invented words, with what NFKC and case folding must join (a ligature, full-width letters,
# capitals, a sharp s) and punctuation that separates words.
_WORDS = (
    "harbour", "council", "Velmora", "ﬁsheries", "\uff36\uff2f\uff34\uff25", "vote", "Straße",
    "strasse", "quarry", "lantern", "tuesday", "Tuesday", "42", "budget", "ferry", "orchard",
    "mayor", "inlet", "gravel", "permit", "the", "a", "of", "said", "and",
)  # fmt: skip
_GLUE = (" ", " ", " ", ", ", ". ", " — ", "\n", "  ", " (", ") ")


def _body(rng: random.Random, words: int) -> str:
    return "".join(rng.choice(_WORDS) + rng.choice(_GLUE) for _ in range(words))


def _pairs(rng: random.Random) -> list[tuple[str, str]]:
    """Unrelated bodies, copies with edits, excerpts, and bodies of 0 to 6 words."""
    pairs = []
    for _ in range(300):
        a = _body(rng, rng.randint(0, 400))
        kind = rng.randrange(4)
        if kind == 0:
            b = _body(rng, rng.randint(0, 400))
        elif kind == 1:
            cut = rng.randint(0, len(a))
            b = a[:cut] + _body(rng, rng.randint(0, 30)) + a[cut:]
        elif kind == 2:
            b = a[: rng.randint(0, len(a))]
        else:
            b = _body(rng, rng.randint(0, 6))
        pairs.append((a, b))
    return pairs


def test_overlap_of_hashed_shingles_is_the_string_sets_similarity() -> None:
    """Counts, Jaccard and containment equal to the last bit, for every shingle size."""
    rng = random.Random(15)
    for a, b in _pairs(rng):
        for size in (1, 3, 5):
            assert overlap(shingle_hashes(a, size), shingle_hashes(b, size)) == similarity(
                shingles(a, size), shingles(b, size)
            ), (a[:60], b[:60], size)


def test_shingle_hashes_are_sorted_and_one_per_distinct_shingle() -> None:
    rng = random.Random(7)
    for a, _ in _pairs(rng)[:60]:
        found = shingle_hashes(a)
        assert found.dtype == np.uint64
        assert np.all(found[1:] > found[:-1])
        assert len(found) == len(shingles(a))
    assert len(shingle_hashes("")) == 0
    assert len(shingle_hashes("Lantern ferry")) == 1


def test_a_body_of_exactly_one_shingle_meets_the_longer_body_holding_it() -> None:
    """A body of `size` words is one run of `size` (not the shorter bodies' joined words),
    so a longer body holding those words shares it; one word fewer shares nothing."""
    five, four = "lantern ferry crossing at dawn", "lantern ferry crossing at"
    longer = "the lantern ferry crossing at dawn was late"
    assert overlap(shingle_hashes(five), shingle_hashes(longer)).shared == 1
    assert similarity(shingles(five), shingles(longer)).shared == 1
    assert overlap(shingle_hashes(four), shingle_hashes(longer)).shared == 0
