"""Arrow schemas → DuckDB DDL, so the Arrow schema stays the one source of truth."""

from __future__ import annotations

import pyarrow as pa

from newsnorm.schemas.validate import SchemaError

_SCALARS = {
    pa.string(): "VARCHAR",
    pa.large_string(): "VARCHAR",
    pa.int32(): "INTEGER",
    pa.int64(): "BIGINT",
    pa.bool_(): "BOOLEAN",
    pa.float64(): "DOUBLE",
    pa.float32(): "FLOAT",
    pa.date32(): "DATE",
}


def duckdb_type(data_type: pa.DataType) -> str:
    """The DuckDB spelling of an Arrow type used in our schemas."""
    if data_type in _SCALARS:
        return _SCALARS[data_type]
    if pa.types.is_timestamp(data_type):
        return "TIMESTAMPTZ" if data_type.tz else "TIMESTAMP"
    if pa.types.is_list(data_type):
        return f"{duckdb_type(data_type.value_type)}[]"
    if pa.types.is_struct(data_type):
        members = ", ".join(
            f"{quote(data_type.field(i).name)} {duckdb_type(data_type.field(i).type)}"
            for i in range(data_type.num_fields)
        )
        return f"STRUCT({members})"
    raise SchemaError(f"no DuckDB type for Arrow type {data_type}")


def create_table_sql(table: str, schema: pa.Schema) -> str:
    columns = ",\n    ".join(column_sql(field) for field in schema)
    return f"CREATE TABLE IF NOT EXISTS {quote(table)} (\n    {columns}\n)"


def column_sql(field: pa.Field) -> str:
    return f"{quote(field.name)} {duckdb_type(field.type)}"


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def literal(value: str) -> str:
    """A SQL string literal, for the few places a path meets SQL."""
    return "'" + value.replace("'", "''") + "'"
