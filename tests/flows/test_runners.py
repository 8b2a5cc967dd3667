"""Batches on other task runners: the same tables as the default, and concurrent commits that
never store an article or a piece of boilerplate twice."""

from __future__ import annotations

import fcntl
import logging
import shutil
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import newsnorm.flows.engine.processing
import newsnorm.flows.orchestration.ingest_flow as ingest_flow
from newsnorm.flows.cli import EXIT_OK, main
from newsnorm.flows.engine.batch import ingest_batch
from newsnorm.flows.engine.concurrent import ConcurrentBatches
from newsnorm.flows.engine.counts import Counts
from newsnorm.flows.engine.processing import BatchSettings
from newsnorm.flows.engine.rows import RunStamp
from newsnorm.flows.engine.runner import BatchJob, execute_ingest, run_batch_job
from newsnorm.flows.engine.settings import IngestSettings
from newsnorm.flows.engine.sources import iter_inputs
from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.warehouse.contract import prepare_warehouse
from newsnorm.warehouse.lake import Warehouse, open_warehouse
from newsnorm.warehouse.lock import LOCK_FILE
from tests_support import SEED_TEXT

# Columns that differ between two runs of the same corpus by design.
RUN_COLUMNS = {
    "articles": "run_id, ingested_at",
    "boilerplate": "run_id",
    "inputs": "run_id, first_seen_at",
}


def story(number: int) -> str:
    """The seed page (with all its boilerplate) under another headline: another article."""
    title, rest = SEED_TEXT.split("\n", 1)
    return f"Story {number}: {title}\n{rest}"


def write_corpus(folder: Path, stories: int) -> None:
    """`stories` articles, a junk file, and byte-identical copies landing in other batches."""
    folder.mkdir(parents=True)
    for number in range(stories):
        (folder / f"{number:03d}.txt").write_text(story(number), encoding="utf-8")
    (folder / "005_junk.txt").write_bytes(b"")
    copied = [number for number in (1, 6, 13) if number + 7 < stories]
    for number in copied:  # copies sort after their originals, in later batches
        shutil.copy(folder / f"{number:03d}.txt", folder / f"{number + 7:03d}_copy.txt")


def test_a_batch_committed_meanwhile_is_seen_under_the_write_lock(
    warehouse: Warehouse, sql: Callable[..., list[tuple[Any, ...]]], tmp_path: Path
) -> None:
    """The race concurrent runners create, made deterministic: batch B commits while batch A
    processes (A holds no lock then). A copy of B's article must become A's duplicate, an
    input B stored must not be stored again, and no boilerplate is recorded twice."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_copy.txt").write_text(story(1), encoding="utf-8")
    (folder / "b_original.txt").write_text(story(1), encoding="utf-8")
    (folder / "shared.txt").write_text(story(2), encoding="utf-8")
    refs = {ref.uri.rsplit("/", 1)[-1]: ref for ref in iter_inputs([str(folder)])}
    with open_warehouse(warehouse, read_only=False) as connection:
        prepare_warehouse(connection)
    stamp = RunStamp("run", datetime.now(UTC))
    adapters = load_adapters()
    settings = BatchSettings(max_bytes=1_000_000, strict=True)
    original = newsnorm.flows.engine.processing.process_input
    batch_b: list[Counts] = []
    started = threading.Event()

    def process_while_b_commits(*args: Any) -> Any:
        if not started.is_set():  # once, from inside batch A: B runs to its commit
            started.set()
            b_refs = [refs["b_original.txt"], refs["shared.txt"]]
            batch_b.append(ingest_batch(b_refs, warehouse, stamp, adapters, settings))
        return original(*args)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(newsnorm.flows.engine.processing, "process_input", process_while_b_commits)
        counts_a = ingest_batch(
            [refs["a_copy.txt"], refs["shared.txt"]], warehouse, stamp, adapters, settings
        )

    assert (batch_b[0].ingested, batch_b[0].duplicate) == (2, 0)
    assert (counts_a.ingested, counts_a.duplicate, counts_a.unchanged) == (0, 1, 1)
    assert sql("select count(*), count(distinct article_id) from raw_articles") == [(2, 2)]
    statuses = sql("select input_uri, status from raw_inputs order by input_uri")
    assert [(uri.rsplit("/", 1)[-1], status) for uri, status in statuses] == [
        ("a_copy.txt", "duplicate"),
        ("b_original.txt", "ingested"),
        ("shared.txt", "ingested"),
    ]
    # a_copy.txt has b_original.txt's content: its removals are already recorded.
    rows, distinct = sql(
        'select count(*), count(distinct (input_sha256, rule, "start", "end")) from boilerplate'
    )[0]
    assert rows == distinct > 0


def test_concurrent_batches_stay_bounded_and_a_failure_fails_the_run(
    warehouse: Warehouse, sql: Callable[..., list[tuple[Any, ...]]], tmp_path: Path
) -> None:
    """The submit/gather loop without Prefect: threads stand in for a task runner."""
    write_corpus(tmp_path / "in", 13)  # 15 inputs: 8 batches of at most 2
    lock = threading.Lock()
    running = peak = 0
    submitted: list[BatchJob] = []

    def tracked(job: BatchJob) -> Counts:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        try:
            if submitted.index(job) == 3:
                raise RuntimeError("batch 4 broke")
            return run_batch_job(job)
        finally:
            with lock:
                running -= 1

    with ThreadPoolExecutor(max_workers=4) as pool:

        def submit(job: BatchJob) -> Future[Counts]:
            submitted.append(job)
            return pool.submit(tracked, job)

        settings = IngestSettings(warehouse=warehouse, batch_files=2, strict=True)
        with pytest.raises(RuntimeError, match="batch 4 broke"):
            execute_ingest(
                [str(tmp_path / "in")], settings, concurrent=ConcurrentBatches(submit, 2)
            )

    assert peak <= 2
    assert len(submitted) < 8  # nothing is submitted once a batch failed
    [(status, seen)] = sql("select status, seen from runs")
    stored = sql("select count(*) from inputs")[0][0]
    # The batches gathered before and after the failure count, and only they.
    assert (status, seen) == ("failed", stored)
    assert stored == 2 * (len(submitted) - 1)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("runners") / "in"
    write_corpus(folder, 20)  # 23 inputs: 6 batches of at most 4
    return folder


@pytest.fixture(scope="module")
def baseline(corpus: Path, prefect_harness: None) -> dict[str, list[tuple[Any, ...]]]:
    """The default runner's tables for the corpus."""
    warehouse = Warehouse.at(corpus.parent / "thread")
    assert main(_ingest_args(corpus, warehouse, "thread")) == EXIT_OK
    return _tables(warehouse)


@pytest.mark.prefect
@pytest.mark.parametrize("runner", ["dask", "process"])
def test_other_runners_store_what_the_default_stores(
    runner: str,
    corpus: Path,
    baseline: dict[str, list[tuple[Any, ...]]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Identical tables, but for which of two copies in concurrent batches was stored first:
    the articles' source and the inputs' ingested/duplicate status are compared as sets.
    The harness's server is the shared one: its URL reaches workers through Prefect."""
    monkeypatch.setattr("newsnorm.flows.orchestration.task_runners.local_workers", lambda: 2)
    warehouse = Warehouse.at(corpus.parent / runner)
    capsys.readouterr()
    assert main(_ingest_args(corpus, warehouse, runner)) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("ingested 20, duplicate 2, unchanged 0, rejected 1 (seen 23;")
    assert _tables(warehouse) == baseline


def _ingest_args(corpus: Path, warehouse: Warehouse, runner: str) -> list[str]:
    return [
        "ingest",
        str(corpus),
        "--warehouse",
        str(warehouse.root),
        "--batch-size",
        "4",
        "--runner",
        runner,
        "--quiet",
    ]


def _tables(warehouse: Warehouse) -> dict[str, list[tuple[Any, ...]]]:
    tables: dict[str, list[tuple[Any, ...]]] = {}
    with open_warehouse(warehouse, read_only=True) as connection:
        for table, columns in RUN_COLUMNS.items():
            rows = connection.execute(f"select * exclude ({columns}) from {table}").fetchall()
            tables[table] = sorted(rows, key=repr)
        # Which copy of an article was stored first depends on which batch committed first.
        tables["articles"] = sorted(
            (_without(connection, "articles", row, "source_uri") for row in tables["articles"]),
            key=repr,
        )
        tables["inputs"] = sorted(
            (_without(connection, "inputs", row, "status") for row in tables["inputs"]), key=repr
        )
        tables["stored sources"] = connection.execute(
            "select a.article_id, count(*), bool_and(i.status = 'ingested') "
            "from articles a join inputs i on i.input_uri = a.source_uri "
            "and i.article_id = a.article_id group by all order by all"
        ).fetchall()
        tables["statuses"] = connection.execute(
            "select article_id, status, count(*) from inputs group by all order by all"
        ).fetchall()
    return tables


def _without(connection: Any, table: str, row: tuple[Any, ...], column: str) -> tuple[Any, ...]:
    names = [
        name
        for name, *_ in connection.execute(
            f"select * exclude ({RUN_COLUMNS[table]}) from {table} limit 0"
        ).description
    ]
    index = names.index(column)
    return row[:index] + row[index + 1 :]


def test_the_writer_lock_outlives_the_task_runner(
    warehouse: Warehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a second Ctrl-C the run's row is final while batches may still run in the
    workers: the writer lock was released before the task runner was torn down, so they could
    commit while another writer ran."""
    write_corpus(tmp_path / "in", 3)
    held_at_teardown: list[bool] = []

    class Runner:
        def submit(self, task: Any, parameters: dict[str, Any]) -> Future[Counts]:
            future: Future[Counts] = Future()
            future.set_result(run_batch_job(parameters["job"]))
            return future

    @contextmanager
    def task_runner(runner: str, address: str | None) -> Any:
        yield Runner(), 1
        with open(warehouse.root / LOCK_FILE, "a+") as handle:  # as the next writer would
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                held_at_teardown.append(True)
            else:
                held_at_teardown.append(False)
                fcntl.flock(handle, fcntl.LOCK_UN)

    monkeypatch.setattr(ingest_flow, "batch_task_runner", task_runner)
    monkeypatch.setattr(ingest_flow, "needs_shared_server", lambda runner: False)
    monkeypatch.setattr(ingest_flow, "get_run_logger", lambda: logging.getLogger("test"))
    settings = IngestSettings(warehouse=warehouse, strict=True)
    summary = ingest_flow._execute([str(tmp_path / "in")], settings, "process", None, None)
    assert summary.counts.ingested == 3
    assert held_at_teardown == [True]
