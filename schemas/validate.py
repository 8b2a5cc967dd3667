"""Strict records → Arrow: unknown keys and missing required values fail, naming the record."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pyarrow as pa


class SchemaError(ValueError):
    """A record does not fit its table's schema: a bug in the code that built it."""


def to_table(records: Sequence[Mapping[str, object]], schema: pa.Schema) -> pa.Table:
    """Build a table, refusing what `pa.Table.from_pylist` would silently accept.

    The keys are checked over all records at once and required values by the built
    columns' null counts (what a missing key or a None becomes): a loop over every record
    cost as much as building the articles' table. Only a refused chunk is read record
    by record, to name the first record at fault."""
    if set().union(*records) - set(schema.names):
        _check_records(records, schema)
    try:
        table = pa.Table.from_pylist(list(records), schema=schema)
    except (
        pa.ArrowInvalid,
        pa.ArrowTypeError,
        pa.ArrowNotImplementedError,
        TypeError,
        ValueError,
        OverflowError,
    ) as err:
        _check_records(records, schema)  # a missing or unknown field is named first
        raise SchemaError(f"{table_of(schema)}: records do not fit the schema: {err}") from err
    if any(table.column(f.name).null_count for f in schema if not f.nullable):
        _check_records(records, schema)
    return table


def _check_records(records: Sequence[Mapping[str, object]], schema: pa.Schema) -> None:
    """Raise for the first record with an unknown field or a missing required value."""
    names = set(schema.names)
    required = [f.name for f in schema if not f.nullable]
    table_name = table_of(schema)
    for index, record in enumerate(records):
        if unknown := record.keys() - names:
            raise SchemaError(f"{table_name} record {index}: unknown fields {sorted(unknown)}")
        if missing := [name for name in required if record.get(name) is None]:
            raise SchemaError(f"{table_name} record {index}: missing required {missing}")


def table_of(schema: pa.Schema) -> str:
    return _metadata(schema, b"table")


def version_of(schema: pa.Schema) -> int:
    return int(_metadata(schema, b"schema_version"))


def _metadata(schema: pa.Schema, key: bytes) -> str:
    metadata = schema.metadata or {}
    if key not in metadata:
        raise SchemaError(f"schema has no {key.decode()!r} metadata")
    return str(metadata[key].decode())
