"""The signatures a linking pass keeps from chunk to chunk: a dense story's chunks pair
mostly the stored articles a chunk before paired, and each read of a signature by id
decoded every fingerprint file. What the pass keeps must give the estimate a read gives,
to the last bit, and read only the signatures it does not hold."""

from __future__ import annotations

import random
from typing import Any

import duckdb
import pyarrow as pa
import pytest

import newsnorm.warehouse.story_signatures as story_signatures
from newsnorm.transforms.stories import Fingerprint
from newsnorm.warehouse.story_links import _estimated
from newsnorm.warehouse.story_signatures import KeptSignatures

ARTICLES = 60


@pytest.fixture
def stored() -> tuple[Any, dict[str, Fingerprint]]:
    """A connection whose fingerprints table holds ARTICLES invented signatures (sharing
    0-128 values with one base, so some pairs estimate high), and those fingerprints."""
    rng = random.Random(5)
    base = [rng.getrandbits(63) for _ in range(128)]
    prints = {}
    for n in range(ARTICLES):
        shared = rng.randrange(129)
        minhash = base[:shared] + [rng.getrandbits(63) for _ in range(128 - shared)]
        prints[f"a{n:03d}"] = Fingerprint(rng.randrange(1, 3000), tuple(minhash), ())
    connection = duckdb.connect()
    table = pa.table(
        {
            "article_id": list(prints),
            "minhash": pa.array([list(p.minhash) for p in prints.values()], pa.list_(pa.int64())),
            "shingle_count": pa.array([p.shingle_count for p in prints.values()], pa.int32()),
        }
    )
    connection.register("prints", table)
    connection.execute("create table raw_story_fingerprints as select * from prints")
    return connection, prints


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The ids of each read of stored signatures."""
    found: list[list[str]] = []
    reading = story_signatures.read_signatures

    def counted(connection: Any, wanted: list[str]) -> pa.Table:
        found.append(sorted(wanted))
        return reading(connection, wanted)

    monkeypatch.setattr(story_signatures, "read_signatures", counted)
    return found


def _pairs(ids: list[str]) -> pa.Table:
    pairs = sorted({(a, b) for a in ids for b in ids if a < b})
    return pa.table({"a": [a for a, _ in pairs], "b": [b for _, b in pairs]})


def test_kept_signatures_estimate_as_a_read_and_are_not_read_again(
    stored: tuple[Any, dict[str, Fingerprint]], reads: list[list[str]]
) -> None:
    """Chunk 1 (own a010-a019) pairs with a000-a004; chunk 2 (own a020-a029) with a000-a009:
    chunk 1 reads the stored five, chunk 2 only a005-a009 (its own and a000-a004 it has)."""
    connection, prints = stored
    kept = KeptSignatures()
    ids = list(prints)
    for own, others in ((ids[10:20], ids[0:5]), (ids[20:30], ids[0:10])):
        kept.chunk({a: prints[a] for a in own})
        table = _pairs(own + others)
        assert _estimated(connection, table, 0.3, kept) == _estimated(connection, table, 0.3)
    assert reads == [ids[0:5], ids[5:10]]


def test_past_the_budget_the_least_recently_paired_go(
    stored: tuple[Any, dict[str, Fingerprint]],
    reads: list[list[str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A budget of four signatures: after a chunk pairing a000-a003 and one pairing a004-a007
    (its own a006-a007 with the stored a004-a005), a000-a003 are gone and read again."""
    connection, prints = stored
    monkeypatch.setattr(story_signatures, "KEPT_BYTES", 4 * 128 * 8)
    kept, ids = KeptSignatures(), list(prints)
    kept.chunk({})
    _estimated(connection, _pairs(ids[0:4]), 0.0, kept)
    kept.chunk({a: prints[a] for a in ids[6:8]})
    _estimated(connection, _pairs(ids[4:8]), 0.0, kept)
    assert list(kept.kept) == [*ids[4:8]]
    kept.chunk({})
    _estimated(connection, _pairs(ids[0:6]), 0.0, kept)
    assert reads == [ids[0:4], ids[4:6], ids[0:4]]
