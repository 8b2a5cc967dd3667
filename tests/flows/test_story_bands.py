"""The band-key index linking reads its candidate sample from: each key's smallest holders,
kept right through incremental runs, `forget`, fingerprints made again under new settings,
and filled when an older warehouse gains it."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

import newsnorm.flows.stories.linking
import newsnorm.warehouse.story_bands
import newsnorm.warehouse.story_links
from newsnorm.flows.engine.forget import forget
from newsnorm.flows.engine.runner import execute_ingest
from newsnorm.flows.engine.settings import IngestSettings
from newsnorm.transforms.minhash import DATASKETCH, RENSA
from newsnorm.transforms.stories import StorySettings
from newsnorm.warehouse.contract import prepare_warehouse
from newsnorm.warehouse.lake import Warehouse, open_warehouse
from newsnorm.warehouse.story_links import candidate_pairs
from newsnorm.warehouse.transaction import transaction
from tests_support import SEED

Sql = Callable[..., list[tuple[Any, ...]]]
HELD = 3  # small, so twelve holders of one key overflow it
# Each key's HELD smallest holders, from the fingerprints and from the index.
TRUTH = """
    select settings, band_key, list(article_id order by article_id) from (
        select * from (
            select settings, article_id, unnest(bands) as band_key from raw_story_fingerprints
            where bands is not null
        ) qualify row_number() over (partition by settings, band_key order by article_id) <= 3
    ) group by all order by all
"""
INDEXED = """
    select settings, band_key, list(article_id order by article_id) from (
        select * from raw_story_band_holders
        qualify row_number() over (partition by settings, band_key order by article_id) <= 3
    ) group by all order by all
"""


def _copies(folder: Path, numbers: range) -> list[Path]:
    """The seed under headlines of its own, as when many sites run one story."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = SEED.read_text(encoding="utf-8").splitlines()
    paths = []
    for number in numbers:
        path = folder / f"copy{number:02d}.txt"
        path.write_text("\n".join([f"Ceasefire Talks, Day {number + 1}", *lines[1:]]) + "\n")
        paths.append(path)
    return paths


def _ingest(warehouse: Warehouse, paths: list[Path], settings: StorySettings) -> None:
    config = IngestSettings(warehouse=warehouse, strict=True, stories=settings)
    execute_ingest([str(path) for path in paths], config)


@pytest.fixture(autouse=True)
def _small_index(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(newsnorm.warehouse.story_bands, "HELD", HELD)
    monkeypatch.setattr(newsnorm.warehouse.story_links, "HELD", HELD)


def test_the_index_holds_each_keys_smallest_holders_through_runs_and_forget(
    tmp_path: Path, warehouse: Warehouse, sql: Sql
) -> None:
    """Copies arrive in three runs, then two are forgotten (one of them a key's smallest
    holder): each key's smallest holders in the index are those of the fingerprints, and
    it names no forgotten article."""
    bounded = StorySettings(bucket_cap=2, candidate_cap=3, spare_links=0)
    paths = _copies(tmp_path / "in", range(12))
    for part in (paths[5:9], paths[:5], paths[9:]):
        _ingest(warehouse, part, bounded)
    assert sql(INDEXED) == sql(TRUTH)
    assert len(sql("select distinct article_id from raw_story_band_holders")) >= HELD
    smallest = sql("select min(article_id) from raw_story_fingerprints")[0][0]
    uri = sql("select source_uri from articles where article_id = ?", smallest)[0][0]
    doomed = {next(path for path in paths if path.as_uri() == uri), paths[4]}
    forget(warehouse, [str(path) for path in doomed])
    assert sql(INDEXED) == sql(TRUTH)
    assert sql(
        "select count(*) from raw_story_band_holders where article_id not in "
        "(select article_id from raw_story_fingerprints)"
    ) == [(0,)]


def test_the_index_and_a_scan_of_every_key_give_the_same_candidates(
    tmp_path: Path, warehouse: Warehouse, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A `bucket_cap` above what the index holds is answered by unnesting every stored key:
    both ways give the same pairs for the same cap."""
    _ingest(warehouse, _copies(tmp_path / "in", range(12)), StorySettings())
    with open_warehouse(warehouse, read_only=False) as connection:
        keys = [
            (str(article), int(key))
            for article, bands in connection.execute(
                "select article_id, bands from raw_story_fingerprints"
            ).fetchall()
            for key in bands
        ]
        version = StorySettings().version()
        indexed = candidate_pairs(connection, keys, version, 0.25, (2, 5))
        monkeypatch.setattr(newsnorm.warehouse.story_links, "HELD", 1)
        scanned = candidate_pairs(connection, keys, version, 0.25, (2, 5))
    assert indexed == scanned
    assert len(indexed) >= 11


def test_a_recorded_chunk_finds_the_pairs_of_the_index_read_again_after_recording(
    tmp_path: Path, warehouse: Warehouse
) -> None:
    """A chunk's sample is ranked from the index rows read before its keys are recorded and
    its own: the pairs, and the index rows, are those of reading the index again after
    recording (HELD = 3 and a bucket of 2: recording pushes holders out of it)."""
    _ingest(warehouse, _copies(tmp_path / "in", range(12)), StorySettings())
    version = StorySettings().version()
    with open_warehouse(warehouse, read_only=False) as connection:
        stored = "select article_id, bands from raw_story_fingerprints order by article_id"
        chunk = connection.execute(stored).fetchall()[2:7]  # smaller and larger ids stored
        keys = [(str(article), int(key)) for article, bands in chunk for key in bands]
        connection.execute(  # the index as before the chunk was recorded
            "delete from raw_story_band_holders where article_id in (select unnest(?))",
            [[article for article, _ in chunk]],
        )
        found = []
        for recorded in (True, False):
            connection.execute("begin")
            if not recorded:  # record, then let the query read the index again
                new = pa.table(
                    {
                        "article_id": pa.array([a for a, _ in keys], pa.string()),
                        "band_key": pa.array([k for _, k in keys], pa.int64()),
                    }
                )
                connection.register("new_band_keys", new)
                newsnorm.warehouse.story_bands.record_holders(connection, version, new)
                connection.unregister("new_band_keys")
            pairs = candidate_pairs(connection, keys, version, 0.0, (2, 5), record=recorded)
            index = connection.execute("select * from raw_story_band_holders order by all")
            found.append((pairs, index.fetchall()))
            connection.execute("rollback")
    assert found[0] == found[1]
    assert len(found[0][0]) >= 5


@pytest.mark.parametrize(
    "before",
    [
        "drop table raw_story_band_holders",  # a warehouse from before the index
        # one that code without the index linked into and forgot from
        "delete from raw_story_band_holders where band_key % 2 = 0; "
        "insert into raw_story_band_holders select settings, band_key, 'gone', 1 "
        "from raw_story_band_holders",
    ],
)
def test_preparing_a_catalog_for_this_code_rebuilds_the_index_from_the_fingerprints(
    tmp_path: Path, warehouse: Warehouse, sql: Sql, before: str
) -> None:
    _ingest(warehouse, _copies(tmp_path / "in", range(6)), StorySettings())
    with open_warehouse(warehouse, read_only=False) as connection:
        with transaction(connection):
            connection.execute(before)
            connection.execute("comment on view learned_boilerplate is null")  # other code's
        prepare_warehouse(connection)
    assert sql(INDEXED) == sql(TRUTH) != []


@pytest.mark.skipif(RENSA is None, reason="rensa's wheel is not installed here")
def test_fingerprints_made_again_under_new_settings_leave_the_old_keys_right(
    tmp_path: Path, warehouse: Warehouse, sql: Sql
) -> None:
    paths = _copies(tmp_path / "in", range(8))
    _ingest(warehouse, paths[:6], StorySettings(engine=DATASKETCH))
    _ingest(warehouse, paths[6:], StorySettings())  # the first six are fingerprinted again
    assert len(sql("select distinct settings from raw_story_band_holders")) == 1
    assert sql(INDEXED) == sql(TRUTH) != []


# The story tables, less run ids and clock times.
STORY_TABLES = (
    "select * exclude (run_id) from raw_story_fingerprints order by all",
    "select * exclude (run_id) from raw_story_links order by all",
    "select * exclude (run_id, assigned_at) from raw_story_members order by all",
    "select * exclude (run_id, chosen_at) from raw_story_originals order by all",
    "select * from raw_story_band_holders order by all",
)


class _Inline(ThreadPoolExecutor):
    """Makes each chunk's fingerprints when asked: the next chunk's are always ready."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        done: Future[Any] = Future()
        done.set_result(fn(*args, **kwargs))
        return done


def _linked_in_pairs(
    tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch, ahead: bool
) -> tuple[list[list[tuple[Any, ...]]], int]:
    """Twelve copies linked two a chunk (HELD = 3: holders pushed out as chunks come), each
    chunk's index rows read with the next chunk's when `ahead`: the story tables and the
    number of the index's reads."""
    reads = []
    read = newsnorm.warehouse.story_bands.held_rows
    linking = newsnorm.flows.stories.linking
    link = linking.link_new_articles
    with monkeypatch.context() as patched:
        patched.setattr(linking, "ThreadPoolExecutor", _Inline)
        patched.setattr(linking, "link_new_articles", partial(link, chunk=2))
        patched.setattr(
            newsnorm.warehouse.story_bands,
            "held_rows",
            lambda *args: reads.append(args) or read(*args),
        )
        if not ahead:
            patched.setattr(linking, "HeldAhead", lambda: None)
        warehouse = Warehouse.at(tmp_path / name)
        bounded = StorySettings(bucket_cap=2, candidate_cap=3, spare_links=0)
        _ingest(warehouse, _copies(tmp_path / "in", range(12)), bounded)
    with open_warehouse(warehouse, read_only=True) as connection:
        return [connection.execute(query).fetchall() for query in STORY_TABLES], len(reads)


def test_a_chunk_reads_the_index_rows_of_the_next_chunks_keys_with_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every read of the index scans every stored key's rows, so a chunk reads the next
    chunk's keys' rows with its own and adds the rows it records: six chunks read the
    index three times, and every story table is the one of a read a chunk."""
    each, reads_each = _linked_in_pairs(tmp_path, "each", monkeypatch, ahead=False)
    paired, reads_paired = _linked_in_pairs(tmp_path, "paired", monkeypatch, ahead=True)
    assert (reads_each, reads_paired) == (6, 3)
    assert paired == each
    assert len(each[1]) >= 11  # links
    assert len(each[4]) > HELD * len({row[1] for row in each[4]})  # holders pushed out
