"""The options of the ingest flow's two commands, `ingest` and `serve`, and what they become.

What a run reads and how (the flow's parameters, which both commands take), where batches
run, story linking, `serve`'s schedule, and what only a terminal `ingest` takes: how it
reports (`--quiet`, `--verbose`, `--fail-on-reject`) and where it runs (`--prefect`,
`--no-prefect`), with the text of `ingest --help` that says which mode applies now. Every
other command's options are in `options.py`, as are the value types and the option groups
these share with other commands (the warehouse, `--field`, `--timezone`). A handler does
not read the run's options one by one: `ingest_parameters` turns them into the one
`IngestParameters` that `ingest` runs and `serve` schedules, so the two cannot drift apart.
Nothing here imports DuckDB, the transforms or Prefect: the command line answers first.
"""

from __future__ import annotations

import argparse

from newsnorm.flows.cli.exit_codes import EXIT_PARTIAL, EXIT_REJECTS, EXIT_USAGE
from newsnorm.flows.cli.options import (
    add_field_option,
    add_timezone_option,
    add_warehouse_options,
    non_negative,
    positive,
    share,
)
from newsnorm.flows.engine.defaults import (
    DEFAULT_BATCH_FILES,
    DEFAULT_COMPACT_AFTER_FILES,
    DEFAULT_MAX_BYTES,
)
from newsnorm.flows.orchestration.parameters import (
    STORY_MIN_CONTAINMENT,
    STORY_MIN_SHARED,
    IngestParameters,
)
from newsnorm.flows.orchestration.prefect_env import configured_api_url
from newsnorm.flows.orchestration.serve import DEPLOYMENT_NAME, ServeSettings
from newsnorm.flows.orchestration.task_runners import DEFAULT_RUNNER, RUNNERS


def add_ingest_command_options(parser: argparse.ArgumentParser) -> None:
    """Everything `ingest` takes, with its description."""
    parser.description = ingest_description()
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    add_sources(parser)
    add_warehouse_options(parser)
    add_ingest_options(parser)
    add_run_mode_options(parser)
    add_run_report_options(parser)


def add_serve_options(parser: argparse.ArgumentParser) -> None:
    """Everything `serve` takes: `ingest`'s run options and a schedule."""
    add_sources(parser)
    add_schedule_options(parser)
    add_warehouse_options(parser)
    add_ingest_options(parser)


def add_sources(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help="files or folders")


def add_ingest_options(parser: argparse.ArgumentParser) -> None:
    """What an ingest run reads and how: the flow's parameters, for `ingest` and `serve`."""
    reading = parser.add_argument_group("ingest options")
    reading.add_argument(
        "--batch-size",
        type=positive,
        default=DEFAULT_BATCH_FILES,
        help=f"inputs per batch, i.e. per Prefect task run (default {DEFAULT_BATCH_FILES}); "
        "the default grows to 2,000 once 2,000 files are batched, unless --runner "
        "process|dask; a size given here is kept",
    )
    reading.add_argument(
        "--max-bytes",
        type=positive,
        default=DEFAULT_MAX_BYTES,
        help=f"reject inputs larger than this (default {DEFAULT_MAX_BYTES})",
    )
    add_field_option(reading)
    add_timezone_option(reading)
    reading.add_argument(
        "--rescan",
        action="store_true",
        help="read and hash every file again instead of trusting the manifest (files whose "
        "size and modification time are unchanged are otherwise skipped, unless --field or "
        "--timezone changed, and count as unchanged once each; read again, each input they "
        "hold counts)",
    )
    reading.add_argument(
        "--follow-symlinks",
        action="store_true",
        help="follow symbolic links that lead out of a source folder (by default they are "
        "recorded as rejected with symlink_outside)",
    )
    reading.add_argument(
        "--strict",
        action="store_true",
        help="stop a run on an internal error instead of recording the input as rejected",
    )
    reading.add_argument(
        "--compact-after",
        type=non_negative,
        default=DEFAULT_COMPACT_AFTER_FILES,
        metavar="FILES",
        help="compact the warehouse after the run once it holds more data files than this "
        f"(default {DEFAULT_COMPACT_AFTER_FILES}; 0 never)",
    )
    _add_runner_options(parser)
    _add_story_options(parser)


def _add_runner_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("where batches run")
    group.add_argument(
        "--runner",
        choices=RUNNERS,
        default=DEFAULT_RUNNER,
        help="thread (default: one after another in this process), process (a pool of one "
        "process per core) or dask (a local Dask cluster, one worker process per core, or "
        "the one at --dask-address); without PREFECT_API_URL, `ingest` with process or "
        "dask starts one local Prefect server for the run",
    )
    group.add_argument(
        "--dask-address",
        metavar="ADDRESS",
        help="scheduler of an existing Dask cluster, e.g. tcp://host:8786 (with --runner dask; "
        "its workers must see the warehouse at the same path, and PREFECT_API_URL should "
        "name a Prefect server they can reach)",
    )


def _add_story_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("story linking (docs/stories.md)")
    group.add_argument(
        "--story-min-containment",
        type=share,
        default=STORY_MIN_CONTAINMENT,
        metavar="SHARE",
        help="link two articles into one story when this share of the smaller body's 5-word "
        f"runs is in the other (default {STORY_MIN_CONTAINMENT}; lower finds "
        "shorter excerpts, higher fewer false links)",
    )
    group.add_argument(
        "--story-min-shared",
        type=non_negative,
        default=STORY_MIN_SHARED,
        metavar="N",
        help="and when they share at least N 5-word runs, so short notes stay apart "
        f"(default {STORY_MIN_SHARED})",
    )


def add_schedule_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("schedule (one of --cron or --interval)")
    when = group.add_mutually_exclusive_group(required=True)
    when.add_argument("--cron", metavar="EXPR", help='a cron schedule in UTC, e.g. "*/15 * * * *"')
    when.add_argument("--interval", type=positive, metavar="SECONDS", help="seconds between runs")
    group.add_argument(
        "--pause-on-shutdown",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="pause the deployment's schedule when serve stops (default: pause)",
    )
    group.add_argument(
        "--name",
        default=DEPLOYMENT_NAME,
        help=f"deployment name on the Prefect server (default {DEPLOYMENT_NAME})",
    )


def add_run_report_options(parser: argparse.ArgumentParser) -> None:
    """How one `ingest` reports on the terminal and through its exit status."""
    group = parser.add_argument_group("this run's report")
    group.add_argument(
        "--fail-on-reject",
        action="store_true",
        help=f"exit with status {EXIT_REJECTS} when any input was rejected",
    )
    group.add_argument(
        "--quiet",
        action="store_true",
        help="no progress bar (it is drawn on a terminal only); warnings and errors still show",
    )
    group.add_argument(
        "--verbose",
        action="store_true",
        help="every log line (tracebacks, and Prefect's own when the run uses Prefect) "
        "instead of the progress bar",
    )


def add_run_mode_options(parser: argparse.ArgumentParser) -> None:
    """Whether one `ingest` runs here or as a recorded Prefect flow run."""
    group = parser.add_argument_group("run mode (default: Prefect only when an API is configured)")
    mode = group.add_mutually_exclusive_group()
    mode.add_argument(
        "--prefect",
        action="store_true",
        default=None,
        help="make the run a Prefect flow run: on the configured API, else on a local Prefect "
        "server started for the run (about 10 s)",
    )
    mode.add_argument(
        "--no-prefect",
        dest="prefect",
        action="store_false",
        help="run in this process without Prefect even when an API is configured",
    )


def ingest_description() -> str:
    """`ingest --help`'s text: which mode a run takes, now, and the exit statuses."""
    api = configured_api_url()
    now = (
        f"Now a Prefect API is configured ({api}): runs are recorded flow runs."
        if api
        else "Now no Prefect API is configured: runs execute here, without Prefect."
    )
    return (
        "Ingest files and folders into the warehouse.\n\n"
        "Where it runs: without a Prefect API (PREFECT_API_URL in the environment or in the\n"
        "active Prefect profile) the run executes in this process, with no server; a file\n"
        "takes a second or two. With an API, or with --prefect, it is the Prefect flow run\n"
        "`ingest-articles`, recorded on that API (with --prefect and no API, on a local\n"
        "server started for the run, about 10 s). --runner process|dask always use Prefect.\n"
        f"{now}\n\n"
        "Ctrl-C stops at the next input: committed chunks are kept, the run is recorded as\n"
        "cancelled, and running the same command again carries on.\n\n"
        f"Exit status: 0 done; 1 failed; {EXIT_USAGE} a mistake on the command line; "
        f"{EXIT_REJECTS} with\n--fail-on-reject, inputs were rejected; {EXIT_PARTIAL} partial: "
        "the articles are committed\nbut a later step failed (story linking, learning, compaction, "
        "the search index; the\nsummary and `newsnorm status` say which, the next run "
        "retries it); 130 cancelled."
    )


def ingest_parameters(args: argparse.Namespace) -> IngestParameters:
    """The flow's parameters from `add_sources`, `add_warehouse_options` and
    `add_ingest_options`: the one place they are read."""
    return IngestParameters(
        sources=tuple(args.sources),
        warehouse=args.warehouse,
        batch_files=args.batch_size,
        max_bytes=args.max_bytes,
        strict=args.strict,
        fields=dict(args.field),
        rescan=args.rescan,
        follow_symlinks=args.follow_symlinks,
        compact_after_files=args.compact_after,
        runner=args.runner,
        dask_address=args.dask_address,
        story_min_containment=args.story_min_containment,
        story_min_shared=args.story_min_shared,
        timezone=args.timezone,
    )


def serve_settings(args: argparse.Namespace) -> ServeSettings:
    """`serve`'s options: the ingest parameters and `add_schedule_options`."""
    return ServeSettings(
        parameters=ingest_parameters(args),
        cron=args.cron,
        interval=args.interval,
        pause_on_shutdown=args.pause_on_shutdown,
        name=args.name,
    )
