"""Write a batch to the warehouse in one transaction, and answer what it already holds."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from newsnorm.schemas.tables import RUNS
from newsnorm.schemas.validate import to_table
from newsnorm.warehouse.ddl import quote
from newsnorm.warehouse.lake import physical_table
from newsnorm.warehouse.transaction import transaction

Connection = duckdb.DuckDBPyConnection


# An input is known by its uri, its content's hash and the key of the reading settings it
# was read with (null: the defaults); a content by its hash and that key.
InputKey = tuple[str, str | None, str | None]
ContentKey = tuple[str, str | None]


@dataclass(frozen=True, slots=True)
class KnownInputs:
    """What the warehouse already holds about a batch's inputs."""

    inputs: frozenset[InputKey]
    contents: frozenset[ContentKey]


def lookup_inputs(
    connection: Connection,
    uris: Sequence[str],
    hashes: Sequence[str],
    retry_codes: Sequence[str] = (),
    max_bytes: int | None = None,
) -> KnownInputs:
    """Which of these inputs (uri, sha256, reading key) and which of these contents
    (sha256, reading key) were seen before.

    An input rejected with one of `retry_codes` (a passing failure, a bug of ours), or as
    too large when `max_bytes` now admits it, does not count as seen: it is processed again.
    """
    table = physical_table("inputs")
    with (
        keys_relation(connection, "batch_uris", uris),
        keys_relation(connection, "batch_hashes", hashes),
        keys_relation(connection, "retry_codes", retry_codes),
    ):
        inputs = connection.execute(
            f"select input_uri, input_sha256, reading_settings from {table} "
            "where input_uri in (select key from batch_uris) "
            "and coalesce(reason_code, '') not in (select key from retry_codes) "
            "and not (coalesce(reason_code, '') = 'too_large' and coalesce(size_bytes, 0) <= ?)",
            [max_bytes if max_bytes is not None else -1],
        ).fetchall()
        # No hashes asked, no query: each one reads the catalog's file list again.
        seen = (
            connection.execute(
                f"select distinct input_sha256, reading_settings from {table} "
                "where input_sha256 in (select key from batch_hashes)"
            ).fetchall()
            if hashes
            else []
        )
    return KnownInputs(
        inputs=frozenset((str(uri), sha, reading) for uri, sha, reading in inputs),
        contents=frozenset((str(sha), reading) for sha, reading in seen),
    )


def stored_sources(
    connection: Connection, article_ids: Sequence[str]
) -> dict[str, tuple[str, str]]:
    """Each stored article's (source_uri, input_sha256): the input that made it."""
    with keys_relation(connection, "batch_article_ids", article_ids):
        rows = connection.execute(
            f"select article_id, source_uri, input_sha256 from {physical_table('articles')} "
            "where article_id in (select key from batch_article_ids)"
        ).fetchall()
    return {str(article_id): (str(uri), str(sha)) for article_id, uri, sha in rows}


def existing_article_ids(connection: Connection, article_ids: Sequence[str]) -> frozenset[str]:
    with keys_relation(connection, "batch_article_ids", article_ids):
        rows = connection.execute(
            f"select article_id from {physical_table('articles')} "
            "where article_id in (select key from batch_article_ids)"
        ).fetchall()
    return frozenset(str(row[0]) for row in rows)


@contextmanager
def registered(connection: Connection, name: str, table: pa.Table) -> Iterator[None]:
    """Expose an Arrow table to SQL as `name` for the length of a `with` block: one
    statement over many rows, where a statement a row would read a table's files again."""
    connection.register(name, table)
    try:
        yield
    finally:
        connection.unregister(name)


def keys_relation(
    connection: Connection, name: str, values: Sequence[str]
) -> AbstractContextManager[None]:
    """Expose `values` to SQL as a one-column relation `name(key)`.

    An Arrow table, not a Python list parameter: DuckDB converts list parameters
    value by value (and tries to import pandas for each when it is absent).
    """
    return registered(connection, name, pa.table({"key": pa.array(list(values), pa.string())}))


def commit_tables(
    connection: Connection,
    tables: Mapping[str, pa.Table],
    replacing: Sequence[tuple[str, str]] = (),
) -> None:
    """Insert every non-empty table in one DuckLake transaction: all rows or none. The
    articles `replacing` names (`delete_articles`) are deleted in the same transaction."""
    with transaction(connection):
        delete_articles(connection, replacing)
        insert_tables(connection, tables)


def insert_tables(connection: Connection, tables: Mapping[str, pa.Table]) -> None:
    """Insert every non-empty table inside the caller's `transaction`."""
    for name, table in tables.items():
        if table.num_rows:
            insert_table(connection, physical_table(name), table)


def record_run(connection: Connection, row: Mapping[str, object]) -> None:
    """Insert or replace the row of one run (its counts are final when it completes)."""
    table = to_table([row], RUNS)
    with transaction(connection):
        connection.execute(
            f"delete from {physical_table('runs')} where run_id = ?", [row["run_id"]]
        )
        insert_table(connection, physical_table("runs"), table)


def delete_articles(connection: Connection, articles: Sequence[tuple[str, str]]) -> None:
    """For each (article_id, input_sha256): delete the article's rows and the boilerplate
    that input recorded, inside the caller's `transaction` (reprocess replaces them). One
    statement a table for them all: each DELETE reads the table's files again (~40 ms on a
    small warehouse), and one pair of them an article took 95% of a reprocess run."""
    if not articles:
        return
    with registered(connection, "replaced_articles", _pairs_table(articles)):
        connection.execute(
            f"delete from {physical_table('articles')} "
            "where article_id in (select article_id from replaced_articles)"
        )
        _delete_removals_of(connection, "replaced_articles")


def delete_removals(connection: Connection, pairs: Sequence[tuple[str, str]]) -> None:
    """For each (article_id, input_sha256): delete the removals that input recorded for
    that article, inside the caller's `transaction` (reprocess re-derives a duplicate's)."""
    if pairs:
        with registered(connection, "replaced_removals", _pairs_table(pairs)):
            _delete_removals_of(connection, "replaced_removals")


def _pairs_table(pairs: Sequence[tuple[str, str]]) -> pa.Table:
    return pa.table(
        {
            "article_id": pa.array([article_id for article_id, _ in pairs], pa.string()),
            "input_sha256": pa.array([sha for _, sha in pairs], pa.string()),
        }
    )


def _delete_removals_of(connection: Connection, relation: str) -> None:
    connection.execute(
        f"delete from {physical_table('boilerplate')} b where exists (select 1 from "
        f"{relation} r where r.article_id = b.article_id and r.input_sha256 = b.input_sha256)"
    )


def abandon_running_runs(connection: Connection) -> int:
    """Mark runs left 'running' by a killed process as 'abandoned'; the caller must hold
    the writer lock (so no live run is among them). Their committed batches stay."""
    table = physical_table("runs")
    with transaction(connection):
        row = connection.execute(
            f"select count(*) from {table} where status = 'running'"
        ).fetchone()
        if row and row[0]:
            connection.execute(f"update {table} set status = 'abandoned' where status = 'running'")
    return int(row[0]) if row else 0


def insert_table(connection: Connection, table: str, rows: pa.Table) -> None:
    with registered(connection, "incoming_rows", rows):
        connection.execute(f"insert into {quote(table)} by name select * from incoming_rows")
