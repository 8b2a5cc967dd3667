"""A short run keeps the catalog attached between its opens, and lets it go when it must."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsnorm.flows.engine.forget import forget
from newsnorm.flows.engine.short_runs import SHORT_RUN_INPUTS, kept_while_short
from newsnorm.flows.engine.sources import InputRef
from newsnorm.transforms import pipeline
from newsnorm.warehouse import instance as process_db
from newsnorm.warehouse import kept_attach, lake
from newsnorm.warehouse.lake import Warehouse, keeping_attached_to, open_warehouse
from tests_support import SEED


def _attached_here() -> bool:
    """Whether this process's DuckDB instance has the warehouse catalog attached now."""
    with process_db.existing_instance() as instance:
        if instance is None:
            return False
        names = instance.execute("select database_name from duckdb_databases()").fetchall()
    return (lake.CATALOG_NAME,) in names


@pytest.fixture
def attaches(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the catalog's real attaches (an open that found it attached is not one)."""
    counted: list[int] = []
    real = lake.count_attach

    def counting() -> None:
        counted.append(1)
        real()

    monkeypatch.setattr(lake, "count_attach", counting)
    return counted


def test_opens_in_a_scope_attach_once_and_see_each_others_writes(
    ingest: Callable[..., Any], warehouse: Warehouse, attaches: list[int]
) -> None:
    ingest(SEED)
    attaches.clear()
    with keeping_attached_to(warehouse):
        with open_warehouse(warehouse, read_only=False) as connection:
            connection.execute("create table probe (x integer)")
            connection.execute("insert into probe values (1)")
        assert _attached_here()
        with open_warehouse(warehouse, read_only=True) as connection:
            assert connection.execute("select sum(x) from probe").fetchall() == [(1,)]
        with open_warehouse(warehouse, read_only=False) as connection:
            connection.execute("insert into probe values (2)")
    assert len(attaches) == 1
    assert not _attached_here()  # the scope's end lets it go
    with open_warehouse(warehouse, read_only=True) as connection:
        assert connection.execute("select sum(x) from probe").fetchall() == [(3,)]


def test_another_process_reads_once_the_scope_ends(
    ingest: Callable[..., Any], warehouse: Warehouse
) -> None:
    """The catalog is detached, and its writes flushed, when the scope ends."""
    ingest(SEED)
    with keeping_attached_to(warehouse), open_warehouse(warehouse, read_only=False) as connection:
        connection.execute("create table probe as select 7 as x")
    reader = (
        "from newsnorm.warehouse.lake import Warehouse, open_warehouse\n"
        f"with open_warehouse(Warehouse.at({str(warehouse.root)!r}), read_only=True,"
        " busy_timeout_s=0) as c:\n"
        "    print(c.execute('select x from probe').fetchall())\n"
    )
    done = subprocess.run([sys.executable, "-c", reader], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[(7,)]"


def test_a_hold_past_its_limit_is_let_go_for_good(
    ingest: Callable[..., Any],
    warehouse: Warehouse,
    attaches: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ingest(SEED)
    attaches.clear()
    monkeypatch.setattr(kept_attach, "MAX_HOLD_S", -1.0)  # every open has held too long
    with keeping_attached_to(warehouse) as kept:
        for _ in range(3):
            with open_warehouse(warehouse, read_only=True):
                pass
            assert not _attached_here()
        assert kept is not None
        assert kept.stopped
    assert len(attaches) == 3


def test_stop_lets_go_at_once_and_a_failed_open_detaches(
    ingest: Callable[..., Any], warehouse: Warehouse, attaches: list[int]
) -> None:
    ingest(SEED)
    attaches.clear()
    with keeping_attached_to(warehouse) as kept:
        assert kept is not None
        with pytest.raises(ZeroDivisionError), open_warehouse(warehouse, read_only=True):
            raise ZeroDivisionError
        assert not _attached_here()  # an open that raised may have left a statement half-done
        with open_warehouse(warehouse, read_only=True):
            pass
        assert _attached_here()
        kept.stop()
        assert not _attached_here()
        with open_warehouse(warehouse, read_only=True):
            pass
        assert not _attached_here()
    assert len(attaches) == 3


def test_an_open_of_another_warehouse_detaches_the_kept_one(
    ingest: Callable[..., Any], warehouse: Warehouse, tmp_path: Path
) -> None:
    ingest(SEED)
    other = Warehouse.at(tmp_path / "other")
    with keeping_attached_to(warehouse):
        with open_warehouse(warehouse, read_only=True):
            pass
        with open_warehouse(other, read_only=False) as connection:
            connection.execute("create table probe as select 1 as x")
        assert not _attached_here()
        with open_warehouse(warehouse, read_only=True) as connection:
            assert connection.execute("select count(*) from articles").fetchall() == [(1,)]


def test_a_one_file_ingest_attaches_the_catalog_at_most_twice(
    ingest: Callable[..., Any], attaches: list[int]
) -> None:
    """Eight opens (start, lookups, commit, linking, learning, the run's row, compaction);
    the catalog is created and attached once, and the search refresh outside the lock."""
    ingest(SEED)
    assert len(attaches) <= 2
    assert not _attached_here()


def test_forget_attaches_the_catalog_once_for_its_steps(
    ingest: Callable[..., Any], warehouse: Warehouse, attaches: list[int]
) -> None:
    """Its lookup and run row, the removal's transaction, its finished row."""
    ingest(SEED)
    attaches.clear()
    outcome = forget(warehouse, [str(SEED)])
    assert outcome.inputs == 1
    assert len(attaches) == 1
    assert not _attached_here()


def test_a_small_file_of_many_records_lets_the_catalog_go_before_their_transforms(
    ingest: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file's size says nothing of how many inputs it holds (rev35: a 490 KiB .jsonl.gz of
    4,400 records kept readers waiting ~10 s): a chunk past the bounds lets the catalog go."""
    attached_while_transforming: list[bool] = []
    real = pipeline.process_input

    def watching(*args: Any, **kwargs: Any) -> Any:
        attached_while_transforming.append(_attached_here())
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "process_input", watching)
    sentence = "The harbour board met on Tuesday and agreed a plan for the new ferry pier."
    records = [
        {"title": f"Pier notice {n}", "body": f"{sentence} Notice {n} of the series."}
        for n in range(SHORT_RUN_INPUTS + 8)
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(record) for record in records) + "\n", "utf-8")
    assert feed.stat().st_size < 16_000  # small by its size: only its records make it long
    ingest(feed)
    assert attached_while_transforming
    assert not any(attached_while_transforming)
    attached_while_transforming.clear()
    ingest(SEED)  # one short file: kept, so the check above sees what it claims
    assert attached_while_transforming == [True]


class _Kept:
    def __init__(self) -> None:
        self.stops = 0

    def stop(self) -> None:
        self.stops += 1


def _refs(count: int, size: int = 100) -> list[InputRef]:
    return [InputRef(f"file:///{n}.txt", f"/{n}.txt", size) for n in range(count)]


@pytest.mark.parametrize(
    ("batches", "stops_before"),
    [
        ([_refs(3)], None),  # one small batch: kept to the end
        ([_refs(3), _refs(3)], 1),  # a second batch: let go before it
        ([_refs(SHORT_RUN_INPUTS + 1)], 0),  # too many inputs
        ([_refs(1, size=10_000_000)], 0),  # too many bytes
    ],
)
def test_a_run_keeps_the_catalog_while_it_is_short(
    batches: list[list[InputRef]], stops_before: int | None
) -> None:
    kept = _Kept()
    for number, _ in enumerate(kept_while_short(batches, kept)):  # type: ignore[arg-type]
        expected = 1 if stops_before is not None and number >= stops_before else 0
        assert kept.stops == expected
    assert kept.stops == (0 if stops_before is None else 1)
