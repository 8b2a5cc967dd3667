"""The options of one `newsnorm ingest` at a terminal, which `serve` does not take: how the
run reports (`--quiet`, `--verbose`, `--fail-on-reject`) and where it runs (`--prefect`,
`--no-prefect`), with the text of `ingest --help` that says which mode applies now."""

from __future__ import annotations

import argparse

from newsnorm.flows.cli.exit_codes import EXIT_PARTIAL, EXIT_REJECTS, EXIT_USAGE
from newsnorm.flows.orchestration.prefect_env import configured_api_url


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
