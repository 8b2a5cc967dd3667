"""Fingerprints packed by a worker and unpacked for linking are the ones linking makes."""

from __future__ import annotations

import random

from newsnorm.transforms.handoff import body_fingerprint, pack, packed_body, unpack
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
