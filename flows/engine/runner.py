"""One ingest run as plain Python: lock, prepare, batch, record the run.

The `ingest-articles` flow wraps it (flows/orchestration/ingest_flow.py), and `newsnorm
ingest` without a Prefect API runs it directly. A stop requested between inputs (Ctrl-C:
flows/engine/stopping.py) ends the run as `cancelled`, its committed chunks kept; a step
after the commits that fails (flows/engine/followups.py) ends it as `partial`.
"""

from __future__ import annotations

import sys
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import nullcontext
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial

from newsnorm.flows.engine.batch import ChunkCarry, InputCallback, ingest_batch, manifest_states
from newsnorm.flows.engine.concurrent import ConcurrentBatches, run_concurrently
from newsnorm.flows.engine.counts import Counts
from newsnorm.flows.engine.followups import (
    StepFailure,
    StepResults,
    after_commits,
    compact,
    end_unfinished_run,
    record_steps,
    refresh_search,
)
from newsnorm.flows.engine.learning import KEPT_SCOPES
from newsnorm.flows.engine.manifest import set_aside
from newsnorm.flows.engine.processing import BatchSettings, Processor, process_here
from newsnorm.flows.engine.progress import Progress
from newsnorm.flows.engine.rows import RunStamp
from newsnorm.flows.engine.runs import finish_run, run_row
from newsnorm.flows.engine.settings import IngestSettings
from newsnorm.flows.engine.short_runs import kept_while_short
from newsnorm.flows.engine.sources import InputRef, batched, count_files, iter_inputs, with_next
from newsnorm.flows.engine.stopping import STOP, until_stopped
from newsnorm.flows.engine.taught import TAUGHT, TaughtLines
from newsnorm.flows.engine.workers import TransformPool
from newsnorm.flows.stories.handed import HandedFingerprints
from newsnorm.transforms.adapters.base import SourceAdapter
from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.inputs import Reading
from newsnorm.transforms.stories import StorySettings
from newsnorm.warehouse.contract import prepare_warehouse
from newsnorm.warehouse.lake import Warehouse, keeping_attached_to, open_warehouse, physical_table
from newsnorm.warehouse.learned import cut_scopes
from newsnorm.warehouse.lock import exclusive_writer
from newsnorm.warehouse.shell import write_init_file
from newsnorm.warehouse.writer import abandon_running_runs, record_run


@dataclass(frozen=True, slots=True)
class BatchJob:
    """Everything one batch needs; small and picklable, so any task runner can take it."""

    refs: list[InputRef]
    warehouse: Warehouse
    stamp: RunStamp
    settings: BatchSettings


@dataclass(frozen=True, slots=True)
class RunSummary:
    """A run's outcome: `status` completed, partial (`failures` says which steps failed
    after the commits) or cancelled."""

    run_id: str
    counts: Counts
    batches: int
    status: str = "completed"
    failures: tuple[StepFailure, ...] = ()

    def as_dict(self) -> dict[str, int | str]:
        """Plain values, as the flow returns them; `failed_steps` is one line per step."""
        return {
            "run_id": self.run_id,
            "status": self.status,
            "seen": self.counts.seen,
            "ingested": self.counts.ingested,
            "duplicate": self.counts.duplicate,
            "unchanged": self.counts.unchanged,
            "rejected": self.counts.rejected,
            "skipped": self.counts.skipped,
            "batches": self.batches,
            "failed_steps": "\n".join(failure.describe() for failure in self.failures),
        }


class RunCancelled(Exception):
    """The run stopped between inputs on request; it is recorded as `cancelled` and the
    chunks it committed are kept."""

    def __init__(self, summary: RunSummary) -> None:
        super().__init__(f"run {summary.run_id} cancelled")
        self.summary = summary


@dataclass(slots=True)
class _Tally:
    """What the run has committed so far, kept up to date as batches finish."""

    counts: Counts = field(default_factory=Counts)
    batches: int = 0
    # Files the manifest vouched for before batching (`_set_aside`): no batch read them.
    set_aside: int = 0
    # Story fingerprints the run's worker processes made, for linking (flows/engine/workers.py).
    handed: HandedFingerprints | None = None
    # The lines of the new articles batches run here wrote, for learning (flows/engine/taught.py).
    taught: TaughtLines | None = None
    # The scopes holding a cut line at the run's start (None: more than the workers are
    # sent): the workers pickle only those scopes' articles (flows/engine/workers.py).
    cut_scopes: frozenset[str] | None = None


# Told of every input done in this process; set while batches run here, one after another
# (a task runner's worker in another process has none).
_input_callback: ContextVar[InputCallback | None] = ContextVar("input_callback", default=None)
# How batches run here process their inputs: the run's pool of worker processes.
_processor: ContextVar[Processor] = ContextVar("processor", default=process_here)
# Where batches run here, one after another, keep their last chunk staged while the next
# batch is read (flows/engine/batch.py): the workers never wait for a commit.
_carry: ContextVar[ChunkCarry | None] = ContextVar("carry", default=None)
# The adapters the run loaded at its start, which batches run here share: loading them (the
# entry points scanned, every rule set built) cost ~35 ms a batch, most of an unchanged one.
_adapters: ContextVar[tuple[SourceAdapter, ...] | None] = ContextVar("adapters", default=None)


def run_batch_job(job: BatchJob) -> Counts:
    """Run one batch in this process (adapters are loaded here, not shipped, unless the run
    loaded them in this process)."""
    on_input = _input_callback.get()
    adapters = _adapters.get() or load_adapters()
    process = _processor.get()
    if on_input is None:
        return ingest_batch(
            job.refs, job.warehouse, job.stamp, adapters, job.settings, process=process
        )
    return ingest_batch(
        job.refs, job.warehouse, job.stamp, adapters, job.settings, on_input, process, _carry.get()
    )


def execute_ingest(
    sources: Sequence[str],
    settings: IngestSettings,
    run_batch: Callable[[BatchJob], Counts] = run_batch_job,
    flow_run_id: str | None = None,
    concurrent: ConcurrentBatches[BatchJob] | None = None,
    locked: bool = False,
) -> RunSummary:
    """Ingest every input under `sources`; `run_batch` lets a flow run batches as tasks,
    one after another, or `concurrent` submits them to a task runner (processes, Dask).

    Concurrent batches commit in the order they finish, each in its own transactions;
    `ingest_batch` checks under the catalog's write lock what other batches committed.
    Raises RunCancelled when a stop was requested (`stopping.STOP`) or on Ctrl-C, also in
    the steps after the batches (those not done are left pending for the next run). With
    `locked` the caller holds the writer lock (until its task runner is torn down)."""
    adapters = load_adapters()  # a broken plugin or a name clash fails before anything is written
    batch_settings = _batch_settings(settings, alone=concurrent is None)
    warehouse = settings.warehouse
    writer = nullcontext() if locked else exclusive_writer(warehouse, while_waiting=STOP.check)
    kept = keeping_attached_to(warehouse) if concurrent is None else nullcontext()
    with writer, kept as attached:
        stamp = RunStamp(str(uuid.uuid4()), datetime.now(UTC), tuple(sources), settings.described())
        tally, steps = _Tally(), StepResults()

        def row(status: str) -> dict[str, object]:
            return run_row(stamp, "ingest", status, tally.counts, flow_run_id=flow_run_id)

        manifest_kept, tally.cut_scopes = _start_run(warehouse, row("running"))
        try:
            grown = settings.grown_batch_files if concurrent is None else 0
            progress = _progress(sources, settings)
            vouching = manifest_kept and concurrent is None  # batches run here, one by one
            listed = _listed(sources, settings, batch_settings, vouching, tally, progress)
            batches = batched(listed, settings.batch_files, settings.batch_bytes, grown)
            jobs = (
                BatchJob(refs, warehouse, stamp, _one_chunk(batch_settings, refs, grown))
                for refs in kept_while_short(batches, attached)
            )
            loaded = _adapters.set(adapters)
            try:
                _run_batches(jobs, tally, progress, run_batch, concurrent, settings.stories)
            finally:
                _adapters.reset(loaded)
            # A second Ctrl-C in a step raises KeyboardInterrupt at once: cancelled too.
            _after_batches(warehouse, stamp.run_id, settings, tally, steps)
        except BaseException as err:
            _end_interrupted_run(warehouse, row, err, stamp.run_id, tally, steps)
            raise
        finish_run(warehouse, row(steps.status()))
        recorded = len(steps.failed)
        compact(warehouse, settings.compact_after_files, steps)
    refresh_search(warehouse, steps)
    if len(steps.failed) > recorded:
        finish_run(warehouse, row(steps.status()))  # its row said completed a moment ago
    record_steps(warehouse, stamp.run_id, steps.done, steps.failed)
    summary = RunSummary(stamp.run_id, tally.counts, tally.batches, steps.status(), steps.failures)
    if steps.cancelled:  # Ctrl-C after the batches: the steps left are pending
        raise RunCancelled(summary)
    return summary


def _batch_settings(settings: IngestSettings, alone: bool) -> BatchSettings:
    return BatchSettings(
        max_bytes=settings.max_bytes,
        strict=settings.strict,
        reading=Reading.of(settings.fields, settings.timezone),  # a bad field or zone fails here
        rescan=settings.rescan,
        alone=alone,
    )


def _one_chunk(settings: BatchSettings, refs: list[InputRef], grown: int) -> BatchSettings:
    """A grown batch of files commits as one chunk: a chunk's commit costs the parent two
    catalog opens and its reads, ~250 ms of CPU whatever its size (docs/scale.md)."""
    if not grown or len(refs) <= settings.chunk_inputs:
        return settings
    return replace(settings, chunk_inputs=len(refs))


def _after_batches(
    warehouse: Warehouse, run_id: str, settings: IngestSettings, tally: _Tally, steps: StepResults
) -> None:
    """Linking and learning over what the batches committed (`after_commits`)."""
    try:
        # Files set aside before batching left nothing with the DuckDB instance: an unchanged
        # rescan's steps need no fresh one (~0.1-0.3 s each). A batch that found its files
        # unchanged (`--rescan`, touched files) read and hashed them: those count as worked.
        worked = tally.counts.seen - tally.set_aside
        after_commits(
            warehouse, run_id, settings.stories, tally.handed, worked, tally.taught, steps
        )
    finally:
        _drop_holders(tally)


def _drop_holders(tally: _Tally) -> None:
    """Close the run's temporary files of handed fingerprints and taught lines now, not when
    a traceback that holds the tally is collected (the steps close them when they are done)."""
    for holder in (tally.handed, tally.taught):
        if holder is not None:
            holder.close()


def _end_interrupted_run(
    warehouse: Warehouse,
    row: Callable[[str], dict[str, object]],
    err: BaseException,
    run_id: str,
    tally: _Tally,
    steps: StepResults,
) -> None:
    """Record a run not finished (`followups.end_unfinished_run`): `cancelled` on a stop or
    Ctrl-C (then raise RunCancelled), else `failed` (the caller re-raises)."""
    with STOP.holding_one():  # one more Ctrl-C waits for the record
        _drop_holders(tally)
        committed = bool(tally.counts.ingested or tally.counts.duplicate)
        status, _ = end_unfinished_run(warehouse, run_id, steps, err, row, committed)
    if status == "cancelled":
        raise RunCancelled(RunSummary(run_id, tally.counts, tally.batches, "cancelled")) from None


def _start_run(warehouse: Warehouse, row: dict[str, object]) -> tuple[bool, frozenset[str] | None]:
    """Prepare the warehouse and record the run as running (the writer lock is held);
    whether the manifest holds any file (else no file can be found unchanged), and the
    scopes with a learned line cut (learning runs after the batches: they hold all run)."""
    with open_warehouse(warehouse, read_only=False) as connection:
        prepare_warehouse(connection)
        # We hold the writer lock, so a run still 'running' died without finishing.
        abandon_running_runs(connection)
        record_run(connection, row)
        kept = connection.execute(f"select 1 from {physical_table('manifest')} limit 1")
        manifest_kept = kept.fetchone() is not None
        scopes = cut_scopes(connection, KEPT_SCOPES)
    write_init_file(warehouse)
    return manifest_kept, scopes


def _listed(
    sources: Sequence[str],
    settings: IngestSettings,
    batch_settings: BatchSettings,
    vouching: bool,
    tally: _Tally,
    progress: Progress,
) -> Iterator[InputRef]:
    """The run's input references; `vouching`, less those the manifest vouches for, counted
    unchanged as they are met (a catalog open a 10,000 files instead of one a batch)."""
    refs = iter_inputs(sources, settings.warehouse.root, settings.follow_symlinks)
    if not vouching or settings.rescan:
        return refs
    told = partial(_set_aside, tally, progress)
    ask = partial(manifest_states, settings.warehouse)
    return set_aside(refs, ask, batch_settings.reading.key, told)


def _set_aside(tally: _Tally, progress: Progress, ref: InputRef) -> None:
    """A file the manifest vouches for, set aside before any batch: one unchanged input, as
    a batch counts it (and a stop may come between inputs)."""
    tally.counts.unchanged += 1
    tally.set_aside += 1
    progress.set_aside()
    told = _input_callback.get()  # the run's, while its batches run here
    if told is None:
        STOP.check()
    else:
        told(ref.uri, "unchanged")


def _progress(sources: Sequence[str], settings: IngestSettings) -> Progress:
    listing = (sources, settings.warehouse.root, settings.follow_symlinks)
    total = count_files(*listing) if settings.progress else 0
    return Progress(total, sys.stderr, enabled=settings.progress)


def _run_batches(
    jobs: Iterable[BatchJob],
    tally: _Tally,
    progress: Progress,
    run_batch: Callable[[BatchJob], Counts],
    concurrent: ConcurrentBatches[BatchJob] | None,
    stories: StorySettings,
) -> None:
    """Run every batch, adding its counts to `tally` as it finishes (the bar is closed
    whatever happens). Batches run here report each input to the bar and stop between
    inputs on request; concurrent ones move the bar as each batch finishes."""

    def done(job: BatchJob, batch_counts: Counts) -> None:
        tally.counts.add(batch_counts)
        tally.batches += 1
        counts = tally.counts
        progress.batch_done(len(job.refs), counts.ingested + counts.duplicate,
                            counts.rejected, counts.seen)  # fmt: skip

    def on_input(uri: str, outcome: str) -> None:
        progress.input_done(uri, outcome)
        STOP.check()

    try:
        if concurrent is None:
            _run_here(jobs, tally, run_batch, stories, done, on_input)
        else:
            run_concurrently(until_stopped(jobs), concurrent, done)
            STOP.check()  # the batches in flight at the stop are gathered and counted
    finally:
        progress.close()


def _run_here(
    jobs: Iterable[BatchJob],
    tally: _Tally,
    run_batch: Callable[[BatchJob], Counts],
    stories: StorySettings,
    done: Callable[[BatchJob, Counts], None],
    on_input: InputCallback,
) -> None:
    """Batches run here, one after another, their transforms on every core (a pool started on
    the first chunk large enough, which fingerprints bodies for linking: `tally.handed`).
    A batch that stops or fails still counts the chunks it committed (the carry holds them)."""
    pool, carry = TransformPool(stories=stories), ChunkCarry()
    tally.handed, tally.taught = pool.handed, TaughtLines()
    pool.taught = tally.taught  # the workers make each article's lines
    pool.cut_scopes = tally.cut_scopes
    kept = TAUGHT.set(tally.taught)
    token = _input_callback.set(on_input)
    pooled = _processor.set(pool.process)
    carried = _carry.set(carry)
    try:
        for job, following in with_next(jobs):
            STOP.check()
            carry.expect((following.refs, following.settings) if following else None)
            try:
                batch_counts = run_batch(job)
            except BaseException:
                tally.counts.add(carry.take_counts())
                raise
            carry.take_counts()  # they come whole with the batch's result
            done(job, batch_counts)
            if carry.interrupted is not None:  # in the batch's last commit's open
                raise carry.interrupted
        carry.flush(tally.counts)  # the last chunk, staged by the last batch
    finally:
        _carry.reset(carried)
        _processor.reset(pooled)
        _input_callback.reset(token)
        TAUGHT.reset(kept)
        pool.close()
