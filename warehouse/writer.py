"""Write a batch to the warehouse in one transaction, and answer what it already holds."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from schemas.tables import RUNS
from schemas.validate import to_table
from warehouse.ddl import quote
from warehouse.lake import Warehouse, open_warehouse, physical_table


@dataclass(frozen=True, slots=True)
class KnownInputs:
    """What the warehouse already holds about a batch's inputs."""

    pairs: frozenset[tuple[str, str | None]]
    hashes: frozenset[str]


def lookup_inputs(warehouse: Warehouse, uris: Sequence[str], hashes: Sequence[str]) -> KnownInputs:
    """Which of these (uri, sha256) pairs and which of these hashes were seen before."""
    table = physical_table("inputs")
    with open_warehouse(warehouse, read_only=True) as connection:
        pairs = connection.execute(
            f"select input_uri, input_sha256 from {table} "
            "where input_uri in (select unnest($uris))",
            {"uris": list(uris)},
        ).fetchall()
        seen = connection.execute(
            f"select distinct input_sha256 from {table} "
            "where input_sha256 in (select unnest($hashes))",
            {"hashes": list(hashes)},
        ).fetchall()
    return KnownInputs(
        pairs=frozenset((str(uri), sha) for uri, sha in pairs),
        hashes=frozenset(str(row[0]) for row in seen),
    )


def existing_article_ids(warehouse: Warehouse, article_ids: Sequence[str]) -> frozenset[str]:
    with open_warehouse(warehouse, read_only=True) as connection:
        rows = connection.execute(
            f"select article_id from {physical_table('articles')} "
            "where article_id in (select unnest($ids))",
            {"ids": list(article_ids)},
        ).fetchall()
    return frozenset(str(row[0]) for row in rows)


def commit_tables(warehouse: Warehouse, tables: Mapping[str, pa.Table]) -> None:
    """Insert every non-empty table in one DuckLake transaction: all rows or none."""
    with open_warehouse(warehouse, read_only=False) as connection:
        connection.execute("BEGIN")
        try:
            for name, table in tables.items():
                if table.num_rows:
                    _insert(connection, physical_table(name), table)
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise


def record_run(warehouse: Warehouse, row: Mapping[str, object]) -> None:
    """Insert or replace the row of one run (its counts grow as batches commit)."""
    table = to_table([row], RUNS)
    with open_warehouse(warehouse, read_only=False) as connection:
        connection.execute("BEGIN")
        try:
            connection.execute(
                f"delete from {physical_table('runs')} where run_id = ?", [row["run_id"]]
            )
            _insert(connection, physical_table("runs"), table)
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise


def _insert(connection: duckdb.DuckDBPyConnection, table: str, rows: pa.Table) -> None:
    connection.register("incoming_rows", rows)
    try:
        connection.execute(f"insert into {quote(table)} by name select * from incoming_rows")
    finally:
        connection.unregister("incoming_rows")
