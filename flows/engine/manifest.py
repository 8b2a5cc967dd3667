"""Incremental runs: trust a source file whose size and modification time are unchanged.

Each file read to the end gets a manifest row (size, mtime, hash, reading settings)
committed with the inputs it gave, so the row never claims a file whose inputs are not
stored. A later run stats the file and skips it when both match the latest row and it reads
with the same settings (`--field`, `--timezone`: other settings can make other articles of
the same bytes); `--rescan` reads and hashes everything again (inputs already stored still
count as unchanged).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

import pyarrow as pa

from newsnorm.flows.engine.rows import Row, RunStamp
from newsnorm.flows.engine.sources import InputRef
from newsnorm.schemas.tables import MANIFEST
from newsnorm.schemas.validate import version_of
from newsnorm.warehouse.lake import physical_table
from newsnorm.warehouse.writer import Connection


@dataclass(frozen=True, slots=True)
class FileState:
    """What `stat` says of a source file, the manifest's key for "unchanged"."""

    size: int
    mtime_ns: int


def file_state(path: str) -> FileState | None:
    """None when the path cannot be stat-ed (the reader then records why)."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return FileState(found.st_size, found.st_mtime_ns)


@dataclass(frozen=True, slots=True)
class Vouched:
    """What the latest manifest row of a file vouches for: its state, read with `reading`
    (the run's reading settings key; None: the defaults)."""

    state: FileState
    reading: str | None


def known_states(connection: Connection, uris: Sequence[str]) -> dict[str, Vouched]:
    """The latest recorded state of each of these files, with the settings it was read with."""
    connection.register("manifest_uris", pa.table({"key": pa.array(list(uris), pa.string())}))
    try:
        rows = connection.execute(
            f"select file_uri, size_bytes, mtime_ns, reading_settings "
            f"from {physical_table('manifest')} "
            "where file_uri in (select key from manifest_uris) "
            "qualify row_number() over (partition by file_uri order by recorded_at desc) = 1"
        ).fetchall()
    finally:
        connection.unregister("manifest_uris")
    return {
        str(uri): Vouched(FileState(int(size), int(mtime)), reading)
        for uri, size, mtime, reading in rows
    }


def unchanged_refs(
    refs: Sequence[InputRef], known: dict[str, Vouched], reading: str | None
) -> tuple[list[InputRef], list[InputRef]]:
    """Split `refs` into (to read, unchanged since the manifest recorded them with the
    same reading settings)."""
    to_read: list[InputRef] = []
    unchanged: list[InputRef] = []
    for ref in refs:
        recorded = known.get(ref.uri)
        state = file_state(ref.path)
        if state is not None and recorded == Vouched(state, reading):
            unchanged.append(ref)
        else:
            to_read.append(ref)
    return to_read, unchanged


def manifest_row(
    ref: InputRef,
    state: FileState,
    sha256: str | None,
    inputs: int,
    stamp: RunStamp,
    reading: str | None = None,
) -> Row:
    """A file read to the end; `reading` is the key of the run's reading settings."""
    return {
        "file_uri": ref.uri,
        "size_bytes": state.size,
        "mtime_ns": state.mtime_ns,
        "content_sha256": sha256,
        "inputs": inputs,
        "run_id": stamp.run_id,
        "recorded_at": stamp.at,
        "schema_version": version_of(MANIFEST),
        "reading_settings": reading,
    }
