"""A linking chunk's candidate pairs are counted in numpy (`transforms.band_pairs`) from the
band-key rows it holds; they must be the pairs the SQL join over those rows found: the
same sample (each key's smallest holders), the same count of shared keys, the same ties."""

from __future__ import annotations

import random

import duckdb
import pyarrow as pa

from newsnorm.warehouse.story_bands import _RECORD
from newsnorm.warehouse.story_links import _SHARED, _sampled

# The query linking ran over the rows held for a chunk's keys and the chunk's own (the
# index is not read again): a key's `$bucket` smallest holders, each new article's
# `$per_article` partners sharing most keys.
RECORDED = (
    """
    with held as (
        select article_id, band_key from held_before
        union all
        select article_id, band_key from new_band_keys
    ),
    sampled as (
        select article_id, band_key from held
        where band_key in (select band_key from held group by band_key having count(*) > 1)
        qualify row_number() over (partition by band_key order by article_id) <= $bucket
    ),
"""
    + _SHARED
)


def _rows(rng: random.Random, articles: list[str], keys: int, count: int) -> pa.Table:
    """`count` (article, key) rows over few keys, so keys have many holders and pairs tie."""
    chosen = [(rng.choice(articles), rng.randrange(-keys, keys)) for _ in range(count)]
    return pa.table(
        {
            "band_key": pa.array([key for _, key in chosen], pa.int64()),
            "article_id": pa.array([a for a, _ in chosen], pa.string()),
        }
    )


def _draw(rng: random.Random, draw: int) -> tuple[pa.Table, pa.Table]:
    """A random draw's rows held before a chunk (none on every ninth) and the chunk's own."""
    stored = [f"{rng.getrandbits(40):010x}" for _ in range(rng.randrange(1, 80))]
    chunk = [f"{rng.getrandbits(40):010x}" for _ in range(rng.randrange(1, 30))]
    keys = rng.choice([3, 20, 200])
    before = _rows(rng, stored, keys, rng.randrange(0, 400) if draw % 9 else 0)
    new = _rows(rng, chunk, keys, rng.randrange(1, 300)).select(["article_id", "band_key"])
    return before, new


def test_the_pairs_counted_in_numpy_are_the_sql_joins() -> None:
    rng = random.Random(11)
    connection = duckdb.connect()
    for draw in range(60):
        before, new = _draw(rng, draw)
        caps = (rng.randrange(1, 17), rng.randrange(1, 17))
        connection.register("held_before", before)
        connection.register("new_band_keys", new)
        expected = connection.execute(
            RECORDED, {"bucket": caps[0], "per_article": caps[1]}
        ).fetchall()
        found, _ = _sampled(before, new, caps)
        pairs = list(zip(found["a"].to_pylist(), found["b"].to_pylist(), strict=True))
        assert len(pairs) == len(set(pairs))
        assert sorted(pairs) == sorted(expected), draw
        assert all(a < b for a, b in pairs)


def test_the_rows_recorded_from_the_sort_are_the_index_querys() -> None:
    """The chunk's rows the band-key index records are ranked in numpy with its pairs; they
    must be the rows the recording's window query chose: each key's `HELD` smallest holders
    among the held and the chunk's rows, the chunk's only (a repeated chunk row counted twice)."""
    rng = random.Random(23)
    connection = duckdb.connect()
    ranked = _RECORD.split("\n", 2)[2]  # the query's select, without its insert
    counts = [0, 0]  # rows recorded, rows ranked away
    for draw in range(60):
        before, new = _draw(rng, draw)
        held = rng.randrange(1, 17)
        connection.register("held_before", before)
        connection.register("new_band_keys", new)
        expected = connection.execute(
            f"select band_key, article_id from ({ranked})",
            {"settings": "s", "version": 1, "held": held},
        ).fetchall()
        _, recorded = _sampled(before, new, (held, 4), held)
        rows = new.take(recorded)
        found = list(zip(rows["band_key"].to_pylist(), rows["article_id"].to_pylist(), strict=True))
        assert sorted(found) == sorted(expected), draw
        counts[0] += len(found)
        counts[1] += new.num_rows - len(found)
    assert min(counts) > 0  # the draws both record rows and rank some away
