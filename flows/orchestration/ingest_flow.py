"""The `ingest-articles` Prefect flow: batches of inputs as tasks, a summary artifact.

With `runner="thread"` the batches run one after another in the flow's process; with
"process" or "dask" they are submitted to that task runner (task_runners.py), a few per
worker at a time, and their counts are added as they finish. `IngestParameters`
(parameters.py) holds the same parameters as one value, for the CLI and `serve`, and builds
the engine's settings for the flow and for `newsnorm ingest` without Prefect alike.
"""

from __future__ import annotations

import signal
from typing import Any, cast

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from prefect.states import Cancelled

from newsnorm.flows.engine.concurrent import BatchFuture, ConcurrentBatches
from newsnorm.flows.engine.counts import Counts
from newsnorm.flows.engine.defaults import default_warehouse
from newsnorm.flows.engine.runner import (
    BatchJob,
    RunCancelled,
    RunSummary,
    execute_ingest,
    run_batch_job,
)
from newsnorm.flows.engine.settings import (
    DEFAULT_BATCH_BYTES,
    DEFAULT_BATCH_FILES,
    DEFAULT_COMPACT_AFTER_FILES,
    DEFAULT_MAX_BYTES,
    IngestSettings,
)
from newsnorm.flows.engine.stopping import STOP, StopRequested, requesting_stop
from newsnorm.flows.orchestration.parameters import IngestParameters
from newsnorm.flows.orchestration.quiet_stops import quiet_requested_stops
from newsnorm.flows.orchestration.task_runners import (
    DEFAULT_RUNNER,
    IN_FLIGHT_PER_WORKER,
    batch_task_runner,
    check_runner,
    needs_shared_server,
)
from newsnorm.transforms.stories import DEFAULT_SETTINGS as DEFAULT_STORY_SETTINGS
from newsnorm.warehouse.lock import exclusive_writer


# Never cached and never retried: a batch writes, and a blind retry could write twice
# (inputs already committed are skipped on the next run anyway).
@task(name="ingest-batch", cache_policy=NO_CACHE, persist_result=False)
def ingest_batch_task(job: BatchJob) -> Counts:
    try:
        return run_batch_job(job)
    except StopRequested as stop:
        # A stop asked for (SIGTERM) is no failure: the task is cancelled, logged at INFO
        # rather than as an ERROR with a traceback, and its caller gets `stop` raised again.
        cancelled: Counts = cast(Any, Cancelled(message=f"stopped ({stop})", data=stop))
        return cancelled


def _run_batch_task(job: BatchJob) -> Counts:
    """A batch as a task run in the flow's process: its counts, or the stop it ended on
    (a called task hands back the state it returned, so its result is asked for here)."""
    state = ingest_batch_task(job, return_state=True)
    counts: Counts = state.result()
    return counts


@flow(name="ingest-articles", persist_result=False)
def ingest_articles(
    sources: list[str],
    warehouse: str | None = None,
    batch_files: int = DEFAULT_BATCH_FILES,
    batch_bytes: int = DEFAULT_BATCH_BYTES,
    max_bytes: int = DEFAULT_MAX_BYTES,
    strict: bool = False,
    fields: dict[str, str] | None = None,
    rescan: bool = False,
    follow_symlinks: bool = False,
    progress: bool = False,
    compact_after_files: int = DEFAULT_COMPACT_AFTER_FILES,
    runner: str = DEFAULT_RUNNER,
    dask_address: str | None = None,
    story_min_containment: float = DEFAULT_STORY_SETTINGS.min_containment,
    story_min_shared: int = DEFAULT_STORY_SETTINGS.min_shared,
    timezone: str | None = None,
) -> dict[str, int | str]:
    """Ingest files and folders into the warehouse; returns the run's counts.

    `runner`: "thread" (batches one after another here), "process" (a local process pool)
    or "dask" (a local Dask cluster, or the one at `dask_address`). `story_min_containment`
    and `story_min_shared` are the thresholds that make a candidate pair one story;
    `timezone` is the IANA zone of dates written without one. Without `warehouse`, the
    run writes to $NEWSNORM_WAREHOUSE as set where the flow runs, else warehouse/data, as
    the command line does.
    """
    check_runner(runner, dask_address)
    parameters = IngestParameters(
        sources=tuple(sources),
        warehouse=default_warehouse() if warehouse is None else warehouse,
        batch_files=batch_files,
        max_bytes=max_bytes,
        strict=strict,
        fields=fields or {},
        rescan=rescan,
        follow_symlinks=follow_symlinks,
        compact_after_files=compact_after_files,
        runner=runner,
        dask_address=dask_address,
        story_min_containment=story_min_containment,
        story_min_shared=story_min_shared,
        timezone=timezone,
    )
    settings = parameters.settings(progress=progress, batch_bytes=batch_bytes)
    quiet_requested_stops()  # the engine would log the stop below as an ERROR, traceback and all
    try:
        # Prefect's engine answers SIGTERM by raising its TerminationSignal wherever the run
        # is (a chunk's commit, linking): a traceback, and a run left `failed` or `running`.
        # Here, as without Prefect, it asks the run to stop at the next input: `cancelled`.
        with requesting_stop((signal.SIGTERM,)):
            summary = _execute(sources, settings, runner, dask_address, flow_run.get_id())
    except RunCancelled as stop:
        _log_stop(stop)
        # Cancelled, not failed, on the server too; the caller gets `stop` raised again.
        cancelled: dict[str, int | str] = cast(Any, Cancelled(message=str(stop), data=stop))
        return cancelled
    return _report(summary, settings)


def _log_stop(stop: RunCancelled) -> None:
    """One line for a requested stop, where Prefect would log an error (quiet_stops.py).
    A function apart: the flow's own body is pickled with the names it uses for a process
    or Dask task runner, and `STOP` holds a lock."""
    get_run_logger().warning(
        "stopped by %s: %s; its committed batches stay, the next run carries on",
        STOP.reason or "a stop request",
        stop,
    )


def _report(summary: RunSummary, settings: IngestSettings) -> dict[str, int | str]:
    """The run's counts: a log line, the `ingest-summary` artifact, the flow's result."""
    counts = summary.as_dict()
    get_run_logger().info(
        "run %s: %s seen, %s ingested, %s duplicate, %s unchanged, %s rejected, %s skipped "
        "in %s batches",
        counts["run_id"],
        counts["seen"],
        counts["ingested"],
        counts["duplicate"],
        counts["unchanged"],
        counts["rejected"],
        counts["skipped"],
        counts["batches"],
    )
    if summary.failures:
        get_run_logger().warning(
            "run %s is partial: its batches are committed, but %s; the next run retries",
            counts["run_id"],
            "; ".join(failure.describe() for failure in summary.failures),
        )
    create_table_artifact(
        key="ingest-summary",
        table=[counts],
        description=f"newsnorm ingest into {settings.warehouse.root}",
    )
    return counts


def _execute(
    sources: list[str],
    settings: IngestSettings,
    runner: str,
    dask_address: str | None,
    flow_run_id: str | None,
) -> RunSummary:
    if runner == DEFAULT_RUNNER:
        return execute_ingest(sources, settings, run_batch=_run_batch_task, flow_run_id=flow_run_id)
    if needs_shared_server(runner):
        # Each worker would start a temporary server of its own and record its task runs
        # there (`newsnorm ingest` starts one shared server first: task_runners.py).
        raise ValueError(
            f"runner {runner!r} needs a Prefect server its workers share: set PREFECT_API_URL"
        )
    # The lock outlives the task runner: after a second Ctrl-C, batches still running in
    # its workers commit before the next writer may start (the runner waits for them).
    with (
        exclusive_writer(settings.warehouse, while_waiting=STOP.check),
        batch_task_runner(runner, dask_address) as (task_runner, workers),
    ):

        def submit(job: BatchJob) -> BatchFuture:
            future: BatchFuture = task_runner.submit(ingest_batch_task, {"job": job})
            return future

        concurrent = ConcurrentBatches(submit, in_flight=IN_FLIGHT_PER_WORKER * workers)
        get_run_logger().info(
            "batches run on the %s task runner: %s workers, up to %s batches in flight",
            runner,
            workers,
            concurrent.in_flight,
        )
        return execute_ingest(
            sources, settings, flow_run_id=flow_run_id, concurrent=concurrent, locked=True
        )
