"""Strict records → Arrow: unknown keys and missing required values fail, naming the record."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pyarrow as pa


class SchemaError(ValueError):
    """A record does not fit its table's schema: a bug in the code that built it."""


def to_table(records: Sequence[Mapping[str, object]], schema: pa.Schema) -> pa.Table:
    """Build a table, refusing what `pa.Table.from_pylist` would silently accept."""
    names = set(schema.names)
    required = [f.name for f in schema if not f.nullable]
    table_name = table_of(schema)
    for index, record in enumerate(records):
        if unknown := record.keys() - names:
            raise SchemaError(f"{table_name} record {index}: unknown fields {sorted(unknown)}")
        if missing := [name for name in required if record.get(name) is None]:
            raise SchemaError(f"{table_name} record {index}: missing required {missing}")
    try:
        return pa.Table.from_pylist(list(records), schema=schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError) as err:
        raise SchemaError(f"{table_name}: records do not fit the schema: {err}") from err


def table_of(schema: pa.Schema) -> str:
    return _metadata(schema, b"table")


def version_of(schema: pa.Schema) -> int:
    return int(_metadata(schema, b"schema_version"))


def _metadata(schema: pa.Schema, key: bytes) -> str:
    metadata = schema.metadata or {}
    if key not in metadata:
        raise SchemaError(f"schema has no {key.decode()!r} metadata")
    return str(metadata[key].decode())
