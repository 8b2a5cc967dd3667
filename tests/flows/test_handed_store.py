"""The handed fingerprints' store: what linking takes back from the temporary file is what
the workers handed over, once, with its settings only; a file that cannot be written holds
nothing (linking then fingerprints the bodies itself)."""

from __future__ import annotations

import random
import tempfile

import pytest

from newsnorm.flows.engine import spill
from newsnorm.flows.stories.handed import HandedFingerprints
from newsnorm.transforms.handoff import body_fingerprint, pack
from newsnorm.transforms.stories import DEFAULT_SETTINGS, StorySettings

WORDS = ["council", "budget", "river", "school", "storm", "ferry", "market", "nurse", "tax"]


def _body(seed: int, words: int) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) + str(rng.randrange(40)) for _ in range(words))


def test_handed_fingerprints_are_taken_once_and_only_with_their_settings() -> None:
    store = HandedFingerprints(DEFAULT_SETTINGS)
    found = body_fingerprint(_body(1, 200), DEFAULT_SETTINGS)
    store.add("a", pack(found, DEFAULT_SETTINGS))
    store.add("b", None)  # not made: nothing held
    store.add("short", pack(None, DEFAULT_SETTINGS))  # too short to link: held as such
    assert len(store) == 2
    assert store.take(["a", "b"], StorySettings(shingle_words=4)) == {}
    assert store.take(["a", "b", "short"], DEFAULT_SETTINGS) == {"a": found, "short": None}
    assert store.take(["a", "short"], DEFAULT_SETTINGS) == {}
    assert len(store) == 0
    store.close()


def test_every_fingerprint_of_a_long_run_comes_back_from_the_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(spill, "WRITE_AT", 3_000)  # a write every few records
    store = HandedFingerprints(DEFAULT_SETTINGS)
    made = {f"{n:032x}": body_fingerprint(_body(n, 40 + n), DEFAULT_SETTINGS) for n in range(60)}
    for article_id, found in made.items():
        store.add(article_id, pack(found, DEFAULT_SETTINGS))
    ids = sorted(made, reverse=True)
    assert store.take(ids[:25], DEFAULT_SETTINGS) == {a: made[a] for a in ids[:25]}
    store.add("late", pack(made[ids[0]], DEFAULT_SETTINGS))  # added after a take
    assert store.take([*ids, "late", "unknown"], DEFAULT_SETTINGS) == {
        a: made[a] for a in ids[25:]
    } | {"late": made[ids[0]]}
    store.close()
    assert store.take(ids, DEFAULT_SETTINGS) == {}


def test_a_file_that_cannot_be_written_holds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "TemporaryFile", full)
    store = HandedFingerprints(DEFAULT_SETTINGS)
    found = body_fingerprint(_body(2, 200), DEFAULT_SETTINGS)
    store.add("a", pack(found, DEFAULT_SETTINGS))
    assert store.take(["a"], DEFAULT_SETTINGS) == {}
    store.add("b", pack(found, DEFAULT_SETTINGS))
    assert len(store) == 0
