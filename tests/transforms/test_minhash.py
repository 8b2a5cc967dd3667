"""MinHash engines: rensa where its wheel is installed, datasketch otherwise. Their
signatures differ (each engine hashes its own way), so their fingerprints carry different
versions; their estimates must be equally good."""

from __future__ import annotations

import random
from dataclasses import replace
from statistics import mean

import pytest

from newsnorm.transforms.minhash import DATASKETCH, DEFAULT_ENGINE, ENGINES, RENSA, signature
from newsnorm.transforms.stories import DEFAULT_SETTINGS

needs_rensa = pytest.mark.skipif(RENSA is None, reason="rensa's wheel is not installed here")


def _pairs(count: int) -> list[tuple[frozenset[str], frozenset[str]]]:
    """Pairs of made-up shingle sets whose Jaccard spreads over 0 to 1."""
    rng = random.Random(3)
    pairs = []
    for index in range(count):
        shared = [f"s{index} {n}" for n in range(rng.randint(0, 400))]
        a = [f"a{index} {n}" for n in range(rng.randint(1, 300))]
        b = [f"b{index} {n}" for n in range(rng.randint(1, 300))]
        pairs.append((frozenset(shared + a), frozenset(shared + b)))
    return pairs


def _estimate(x: tuple[int, ...], y: tuple[int, ...]) -> float:
    return sum(p == q for p, q in zip(x, y, strict=True)) / len(x)


@needs_rensa
def test_rensa_estimates_jaccard_as_well_as_datasketch() -> None:
    errors: dict[str, list[float]] = {DATASKETCH: [], str(RENSA): []}
    for a, b in _pairs(150):
        exact = len(a & b) / len(a | b)
        for engine, found in errors.items():
            found.append(
                abs(_estimate(signature(a, 128, engine), signature(b, 128, engine)) - exact)
            )
    for found in errors.values():
        assert mean(found) < 0.04  # 128 permutations: ~0.03 expected
        assert max(found) < 0.2
    assert abs(mean(errors[DATASKETCH]) - mean(errors[str(RENSA)])) < 0.01


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_a_signature_depends_on_the_set_only(engine: str) -> None:
    words = frozenset(f"w{n} x y z" for n in range(50))
    first = signature(words, 128, engine)
    assert len(first) == 128
    assert signature(frozenset(sorted(words, reverse=True)), 128, engine) == first
    assert signature(words | {"one more"}, 128, engine) != first


@needs_rensa
def test_the_engines_sign_differently_so_their_fingerprints_never_meet() -> None:
    words = frozenset(f"w{n} x y z" for n in range(50))
    assert signature(words, 128, DATASKETCH) != signature(words, 128, str(RENSA))
    assert DEFAULT_ENGINE == RENSA
    assert replace(DEFAULT_SETTINGS, engine=DATASKETCH).version() == "w5-p128-r2"  # as before
    assert DEFAULT_SETTINGS.version() == f"w5-p128-r2-{RENSA}"


def test_an_engine_not_installed_is_said() -> None:
    with pytest.raises(ValueError, match="not installed"):
        signature(frozenset({"a b c d e"}), 128, "rensa999")
