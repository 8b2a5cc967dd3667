"""The warehouse's contract: the tables, columns, macros and views this code expects, applied once.

A catalog carries the fingerprint of the contract it was prepared with (a comment on the last
view), so a run over an up-to-date warehouse pays no DDL; an older one gains its new tables and
columns (old Parquet files read them as null) and fresh views, in one transaction. A table
derived from others (the band-key index) is rebuilt from them in that transaction: a catalog
last prepared for another contract may have been written by code that did not keep it.
"""

from __future__ import annotations

import hashlib

import duckdb

from newsnorm.schemas.tables import ALL_TABLES
from newsnorm.schemas.validate import table_of
from newsnorm.warehouse.ddl import column_sql, create_table_sql, literal, quote
from newsnorm.warehouse.lake import CATALOG_NAME, physical_table
from newsnorm.warehouse.story_bands import rebuild_holders
from newsnorm.warehouse.transaction import transaction
from newsnorm.warehouse.views import MACROS, VIEWS, refresh_views, view_sql

_FINGERPRINT_PREFIX = "newsnorm-contract:"
# Tables kept from others, rebuilt whenever a catalog is prepared for another contract.
_DERIVED = (rebuild_holders,)


def prepare_warehouse(connection: duckdb.DuckDBPyConnection) -> None:
    """Create missing tables, add columns a newer schema brings, refresh views.

    Skipped when the catalog already carries this code's contract fingerprint, so
    a run over an up-to-date warehouse pays no DDL (each DDL is a DuckLake snapshot).
    """
    fingerprint = contract_fingerprint()
    if _stored_fingerprint(connection) == fingerprint:
        return
    # One transaction: a process killed half-way leaves the old contract, not tables
    # without their views.
    with transaction(connection):
        _apply_contract(connection, fingerprint)


def _apply_contract(connection: duckdb.DuckDBPyConnection, fingerprint: str) -> None:
    for schema in ALL_TABLES:
        table = physical_table(table_of(schema))
        connection.execute(create_table_sql(table, schema))
        existing = _columns(connection, table)
        for field in schema:
            if field.name not in existing:
                connection.execute(f"ALTER TABLE {quote(table)} ADD COLUMN {column_sql(field)}")
    # Derived tables are rebuilt whole: a run of code that did not keep them (older, or
    # before they existed) may have left them behind the tables they derive from.
    for rebuild in _DERIVED:
        rebuild(connection)
    refresh_views(connection)
    connection.execute(
        f"COMMENT ON VIEW {quote(VIEWS[-1])} IS {literal(_FINGERPRINT_PREFIX + fingerprint)}"
    )


def prepared_by_older_code(connection: duckdb.DuckDBPyConnection) -> bool:
    """Whether the catalog's views and columns are another contract's (an older newsnorm
    wrote it last): a read-only open sees them as they are until a writer prepares it."""
    return _stored_fingerprint(connection) != contract_fingerprint()


def contract_fingerprint() -> str:
    """A hash of every table schema, macro and view definition this code expects."""
    digest = hashlib.sha256()
    for schema in ALL_TABLES:
        digest.update(schema.to_string(show_schema_metadata=True).encode())
    for name in (*MACROS, *VIEWS):
        digest.update(view_sql(name).encode())
    return digest.hexdigest()[:16]


def _stored_fingerprint(connection: duckdb.DuckDBPyConnection) -> str | None:
    rows = connection.execute(
        "select comment from duckdb_views() where database_name = ? and view_name = ?",
        [CATALOG_NAME, VIEWS[-1]],
    ).fetchall()
    comment = rows[0][0] if rows else None
    if isinstance(comment, str) and comment.startswith(_FINGERPRINT_PREFIX):
        return comment.removeprefix(_FINGERPRINT_PREFIX)
    return None


def _columns(connection: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    rows = connection.execute(
        "select column_name from duckdb_columns() where database_name = ? and table_name = ?",
        [CATALOG_NAME, table],
    ).fetchall()
    return {str(row[0]) for row in rows}
