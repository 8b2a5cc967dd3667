"""The `newsnorm` command: which commands exist and, for each, the function in `options.py`
(or, for `ingest` and `serve`, `ingest_options.py`) that adds its options and the handler
that runs it. No option is defined here (tests/flows/test_cli_options.py holds it so).

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
from pathlib import Path
from typing import NoReturn, TypeAlias

from newsnorm.flows.cli.exit_codes import (
    EXIT_BROKEN_PIPE,
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
)
from newsnorm.flows.cli.ingest_options import add_ingest_command_options, add_serve_options
from newsnorm.flows.cli.options import (
    add_compact_options,
    add_explain_options,
    add_forget_options,
    add_golden_options,
    add_new_adapter_options,
    add_query_options,
    add_reprocess_options,
    add_search_options,
    add_show_options,
    add_status_options,
    add_stories_options,
    add_story_options,
    add_version_option,
)
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
    add_version_option(parser)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, help_text, add_options, handler in _COMMANDS:
        sub = commands.add_parser(name, help=help_text)
        if command is None or command == name:
            add_options(sub)
            sub.set_defaults(handler=handler)
    return parser


def _adapters(adapters: argparse.ArgumentParser) -> None:
    """`adapters` lists them; `adapters new` scaffolds one, `adapters golden` makes or
    checks golden files."""
    adapter_commands = adapters.add_subparsers(dest="adapters_command", metavar="")
    new = adapter_commands.add_parser("new", help="scaffold an adapter file and golden folder")
    add_new_adapter_options(new)
    new.set_defaults(handler=("author_commands", "new_adapter_command"))
    golden = adapter_commands.add_parser(
        "golden", help="check (or --write) golden files with every installed adapter"
    )
    add_golden_options(golden)
    golden.set_defaults(handler=("golden_commands", "golden_command"))


# (name, one-line help, its options, its handler as (module, function)), in the order
# `newsnorm --help` lists them.
_COMMANDS: tuple[tuple[str, str, Builder, tuple[str, str]], ...] = (
    ("ingest", "ingest files and folders (here, or as a Prefect flow run: see its --help)",
     add_ingest_command_options, ("ingest_commands", "ingest_command")),
    ("serve", "run `ingest` on a schedule (Prefect; starts a local server if needed)",
     add_serve_options, ("ingest_commands", "serve_command")),
    ("query", "run SQL against the warehouse (read-only)",
     add_query_options, ("warehouse_commands", "query_command")),
    ("search", "full-text search over titles and bodies, ranked by BM25",
     add_search_options, ("warehouse_commands", "search_command")),
    ("status", "the last runs, unfinished steps, rejects by reason, the warehouse's size",
     add_status_options, ("warehouse_commands", "status_command")),
    ("stories", "the most-copied stories: copies, sites, syndicators, first seen",
     add_stories_options, ("story_commands", "stories_command")),
    ("story", "one story's copies beside its original: headline, cruft, paragraphs",
     add_story_options, ("story_commands", "story_command")),
    ("adapters", "list installed adapters; `adapters new NAME`, `adapters golden PATH`",
     _adapters, ("author_commands", "adapters_command")),
    ("explain", "show how one file is detected and cleaned",
     add_explain_options, ("author_commands", "explain_command")),
    ("show", "one stored article: its input re-read, every cut, the clean article",
     add_show_options, ("warehouse_commands", "show_command")),
    ("compact", "merge the warehouse's small Parquet files (DuckLake compaction)",
     add_compact_options, ("warehouse_commands", "compact_command")),
    ("reprocess", "re-run stored articles an older adapter or shared stage made",
     add_reprocess_options, ("warehouse_commands", "reprocess_command")),
    ("forget", "remove inputs and the articles they made (a takedown, a mistaken ingest)",
     add_forget_options, ("warehouse_commands", "forget_command")),
)  # fmt: skip
