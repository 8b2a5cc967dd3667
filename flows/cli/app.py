"""The `newsnorm` command: which commands exist, which option groups each takes, and which
handler runs it. The options themselves are defined in `options.py`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TypeAlias

from newsnorm.flows.cli import author_commands, ingest_commands, story_commands
from newsnorm.flows.cli import warehouse_commands as warehouse
from newsnorm.flows.cli.exit_codes import EXIT_ERROR, EXIT_INTERRUPTED
from newsnorm.flows.cli.options import (
    REPORT_FORMATS,
    add_compact_options,
    add_field_option,
    add_format_option,
    add_html_option,
    add_ingest_options,
    add_limit_option,
    add_run_report_options,
    add_schedule_options,
    add_search_options,
    add_sources,
    add_timezone_option,
    add_warehouse_options,
    positive,
)
from newsnorm.flows.cli.row_output import FORMATS
from newsnorm.transforms.errors import AdapterError

Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        result: int = args.handler(args, sys.stdout)
    except AdapterError as err:
        print(f"newsnorm: adapter error: {err}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("newsnorm: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    return result


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsnorm",
        description="Ingest scraped news into clean, provenance-rich tables queryable with DuckDB.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_ingest_commands(commands)
    _add_read_commands(commands)
    _add_story_commands(commands)
    _add_author_commands(commands)
    _add_maintenance_commands(commands)
    return parser


def _add_ingest_commands(commands: Commands) -> None:
    ingest = commands.add_parser("ingest", help="ingest files and folders (a Prefect flow run)")
    add_sources(ingest)
    add_warehouse_options(ingest)
    add_ingest_options(ingest)
    add_run_report_options(ingest)
    ingest.set_defaults(handler=ingest_commands.ingest_command)

    serve = commands.add_parser(
        "serve", help="run `ingest` on a schedule (Prefect; starts a local server if needed)"
    )
    add_sources(serve)
    add_schedule_options(serve)
    add_warehouse_options(serve)
    add_ingest_options(serve)
    serve.set_defaults(handler=ingest_commands.serve_command)


def _add_read_commands(commands: Commands) -> None:
    query = commands.add_parser("query", help="run SQL against the warehouse (read-only)")
    query.add_argument("sql", help='e.g. "select title, authors from articles"')
    add_warehouse_options(query)
    add_format_option(query, FORMATS, "output format (default table)")
    query.set_defaults(handler=warehouse.query_command)

    search = commands.add_parser(
        "search", help="full-text search over titles and bodies, ranked by BM25"
    )
    search.add_argument(
        "words",
        metavar="QUERY",
        help="words to look for, e.g. 'ceasefire talks'; a phrase in double quotes must appear "
        """as written: '"border wall" funding'""",
    )
    add_search_options(search)
    add_limit_option(search, 10, "results")
    add_warehouse_options(search)
    add_format_option(
        search,
        REPORT_FORMATS,
        "text (default): one block per result; table, csv or json: one row per result",
    )
    search.set_defaults(handler=warehouse.search_command)

    status = commands.add_parser(
        "status", help="the last runs, rejects by reason, the warehouse's size"
    )
    add_warehouse_options(status)
    status.add_argument("--runs", type=positive, default=10, help="runs to show (default 10)")
    status.set_defaults(handler=warehouse.status_command)


def _add_story_commands(commands: Commands) -> None:
    stories = commands.add_parser(
        "stories", help="the most-copied stories: copies, sites, syndicators, first seen"
    )
    stories.add_argument(
        "--min-copies",
        type=positive,
        default=2,
        metavar="N",
        help="only stories with at least N copies (default 2)",
    )
    add_limit_option(stories, 20, "stories")
    add_warehouse_options(stories)
    add_format_option(
        stories,
        REPORT_FORMATS,
        "text (default): one block per story; table, csv or json: one row per story",
    )
    stories.set_defaults(handler=story_commands.stories_command)

    story = commands.add_parser(
        "story", help="one story's copies beside its original: headline, cruft, paragraphs"
    )
    story.add_argument(
        "story_id", metavar="ID", help="a story id, or a unique prefix of 6+ hex digits"
    )
    add_warehouse_options(story)
    add_format_option(
        story,
        REPORT_FORMATS,
        "text (default): one block per copy; table or csv: one summary row per copy; "
        "json: the whole report as one object, full texts included",
    )
    story.set_defaults(handler=story_commands.story_command)


def _add_author_commands(commands: Commands) -> None:
    adapters = commands.add_parser("adapters", help="list installed adapters; `adapters new NAME`")
    adapters.set_defaults(handler=author_commands.adapters_command)
    adapter_commands = adapters.add_subparsers(dest="adapters_command", metavar="")
    new = adapter_commands.add_parser("new", help="scaffold an adapter file and golden folder")
    new.add_argument("name", help="adapter name, e.g. acme_wire")
    new.add_argument("--root", default=".", help="the newsnorm checkout (default: .)")
    new.set_defaults(handler=author_commands.new_adapter_command)

    explain = commands.add_parser("explain", help="show how one file is detected and cleaned")
    explain.add_argument(
        "file",
        help="a raw input file, as ingest reads it; FILE#<WARC-Record-ID>, FILE#line=N or "
        "FILE#item=N for one record of a WARC, JSON-lines or JSON-array file (default: its "
        "first article input)",
    )
    add_field_option(explain)
    add_timezone_option(explain)
    add_format_option(explain, ("text", "json"), "text (default) or json")
    add_html_option(explain)
    explain.set_defaults(handler=author_commands.explain_command)

    show = commands.add_parser(
        "show", help="one stored article: its input re-read, every cut, the clean article"
    )
    show.add_argument(
        "article_id",
        metavar="ARTICLE_ID",
        help="an article id, or a unique prefix of 6+ hex digits",
    )
    add_warehouse_options(show)
    add_field_option(show)
    add_html_option(show)
    show.set_defaults(handler=warehouse.show_command)


def _add_maintenance_commands(commands: Commands) -> None:
    compact = commands.add_parser(
        "compact", help="merge the warehouse's small Parquet files (DuckLake compaction)"
    )
    add_warehouse_options(compact)
    add_compact_options(compact)
    compact.set_defaults(handler=warehouse.compact_command)

    reprocess = commands.add_parser(
        "reprocess", help="re-run stored articles whose adapter has a newer version installed"
    )
    add_warehouse_options(reprocess)
    reprocess.add_argument("--adapter", metavar="NAME", help="only this adapter's articles")
    add_field_option(reprocess)
    reprocess.set_defaults(handler=warehouse.reprocess_command)

    forget = commands.add_parser(
        "forget", help="remove inputs and the articles they made (a takedown, a mistaken ingest)"
    )
    forget.add_argument(
        "sources",
        nargs="+",
        metavar="SOURCE",
        help="a file or folder as it was ingested (it need not exist any more), or a stored "
        "input_uri or source_uri such as 'file:///data/feed.jsonl#line=3'",
    )
    add_warehouse_options(forget)
    forget.add_argument(
        "--dry-run", action="store_true", help="say what would be removed, remove nothing"
    )
    forget.add_argument(
        "--purge",
        action="store_true",
        help="also delete the removed rows from disk now (a takedown): rewrite the Parquet "
        "files that still hold them and expire every earlier snapshot (a reader still on one "
        "loses it)",
    )
    forget.set_defaults(handler=warehouse.forget_command)
