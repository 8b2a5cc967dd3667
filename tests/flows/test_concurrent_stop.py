"""Ctrl-C during a run whose batches go to a task runner (`--runner process|dask`): no batch
is submitted after it, those in flight finish and are counted, and the run is cancelled.

Only batches run here checked the stop (between inputs); the concurrent loop submitted every
batch of the listing regardless, so a Ctrl-C waited for the whole ingest (6,000 files: 17 s,
all of them ingested, on the 2-core machine) and a 100,000-file run would not stop at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest

from newsnorm.flows.engine.concurrent import ConcurrentBatches
from newsnorm.flows.engine.counts import Counts
from newsnorm.flows.engine.runner import BatchJob, RunCancelled, execute_ingest, run_batch_job
from newsnorm.flows.engine.settings import IngestSettings
from newsnorm.flows.engine.stopping import STOP
from newsnorm.warehouse.lake import Warehouse

WORDS = ("harbour", "ferry", "lantern", "orchard", "quarry", "meadow", "granary", "tannery")


def _bulletins(tmp_path: Path, count: int) -> Path:
    """A folder of `count` invented bulletins, each a different mix of the words."""
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(count):
        words = " ".join(WORDS[(n * 5 + i * 3) % len(WORDS)] for i in range(50))
        (folder / f"{n:02d}.txt").write_text(f"Invented bulletin {n} from Oskby\n\n{words}.\n")
    return folder


@pytest.fixture(autouse=True)
def _no_stop_left() -> Iterator[None]:
    yield
    STOP.clear()


def test_ctrl_c_stops_submitting_concurrent_batches_and_counts_those_in_flight(
    warehouse: Warehouse, sql: Callable[..., list[tuple[Any, ...]]], tmp_path: Path
) -> None:
    folder = _bulletins(tmp_path, 12)
    submitted: list[BatchJob] = []

    def submit(job: BatchJob) -> Future[Counts]:
        """A task runner that runs each batch at once; Ctrl-C comes after the second."""
        submitted.append(job)
        future: Future[Counts] = Future()
        future.set_result(run_batch_job(job))
        if len(submitted) == 2:
            STOP.request("Ctrl-C")
        return future

    settings = IngestSettings(warehouse=warehouse, batch_files=2, strict=True)
    with pytest.raises(RunCancelled) as stopped:
        execute_ingest([str(folder)], settings, concurrent=ConcurrentBatches(submit, 2))
    assert len(submitted) == 2  # of 6 batches
    assert stopped.value.summary.counts.ingested == 4
    assert sql("select status, ingested from runs") == [("cancelled", 4)]
    assert sql("select count(*) from articles") == [(4,)]


def test_a_workers_keyboard_interrupt_still_counts_the_batches_in_flight(
    warehouse: Warehouse, sql: Callable[..., list[tuple[Any, ...]]], tmp_path: Path
) -> None:
    # It escaped the gathering at once: a batch in flight committed uncounted.
    folder = _bulletins(tmp_path, 4)
    submitted: list[BatchJob] = []

    def submit(job: BatchJob) -> Future[Counts]:
        """The first batch's worker took a Ctrl-C; the second commits."""
        submitted.append(job)
        future: Future[Counts] = Future()
        if len(submitted) == 1:
            future.set_exception(KeyboardInterrupt())
        else:
            future.set_result(run_batch_job(job))
        return future

    settings = IngestSettings(warehouse=warehouse, batch_files=2, strict=True)
    with pytest.raises(RunCancelled) as stopped:
        execute_ingest([str(folder)], settings, concurrent=ConcurrentBatches(submit, 2))
    assert stopped.value.summary.counts.ingested == 2
    assert sql("select status, ingested from runs") == [("cancelled", 2)]
    assert sql("select count(*) from articles") == [(2,)]
