"""Strict validation catches what pyarrow would let through, and the DDL mirrors Arrow."""

from __future__ import annotations

from datetime import UTC, datetime

import pyarrow as pa
import pytest

from newsnorm.schemas.tables import ALL_TABLES, ARTICLES, RUNS
from newsnorm.schemas.validate import (
    SchemaError,
    _check_records,
    table_of,
    to_table,
    version_of,
)
from newsnorm.warehouse.ddl import create_table_sql, duckdb_type


def _run_row(**changes: object) -> dict[str, object]:
    row: dict[str, object] = {
        "run_id": "r1",
        "flow_run_id": None,
        "status": "running",
        "started_at": datetime(2024, 1, 1, tzinfo=UTC),
        "finished_at": None,
        "seen": 0,
        "ingested": 0,
        "duplicate": 0,
        "unchanged": 0,
        "rejected": 0,
        "newsnorm_version": "0.1.0",
        "schema_version": 1,
    }
    row.update(changes)
    return row


def test_valid_rows_become_a_table() -> None:
    table = to_table([_run_row()], RUNS)
    assert table.num_rows == 1
    assert table.schema.equals(RUNS, check_metadata=True)


def test_unknown_field_is_refused_with_its_record() -> None:
    with pytest.raises(SchemaError, match=r"runs record 1: unknown fields \['surprise'\]"):
        to_table([_run_row(), _run_row(surprise=1)], RUNS)


def test_missing_required_value_is_refused() -> None:
    with pytest.raises(SchemaError, match=r"missing required \['status'\]"):
        to_table([_run_row(status=None)], RUNS)


def test_wrong_type_is_a_schema_error() -> None:
    with pytest.raises(SchemaError, match="runs"):
        to_table([_run_row(seen="many")], RUNS)


FAULTS = {
    "unknown": {"surprise": 1},
    "missing": {"status": None},
    "absent": {},  # the key left out altogether (below)
    "misfit": {"seen": "many"},
    "overflow": {"seen": 2**70},  # pyarrow raises OverflowError, outside its own errors
}


@pytest.mark.parametrize("later", sorted(FAULTS))
@pytest.mark.parametrize("first", ["unknown", "missing", "absent"])
def test_the_chunk_check_names_the_first_record_at_fault(first: str, later: str) -> None:
    """The checks over the whole chunk (keys at once, required values by null counts)
    name the same record and fault as a check record by record would."""
    rows = [_run_row(), _run_row(**FAULTS[first]), _run_row(**FAULTS[later])]
    for index, fault in ((1, first), (2, later)):
        if fault == "absent":
            del rows[index]["status"]
    with pytest.raises(SchemaError) as by_record:
        _check_records(rows, RUNS)
    with pytest.raises(SchemaError, match=r"runs record 1: ") as by_chunk:
        to_table(rows, RUNS)
    assert str(by_chunk.value) == str(by_record.value)


def test_every_schema_names_its_table_and_version() -> None:
    assert [table_of(schema) for schema in ALL_TABLES] == [
        "articles",
        "boilerplate",
        "inputs",
        "runs",
        "manifest",
        "story_fingerprints",
        "story_links",
        "story_members",
        "story_originals",
        "story_band_holders",
        "learned_lines",
        "learned_scopes",
        "learned_runs",
    ]
    assert all(version_of(schema) >= 1 for schema in ALL_TABLES)


def test_timestamps_are_utc_microseconds() -> None:
    assert ARTICLES.field("published_at").type == pa.timestamp("us", tz="UTC")


@pytest.mark.parametrize(
    ("arrow_type", "sql"),
    [
        (pa.list_(pa.string()), "VARCHAR[]"),
        (
            pa.list_(pa.struct([("title", pa.string()), ("url", pa.string())])),
            'STRUCT("title" VARCHAR, "url" VARCHAR)[]',
        ),
        (pa.timestamp("us", tz="UTC"), "TIMESTAMPTZ"),
        (pa.int32(), "INTEGER"),
    ],
)
def test_duckdb_types(arrow_type: pa.DataType, sql: str) -> None:
    assert duckdb_type(arrow_type) == sql


def test_create_table_quotes_reserved_words() -> None:
    sql = create_table_sql("t", pa.schema([("end", pa.int64())]))
    assert '"end" BIGINT' in sql


def test_a_chunk_whose_only_fault_is_an_overflow_names_its_table() -> None:
    with pytest.raises(SchemaError, match=r"^runs: records do not fit the schema"):
        to_table([_run_row(), _run_row(seen=2**70)], RUNS)
