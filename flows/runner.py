"""One ingest run as plain Python: lock, prepare, batch, record the run. The flow wraps it."""

from __future__ import annotations

import logging
import queue
import sys
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from typing import Any, Protocol

from newsnorm.flows.batch import BatchSettings, Counts, ingest_batch
from newsnorm.flows.progress import Progress
from newsnorm.flows.rows import RunStamp
from newsnorm.flows.sources import InputRef, batched, iter_inputs
from newsnorm.flows.stories import link_stories
from newsnorm.schemas.tables import RUNS
from newsnorm.schemas.validate import version_of
from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.jsonrecord import field_mapping
from newsnorm.transforms.stories import DEFAULT_SETTINGS as DEFAULT_STORY_SETTINGS
from newsnorm.transforms.stories import StorySettings
from newsnorm.warehouse.compact import DEFAULT_RETAIN_SECONDS, compact_connection, data_files
from newsnorm.warehouse.lake import Warehouse, open_warehouse, prepare_warehouse, write_init_file
from newsnorm.warehouse.lock import exclusive_writer
from newsnorm.warehouse.search import refresh_search_index, search_index_path
from newsnorm.warehouse.writer import abandon_running_runs, record_run

logger = logging.getLogger(__name__)

DEFAULT_WAREHOUSE = "warehouse/data"
DEFAULT_BATCH_FILES = 500
DEFAULT_BATCH_BYTES = 64 * 1024 * 1024
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_COMPACT_AFTER_FILES = 1000


@dataclass(frozen=True, slots=True)
class IngestSettings:
    warehouse: Warehouse
    batch_files: int = DEFAULT_BATCH_FILES
    batch_bytes: int = DEFAULT_BATCH_BYTES
    max_bytes: int = DEFAULT_MAX_BYTES
    strict: bool = False
    # JSON-lines field overrides: {"title": "headline"} looks for "headline" first.
    fields: Mapping[str, str] = field(default_factory=dict)
    # Read and hash every file again instead of trusting the manifest.
    rescan: bool = False
    # Follow symbolic links out of a source folder (else rejected as symlink_outside).
    follow_symlinks: bool = False
    # Draw a progress bar on stderr (the CLI sets it on a terminal, unless --quiet).
    progress: bool = False
    # Compact after the run once the warehouse holds more data files than this (0: never).
    compact_after_files: int = DEFAULT_COMPACT_AFTER_FILES
    # How new articles are linked to stories (thresholds: docs/stories.md).
    stories: StorySettings = DEFAULT_STORY_SETTINGS


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
    fields = field_mapping(settings.fields)  # an unknown target field fails here too
    warehouse = settings.warehouse
    with exclusive_writer(warehouse):
        stamp = RunStamp(run_id=str(uuid.uuid4()), at=datetime.now(UTC))
        counts = Counts()
        batches = 0
        with open_warehouse(warehouse, read_only=False) as connection:
            prepare_warehouse(connection)
            # We hold the writer lock, so a run still 'running' died without finishing.
            abandon_running_runs(connection)
            record_run(connection, _run_row(stamp, flow_run_id, counts, "running"))
        write_init_file(warehouse)
        batch_settings = BatchSettings(
            max_bytes=settings.max_bytes,
            strict=settings.strict,
            fields=fields,
            rescan=settings.rescan,
        )
        progress = Progress(
            _count_files(sources, settings) if settings.progress else 0,
            sys.stderr,
            enabled=settings.progress,
        )
        try:
            inputs = iter_inputs(
                sources, exclude=warehouse.root, follow_symlinks=settings.follow_symlinks
            )
            jobs = (
                BatchJob(refs, warehouse, stamp, batch_settings)
                for refs in batched(inputs, settings.batch_files, settings.batch_bytes)
            )

            def done(job: BatchJob, batch_counts: Counts) -> None:
                nonlocal batches
                counts.add(batch_counts)
                batches += 1
                progress.advance(len(job.refs), counts.ingested, counts.rejected)

            if concurrent is None:
                for job in jobs:
                    done(job, run_batch(job))
            else:
                run_concurrently(jobs, concurrent, done)
        except BaseException:
            progress.close()
            try:
                _finish(warehouse, _run_row(stamp, flow_run_id, counts, "failed"))
            except Exception:  # keep the original error; this one is secondary
                logger.exception("could not record run %s as failed", stamp.run_id)
            raise
        progress.close()
        link_stories(warehouse, stamp.run_id, settings.stories)
        _finish(warehouse, _run_row(stamp, flow_run_id, counts, "completed"))
        if settings.compact_after_files:
            _compact_if_needed(warehouse, settings.compact_after_files)
    _refresh_search(warehouse)
    return RunSummary(stamp.run_id, counts, batches)


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


def _finish(warehouse: Warehouse, row: dict[str, object]) -> None:
    with open_warehouse(warehouse, read_only=False) as connection:
        record_run(connection, row)


def _run_row(
    stamp: RunStamp, flow_run_id: str | None, counts: Counts, status: str
) -> dict[str, object]:
    return {
        "run_id": stamp.run_id,
        "flow_run_id": flow_run_id,
        "status": status,
        "started_at": stamp.at,
        "finished_at": None if status == "running" else datetime.now(UTC),
        "seen": counts.seen,
        "ingested": counts.ingested,
        "duplicate": counts.duplicate,
        "unchanged": counts.unchanged,
        "rejected": counts.rejected,
        "newsnorm_version": version("newsnorm"),
        "schema_version": version_of(RUNS),
        "skipped": counts.skipped,
        "kind": "ingest",
    }
