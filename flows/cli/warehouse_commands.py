"""The commands that read or maintain a warehouse: query, search, status, show, compact,
reprocess, forget."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from newsnorm.flows.cli.exit_codes import (
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_USAGE,
)
from newsnorm.flows.cli.options import warehouse_from
from newsnorm.flows.cli.row_output import ROW_WRITERS, write_table

if TYPE_CHECKING:  # the warehouse modules load DuckDB: only when a command runs
    from newsnorm.flows.engine.followups import StepFailure
    from newsnorm.flows.engine.forget import Forgotten
    from newsnorm.warehouse.lake import Warehouse


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
    import duckdb

    from newsnorm.flows.cli.options import search_filters
    from newsnorm.flows.cli.search_output import SEARCH_COLUMNS, search_rows, write_search_text
    from newsnorm.warehouse.extension import WarehouseError
    from newsnorm.warehouse.search import SearchQueryError, search

    filters = search_filters(args)
    try:
        warehouse = warehouse_from(args)
        result = search(warehouse, args.words, args.limit, filters)
    except SearchQueryError as err:
        print(f"newsnorm search: {err}", file=sys.stderr)
        return EXIT_USAGE
    except WarehouseError as err:
        print(f"newsnorm search: {err}", file=sys.stderr)
        return EXIT_ERROR
    except (OSError, duckdb.IOException) as err:  # e.g. a read-only warehouse without its index
        gist = " ".join(str(err).split())
        print(
            f"newsnorm search: cannot search {args.warehouse}: {gist} (the search index is "
            "built in the warehouse's folder, by the first search after its articles change: "
            "run one where that folder is writable)",
            file=sys.stderr,
        )
        return EXIT_ERROR
    if not result.hits:
        ignored = ", ".join(result.ignored_words)
        note = f" (too common to be indexed: {ignored})" if ignored else ""
        narrowed = filters != type(filters)() and not filters.one_per_story
        message = (
            f"no results for {args.words!r}{' with these filters' if narrowed else ''}{note}\n"
        )
        if args.format == "text":
            out.write(message)
            return EXIT_OK
        print(message, end="", file=sys.stderr)
    if args.format == "text":
        write_search_text(result.hits, out)
        return EXIT_OK
    ROW_WRITERS[args.format](list(SEARCH_COLUMNS), [search_rows(result.hits)], out)
    return EXIT_OK


def show_command(args: argparse.Namespace, out: TextIO) -> int:
    from pathlib import Path

    from newsnorm.flows.cli.author_commands import write_html
    from newsnorm.flows.cli.explain_output import write_report_text
    from newsnorm.flows.cli.html_report import render_report
    from newsnorm.flows.cli.report_sources import reread_input, stored_report
    from newsnorm.transforms.inputs import Reading
    from newsnorm.warehouse.article_reads import (
        ArticleLookupError,
        resolve_article,
        stored_article,
        stored_cuts,
        stored_reading,
    )
    from newsnorm.warehouse.extension import WarehouseError
    from newsnorm.warehouse.lake import open_warehouse

    try:
        with open_warehouse(warehouse_from(args), read_only=True) as connection:
            article = stored_article(connection, resolve_article(connection, args.article_id))
            cuts = stored_cuts(connection, article["article_id"], article["input_sha256"])
            recorded = stored_reading(connection, article)
    except (ArticleLookupError, WarehouseError) as err:
        print(f"newsnorm show: {err}", file=sys.stderr)
        return EXIT_ERROR
    try:
        # The settings the input was read with; --field for an input that recorded none.
        reading = Reading.from_key(recorded.key) if recorded.key else Reading.of(dict(args.field))
    except ValueError as err:
        print(f"newsnorm show: --field: {err}", file=sys.stderr)
        return EXIT_USAGE
    reread = reread_input(article["source_uri"], article["input_sha256"], reading, recorded.size)
    report = stored_report(article, cuts, reread)
    if args.html and not write_html(Path(args.html), render_report(report), "show"):
        return EXIT_ERROR
    write_report_text(report, out)
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
                f"  {step.step} {step.outcome} in run {step.run_id} at {step.failed_at}: "
                f"{step.error}\n"
            )
    out.write("\nrejects by reason:\n")
    write_table(["reason_code", "inputs", "last_seen"], [status.rejects], out)
    return EXIT_OK


def _existing_warehouse(args: argparse.Namespace, command: str) -> Warehouse | int:
    """The warehouse a command that changes one works on, or the exit status after saying
    in one line why there is none: a malformed s3:// URL (2), nothing there (1)."""
    from newsnorm.warehouse.extension import WarehouseError

    try:
        warehouse = warehouse_from(args)
    except WarehouseError as err:
        print(f"newsnorm {command}: {err}", file=sys.stderr)
        return EXIT_USAGE
    if not warehouse.exists():
        where = warehouse.location
        is_file = warehouse.remote is None and warehouse.root.is_file()
        why = f"--warehouse {where} is a file, not a warehouse folder" if is_file else None
        print(f"newsnorm {command}: {why or f'no warehouse at {where}'}", file=sys.stderr)
        return EXIT_ERROR
    return warehouse


def compact_command(args: argparse.Namespace, out: TextIO) -> int:
    from newsnorm.flows.cli.terminal import stop_on_signals
    from newsnorm.warehouse.compact import compact
    from newsnorm.warehouse.extension import WarehouseError

    warehouse = _existing_warehouse(args, "compact")
    if isinstance(warehouse, int):
        return warehouse
    try:
        # DuckDB took a Ctrl-C during a step now and then and finished anyway (exit 0): the
        # signal only sets a flag, and compaction stops after the step it is in (a second
        # Ctrl-C stops at once); each step is its own commit.
        with stop_on_signals():
            result = compact(warehouse, args.retain_seconds, between=_stop_if_asked)
    except WarehouseError as err:
        print(f"newsnorm compact: {err}", file=sys.stderr)
        return EXIT_ERROR
    out.write(
        f"data files: {result.files_before} -> {result.files_after}; "
        f"{result.deleted_from_disk} replaced files deleted from disk\n"
    )
    return EXIT_OK


def _stop_if_asked() -> None:
    from newsnorm.flows.engine.stopping import STOP

    if STOP.requested:
        raise KeyboardInterrupt


def reprocess_command(args: argparse.Namespace, out: TextIO) -> int:
    from concurrent.futures import BrokenExecutor

    from newsnorm.flows.cli.terminal import stop_on_signals
    from newsnorm.flows.engine.followups import describe_error
    from newsnorm.flows.engine.reprocess import ReprocessStopped, UnknownAdapter, reprocess
    from newsnorm.flows.engine.stopping import StopRequested
    from newsnorm.transforms.inputs import Reading
    from newsnorm.warehouse.extension import WarehouseError

    warehouse = _existing_warehouse(args, "reprocess")
    if isinstance(warehouse, int):
        return warehouse
    try:
        reading = Reading.of(dict(args.field))
    except ValueError as err:
        print(f"newsnorm reprocess: --field: {err}", file=sys.stderr)
        return EXIT_USAGE
    try:
        # A Ctrl-C or SIGTERM stops the run between two chunks (each is its own commit), as
        # it stops an ingest between two inputs; the run's row says `cancelled`. Any other
        # error is a failure with its traceback, as in an ingest, not a usage mistake.
        with stop_on_signals():
            outcome = reprocess(warehouse, args.adapter, reading, everything=args.all)
    except UnknownAdapter as err:
        print(f"newsnorm reprocess: {err}", file=sys.stderr)
        return EXIT_USAGE
    except WarehouseError as err:
        print(f"newsnorm reprocess: {err}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenExecutor as err:  # a worker killed (the OOM killer): the run is `failed`
        print(f"newsnorm reprocess: the run failed: {describe_error(err)}", file=sys.stderr)
        return EXIT_ERROR
    except ReprocessStopped as stop:
        done = stop.outcome.new_versions + stop.outcome.replaced
        left = _steps_left(stop.outcome.failed_steps)
        print(
            f"newsnorm reprocess: stopped ({stop}): {done} of {stop.outcome.stale} stale "
            f"articles reprocessed and kept{left} (run {stop.outcome.run_id}, cancelled)",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    except StopRequested as stop:  # while another writer held the warehouse
        print(f"newsnorm reprocess: stopped ({stop}) before the run began", file=sys.stderr)
        return EXIT_INTERRUPTED
    out.write(
        f"stale {outcome.stale}: {outcome.new_versions} new versions, {outcome.replaced} "
        f"unchanged in body (updated in place), {len(outcome.problems)} left as they were "
        f"(run {outcome.run_id})\n"
    )
    out.write(_uninstalled_line(outcome.uninstalled))
    for uri, why in outcome.problems:
        out.write(f"  {uri}: {why}\n")
    for uri, why in outcome.copies_kept:  # a duplicate's removals, not made again
        out.write(f"  {uri} (a duplicate): {why}; its removals kept as they were\n")
    for failure in outcome.failed_steps:  # the chunks are committed; the next run redoes it
        out.write(f"  {failure.describe()}: pending, `newsnorm status` shows it\n")
    return EXIT_PARTIAL if outcome.failed_steps else EXIT_OK


def _uninstalled_line(count: int) -> str:
    """What `reprocess --all` says of articles whose adapter is no longer installed."""
    if not count:
        return ""
    return f"  {count} of them made by adapters no longer installed: re-cleaned by those now\n"


def _steps_left(steps: Sequence[StepFailure]) -> str:
    """', story linking and boilerplate learning left for the next run', or nothing."""
    if not steps:
        return ""
    return f", {' and '.join(step.step for step in steps)} left for the next run"


def forget_command(args: argparse.Namespace, out: TextIO) -> int:
    from newsnorm.flows.cli.terminal import stop_on_signals
    from newsnorm.flows.engine.forget import forget
    from newsnorm.flows.engine.stopping import StopRequested
    from newsnorm.warehouse.extension import WarehouseError

    warehouse = _existing_warehouse(args, "forget")
    if isinstance(warehouse, int):
        return warehouse
    try:
        # A Ctrl-C or SIGTERM stops it between two steps before its commit (all rolled back),
        # as it stops an ingest between two inputs; one after the commit lets it finish.
        with stop_on_signals():
            outcome = forget(warehouse, args.sources, dry_run=args.dry_run, purge=args.purge)
    except WarehouseError as err:
        print(f"newsnorm forget: {err}", file=sys.stderr)
        return EXIT_ERROR
    except StopRequested as stop:
        print(
            f"newsnorm forget: stopped ({stop}) before its commit: nothing was removed",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    for target in outcome.unmatched:
        print(f"newsnorm forget: no stored input under {target}", file=sys.stderr)
    if not outcome.inputs:
        if args.purge and not args.dry_run:  # what earlier runs removed is purged all the same
            out.write(
                f"purged: {outcome.purged_files} files deleted from disk, "
                "no snapshot holds what earlier runs removed\n"
            )
        return EXIT_ERROR
    verb = "would forget" if outcome.dry_run else "forgot"
    out.write(
        f"{verb} {outcome.inputs} inputs: {outcome.articles} articles removed, {outcome.kept} "
        f"kept (another input holds them), {outcome.boilerplate} removal rows, "
        f"{outcome.manifest} manifest rows; {outcome.stories} stories formed again or given "
        "a new original" + ("" if outcome.dry_run else f" (run {outcome.run_id})") + "\n"
    )
    if outcome.purged_files:
        out.write(f"purged: {outcome.purged_files} files deleted from disk, no snapshot holds it\n")
    elif not outcome.dry_run:
        out.write(
            "the data stays on disk until `newsnorm compact` expires earlier snapshots, and "
            "in files only partly forgotten even then (--purge deletes it now)\n"
        )
    return _search_index_after_forget(outcome)


def _search_index_after_forget(outcome: Forgotten) -> int:
    """Say what became of a search index the forget could not refresh: deleted (the next
    search builds it), or left holding the forgotten text (EXIT_PARTIAL)."""
    if outcome.search_problem is None:
        return EXIT_OK
    if outcome.search_deleted:
        print(
            f"newsnorm forget: the search index could not be refreshed "
            f"({outcome.search_problem}); it was deleted, the next `newsnorm search` builds it",
            file=sys.stderr,
        )
        return EXIT_OK
    print(
        f"newsnorm forget: the search index could not be refreshed ({outcome.search_problem}): "
        "search.duckdb in the warehouse may still hold the forgotten text; delete it",
        file=sys.stderr,
    )
    return EXIT_PARTIAL
