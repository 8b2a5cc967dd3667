"""One DuckDB/DuckLake transaction: BEGIN, then COMMIT, or ROLLBACK on any exception."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb


@contextmanager
def transaction(connection: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """All the statements inside commit together or not at all. A rolled-back DuckLake
    transaction leaves no visible files (Parquet it wrote is an orphan for `compact`)."""
    connection.execute("BEGIN")
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
