"""Run analyst SQL against the warehouse, read-only, streaming rows in chunks."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb

from newsnorm.warehouse.contract import prepared_by_older_code
from newsnorm.warehouse.extension import WarehouseError
from newsnorm.warehouse.lake import Warehouse, open_warehouse

FETCH_ROWS = 1000


class QueryError(RuntimeError):
    """The SQL failed; the message is DuckDB's, with a hint for the common cases."""


@dataclass(frozen=True, slots=True)
class QueryResult:
    columns: list[str]
    chunks: Iterator[list[tuple[object, ...]]]


_ALLOWED = frozenset({duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN})


@contextmanager
def run_query(warehouse: Warehouse, sql: str) -> Iterator[QueryResult]:
    """Execute one SELECT (or EXPLAIN) with the warehouse attached read-only; rows come
    in chunks. One statement only: a script could DETACH the read-only catalog and
    ATTACH it again writable, or COPY data anywhere."""
    with open_warehouse(warehouse, read_only=True) as connection:
        try:
            statement = _one_select(connection, sql)
            cursor = connection.execute(statement)
        except duckdb.Error as err:
            raise QueryError(_explain(err) + _upgrade_hint(connection, err)) from err
        if cursor.description is None:
            raise QueryError("the statement returned no rows to show")
        columns = [str(column[0]) for column in cursor.description]
        yield QueryResult(columns, _chunks(cursor))


def _one_select(connection: duckdb.DuckDBPyConnection, sql: str) -> str:
    statements = connection.extract_statements(sql)
    if len(statements) != 1:
        raise QueryError(
            f"`newsnorm query` runs one SELECT statement at a time; got {len(statements)}"
        )
    (statement,) = statements
    if statement.type not in _ALLOWED:
        kind = statement.type.name
        article = "an" if kind[:1] in "AEIOU" else "a"
        raise QueryError(
            f"`newsnorm query` is read-only: {article} {kind} statement is refused (SELECT, WITH … "
            "SELECT, DESCRIBE, SUMMARIZE, SHOW and EXPLAIN are allowed)"
        )
    return str(statement.query)


def _chunks(cursor: duckdb.DuckDBPyConnection) -> Iterator[list[tuple[object, ...]]]:
    while True:
        try:
            rows = cursor.fetchmany(FETCH_ROWS)
        except duckdb.Error as err:
            raise QueryError(_explain(err)) from err
        if not rows:
            return
        yield rows


def _explain(err: duckdb.Error) -> str:
    message = str(err)
    if "read-only mode" in message:
        return (
            "`newsnorm query` opens the warehouse read-only, so it cannot change data or "
            "views; use `newsnorm ingest` to add data. (DuckDB: " + message + ")"
        )
    return message


def _upgrade_hint(connection: duckdb.DuckDBPyConnection, err: duckdb.Error) -> str:
    """A column or view missing from a warehouse an older newsnorm wrote last: its views
    are the old ones until a writer (`compact`, an ingest) prepares it for this code."""
    if not isinstance(err, duckdb.BinderException | duckdb.CatalogException):
        return ""
    if not prepared_by_older_code(connection):
        return ""
    return (
        "\n(an older newsnorm wrote this warehouse last, so its views are that version's: run "
        "`newsnorm compact` or an ingest on it once to bring them up to date)"
    )


__all__ = ["QueryError", "QueryResult", "WarehouseError", "run_query"]
