"""Fingerprints packed by a worker and unpacked for linking are the ones linking makes."""

from __future__ import annotations

import random

from newsnorm.transforms.handoff import (
    HandedFingerprints,
    body_fingerprint,
    pack,
    packed_body,
    unpack,
)
from newsnorm.transforms.stories import DEFAULT_SETTINGS, Fingerprint, StorySettings, band_keys

WORDS = ["council", "budget", "river", "school", "storm", "ferry", "market", "nurse", "tax"]


def _body(seed: int, words: int) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) + str(rng.randrange(40)) for _ in range(words))


def test_unpacked_fingerprints_equal_the_ones_made_from_the_body() -> None:
    bodies = {f"a{n}": _body(n, 30 + 60 * n) for n in range(6)} | {"short": "Too short."}
    made = {a: body_fingerprint(body, DEFAULT_SETTINGS) for a, body in bodies.items()}
    packed = [(a, packed_body(body, DEFAULT_SETTINGS)) for a, body in bodies.items()]
    assert packed == [(a, pack(found, DEFAULT_SETTINGS)) for a, found in made.items()]
    assert all(data is not None for _, data in packed)
    assert unpack([(a, data) for a, data in packed if data is not None], DEFAULT_SETTINGS) == made
    assert made["short"] is None
    assert sum(found is not None for found in made.values()) == 6


def test_band_keys_of_a_chunk_are_each_signatures_band_keys() -> None:
    rng = random.Random(7)
    for settings in (DEFAULT_SETTINGS, StorySettings(num_perm=12, band_rows=5)):
        signatures = [
            tuple(rng.randrange(2**32) for _ in range(settings.num_perm)) for _ in range(5)
        ]
        made = {
            str(n): Fingerprint(40, s, band_keys(s, settings.band_rows))
            for n, s in enumerate(signatures)
        }
        data = [(a, pack(found, settings)) for a, found in made.items()]
        assert unpack([(a, d) for a, d in data if d is not None], settings) == made


def test_a_value_past_32_bits_is_not_handed_over() -> None:
    found = Fingerprint(30, (2**32, *range(127)), ())
    assert pack(found, DEFAULT_SETTINGS) is None


def test_handed_fingerprints_are_taken_once_and_only_with_their_settings() -> None:
    handed = HandedFingerprints(DEFAULT_SETTINGS)
    found = body_fingerprint(_body(1, 200), DEFAULT_SETTINGS)
    handed.add("a", pack(found, DEFAULT_SETTINGS))
    handed.add("b", None)  # not made: nothing held
    assert len(handed) == 1
    assert handed.take(["a", "b"], StorySettings(shingle_words=4)) == {}
    assert handed.take(["a", "b"], DEFAULT_SETTINGS) == {"a": found}
    assert handed.take(["a"], DEFAULT_SETTINGS) == {}
    assert len(handed) == 0


def test_the_parent_holds_at_most_its_limit_and_links_the_rest_as_without_a_pool() -> None:
    handed = HandedFingerprints(DEFAULT_SETTINGS, limit=2)
    made = {a: body_fingerprint(_body(n, 120), DEFAULT_SETTINGS) for n, a in enumerate("abc")}
    for article_id, found in made.items():
        handed.add(article_id, pack(found, DEFAULT_SETTINGS))
    assert len(handed) == 2
    # The first ones handed over are kept; "c" is left for linking to fingerprint itself.
    assert handed.take(["a", "b", "c"], DEFAULT_SETTINGS) == {"a": made["a"], "b": made["b"]}
