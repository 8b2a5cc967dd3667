"""Render query rows as an aligned table, CSV or one JSON array of objects."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import TextIO
from uuid import UUID

Rows = Iterable[Sequence[object]]
FORMATS = ("table", "csv", "json")
# Longest cell shown in table format; the full value is one `--format json` away.
MAX_CELL = 120


def to_jsonable(value: object) -> object:
    """Python values from DuckDB → JSON values: lists stay arrays, structs objects."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dict):
        return {str(key): to_jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(item) for item in value]
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def write_json(columns: list[str], chunks: Iterable[Rows], out: TextIO) -> None:
    """Stream one JSON array, a row object per line, without holding all rows."""
    out.write("[")
    first = True
    for rows in chunks:
        for row in rows:
            record = {name: to_jsonable(value) for name, value in zip(columns, row, strict=True)}
            out.write("\n" if first else ",\n")
            out.write(json.dumps(record, ensure_ascii=False))
            first = False
    out.write("\n]\n" if not first else "]\n")


def write_csv(columns: list[str], chunks: Iterable[Rows], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for rows in chunks:
        writer.writerows([_flat(value) for value in row] for row in rows)


def write_table(columns: list[str], chunks: Iterable[Rows], out: TextIO) -> None:
    rows = [[_cell(value) for value in row] for chunk in chunks for row in chunk]
    widths = [len(column) for column in columns]
    for row in rows:
        widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=True)]
    out.write(_line(columns, widths) + "\n")
    out.write("  ".join("-" * width for width in widths) + "\n")
    for row in rows:
        out.write(_line(row, widths) + "\n")
    out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")


def _line(cells: Iterable[str], widths: Iterable[int]) -> str:
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()


def _flat(value: object) -> str:
    """A CSV cell: scalars as text, lists and structs as JSON."""
    if value is None:
        return ""
    if isinstance(value, list | tuple | dict):
        return json.dumps(to_jsonable(value), ensure_ascii=False)
    jsonable = to_jsonable(value)
    return jsonable if isinstance(jsonable, str) else json.dumps(jsonable)


def _cell(value: object) -> str:
    text = "NULL" if value is None else _flat(value)
    text = " ".join(text.split())
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


RowWriter = Callable[[list[str], Iterable[Rows], TextIO], None]
# `--format` of a row-shaped result: the writer for each of FORMATS.
ROW_WRITERS: dict[str, RowWriter] = {"table": write_table, "csv": write_csv, "json": write_json}
