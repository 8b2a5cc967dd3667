"""The commands that read or maintain a warehouse: query, search, status, compact, reprocess."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from newsnorm.flows.cli.exit_codes import EXIT_ERROR, EXIT_OK, EXIT_USAGE
from newsnorm.flows.cli.options import warehouse_from
from newsnorm.flows.cli.row_output import ROW_WRITERS, write_table


def query_command(args: argparse.Namespace, out: TextIO) -> int:
    from newsnorm.flows.engine.query import QueryError, run_query
    from newsnorm.warehouse.extension import WarehouseError

    try:
        with run_query(warehouse_from(args), args.sql) as result:
            ROW_WRITERS[args.format](result.columns, result.chunks, out)
    except (QueryError, WarehouseError) as err:
        print(f"newsnorm query: {err}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def search_command(args: argparse.Namespace, out: TextIO) -> int:
    from newsnorm.warehouse.extension import WarehouseError
    from newsnorm.warehouse.search import SearchQueryError, search

    try:
        result = search(warehouse_from(args), args.words, args.limit)
    except SearchQueryError as err:
        print(f"newsnorm search: {err}", file=sys.stderr)
        return EXIT_USAGE
    except WarehouseError as err:
        print(f"newsnorm search: {err}", file=sys.stderr)
        return EXIT_ERROR
    if not result.hits:
        ignored = ", ".join(result.ignored_words)
        note = f" (too common to be indexed: {ignored})" if ignored else ""
        message = f"no results for {args.words!r}{note}\n"
        if args.format == "text":
            out.write(message)
            return EXIT_OK
        print(message, end="", file=sys.stderr)
    if args.format == "text":
        for rank, hit in enumerate(result.hits, start=1):
            where = " · ".join(
                str(part) for part in (hit.syndicator, hit.published, hit.site) if part
            )
            out.write(f"{rank}. {hit.title or '(untitled)'}  [{hit.score:.2f}]\n")
            if where:
                out.write(f"   {where}\n")
            out.write(f"   {hit.snippet}\n\n")
        return EXIT_OK
    columns = ["rank", "score", "title", "syndicator", "date", "site", "url", "snippet"]
    rows = [
        (rank, round(hit.score, 4), hit.title, hit.syndicator, hit.published, hit.site,
         hit.url, hit.snippet)
        for rank, hit in enumerate(result.hits, start=1)
    ]  # fmt: skip
    ROW_WRITERS[args.format](columns, [rows], out)
    return EXIT_OK


def status_command(args: argparse.Namespace, out: TextIO) -> int:
    from newsnorm.flows.engine.status import RUN_COLUMNS, warehouse_status
    from newsnorm.warehouse.extension import WarehouseError

    try:
        warehouse = warehouse_from(args)
        status = warehouse_status(warehouse, args.runs)
    except WarehouseError as err:
        print(f"newsnorm status: {err}", file=sys.stderr)
        return EXIT_ERROR
    out.write(
        f"warehouse {warehouse.location}: {status.articles} articles "
        f"({status.versions} versions), {status.data_files} data files, "
        f"{status.bytes_on_disk / 1_048_576:.1f} MiB on disk\n\nlast runs:\n"
    )
    write_table(list(RUN_COLUMNS), [status.runs], out)
    if status.pending:
        out.write("\nunfinished steps (the next ingest retries them):\n")
        for step in status.pending:
            out.write(
                f"  {step.step} failed in run {step.run_id} at {step.failed_at}: {step.error}\n"
            )
    out.write("\nrejects by reason:\n")
    write_table(["reason_code", "inputs", "last_seen"], [status.rejects], out)
    return EXIT_OK


def compact_command(args: argparse.Namespace, out: TextIO) -> int:
    from newsnorm.warehouse.compact import compact
    from newsnorm.warehouse.extension import WarehouseError

    try:
        warehouse = warehouse_from(args)
    except WarehouseError as err:  # a malformed s3:// URL
        print(f"newsnorm compact: {err}", file=sys.stderr)
        return EXIT_USAGE
    if not warehouse.exists():
        print(f"newsnorm compact: no warehouse at {warehouse.location}", file=sys.stderr)
        return EXIT_ERROR
    try:
        result = compact(warehouse, args.retain_seconds)
    except WarehouseError as err:
        print(f"newsnorm compact: {err}", file=sys.stderr)
        return EXIT_ERROR
    out.write(
        f"data files: {result.files_before} -> {result.files_after}; "
        f"{result.deleted_from_disk} replaced files deleted from disk\n"
    )
    return EXIT_OK


def reprocess_command(args: argparse.Namespace, out: TextIO) -> int:
    from newsnorm.flows.engine.reprocess import reprocess
    from newsnorm.transforms.jsonrecord import field_mapping
    from newsnorm.warehouse.extension import WarehouseError

    try:
        warehouse = warehouse_from(args)
    except WarehouseError as err:  # a malformed s3:// URL
        print(f"newsnorm reprocess: {err}", file=sys.stderr)
        return EXIT_USAGE
    if not warehouse.exists():
        print(f"newsnorm reprocess: no warehouse at {warehouse.location}", file=sys.stderr)
        return EXIT_ERROR
    try:
        outcome = reprocess(warehouse, args.adapter, field_mapping(dict(args.field)))
    except (ValueError, WarehouseError) as err:
        print(f"newsnorm reprocess: {err}", file=sys.stderr)
        return EXIT_USAGE if isinstance(err, ValueError) else EXIT_ERROR
    out.write(
        f"stale {outcome.stale}: {outcome.new_versions} new versions, {outcome.replaced} "
        f"unchanged in body (updated in place), {len(outcome.problems)} left as they were "
        f"(run {outcome.run_id})\n"
    )
    for uri, why in outcome.problems:
        out.write(f"  {uri}: {why}\n")
    return EXIT_OK
