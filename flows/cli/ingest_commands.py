"""`newsnorm ingest` and `newsnorm serve`: one ingest run now, or the same run on a schedule.

`ingest` checks its arguments first (flows/cli/preflight.py: one line and exit status 2,
before anything heavy loads), then runs the work in one of two modes. Without a Prefect
API configured, here in this process: the engine the flow wraps, with no server and no
Prefect import (a second or two for a file). With an API, `--prefect` or a process/Dask
runner, as the `ingest-articles` flow run (flows/orchestration/flow_run.py).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TextIO

from newsnorm.flows.cli.exit_codes import (
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_REJECTS,
    EXIT_USAGE,
)
from newsnorm.flows.cli.hints import hint, shell_quote
from newsnorm.flows.cli.ingest_options import ingest_parameters, serve_settings
from newsnorm.flows.cli.options import warehouse_from
from newsnorm.flows.cli.preflight import check_ingest
from newsnorm.flows.cli.terminal import (
    TerminalSettings,
    stop_on_signals,
    terminal_logging,
)
from newsnorm.flows.orchestration.parameters import IngestParameters, ParameterError
from newsnorm.flows.orchestration.prefect_env import apply_prefect_defaults, configured_api_url

if TYPE_CHECKING:
    from newsnorm.warehouse.lake import Warehouse

Counts = dict[str, int | str]


def ingest_command(args: argparse.Namespace, out: TextIO) -> int:
    parameters = ingest_parameters(args)
    try:
        check_ingest(parameters)
        prefect = uses_prefect(args.prefect, parameters.runner)
    except ParameterError as err:
        print(f"newsnorm ingest: {err}", file=sys.stderr)
        return EXIT_USAGE
    terminal = TerminalSettings(verbose=args.verbose, quiet=args.quiet)
    with terminal_logging(terminal, prefect=prefect), stop_on_signals():
        return _run(args, parameters, terminal, prefect, out)


def uses_prefect(asked: bool | None, runner: str) -> bool:
    """Whether the run is a Prefect flow run: asked with --prefect (or refused with
    --no-prefect), else when a Prefect API is configured; process and Dask runners always
    are (their workers report to Prefect)."""
    pooled = runner != "thread"
    if asked is False and pooled:
        raise ParameterError(f"--runner {runner} runs batches through Prefect: drop --no-prefect")
    if asked is not None:
        return asked
    return pooled or configured_api_url() is not None


def _run(
    args: argparse.Namespace,
    parameters: IngestParameters,
    terminal: TerminalSettings,
    prefect: bool,
    out: TextIO,
) -> int:
    from concurrent.futures import BrokenExecutor

    import duckdb

    from newsnorm.flows.engine.followups import describe_error
    from newsnorm.flows.engine.runner import RunCancelled
    from newsnorm.flows.engine.stopping import StopRequested
    from newsnorm.flows.orchestration.local_server import ServerError
    from newsnorm.warehouse.extension import WarehouseError

    try:
        warehouse = warehouse_from(args)
    except WarehouseError as err:  # a bad --catalog, or one that does not fit --warehouse
        print(f"newsnorm ingest: {err}", file=sys.stderr)
        return EXIT_USAGE
    try:
        counts = _run_flow(parameters, terminal) if prefect else _run_here(parameters, terminal)
    except RunCancelled as stop:
        print(_cancelled_line(stop.summary.as_dict()), file=sys.stderr)
        return EXIT_INTERRUPTED
    except StopRequested as stop:
        print(f"newsnorm ingest: stopped ({stop}) before the run began", file=sys.stderr)
        return EXIT_INTERRUPTED
    except (WarehouseError, ServerError) as err:  # ServerError: the run's server did not start
        print(f"newsnorm ingest: {err}", file=sys.stderr)
        return EXIT_ERROR
    # A full disk, a damaged catalog, a worker process killed (the OOM killer): it failed.
    except (OSError, duckdb.Error, BrokenExecutor) as err:
        print(f"newsnorm ingest: the run failed: {describe_error(err)}", file=sys.stderr)
        return EXIT_ERROR
    write_summary(counts, warehouse, args.catalog, out)
    if counts.get("failed_steps"):
        return EXIT_PARTIAL
    if args.fail_on_reject and counts["rejected"]:
        return EXIT_REJECTS
    return EXIT_OK


def _run_here(parameters: IngestParameters, terminal: TerminalSettings) -> Counts:
    """The flow's work in this process, without Prefect: the same settings, the same engine
    call as the flow's thread runner, minus its task runs, log line and artifact."""
    from newsnorm.flows.engine.runner import execute_ingest
    from newsnorm.flows.engine.stopping import STOP

    STOP.check()  # Ctrl-C while the engine was loading
    settings = parameters.settings(progress=terminal.progress)
    return execute_ingest(list(parameters.sources), settings).as_dict()


def _run_flow(parameters: IngestParameters, terminal: TerminalSettings) -> Counts:
    """The `ingest-articles` flow run, on the configured API or a local server."""
    apply_prefect_defaults()
    from newsnorm.flows.orchestration.flow_run import run_ingest_flow

    return run_ingest_flow(parameters, progress=terminal.progress, notices=sys.stderr)


def write_summary(counts: Counts, warehouse: Warehouse, catalog: str | None, out: TextIO) -> None:
    """The run's one-line summary, a line per failed step, and hints runnable as printed."""
    failed = str(counts.get("failed_steps") or "")
    out.write(
        f"ingested {counts['ingested']}, duplicate {counts['duplicate']}, "
        f"unchanged {counts['unchanged']}, rejected {counts['rejected']} "
        f"(seen {counts['seen']}; run {counts['run_id']})"
        + (f"; partial: {'; '.join(failed.splitlines())}" if failed else "")
        + "\n"
        + (
            f"skipped {counts['skipped']} WARC records that are no article pages (not HTML; "
            "HTTP errors and redirects are listed in inputs with status 'skipped')\n"
            if counts["skipped"]
            else ""
        )
    )
    if counts["rejected"]:
        sql = f"select input_uri, reason from rejects where run_id = '{counts['run_id']}'"
        out.write(f"see why: {hint('query ' + shell_quote(sql), warehouse, catalog)}\n")
    if failed:
        out.write(
            "the articles are committed; the next ingest retries what failed: "
            f"{hint('status', warehouse, catalog)}\n"
        )


def _cancelled_line(counts: Counts) -> str:
    return (
        f"newsnorm ingest: cancelled; run {counts['run_id']} kept what it committed "
        f"(ingested {counts['ingested']}, duplicate {counts['duplicate']}, unchanged "
        f"{counts['unchanged']}, rejected {counts['rejected']}); the same command carries on"
    )


def serve_command(args: argparse.Namespace, out: TextIO) -> int:
    apply_prefect_defaults()
    from newsnorm.flows.orchestration.local_server import ServerError
    from newsnorm.flows.orchestration.serve import ServeError, serve
    from newsnorm.warehouse.extension import WarehouseError

    try:
        settings = serve_settings(args)
        # A source that does not exist is a typo here as in `ingest`: refused before any
        # server starts, not a `not_found` reject on every scheduled run.
        check_ingest(settings.parameters)
        warehouse_from(args)  # checks --catalog, and hands it to the runs through the environment
    except (ParameterError, WarehouseError) as err:
        print(f"newsnorm serve: {err}", file=sys.stderr)
        return EXIT_USAGE
    try:
        interrupted = serve(settings, out)
    except ServeError as err:
        print(f"newsnorm serve: {err}", file=sys.stderr)
        return EXIT_USAGE if err.usage else EXIT_ERROR
    except ServerError as err:
        print(f"newsnorm serve: {err}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_INTERRUPTED if interrupted else EXIT_OK
