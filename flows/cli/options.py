"""Every option of the `newsnorm` command but those of the ingest flow, defined once here,
with the value types they parse and the objects built from them.

Each command's options are one `add_<command>_options` function (the warehouse group, the
output `--format`, …, composed in the order `--help` shows them); `app.py` only lists the
commands and gives each its options and handler. The ingest flow's commands, `ingest` and
`serve`, take their options from `ingest_options.py`, which reuses the groups defined here
that other commands share (the warehouse, `--field`, `--timezone`). Defaults are written
here or read from `flows/engine/defaults.py`; nothing here imports DuckDB, the transforms or
Prefect, so `--help` and a mistake on the command line answer before they load.
"""

from __future__ import annotations

import argparse
import os
from datetime import date
from importlib.metadata import version
from typing import TYPE_CHECKING

from newsnorm.flows.cli.row_output import FORMATS
from newsnorm.flows.engine.defaults import (
    DEFAULT_RETAIN_SECONDS,
    DEFAULT_WAREHOUSE,
    WAREHOUSE_VARIABLE,
    default_warehouse,
)

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


def add_version_option(parser: argparse.ArgumentParser) -> None:
    """`newsnorm --version`, the one option before the command."""
    parser.add_argument("--version", action="version", version=f"newsnorm {version('newsnorm')}")


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


_FIELD_TARGETS = "title, body, html, authors, published, url, site, language, description"


def add_field_option(
    parser: argparse.ArgumentParser | argparse._ArgumentGroup, stored: bool = False
) -> None:
    """`--field`; `stored` for a command that reads stored inputs again, each with the
    settings it was ingested with (`reprocess`, `show`)."""
    help_text = (
        "for inputs ingested with the default reading settings (no --field or --timezone) "
        "or before settings were recorded: where a JSON record's fields are, e.g. --field "
        f"title=headline (targets: {_FIELD_TARGETS}); every other input is read with the "
        "settings it was ingested with"
        if stored
        else "where a JSON record's fields are, e.g. --field title=headline --field "
        f"body=story.text (targets: {_FIELD_TARGETS}); the names news-please, fundus, "
        "trafilatura, WordPress and common Scrapy feeds write are known without it"
    )
    parser.add_argument(
        "--field",
        action="append",
        default=[],
        type=field_override,
        metavar="TARGET=SOURCE",
        help=help_text,
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


def add_query_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sql", help='e.g. "select title, authors from articles"')
    add_warehouse_options(parser)
    add_format_option(parser, FORMATS, "output format (default table)")


def add_search_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "words",
        metavar="QUERY",
        help="words to look for, e.g. 'ceasefire talks'; a phrase in double quotes must appear "
        """as written: '"border wall" funding'""",
    )
    _add_search_filters(parser)
    add_limit_option(parser, 10, "results")
    add_warehouse_options(parser)
    add_format_option(
        parser,
        REPORT_FORMATS,
        "text (default): one block per result; table, csv or json: one row per result",
    )


def _add_search_filters(parser: argparse.ArgumentParser) -> None:
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
    """The filters `_add_search_filters` defines."""
    from newsnorm.warehouse.search_query import SearchFilters

    return SearchFilters(
        site=args.site,
        syndicator=args.syndicator,
        since=args.since,
        until=args.until,
        one_per_story=args.one_per_story,
    )


def add_status_options(parser: argparse.ArgumentParser) -> None:
    add_warehouse_options(parser)
    parser.add_argument("--runs", type=positive, default=10, help="runs to show (default 10)")


def add_stories_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--min-copies",
        type=positive,
        default=2,
        metavar="N",
        help="only stories with at least N copies (default 2)",
    )
    add_limit_option(parser, 20, "stories")
    add_warehouse_options(parser)
    add_format_option(
        parser,
        REPORT_FORMATS,
        "text (default): one block per story; table, csv or json: one row per story",
    )


def add_story_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "story_id", metavar="ID", help="a story id, or a unique prefix of 6+ hex digits"
    )
    add_warehouse_options(parser)
    add_format_option(
        parser,
        REPORT_FORMATS,
        "text (default): one block per copy; table or csv: one summary row per copy; "
        "json: the whole report as one object, full texts included",
    )


def add_new_adapter_options(parser: argparse.ArgumentParser) -> None:
    """`adapters new`."""
    parser.add_argument("name", help="adapter name, e.g. acme_wire")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--root", help="the newsnorm checkout (default: .)")
    where.add_argument(
        "--package",
        metavar="DIR",
        help="make a plugin package in DIR instead (pyproject with the entry point, adapter "
        "module, golden folder, test file), for an adapter shipped outside newsnorm",
    )


def add_golden_options(parser: argparse.ArgumentParser) -> None:
    """`adapters golden`."""
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="a raw sample, an adapter's golden folder (named after the adapter), or a folder "
        "of such folders",
    )
    parser.add_argument(
        "--write",
        action="store_true",
        help="write each <case>.expected.json from the current output (then read them), "
        "instead of only checking them",
    )


def add_explain_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        help="a raw input file, as ingest reads it; FILE#<WARC-Record-ID>, FILE#line=N or "
        "FILE#item=N for one record of a WARC, JSON-lines or JSON-array file (default: its "
        "first article input)",
    )
    add_field_option(parser)
    add_timezone_option(parser)
    add_format_option(parser, ("text", "json"), "text (default) or json")
    add_html_option(parser)
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="when an adapter raises, show its traceback too",
    )


def add_show_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "article_id",
        metavar="ARTICLE_ID",
        help="an article id, or a unique prefix of 6+ hex digits",
    )
    add_warehouse_options(parser)
    add_field_option(parser, stored=True)
    add_html_option(parser)


def add_compact_options(parser: argparse.ArgumentParser) -> None:
    add_warehouse_options(parser)
    parser.add_argument(
        "--retain-seconds",
        type=non_negative,
        default=DEFAULT_RETAIN_SECONDS,
        help="keep replaced files this long for readers of older snapshots "
        f"(default {DEFAULT_RETAIN_SECONDS})",
    )


def add_reprocess_options(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Clean stored articles again from their original inputs: those that are stale (made "
        "by an older version of their adapter or of the shared stages, or holding a line "
        "since learned as boilerplate of their site), or every one with --all. Each input is "
        "read with the settings it was ingested with and must still hash as it did (a file "
        "changed since is left to ingest). A new title or body is a new version at the same "
        "source; otherwise the stored row is replaced. The new articles are then linked into "
        "stories and learned from, as after an ingest. Ctrl-C stops between two chunks, "
        "keeping the committed ones."
    )
    add_warehouse_options(parser)
    parser.add_argument("--adapter", metavar="NAME", help="only this adapter's articles")
    parser.add_argument(
        "--all",
        action="store_true",
        help="every stored article (of --adapter), not only stale ones: after adding an "
        "adapter, `--adapter generic --all` lets it take the articles generic made",
    )
    add_field_option(parser, stored=True)


def add_forget_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "sources",
        nargs="+",
        metavar="SOURCE",
        help="a file or folder as it was ingested (it need not exist any more), or a stored "
        "input_uri or source_uri such as 'file:///data/feed.jsonl#line=3'",
    )
    add_warehouse_options(parser)
    parser.add_argument(
        "--dry-run", action="store_true", help="say what would be removed, remove nothing"
    )
    parser.add_argument(
        "--purge",
        action="store_true",
        help="also delete the removed rows from disk now (a takedown): rewrite the Parquet "
        "files that still hold them and expire every earlier snapshot (a reader still on one "
        "loses it)",
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
