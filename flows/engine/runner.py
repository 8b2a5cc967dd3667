"""One ingest run as plain Python: lock, prepare, batch, record the run. The flow wraps it."""

from __future__ import annotations

import logging
import queue
import sys
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from newsnorm.flows.engine.batch import BatchSettings, Counts, ingest_batch
from newsnorm.flows.engine.learning import learn_boilerplate
from newsnorm.flows.engine.progress import Progress
from newsnorm.flows.engine.rows import RunStamp
from newsnorm.flows.engine.runs import finish_run, run_row
from newsnorm.flows.engine.settings import IngestSettings
from newsnorm.flows.engine.sources import InputRef, batched, iter_inputs
from newsnorm.flows.stories.linking import link_stories
from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.inputs import Reading
from newsnorm.warehouse.compact import DEFAULT_RETAIN_SECONDS, compact_connection, data_files
from newsnorm.warehouse.contract import prepare_warehouse
from newsnorm.warehouse.lake import Warehouse, open_warehouse
from newsnorm.warehouse.lock import exclusive_writer
from newsnorm.warehouse.search import refresh_search_index, search_index_path
from newsnorm.warehouse.shell import write_init_file
from newsnorm.warehouse.writer import abandon_running_runs, record_run

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BatchJob:
    """Everything one batch needs; small and picklable, so any task runner can take it."""

    refs: list[InputRef]
    warehouse: Warehouse
    stamp: RunStamp
    settings: BatchSettings


class BatchFuture(Protocol):
    """A batch submitted to a task runner: a Prefect future, or a concurrent.futures one."""

    def result(self) -> Counts: ...

    def add_done_callback(self, fn: Callable[[Any], None]) -> None: ...


@dataclass(frozen=True, slots=True)
class ConcurrentBatches:
    """Run batches concurrently: `submit` hands one to a task runner and returns at once.

    At most `in_flight` batches are submitted and not yet gathered, so memory stays bounded
    however long the listing; a few per worker keeps every worker busy between results.
    """

    submit: Callable[[BatchJob], BatchFuture]
    in_flight: int


@dataclass(frozen=True, slots=True)
class RunSummary:
    run_id: str
    counts: Counts
    batches: int

    def as_dict(self) -> dict[str, int | str]:
        return {
            "run_id": self.run_id,
            "seen": self.counts.seen,
            "ingested": self.counts.ingested,
            "duplicate": self.counts.duplicate,
            "unchanged": self.counts.unchanged,
            "rejected": self.counts.rejected,
            "skipped": self.counts.skipped,
            "batches": self.batches,
        }


def run_batch_job(job: BatchJob) -> Counts:
    """Run one batch in this process (adapters are loaded here, not shipped)."""
    return ingest_batch(job.refs, job.warehouse, job.stamp, load_adapters(), job.settings)


def execute_ingest(
    sources: Sequence[str],
    settings: IngestSettings,
    run_batch: Callable[[BatchJob], Counts] = run_batch_job,
    flow_run_id: str | None = None,
    concurrent: ConcurrentBatches | None = None,
) -> RunSummary:
    """Ingest every input under `sources`; `run_batch` lets a flow run batches as tasks,
    one after another, or `concurrent` submits them to a task runner (processes, Dask).

    Concurrent batches commit in the order they finish, each in its own transactions;
    `ingest_batch` checks under the catalog's write lock what other batches committed.
    """
    load_adapters()  # a broken plugin or a name clash fails before anything is written
    batch_settings = BatchSettings(
        max_bytes=settings.max_bytes,
        strict=settings.strict,
        reading=Reading.of(settings.fields, settings.timezone),  # a bad field or zone fails here
        rescan=settings.rescan,
    )
    warehouse = settings.warehouse
    with exclusive_writer(warehouse):
        stamp = RunStamp(str(uuid.uuid4()), datetime.now(UTC), tuple(sources), settings.described())
        counts = Counts()
        _start_run(warehouse, run_row(stamp, "ingest", "running", counts, flow_run_id=flow_run_id))
        try:
            jobs = (
                BatchJob(refs, warehouse, stamp, batch_settings)
                for refs in batched(
                    iter_inputs(sources, warehouse.root, settings.follow_symlinks),
                    settings.batch_files,
                    settings.batch_bytes,
                )
            )
            batches = _run_batches(
                jobs, counts, _progress(sources, settings), run_batch, concurrent
            )
        except BaseException:
            try:
                finish_run(
                    warehouse, run_row(stamp, "ingest", "failed", counts, flow_run_id=flow_run_id)
                )
            except Exception:  # keep the original error; this one is secondary
                logger.exception("could not record run %s as failed", stamp.run_id)
            raise
        link_stories(warehouse, stamp.run_id, settings.stories)
        learn_boilerplate(warehouse)  # copies are known once linked
        finish_run(
            warehouse, run_row(stamp, "ingest", "completed", counts, flow_run_id=flow_run_id)
        )
        if settings.compact_after_files:
            _compact_if_needed(warehouse, settings.compact_after_files)
    _refresh_search(warehouse)
    return RunSummary(stamp.run_id, counts, batches)


def _start_run(warehouse: Warehouse, row: dict[str, object]) -> None:
    """Prepare the warehouse and record the run as running (the writer lock is held)."""
    with open_warehouse(warehouse, read_only=False) as connection:
        prepare_warehouse(connection)
        # We hold the writer lock, so a run still 'running' died without finishing.
        abandon_running_runs(connection)
        record_run(connection, row)
    write_init_file(warehouse)


def _progress(sources: Sequence[str], settings: IngestSettings) -> Progress:
    total = _count_files(sources, settings) if settings.progress else 0
    return Progress(total, sys.stderr, enabled=settings.progress)


def _run_batches(
    jobs: Iterable[BatchJob],
    counts: Counts,
    progress: Progress,
    run_batch: Callable[[BatchJob], Counts],
    concurrent: ConcurrentBatches | None,
) -> int:
    """Run every batch, adding its counts to `counts` as it finishes; returns how many ran
    (the bar is closed whatever happens)."""
    batches = 0

    def done(job: BatchJob, batch_counts: Counts) -> None:
        nonlocal batches
        counts.add(batch_counts)
        batches += 1
        progress.advance(len(job.refs), counts.ingested, counts.rejected)

    try:
        if concurrent is None:
            for job in jobs:
                done(job, run_batch(job))
        else:
            run_concurrently(jobs, concurrent, done)
    finally:
        progress.close()
    return batches


def _refresh_search(warehouse: Warehouse) -> None:
    """Keep the search index current where one exists (`newsnorm search` builds it on first
    use, so warehouses nobody searches pay nothing). Outside the writer lock: it only
    reads the catalog. A failure is logged, never fails the run: the next search rebuilds."""
    if not search_index_path(warehouse).exists():
        return
    try:
        if refresh_search_index(warehouse):
            logger.info("search index of %s rebuilt", warehouse.root)
    except Exception:
        logger.exception("could not refresh the search index of %s", warehouse.root)


def run_concurrently(
    jobs: Iterable[BatchJob],
    concurrent: ConcurrentBatches,
    done: Callable[[BatchJob, Counts], None],
) -> None:
    """Submit `jobs` as the listing yields them, never more than `concurrent.in_flight` at
    once, and hand each result to `done` as it finishes (in completion order).

    When a batch fails no more are submitted; those in flight are still gathered (their
    commits count) and the first error is raised.
    """
    finished: queue.SimpleQueue[tuple[BatchJob, BatchFuture]] = queue.SimpleQueue()
    in_flight = 0
    errors: list[BaseException] = []

    def gather_one() -> None:
        nonlocal in_flight
        job, future = finished.get()
        in_flight -= 1
        try:
            batch_counts = future.result()
        except Exception as err:
            if errors:  # the first error is raised; later ones are logged
                logger.error("another batch failed too: %s: %s", type(err).__name__, err)
            errors.append(err)
            return
        done(job, batch_counts)

    def when_done(job: BatchJob, future: BatchFuture) -> Callable[[Any], None]:
        return lambda _: finished.put((job, future))

    for job in jobs:
        future = concurrent.submit(job)
        in_flight += 1
        future.add_done_callback(when_done(job, future))
        while in_flight >= max(concurrent.in_flight, 1) or (errors and in_flight):
            gather_one()
        if errors:
            break
    while in_flight:
        gather_one()
    if errors:
        raise errors[0]


def _count_files(sources: Sequence[str], settings: IngestSettings) -> int:
    """A listing pass for the progress bar's total (names only, no reading)."""
    root = settings.warehouse.root
    return sum(1 for _ in iter_inputs(sources, root, settings.follow_symlinks))


def _compact_if_needed(warehouse: Warehouse, threshold: int) -> None:
    """Every run adds Parquet files; past `threshold` merge them (the lock is held)."""
    with open_warehouse(warehouse, read_only=False) as connection:
        if data_files(connection) <= threshold:
            return
        result = compact_connection(connection, DEFAULT_RETAIN_SECONDS)
    logger.info(
        "compacted %s: %s -> %s data files", warehouse.root, result.files_before, result.files_after
    )
