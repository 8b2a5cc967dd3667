"""Every option of the `newsnorm` command, defined once, and the options objects built from them.

Options come in groups (the warehouse, what to ingest, how to run it, story linking, …);
`app.py` composes the groups into each command. A command's handler does not read ingest
options one by one: `ingest_parameters` turns them into the one `IngestParameters` that
`ingest` runs and `serve` schedules, so the two commands cannot drift apart. Nothing here
imports DuckDB, the transforms or Prefect: the command line answers before they load.
"""

from __future__ import annotations

import argparse
import os
from datetime import date
from typing import TYPE_CHECKING

from newsnorm.flows.cli.row_output import FORMATS
from newsnorm.flows.engine.defaults import (
    DEFAULT_BATCH_FILES,
    DEFAULT_COMPACT_AFTER_FILES,
    DEFAULT_MAX_BYTES,
    DEFAULT_RETAIN_SECONDS,
    DEFAULT_WAREHOUSE,
    WAREHOUSE_VARIABLE,
)
from newsnorm.flows.orchestration.parameters import (
    STORY_MIN_CONTAINMENT,
    STORY_MIN_SHARED,
    IngestParameters,
)
from newsnorm.flows.orchestration.serve import DEPLOYMENT_NAME, ServeSettings
from newsnorm.flows.orchestration.task_runners import DEFAULT_RUNNER, RUNNERS

if TYPE_CHECKING:
    from newsnorm.warehouse.lake import Warehouse
    from newsnorm.warehouse.search_query import SearchFilters

# `--format` choices of the report commands: text for reading, the rest for scripts.
REPORT_FORMATS = ("text", *FORMATS)


def positive(value: str) -> int:
    number = int(value)
    if number <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value}")
    return number


def non_negative(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or a positive integer, got {value}")
    return number


def share(value: str) -> float:
    number = float(value)
    if not 0.0 < number <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a share above 0 and at most 1, got {value}")
    return number


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {value!r}") from None


def field_override(value: str) -> tuple[str, str]:
    target, _, source = value.partition("=")
    if not target or not source:
        raise argparse.ArgumentTypeError(f"expected TARGET=SOURCE, got {value!r}")
    return target.strip(), source.strip()


def time_zone(value: str) -> str:
    """An IANA time zone name, checked (the standard library's zoneinfo, nothing heavy)."""
    from newsnorm.transforms.dates import check_zone

    try:
        return check_zone(value)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def default_warehouse() -> str:
    """$NEWSNORM_WAREHOUSE when set (and not empty), else warehouse/data."""
    return os.environ.get(WAREHOUSE_VARIABLE, "").strip() or DEFAULT_WAREHOUSE


def add_warehouse_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("warehouse")
    group.add_argument(
        "--warehouse",
        default=default_warehouse(),
        metavar="DIR",
        help=f"warehouse directory or s3://bucket/prefix (default ${WAREHOUSE_VARIABLE}, "
        f"else {DEFAULT_WAREHOUSE}; now {default_warehouse()})",
    )
    group.add_argument(
        "--catalog",
        default=None,
        metavar="CATALOG",
        help="a shared PostgreSQL catalog, postgres:<libpq conninfo> or postgresql://… "
        "(default $NEWSNORM_CATALOG), for writers on several machines; or, for an s3:// "
        "warehouse, the local folder of its catalog (default $NEWSNORM_CATALOG_DIR)",
    )


def add_sources(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help="files or folders")


def add_field_option(parser: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    parser.add_argument(
        "--field",
        action="append",
        default=[],
        type=field_override,
        metavar="TARGET=SOURCE",
        help="where a JSON record's fields are, e.g. --field title=headline --field "
        "body=story.text (targets: title, body, html, authors, published, url, site, "
        "language, description); the names news-please, fundus, trafilatura, WordPress and "
        "common Scrapy feeds write are known without it",
    )


def add_timezone_option(parser: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    parser.add_argument(
        "--timezone",
        type=time_zone,
        metavar="ZONE",
        help="the IANA time zone of dates written without one, e.g. Europe/Berlin (news-please "
        "writes them so); a date that states its zone is never read in another; without it, "
        "such a date gives published_on but no published_at",
    )


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


def add_html_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--html",
        metavar="FILE",
        help="also write one self-contained HTML page: the input with every removed piece "
        "struck through and every moved piece underlined, coloured by kind, beside the clean "
        "article (open it in any browser; it loads nothing)",
    )


def add_format_option(
    parser: argparse.ArgumentParser, choices: tuple[str, ...], help_text: str
) -> None:
    """`--format`; the first choice is the default."""
    parser.add_argument("--format", choices=choices, default=choices[0], help=help_text)


def add_limit_option(parser: argparse.ArgumentParser, default: int, what: str) -> None:
    parser.add_argument(
        "--limit", type=positive, default=default, help=f"{what} to show (default {default})"
    )


def add_search_options(parser: argparse.ArgumentParser) -> None:
    """What narrows `search`: filters on the hits, and one hit per story."""
    group = parser.add_argument_group("filters (all must hold)")
    group.add_argument(
        "--site",
        metavar="SITE",
        help="only articles of this site: its name or host, e.g. Salon or salon.com "
        "(subdomains count)",
    )
    group.add_argument(
        "--syndicator",
        metavar="NAME",
        help="only articles crediting a syndicator whose name contains this, any case, "
        'e.g. "texas tribune"',
    )
    group.add_argument(
        "--since",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="only articles dated on or after this day (undated articles are left out)",
    )
    group.add_argument(
        "--until",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="only articles dated on or before this day (undated articles are left out)",
    )
    group.add_argument(
        "--one-per-story",
        action="store_true",
        help="collapse copies of one story into its best hit, with how many copies matched",
    )


def search_filters(args: argparse.Namespace) -> SearchFilters:
    """The filters `add_search_options` defines."""
    from newsnorm.warehouse.search_query import SearchFilters

    return SearchFilters(
        site=args.site,
        syndicator=args.syndicator,
        since=args.since,
        until=args.until,
        one_per_story=args.one_per_story,
    )


def add_compact_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--retain-seconds",
        type=non_negative,
        default=DEFAULT_RETAIN_SECONDS,
        help="keep replaced files this long for readers of older snapshots "
        f"(default {DEFAULT_RETAIN_SECONDS})",
    )


def warehouse_from(args: argparse.Namespace) -> Warehouse:
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
