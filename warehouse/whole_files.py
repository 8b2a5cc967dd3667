"""Files made whole or not at all: built under a name of their own, then put in place; what a
killed process left half-made is removed once its process is gone.

A new local catalog: DuckDB writes a database file's header before DuckLake writes its
metadata tables into it; a run killed between the two left a `catalog.ducklake` that counts
as a warehouse but that every read-only open rejected. A new catalog is therefore
initialised under a name of its own and only then linked into place. (The search index,
`search.py`, is built the same way.)
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import duckdb

_PARTIAL = ".creating-"


def create_catalog_file(
    connection: duckdb.DuckDBPyConnection,
    catalog: Path,
    attach_sql: Callable[..., str],
    alias: str,
) -> None:
    """Initialise a DuckLake catalog at `catalog` atomically (`attach_sql(catalog_file=…)`
    gives the ATTACH for another file); a catalog another process created meanwhile
    stands, and ours is dropped."""
    _remove_abandoned(catalog)
    partial = catalog.with_name(f"{catalog.name}{_PARTIAL}{os.getpid()}")
    partial.unlink(missing_ok=True)
    try:
        connection.execute(attach_sql(catalog_file=partial))
        connection.execute(f"DETACH {alias}")  # writes the metadata through: no WAL stays
        try:
            os.link(partial, catalog)  # fails if the name exists, unlike a rename
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            if not catalog.exists():
                os.replace(partial, catalog)
    finally:
        partial.unlink(missing_ok=True)


def _remove_abandoned(catalog: Path) -> None:
    """Drop partial catalogs whose creating process is gone (killed mid-creation)."""
    for partial in catalog.parent.glob(f"{catalog.name}{_PARTIAL}*"):
        pid = partial.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not process_alive(int(pid)):
            partial.unlink(missing_ok=True)


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs (one of another user's counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
