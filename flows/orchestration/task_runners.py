"""Where an ingest run's batches execute: `--runner thread|process|dask`, and the one Prefect
server every worker must share.

`thread` is the flow's own task runner, batches one after another in this process (a batch
is CPU-bound Python, so threads would add nothing but contention). `process` is Prefect's
`ProcessPoolTaskRunner`, one worker per core; `dask` is prefect-dask's `DaskTaskRunner` on a
local cluster of processes (one single-threaded worker per core) or on an existing cluster
(`--dask-address`). Workers record their task runs on the flow's Prefect server, so without
`PREFECT_API_URL` a flow run starts one local server for its duration
(`shared_prefect_api`): each worker would otherwise start its own temporary one.
Prefect and Dask are imported lazily: the CLI's argument errors come before any of this.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from newsnorm.flows.orchestration import worker_signals
from newsnorm.flows.orchestration.local_server import run_local_server
from newsnorm.flows.orchestration.worker_signals import ignore_ctrl_c

RUNNERS = ("thread", "process", "dask")
DEFAULT_RUNNER = "thread"
# Batches submitted and not yet gathered, per worker: one running, one queued behind it.
IN_FLIGHT_PER_WORKER = 2
# Inside the warehouse and hidden (a folder walk skips it); `serve` owns `.prefect` itself.
INGEST_SERVER_HOME = ".prefect/ingest-server"


def check_runner(runner: str, dask_address: str | None) -> None:
    if runner not in RUNNERS:
        raise ValueError(f"unknown runner {runner!r}: expected one of {', '.join(RUNNERS)}")
    if dask_address and runner != "dask":
        raise ValueError("--dask-address needs --runner dask")


def local_workers() -> int:
    """Workers of a local pool or cluster: one per core."""
    return os.cpu_count() or 1


@contextmanager
def batch_task_runner(runner: str, dask_address: str | None = None) -> Iterator[tuple[Any, int]]:
    """A started Prefect task runner for `runner` (process or dask) and its worker count."""
    check_runner(runner, dask_address)
    if runner == "process":
        from prefect.task_runners import ProcessPoolTaskRunner

        workers = local_workers()
        pool = ProcessPoolTaskRunner(max_workers=workers, initializer=ignore_ctrl_c)
        with pool as task_runner:
            yield task_runner, workers
        return
    if runner != "dask":
        raise ValueError(f"runner {runner!r} runs batches in the flow itself, not on a pool")
    from prefect_dask.task_runners import DaskTaskRunner

    if dask_address:
        dask_runner = DaskTaskRunner(address=dask_address)
    else:
        dask_runner = DaskTaskRunner(
            cluster_kwargs={
                "n_workers": local_workers(),
                "threads_per_worker": 1,  # batches hold the GIL: one per process
                "processes": True,
                "dashboard_address": None,  # no web server, no port to collide on
                "preload": [worker_signals.__name__],  # the terminal's Ctrl-C is the parent's
            }
        )
    with dask_runner as task_runner:
        threads = sum(task_runner.client.nthreads().values())
        yield task_runner, max(int(threads), 1)


def needs_shared_server(runner: str) -> bool:
    """Whether batches run outside this process with no Prefect server to report to."""
    if runner == "thread":
        return False
    return not _api_configured()


def _api_configured() -> bool:
    from prefect.settings import get_current_settings

    return bool(get_current_settings().api.url)


@contextmanager
def shared_prefect_api(runner: str, warehouse_root: Path, out: TextIO) -> Iterator[str | None]:
    """Without a configured Prefect API: one local Prefect server for a flow run on any
    `runner` (its database in `<warehouse>/.prefect/ingest-server`), stopped after.
    Prefect's own temporary server is never used: it shares our terminal's Ctrl-C, so it
    died first and left the run retrying for minutes, and it outlived a killed run (ours
    dies with its parent).

    Yields the API URL it started, or None when one was configured. The URL reaches
    process-pool workers through the environment Prefect passes them and Dask workers through
    the settings Prefect serializes with each task; local cluster workers also inherit it.
    """
    check_runner(runner, None)
    if _api_configured():
        yield None
        return
    from prefect.context import refresh_global_settings_context
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with run_local_server(warehouse_root / INGEST_SERVER_HOME, out) as url:
        previous = os.environ.get("PREFECT_API_URL")
        os.environ["PREFECT_API_URL"] = url
        # Prefect's threads (the process pool's log and event forwarding) read the global
        # settings made at import, not our context: without a refresh they would start a
        # temporary server of their own.
        refresh_global_settings_context()
        try:
            with temporary_settings({PREFECT_API_URL: url}):
                try:
                    yield url
                finally:
                    _drain_prefect_workers()
        finally:
            if previous is None:
                os.environ.pop("PREFECT_API_URL", None)
            else:
                os.environ["PREFECT_API_URL"] = previous
            refresh_global_settings_context()


def _drain_prefect_workers(timeout: float = 10.0) -> None:
    """Send the logs and events Prefect still queues before its server stops (else they
    fail at exit, after retries), as Prefect's own test harness does."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=timeout)
    EventsWorker.drain_all(timeout=timeout)
