"""Installing a built search index: never one that holds an article forgotten meanwhile.

A refresh copies the articles, builds the index (seconds to minutes), then renames it into
place. A `forget` (with `--purge` too) that commits during the build, and its own refresh that
installs before this one, would otherwise be undone by the rename: the purged text back on
disk and in results (and a kept article's forgotten URL with it). So the build is checked
against the current articles, and renamed,
under one lock that every refresh's check-and-rename takes.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

import duckdb

from newsnorm.warehouse.ddl import literal
from newsnorm.warehouse.search_query import DOCS_TABLE

__all__ = ["forgotten_in", "install_lock"]

_ALIAS = "newsnorm_search_check"


@contextlib.contextmanager
def install_lock(root: Path) -> Iterator[None]:
    """Hold the search-install lock of the warehouse at `root`: a `flock` on the folder
    itself (no file left behind; released if the holder dies). Writers lock a file in it,
    `ingest.lock`, never the folder, so the two never wait for each other."""
    handle = os.open(root, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        os.close(handle)


def forgotten_in(connection: duckdb.DuckDBPyConnection, build: Path) -> int:
    """How many articles of the index built at `build` the warehouse `connection` reads no
    longer holds as they were copied: forgotten since, or given by a forget to another input
    (another URL, site and source: the forgotten ones must not come back with the build)."""
    connection.execute(f"ATTACH {literal(str(build))} AS {_ALIAS} (READ_ONLY)")
    try:
        row = connection.execute(
            f"select count(*) from {_ALIAS}.main.{DOCS_TABLE} d "
            "where not exists (select 1 from articles a where a.article_id = d.article_id "
            "and a.source_uri = d.source_uri and a.url is not distinct from d.url "
            "and a.site is not distinct from d.site)"
        ).fetchone()
    finally:
        connection.execute(f"DETACH {_ALIAS}")
    return int(row[0]) if row else 0
