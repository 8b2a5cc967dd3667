"""`newsnorm ingest` and `newsnorm serve`: one ingest run now, or the same run on a schedule."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TextIO

from newsnorm.flows.cli.exit_codes import EXIT_ERROR, EXIT_OK, EXIT_REJECTS, EXIT_USAGE
from newsnorm.flows.cli.options import ingest_parameters, serve_settings, warehouse_from
from newsnorm.flows.orchestration.parameters import ParameterError
from newsnorm.flows.orchestration.prefect_env import apply_prefect_defaults


def ingest_command(args: argparse.Namespace, out: TextIO) -> int:
    parameters = ingest_parameters(args)
    try:
        parameters.check()
    except ParameterError as err:
        print(f"newsnorm ingest: {err}", file=sys.stderr)
        return EXIT_USAGE
    if args.quiet:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    apply_prefect_defaults()
    from newsnorm.flows.orchestration.ingest_flow import ingest_articles
    from newsnorm.flows.orchestration.local_server import ServerError
    from newsnorm.flows.orchestration.task_runners import shared_prefect_api
    from newsnorm.warehouse.extension import WarehouseError

    try:
        with shared_prefect_api(parameters.runner, warehouse_from(args).root, sys.stderr):
            counts = ingest_articles(
                **parameters.as_flow_parameters(),
                progress=not args.quiet and sys.stderr.isatty(),
            )
    except (WarehouseError, ServerError) as err:  # ServerError: the run's server did not start
        print(f"newsnorm ingest: {err}", file=sys.stderr)
        return EXIT_ERROR
    _write_counts(counts, out)
    if args.fail_on_reject and counts["rejected"]:
        return EXIT_REJECTS
    return EXIT_OK


def _write_counts(counts: dict[str, int | str], out: TextIO) -> None:
    out.write(
        f"ingested {counts['ingested']}, duplicate {counts['duplicate']}, "
        f"unchanged {counts['unchanged']}, rejected {counts['rejected']} "
        f"(seen {counts['seen']}; run {counts['run_id']})\n"
        + (
            f"skipped {counts['skipped']} WARC records that are no article pages (not HTML; "
            "HTTP errors and redirects are listed in inputs with status 'skipped')\n"
            if counts["skipped"]
            else ""
        )
    )
    if counts["rejected"]:
        out.write(
            f'see why: newsnorm query "select input_uri, reason from rejects '
            f"where run_id = '{counts['run_id']}'\"\n"
        )


def serve_command(args: argparse.Namespace, out: TextIO) -> int:
    apply_prefect_defaults()
    from newsnorm.flows.orchestration.local_server import ServerError
    from newsnorm.flows.orchestration.serve import ServeError, serve
    from newsnorm.warehouse.extension import WarehouseError

    try:
        warehouse_from(args)  # checks --catalog, and hands it to the runs through the environment
    except WarehouseError as err:
        print(f"newsnorm serve: {err}", file=sys.stderr)
        return EXIT_USAGE
    try:
        serve(serve_settings(args), out)
    except ServeError as err:
        print(f"newsnorm serve: {err}", file=sys.stderr)
        return EXIT_USAGE if err.usage else EXIT_ERROR
    except ServerError as err:
        print(f"newsnorm serve: {err}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK
