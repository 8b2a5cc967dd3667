"""The band-key index story linking finds its candidates in: for each MinHash band key, its
smallest holders, so a chunk reads the rows of its own keys instead of unnesting and
ranking every stored fingerprint's 64 keys (which grew with the warehouse, chunk by chunk).

`story_band_holders` holds, for each (settings, band key), every article that was among the
key's `HELD` smallest holders when it was recorded. That includes the key's `HELD` smallest
holders today: an article among the smallest of all holders was among the smallest of those
before it. So the `HELD` smallest rows of a key are its `HELD` smallest holders, which is all
linking's sample asks (`bucket_cap` ≤ `HELD`). Linking adds rows, chunk by chunk; a holder
pushed out by a smaller one stays and is ranked away (a key gains ~HELD·ln(holders/HELD)
rows in all, since ids are hashes). Deleting fingerprints (`forget`, a fingerprint replaced
under new settings) rebuilds the rows of their keys from the fingerprints left; preparing a
catalog for this code rebuilds it whole (`rebuild_holders`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from newsnorm.schemas.tables import STORY_BAND_HOLDERS
from newsnorm.schemas.validate import version_of
from newsnorm.warehouse.writer import Connection, keys_relation

# Holders recorded per key: the largest `bucket_cap` the table can answer.
HELD = 16

_TABLE = "raw_story_band_holders"
_COLUMNS = "(settings, band_key, article_id, schema_version)"

# The rows the index holds for the keys of `{keys}` (a chunk's `new_band_keys`, or the keys
# of a chunk and the next one, `held_keys`), read once for them: the recording below and
# the candidate sample (`story_links.candidate_pairs`) both start from them, as a read of
# the index each cost a scan of every stored key's rows.
_HELD_BEFORE = f"""
    select band_key, article_id from {_TABLE}
    where settings = $settings and band_key in (select band_key from {{keys}})
"""
# The chunk's (article, key) rows in `new_band_keys` that rank among their key's HELD
# smallest holders, against the rows already held (`held_before`).
_RECORD = f"""
    insert into {_TABLE} {_COLUMNS}
    select $settings, band_key, article_id, $version from (
        select band_key, article_id, false as new from held_before
        union all
        select band_key, article_id, true as new from new_band_keys
    )
    qualify row_number() over (partition by band_key order by article_id) <= $held and new
"""
# Every fingerprint's keys, each key's HELD smallest holders: a warehouse's first fill, or
# (restricted to `rebuilt_keys`) the keys of deleted fingerprints.
_FILL = f"""
    insert into {_TABLE} {_COLUMNS}
    select settings, band_key, article_id, $version from (
        select settings, article_id, unnest(bands) as band_key from raw_story_fingerprints
        where bands is not null {{where}}
    ) {{join}}
    qualify row_number() over (partition by settings, band_key order by article_id) <= $held
"""


def rebuild_holders(connection: Connection) -> None:
    """The index made again from every stored fingerprint, when a catalog is prepared for
    this code (`warehouse.contract`): a warehouse that gains it, or one a run of other code
    wrote to (its links or forgets kept no index)."""
    connection.execute(f"delete from {_TABLE}")
    connection.execute(
        _FILL.format(where="", join=""),
        {"version": version_of(STORY_BAND_HOLDERS), "held": HELD},
    )


@dataclass(slots=True)
class HeldAhead:
    """The index rows of the keys of a linking pass's next chunk, read with the rows of this
    chunk's keys. Each read probes every stored key's rows (6.3 M at 100,000 diverse
    articles), whatever the number of keys asked, so one read serves two chunks.

    Kept with the chunk's own rows of those keys, recorded or not: nothing else writes the
    index while a pass links (a pass that deletes fingerprints keeps none of this), and a
    row the chunk did not record had HELD smaller holders, all kept, so it never ranks among
    a key's HELD smallest, in the next chunk's recording or its sample (`bucket_cap` ≤
    HELD): the next chunk finds what a read of the index would give it."""

    # The next chunk's keys, when its fingerprints are made (`expect`).
    ahead: pa.Array | None = None
    # Keys whose rows `rows` holds: every row the index holds for them, and maybe more.
    covered: pa.Array | None = None
    rows: pa.Table | None = None

    def expect(self, bands: Iterable[Iterable[int]] | None) -> None:
        """The next chunk's fingerprints' band keys (None: not made yet): the next read
        takes their rows too."""
        if bands is None:
            self.ahead = None
            return
        self.ahead = pc.unique(pa.array([key for keys in bands for key in keys], pa.int64()))

    def before(self, connection: Connection, settings: str, new: pa.Table) -> pa.Table:
        """The rows held for the keys of `new` (a chunk's article_id, band_key rows): the
        kept ones where the chunk before read them, else read with the next chunk's."""
        keys = pc.unique(new["band_key"])
        covered, rows = self.covered, self.rows
        self.covered = self.rows = None  # one chunk ahead: nothing more is asked of them
        if covered is not None and rows is not None and pc.all(pc.is_in(keys, covered)).as_py():
            return rows.filter(pc.is_in(rows["band_key"], keys))
        if self.ahead is None:
            return held_rows(connection, settings, keys)
        wanted = pc.unique(pa.concat_arrays([keys, self.ahead]))
        read = held_rows(connection, settings, wanted)
        ahead = new.filter(pc.is_in(new["band_key"], self.ahead))  # recorded or ranked away
        self.covered = self.ahead
        self.rows = pa.concat_tables(
            [
                read.filter(pc.is_in(read["band_key"], self.ahead)),
                ahead.select(read.column_names).cast(read.schema),
            ]
        )
        return read.filter(pc.is_in(read["band_key"], keys))


def held_rows(connection: Connection, settings: str, keys: pa.Array | None = None) -> pa.Table:
    """The rows (band_key, article_id) the index holds for these keys (None: the chunk's, in
    `new_band_keys`): one scan of it."""
    if keys is None:
        query = _HELD_BEFORE.format(keys="new_band_keys")
        return connection.execute(query, {"settings": settings}).to_arrow_table()
    connection.register("held_keys", pa.table({"band_key": keys}))
    try:
        query = _HELD_BEFORE.format(keys="held_keys")
        return connection.execute(query, {"settings": settings}).to_arrow_table()
    finally:
        connection.unregister("held_keys")


def record_holders(
    connection: Connection, settings: str, new: pa.Table, held: HeldAhead | None = None
) -> pa.Table:
    """Add a chunk's just-stored fingerprints `new` (article_id, band_key), which the
    caller registered as `new_band_keys`, to the index, in the caller's transaction.
    Returns the rows the index held for the chunk's keys before (band_key, article_id):
    with the chunk's own, every holder its candidate sample can name, so the index is read
    once a chunk (once every two chunks with `held`, which keeps the next chunk's)."""
    before = holders_before(connection, settings, new, held)
    connection.register("held_before", before)
    try:
        connection.execute(
            _RECORD,
            {"settings": settings, "version": version_of(STORY_BAND_HOLDERS), "held": HELD},
        )
    finally:
        connection.unregister("held_before")
    return before


def holders_before(
    connection: Connection, settings: str, new: pa.Table, held: HeldAhead | None = None
) -> pa.Table:
    """The rows (band_key, article_id) the index holds for the keys of `new` (registered as
    `new_band_keys`): kept by `held` from the chunk before, or read."""
    if held is not None:
        return held.before(connection, settings, new)
    return held_rows(connection, settings)


def insert_holders(connection: Connection, settings: str, rows: pa.Table) -> None:
    """Add these (article_id, band_key) rows to the index as they are, in the caller's
    transaction: a chunk's rows that rank among their key's HELD smallest holders, ranked
    by the caller (`story_links.candidate_pairs`) as `record_holders` ranks them."""
    if not rows.num_rows:
        return
    connection.register("recorded_holders", rows)
    try:
        connection.execute(
            f"insert into {_TABLE} {_COLUMNS} "
            "select $settings, band_key, article_id, $version from recorded_holders",
            {"settings": settings, "version": version_of(STORY_BAND_HOLDERS)},
        )
    finally:
        connection.unregister("recorded_holders")


@contextmanager
def holders_rebuilt(
    connection: Connection, article_ids: Iterable[str], other_than: str | None = None
) -> Iterator[None]:
    """Around deleting these articles' fingerprints (only those not made with `other_than`,
    when given): the keys they held are rebuilt from the fingerprints left afterwards."""
    wanted = sorted(article_ids)
    if not wanted:
        yield
        return
    skip = "and settings <> $other" if other_than is not None else ""
    params = {"other": other_than} if other_than is not None else {}
    with keys_relation(connection, "rebuilt_ids", wanted):
        keys = connection.execute(
            "select distinct settings, unnest(bands) as band_key from raw_story_fingerprints "
            f"where article_id in (select key from rebuilt_ids) and bands is not null {skip}",
            params,
        ).to_arrow_table()
    yield
    if not keys.num_rows:
        return
    connection.register("rebuilt_keys", keys)
    try:
        connection.execute(
            f"delete from {_TABLE} h using rebuilt_keys k "
            "where h.settings = k.settings and h.band_key = k.band_key"
        )
        connection.execute(
            _FILL.format(
                where="and settings in (select settings from rebuilt_keys)",
                join="semi join rebuilt_keys using (settings, band_key)",
            ),
            {"version": version_of(STORY_BAND_HOLDERS), "held": HELD},
        )
    finally:
        connection.unregister("rebuilt_keys")
