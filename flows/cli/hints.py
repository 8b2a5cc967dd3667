"""Commands the tool suggests (`see why: newsnorm query …`), runnable as printed.

A hint names the warehouse it is about, as an absolute path (or the s3:// URL), with the
catalog when one was given on the command line (a PostgreSQL one without its password,
which libpq then reads from PGPASSWORD or ~/.pgpass), so it works from any directory and
whatever NEWSNORM_WAREHOUSE says in another shell.
"""

from __future__ import annotations

import re
import shlex
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsnorm.warehouse.lake import Warehouse

# Commands that take --warehouse; a hint naming one of them in backticks gets it added.
WAREHOUSE_COMMANDS = ("query", "search", "status", "stories", "story", "compact", "reprocess")
_BARE_HINT = re.compile(rf"`newsnorm ({'|'.join(WAREHOUSE_COMMANDS)})((?: [^`]*)?)`")


def shell_quote(text: str) -> str:
    """`text` as one shell word: as it is when nothing in it is special, in double quotes
    when nothing in it is special there (SQL with single-quoted strings reads as written),
    else as shlex quotes it."""
    quoted = shlex.quote(text)
    if quoted != text and text and not any(char in text for char in '"$`\\!'):
        return f'"{text}"'
    return quoted


def warehouse_flags(warehouse: Warehouse, catalog: str | None) -> str:
    """`--warehouse …` (and `--catalog …`) naming this warehouse, quoted for a shell."""
    flags = f"--warehouse {shell_quote(warehouse.location)}"
    if catalog is None:
        return flags
    if warehouse.postgres is not None:
        return f"{flags} --catalog {shell_quote(warehouse.postgres.describe())}"
    return f"{flags} --catalog {shell_quote(str(warehouse.root))}"


def hint(command: str, warehouse: Warehouse, catalog: str | None) -> str:
    """`newsnorm COMMAND --warehouse … ARGS`: `command` is the subcommand and its arguments,
    already quoted, e.g. `query "select 1"`."""
    name, _, rest = command.partition(" ")
    flags = warehouse_flags(warehouse, catalog)
    return f"newsnorm {name} {flags}" + (f" {rest}" if rest else "")


def runnable(message: str, warehouse: Warehouse, catalog: str | None) -> str:
    """`message` with every backticked `newsnorm <command>` that lacks --warehouse given
    this warehouse's flags."""

    def complete(match: re.Match[str]) -> str:
        if "--warehouse" in match.group(2):
            return match.group(0)
        return f"`{hint(match.group(1) + match.group(2), warehouse, catalog)}`"

    return _BARE_HINT.sub(complete, message)
