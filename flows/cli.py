"""The `newsnorm` command line: ingest, query, search, stories, adapters."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from newsnorm.flows.formatting import FORMATS, write_csv, write_json, write_table
from newsnorm.flows.prefect_env import apply_prefect_defaults
from newsnorm.flows.runner import (
    DEFAULT_BATCH_FILES,
    DEFAULT_COMPACT_AFTER_FILES,
    DEFAULT_MAX_BYTES,
    DEFAULT_WAREHOUSE,
)
from newsnorm.transforms.errors import AdapterError
from newsnorm.transforms.stories import DEFAULT_SETTINGS as DEFAULT_STORY_SETTINGS
from newsnorm.warehouse.compact import DEFAULT_RETAIN_SECONDS

if TYPE_CHECKING:
    from newsnorm.warehouse.lake import Warehouse

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_REJECTS = 0, 1, 2, 3


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        result: int = args.handler(args, sys.stdout)
    except AdapterError as err:
        print(f"newsnorm: adapter error: {err}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("newsnorm: interrupted", file=sys.stderr)
        return 130
    return result


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsnorm",
        description="Ingest scraped news into clean, provenance-rich tables queryable with DuckDB.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = commands.add_parser("ingest", help="ingest files and folders (a Prefect flow run)")
    ingest.add_argument("sources", nargs="+", metavar="SOURCE", help="files or folders")
    _warehouse_option(ingest)
    ingest.add_argument(
        "--batch-size",
        type=_positive,
        default=DEFAULT_BATCH_FILES,
        help=f"inputs per batch, i.e. per Prefect task run (default {DEFAULT_BATCH_FILES})",
    )
    ingest.add_argument(
        "--max-bytes",
        type=_positive,
        default=DEFAULT_MAX_BYTES,
        help=f"reject inputs larger than this (default {DEFAULT_MAX_BYTES})",
    )
    ingest.add_argument(
        "--field",
        action="append",
        default=[],
        type=_field_override,
        metavar="TARGET=SOURCE",
        help="JSON-lines field mapping, e.g. --field title=headline --field body=story.text "
        "(targets: title, body, html, authors, published, url)",
    )
    ingest.add_argument(
        "--fail-on-reject",
        action="store_true",
        help=f"exit with status {EXIT_REJECTS} when any input was rejected",
    )
    ingest.add_argument(
        "--rescan",
        action="store_true",
        help="read and hash every file again instead of trusting the manifest "
        "(files whose size and modification time are unchanged are otherwise skipped)",
    )
    ingest.add_argument(
        "--quiet",
        action="store_true",
        help="no progress bar and only Prefect's warnings (the bar is drawn only on a terminal)",
    )
    ingest.add_argument(
        "--follow-symlinks",
        action="store_true",
        help="follow symbolic links that lead out of a source folder (by default they are "
        "recorded as rejected with symlink_outside)",
    )
    ingest.add_argument(
        "--story-min-containment",
        type=_share,
        default=DEFAULT_STORY_SETTINGS.min_containment,
        metavar="SHARE",
        help="link two articles into one story when this share of the smaller body's 5-word "
        f"runs is in the other (default {DEFAULT_STORY_SETTINGS.min_containment}; lower finds "
        "shorter excerpts, higher fewer false links: docs/stories.md)",
    )
    ingest.add_argument(
        "--story-min-shared",
        type=_non_negative,
        default=DEFAULT_STORY_SETTINGS.min_shared,
        metavar="N",
        help="and when they share at least N 5-word runs, so short notes stay apart "
        f"(default {DEFAULT_STORY_SETTINGS.min_shared})",
    )
    ingest.add_argument(
        "--compact-after",
        type=_non_negative,
        default=DEFAULT_COMPACT_AFTER_FILES,
        metavar="FILES",
        help="compact the warehouse after the run once it holds more data files than this "
        f"(default {DEFAULT_COMPACT_AFTER_FILES}; 0 never)",
    )
    ingest.add_argument(
        "--strict",
        action="store_true",
        help="stop on an internal error instead of recording the input as rejected",
    )
    ingest.add_argument(
        "--runner",
        choices=("thread", "process", "dask"),
        default="thread",
        help="where batches run: thread (default: one after another in this process), "
        "process (a pool of one process per core) or dask (a local Dask cluster, one worker "
        "process per core, or the one at --dask-address); without PREFECT_API_URL, process "
        "and dask start one local Prefect server for the run",
    )
    ingest.add_argument(
        "--dask-address",
        metavar="ADDRESS",
        help="scheduler of an existing Dask cluster, e.g. tcp://host:8786 (with --runner dask; "
        "its workers must see the warehouse at the same path, and PREFECT_API_URL should "
        "name a Prefect server they can reach)",
    )
    ingest.set_defaults(handler=_ingest)

    query = commands.add_parser("query", help="run SQL against the warehouse (read-only)")
    query.add_argument("sql", help='e.g. "select title, authors from articles"')
    _warehouse_option(query)
    query.add_argument("--format", choices=FORMATS, default="table", help="output format")
    query.set_defaults(handler=_query)

    search = commands.add_parser(
        "search", help="full-text search over titles and bodies, ranked by BM25"
    )
    search.add_argument("words", metavar="QUERY", help='words to look for, e.g. "border wall"')
    search.add_argument("--limit", type=_positive, default=10, help="results to show (default 10)")
    _warehouse_option(search)
    search.add_argument(
        "--format",
        choices=("text", *FORMATS),
        default="text",
        help="text (default): one block per result; table, csv or json: one row per result",
    )
    search.set_defaults(handler=_search)

    stories = commands.add_parser(
        "stories", help="the most-copied stories: copies, sites, syndicators, first seen"
    )
    stories.add_argument(
        "--min-copies",
        type=_positive,
        default=2,
        metavar="N",
        help="only stories with at least N copies (default 2)",
    )
    stories.add_argument("--limit", type=_positive, default=20, help="stories to show (default 20)")
    _warehouse_option(stories)
    stories.add_argument(
        "--format",
        choices=("text", *FORMATS),
        default="text",
        help="text (default): one block per story; table, csv or json: one row per story",
    )
    stories.set_defaults(handler=_stories)

    story = commands.add_parser(
        "story", help="one story's copies beside its original: headline, cruft, paragraphs"
    )
    story.add_argument(
        "story_id", metavar="ID", help="a story id, or a unique prefix of 6+ hex digits"
    )
    _warehouse_option(story)
    story.add_argument(
        "--format",
        choices=("text", *FORMATS),
        default="text",
        help="text (default): one block per copy; table or csv: one summary row per copy; "
        "json: the whole report as one object, full texts included",
    )
    story.set_defaults(handler=_story)

    adapters = commands.add_parser("adapters", help="list installed adapters; `adapters new NAME`")
    adapters.set_defaults(handler=_adapters)
    adapter_commands = adapters.add_subparsers(dest="adapters_command", metavar="")
    new = adapter_commands.add_parser("new", help="scaffold an adapter file and golden folder")
    new.add_argument("name", help="adapter name, e.g. acme_wire")
    new.add_argument("--root", default=".", help="the newsnorm checkout (default: .)")
    new.set_defaults(handler=_new_adapter)

    serve = commands.add_parser(
        "serve", help="run `ingest` on a schedule (Prefect; starts a local server if needed)"
    )
    serve.add_argument("sources", nargs="+", metavar="SOURCE", help="files or folders")
    when = serve.add_mutually_exclusive_group(required=True)
    when.add_argument("--cron", metavar="EXPR", help='a cron schedule in UTC, e.g. "*/15 * * * *"')
    when.add_argument("--interval", type=_positive, metavar="SECONDS", help="seconds between runs")
    _warehouse_option(serve)
    serve.add_argument(
        "--batch-size",
        type=_positive,
        default=DEFAULT_BATCH_FILES,
        help=f"inputs per batch, i.e. per Prefect task run (default {DEFAULT_BATCH_FILES})",
    )
    serve.add_argument(
        "--max-bytes",
        type=_positive,
        default=DEFAULT_MAX_BYTES,
        help=f"reject inputs larger than this (default {DEFAULT_MAX_BYTES})",
    )
    serve.add_argument(
        "--field",
        action="append",
        default=[],
        type=_field_override,
        metavar="TARGET=SOURCE",
        help="JSON-lines field mapping, as for ingest",
    )
    serve.add_argument(
        "--strict",
        action="store_true",
        help="stop a run on an internal error instead of recording the input as rejected",
    )
    serve.add_argument(
        "--pause-on-shutdown",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="pause the deployment's schedule when serve stops (default: pause)",
    )
    serve.add_argument(
        "--name",
        default="newsnorm-serve",
        help="deployment name on the Prefect server (default newsnorm-serve)",
    )
    serve.set_defaults(handler=_serve)

    compact = commands.add_parser(
        "compact", help="merge the warehouse's small Parquet files (DuckLake compaction)"
    )
    _warehouse_option(compact)
    compact.add_argument(
        "--retain-seconds",
        type=_non_negative,
        default=DEFAULT_RETAIN_SECONDS,
        help="keep replaced files this long for readers of older snapshots "
        f"(default {DEFAULT_RETAIN_SECONDS})",
    )
    compact.set_defaults(handler=_compact)

    reprocess = commands.add_parser(
        "reprocess", help="re-run stored articles whose adapter has a newer version installed"
    )
    _warehouse_option(reprocess)
    reprocess.add_argument("--adapter", metavar="NAME", help="only this adapter's articles")
    reprocess.add_argument(
        "--field",
        action="append",
        default=[],
        type=_field_override,
        metavar="TARGET=SOURCE",
        help="the JSON-lines field mapping the inputs were ingested with, as for ingest",
    )
    reprocess.set_defaults(handler=_reprocess)

    status = commands.add_parser(
        "status", help="the last runs, rejects by reason, the warehouse's size"
    )
    _warehouse_option(status)
    status.add_argument("--runs", type=_positive, default=10, help="runs to show (default 10)")
    status.set_defaults(handler=_status)

    explain = commands.add_parser("explain", help="show how one file is detected and cleaned")
    explain.add_argument(
        "file",
        help="a raw input file, as ingest reads it; FILE#<WARC-Record-ID> or FILE#line=N for "
        "one record of a WARC or JSON-lines file (default: its first article input)",
    )
    explain.add_argument("--format", choices=("text", "json"), default="text")
    explain.set_defaults(handler=_explain)
    return parser


def _warehouse_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--warehouse",
        default=DEFAULT_WAREHOUSE,
        metavar="DIR",
        help=f"warehouse directory or s3://bucket/prefix (default {DEFAULT_WAREHOUSE})",
    )
    parser.add_argument(
        "--catalog",
        default=None,
        metavar="CATALOG",
        help="a shared PostgreSQL catalog, postgres:<libpq conninfo> or postgresql://… "
        "(default $NEWSNORM_CATALOG), for writers on several machines; or, for an s3:// "
        "warehouse, the local folder of its catalog (default $NEWSNORM_CATALOG_DIR)",
    )


def _warehouse(args: argparse.Namespace) -> Warehouse:
    """`--warehouse` with `--catalog`. A PostgreSQL `--catalog` is also exported as
    NEWSNORM_CATALOG, so the flow and its workers find it without it becoming a Prefect
    flow parameter (parameters are stored and shown by the server, a password with them)."""
    from newsnorm.warehouse.lake import Warehouse
    from newsnorm.warehouse.objectstore import CATALOG_DIR_VARIABLE
    from newsnorm.warehouse.pgcatalog import CATALOG_VARIABLE, is_postgres_catalog

    warehouse = Warehouse.at(args.warehouse, catalog=args.catalog)
    if args.catalog:
        shared = is_postgres_catalog(args.catalog)
        os.environ[CATALOG_VARIABLE if shared else CATALOG_DIR_VARIABLE] = args.catalog
    return warehouse


def _positive(value: str) -> int:
    number = int(value)
    if number <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value}")
    return number


def _non_negative(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or a positive integer, got {value}")
    return number


def _share(value: str) -> float:
    number = float(value)
    if not 0.0 < number <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a share above 0 and at most 1, got {value}")
    return number


def _field_override(value: str) -> tuple[str, str]:
    target, _, source = value.partition("=")
    if not target or not source:
        raise argparse.ArgumentTypeError(f"expected TARGET=SOURCE, got {value!r}")
    return target.strip(), source.strip()


def _ingest(args: argparse.Namespace, out: TextIO) -> int:
    if args.quiet:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    if args.dask_address and args.runner != "dask":
        print("newsnorm ingest: --dask-address needs --runner dask", file=sys.stderr)
        return EXIT_USAGE
    apply_prefect_defaults()
    from newsnorm.flows.ingest import ingest_articles
    from newsnorm.flows.serve import ServeError
    from newsnorm.flows.task_runners import shared_prefect_api
    from newsnorm.warehouse.extension import WarehouseError

    try:
        with shared_prefect_api(args.runner, _warehouse(args).root, sys.stderr):
            counts = ingest_articles(
                sources=list(args.sources),
                warehouse=args.warehouse,
                batch_files=args.batch_size,
                max_bytes=args.max_bytes,
                strict=args.strict,
                fields=dict(args.field),
                rescan=args.rescan,
                follow_symlinks=args.follow_symlinks,
                progress=not args.quiet and sys.stderr.isatty(),
                compact_after_files=args.compact_after,
                runner=args.runner,
                dask_address=args.dask_address,
                story_min_containment=args.story_min_containment,
                story_min_shared=args.story_min_shared,
            )
    except ValueError as err:  # an unknown --field target
        print(f"newsnorm ingest: --field: {err}", file=sys.stderr)
        return EXIT_USAGE
    except (WarehouseError, ServeError) as err:  # ServeError: the run's server did not start
        print(f"newsnorm ingest: {err}", file=sys.stderr)
        return EXIT_ERROR
    out.write(
        f"ingested {counts['ingested']}, duplicate {counts['duplicate']}, "
        f"unchanged {counts['unchanged']}, rejected {counts['rejected']} "
        f"(seen {counts['seen']}; run {counts['run_id']})\n"
        + (f"skipped {counts['skipped']} non-HTML WARC records\n" if counts["skipped"] else "")
    )
    if counts["rejected"]:
        out.write(
            f'see why: newsnorm query "select input_uri, reason from rejects '
            f"where run_id = '{counts['run_id']}'\"\n"
        )
    if args.fail_on_reject and counts["rejected"]:
        return EXIT_REJECTS
    return EXIT_OK


def _serve(args: argparse.Namespace, out: TextIO) -> int:
    apply_prefect_defaults()
    from newsnorm.flows.serve import ServeError, ServeSettings, serve
    from newsnorm.warehouse.extension import WarehouseError

    try:
        _warehouse(args)  # checks --catalog, and hands it to the runs through the environment
    except WarehouseError as err:
        print(f"newsnorm serve: {err}", file=sys.stderr)
        return EXIT_USAGE
    settings = ServeSettings(
        sources=list(args.sources),
        warehouse=args.warehouse,
        cron=args.cron,
        interval=args.interval,
        batch_files=args.batch_size,
        max_bytes=args.max_bytes,
        strict=args.strict,
        fields=dict(args.field),
        pause_on_shutdown=args.pause_on_shutdown,
        name=args.name,
    )
    try:
        serve(settings, out)
    except ServeError as err:
        print(f"newsnorm serve: {err}", file=sys.stderr)
        return EXIT_USAGE if err.usage else EXIT_ERROR
    return EXIT_OK


def _compact(args: argparse.Namespace, out: TextIO) -> int:
    from newsnorm.warehouse.compact import compact
    from newsnorm.warehouse.extension import WarehouseError

    try:
        warehouse = _warehouse(args)
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


def _reprocess(args: argparse.Namespace, out: TextIO) -> int:
    from newsnorm.flows.reprocess import reprocess
    from newsnorm.transforms.jsonrecord import field_mapping
    from newsnorm.warehouse.extension import WarehouseError

    try:
        warehouse = _warehouse(args)
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


def _status(args: argparse.Namespace, out: TextIO) -> int:
    from newsnorm.flows.status import RUN_COLUMNS, warehouse_status
    from newsnorm.warehouse.extension import WarehouseError

    try:
        warehouse = _warehouse(args)
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
    out.write("\nrejects by reason:\n")
    write_table(["reason_code", "inputs", "last_seen"], [status.rejects], out)
    return EXIT_OK


def _query(args: argparse.Namespace, out: TextIO) -> int:
    from newsnorm.flows.query import QueryError, WarehouseError, run_query

    writers = {"table": write_table, "csv": write_csv, "json": write_json}
    try:
        with run_query(_warehouse(args), args.sql) as result:
            writers[args.format](result.columns, result.chunks, out)
    except (QueryError, WarehouseError) as err:
        print(f"newsnorm query: {err}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def _search(args: argparse.Namespace, out: TextIO) -> int:
    from newsnorm.warehouse.extension import WarehouseError
    from newsnorm.warehouse.search import SearchQueryError, search

    try:
        result = search(_warehouse(args), args.words, args.limit)
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
    writers = {"table": write_table, "csv": write_csv, "json": write_json}
    writers[args.format](columns, [rows], out)
    return EXIT_OK


def _stories(args: argparse.Namespace, out: TextIO) -> int:
    from newsnorm.flows.story_report import (
        STORY_COLUMNS,
        StoryReportError,
        WarehouseError,
        top_stories,
        write_story_list_text,
    )

    try:
        stories = top_stories(_warehouse(args), args.min_copies, args.limit)
    except (StoryReportError, WarehouseError) as err:
        print(f"newsnorm stories: {err}", file=sys.stderr)
        return EXIT_ERROR
    if not stories.rows:
        if args.format == "text":
            out.write(stories.empty_message() + "\n")
            return EXIT_OK
        print(stories.empty_message(), file=sys.stderr)
    if args.format == "text":
        write_story_list_text(stories, out)
        return EXIT_OK
    writers = {"table": write_table, "csv": write_csv, "json": write_json}
    writers[args.format](list(STORY_COLUMNS), [stories.rows], out)
    return EXIT_OK


def _story(args: argparse.Namespace, out: TextIO) -> int:
    from newsnorm.flows.story_report import (
        COPY_COLUMNS,
        StoryReportError,
        WarehouseError,
        copy_rows,
        load_story,
        report_json,
        write_story_text,
    )

    try:
        report = load_story(_warehouse(args), args.story_id)
    except (StoryReportError, WarehouseError) as err:
        print(f"newsnorm story: {err}", file=sys.stderr)
        return EXIT_ERROR
    if args.format == "text":
        write_story_text(report, out)
    elif args.format == "json":
        out.write(json.dumps(report_json(report), ensure_ascii=False, indent=2) + "\n")
    else:
        writers = {"table": write_table, "csv": write_csv}
        writers[args.format](list(COPY_COLUMNS), [copy_rows(report)], out)
    return EXIT_OK


def _adapters(args: argparse.Namespace, out: TextIO) -> int:
    from newsnorm.transforms.adapters.registry import load_adapters

    rows = [
        (
            adapter.name,
            str(adapter.priority),
            str(adapter.version),
            f"{type(adapter).__module__}.{type(adapter).__qualname__}",
            adapter.description,
        )
        for adapter in load_adapters()
    ]
    write_table(["name", "priority", "version", "class", "description"], [rows], out)
    return EXIT_OK


def _new_adapter(args: argparse.Namespace, out: TextIO) -> int:
    from newsnorm.flows.scaffold import ScaffoldError, next_steps, scaffold_adapter

    try:
        created = scaffold_adapter(args.name, Path(args.root))
    except ScaffoldError as err:
        print(f"newsnorm adapters new: {err}", file=sys.stderr)
        return EXIT_ERROR
    for path in created:
        out.write(f"created {path}\n")
    out.write(next_steps(args.name))
    return EXIT_OK


def _explain(args: argparse.Namespace, out: TextIO) -> int:
    from newsnorm.flows.explain import explanation_json, write_explanation
    from newsnorm.flows.formats import pick_input
    from newsnorm.transforms.adapters.registry import load_adapters
    from newsnorm.transforms.explain import Explanation, explain_input
    from newsnorm.transforms.jsonrecord import field_mapping

    try:
        picked = pick_input(args.file, DEFAULT_MAX_BYTES)
    except LookupError as err:
        print(f"newsnorm explain: {err}", file=sys.stderr)
        return EXIT_ERROR
    raw = picked.raw
    if raw.rejection is not None and raw.rejection.code in ("not_found", "unreadable"):
        print(
            f"newsnorm explain: cannot read {args.file}: {raw.rejection.message}", file=sys.stderr
        )
        return EXIT_ERROR
    if raw.rejection is not None or raw.data is None:
        explanation = Explanation("", None, (), None, raw.rejection)
    else:
        explanation = explain_input(raw.data, raw.meta(field_mapping({})), load_adapters())
    if args.format == "json":
        data = {
            "input": raw.uri,
            "other_inputs": list(picked.others),
            **explanation_json(explanation),
        }
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        write_explanation(raw.uri, explanation, out, picked.others)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
