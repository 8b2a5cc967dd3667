"""A reader beside an open transaction: it reads the catalog as committed, not the
transaction's own writes, and sees them once committed (learning reads there what its
transaction does not write, so the transaction does not hold memory for each scan)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from newsnorm.flows.engine.runner import execute_ingest
from newsnorm.flows.engine.settings import IngestSettings
from newsnorm.warehouse.lake import Warehouse, open_warehouse
from newsnorm.warehouse.transaction import outside_transaction, transaction


def test_a_reader_outside_the_transaction_sees_only_what_is_committed(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    warehouse = Warehouse.at(tmp_path / "warehouse")
    execute_ingest([str(empty)], IngestSettings(warehouse=warehouse))  # records one run

    def runs(connection: duckdb.DuckDBPyConnection) -> int:
        row = connection.execute("select count(*) from raw_runs").fetchone()
        assert row is not None
        return int(row[0])

    with (
        open_warehouse(warehouse, read_only=False) as connection,
        outside_transaction(connection) as reader,
    ):
        with transaction(connection):
            connection.execute("delete from raw_runs")
            assert runs(connection) == 0
            assert runs(reader) == 1
        assert runs(reader) == 0
