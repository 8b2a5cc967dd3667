"""The `newsnorm` command: which commands exist, which option groups each takes, and which
handler runs it. The options themselves are defined in `options.py`.

Start-up is kept cheap, so `--version`, `--help` and a mistake on the command line answer
at once: only the command being run gets its options built, and its handler module (with
DuckDB, the transforms or Prefect behind it) is imported only when it runs. A mistake in
the arguments is one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import NoReturn, TypeAlias

from newsnorm.flows.cli.exit_codes import (
    EXIT_BROKEN_PIPE,
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
)
from newsnorm.flows.cli.ingest_options import (
    add_run_mode_options,
    add_run_report_options,
    ingest_description,
)
from newsnorm.flows.cli.options import (
    REPORT_FORMATS,
    add_compact_options,
    add_field_option,
    add_format_option,
    add_html_option,
    add_ingest_options,
    add_limit_option,
    add_schedule_options,
    add_search_options,
    add_sources,
    add_timezone_option,
    add_warehouse_options,
    positive,
)
from newsnorm.flows.cli.row_output import FORMATS
from newsnorm.flows.engine.stopping import query_interrupted
from newsnorm.transforms.errors import AdapterError

# The OSErrors the user's machine causes, said in one line: a read-only or full disk, no
# permission, a path that is no folder (or one), too long a name, too many open files.
ENVIRONMENT_ERRNOS = frozenset(
    {
        errno.EROFS,
        errno.ENOSPC,
        errno.EDQUOT,
        errno.EFBIG,
        errno.EIO,
        errno.EACCES,
        errno.EPERM,
        errno.ENOTDIR,
        errno.EISDIR,
        errno.ENAMETOOLONG,
        errno.ELOOP,
        errno.EMFILE,
        errno.ENFILE,
    }
)

Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
Builder: TypeAlias = Callable[[argparse.ArgumentParser], None]


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a mistake is one line (the usage is a `--help` away)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _run(argv)
    except KeyboardInterrupt:  # in the command, or while its modules load
        print("newsnorm: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _run(argv: Sequence[str] | None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(_command_in(arguments)).parse_args(arguments)
    module, name = args.handler
    handler = getattr(importlib.import_module(f"newsnorm.flows.cli.{module}"), name)
    try:
        result: int = handler(args, sys.stdout)
    except AdapterError as err:
        print(f"newsnorm: adapter error: {err}{_declared_at(err)}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return _reader_gone()
    except OSError as err:
        if err.errno not in ENVIRONMENT_ERRNOS:
            raise  # a file of ours missing is our bug: its traceback
        print(f"newsnorm {args.command}: {err}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as err:
        if not query_interrupted(err):
            raise
        print("newsnorm: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    return result


def _declared_at(err: AdapterError) -> str:
    """Where the adapter that raised declared the rule: the innermost frame of its own code,
    outside the rule engine (a bad pattern raises while the class body is read). Many
    adapters have a rule or signal of the same name."""
    engine = Path(importlib.import_module("newsnorm.transforms").__file__ or "").parent
    cause: BaseException | None = err
    while cause is not None:  # a plugin's error is raised again by the registry
        for frame in reversed(traceback.extract_tb(cause.__traceback__)):
            path = Path(frame.filename)
            if frame.filename.startswith("<") or path.parent == engine:
                continue
            if frame.name[:1].isupper():  # a class body's frame bears the class's name
                return f" (declared at {path.name}:{frame.lineno}, in {frame.name})"
        cause = cause.__cause__
    return ""


def _reader_gone() -> int:
    """`newsnorm query … | head` closed our output early: that is the reader's choice, not
    an error. Python would print a traceback flushing stdout at exit; point it at
    /dev/null so it does not."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return EXIT_BROKEN_PIPE


def _command_in(arguments: Sequence[str]) -> str | None:
    """Whose options to build: the command named first; none for `--version` or a missing
    command; None, every command's, for `newsnorm --help`."""
    if not arguments:
        return ""
    first = arguments[0]
    if first in ("-h", "--help"):
        return None
    return "" if first.startswith("-") else first


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; with `command`, only that command's options are built (each command is
    listed all the same, so a typo still gets argparse's "invalid choice")."""
    parser = OneLineParser(
        prog="newsnorm",
        description="Ingest scraped news into clean, provenance-rich tables queryable with DuckDB.",
    )
    parser.add_argument("--version", action="version", version=f"newsnorm {version('newsnorm')}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, help_text, builder in _COMMANDS:
        sub = commands.add_parser(name, help=help_text)
        if command is None or command == name:
            builder(sub)
    return parser


def _ingest(ingest: argparse.ArgumentParser) -> None:
    ingest.description = ingest_description()
    ingest.formatter_class = argparse.RawDescriptionHelpFormatter
    add_sources(ingest)
    add_warehouse_options(ingest)
    add_ingest_options(ingest)
    add_run_mode_options(ingest)
    add_run_report_options(ingest)
    ingest.set_defaults(handler=("ingest_commands", "ingest_command"))


def _serve(serve: argparse.ArgumentParser) -> None:
    add_sources(serve)
    add_schedule_options(serve)
    add_warehouse_options(serve)
    add_ingest_options(serve)
    serve.set_defaults(handler=("ingest_commands", "serve_command"))


def _query(query: argparse.ArgumentParser) -> None:
    query.add_argument("sql", help='e.g. "select title, authors from articles"')
    add_warehouse_options(query)
    add_format_option(query, FORMATS, "output format (default table)")
    query.set_defaults(handler=("warehouse_commands", "query_command"))


def _search(search: argparse.ArgumentParser) -> None:
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
    search.set_defaults(handler=("warehouse_commands", "search_command"))


def _status(status: argparse.ArgumentParser) -> None:
    add_warehouse_options(status)
    status.add_argument("--runs", type=positive, default=10, help="runs to show (default 10)")
    status.set_defaults(handler=("warehouse_commands", "status_command"))


def _stories(stories: argparse.ArgumentParser) -> None:
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
    stories.set_defaults(handler=("story_commands", "stories_command"))


def _story(story: argparse.ArgumentParser) -> None:
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
    story.set_defaults(handler=("story_commands", "story_command"))


def _adapters(adapters: argparse.ArgumentParser) -> None:
    adapters.set_defaults(handler=("author_commands", "adapters_command"))
    adapter_commands = adapters.add_subparsers(dest="adapters_command", metavar="")
    new = adapter_commands.add_parser("new", help="scaffold an adapter file and golden folder")
    new.add_argument("name", help="adapter name, e.g. acme_wire")
    new.add_argument("--root", default=".", help="the newsnorm checkout (default: .)")
    new.set_defaults(handler=("author_commands", "new_adapter_command"))


def _explain(explain: argparse.ArgumentParser) -> None:
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
    explain.set_defaults(handler=("author_commands", "explain_command"))


def _show(show: argparse.ArgumentParser) -> None:
    show.add_argument(
        "article_id",
        metavar="ARTICLE_ID",
        help="an article id, or a unique prefix of 6+ hex digits",
    )
    add_warehouse_options(show)
    add_field_option(show)
    add_html_option(show)
    show.set_defaults(handler=("warehouse_commands", "show_command"))


def _compact(compact: argparse.ArgumentParser) -> None:
    add_warehouse_options(compact)
    add_compact_options(compact)
    compact.set_defaults(handler=("warehouse_commands", "compact_command"))


def _reprocess(reprocess: argparse.ArgumentParser) -> None:
    add_warehouse_options(reprocess)
    reprocess.add_argument("--adapter", metavar="NAME", help="only this adapter's articles")
    reprocess.add_argument(
        "--all",
        action="store_true",
        help="every stored article (of --adapter), not only stale ones: after adding an "
        "adapter, `--adapter generic --all` lets it take the articles generic made",
    )
    add_field_option(reprocess)
    reprocess.set_defaults(handler=("warehouse_commands", "reprocess_command"))


def _forget(forget: argparse.ArgumentParser) -> None:
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
    forget.set_defaults(handler=("warehouse_commands", "forget_command"))


# (name, one-line help, builder), in the order `newsnorm --help` lists them.
_COMMANDS: tuple[tuple[str, str, Builder], ...] = (
    ("ingest", "ingest files and folders (here, or as a Prefect flow run: see its --help)",
     _ingest),
    ("serve", "run `ingest` on a schedule (Prefect; starts a local server if needed)", _serve),
    ("query", "run SQL against the warehouse (read-only)", _query),
    ("search", "full-text search over titles and bodies, ranked by BM25", _search),
    ("status", "the last runs, unfinished steps, rejects by reason, the warehouse's size",
     _status),
    ("stories", "the most-copied stories: copies, sites, syndicators, first seen", _stories),
    ("story", "one story's copies beside its original: headline, cruft, paragraphs", _story),
    ("adapters", "list installed adapters; `adapters new NAME`", _adapters),
    ("explain", "show how one file is detected and cleaned", _explain),
    ("show", "one stored article: its input re-read, every cut, the clean article", _show),
    ("compact", "merge the warehouse's small Parquet files (DuckLake compaction)", _compact),
    ("reprocess", "re-run stored articles an older adapter or shared stage made", _reprocess),
    ("forget", "remove inputs and the articles they made (a takedown, a mistaken ingest)",
     _forget),
)  # fmt: skip
