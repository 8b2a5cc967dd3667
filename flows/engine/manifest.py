"""Incremental runs: trust a source file whose size and modification time are unchanged.

Each file read to the end gets a manifest row (size, mtime, hash, reading settings)
committed with the inputs it gave, so the row never claims a file whose inputs are not
stored. A later run stats the file and skips it when both match the latest row and it reads
with the same settings (`--field`, `--timezone`: other settings can make other articles of
the same bytes); `--rescan` reads and hashes everything again (inputs already stored still
count as unchanged). `read_through` reads a batch's files and gives each its row.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import pyarrow as pa

from newsnorm.flows.engine.formats import expand
from newsnorm.flows.engine.reading import RawInput
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
        # The latest row's fields as one struct: a third of the CPU of a window's
        # row_number() (10,000 files of a 100,000-file manifest: ~15 against ~35-90 ms).
        rows = connection.execute(
            "select file_uri, latest.size_bytes, latest.mtime_ns, latest.reading_settings "
            "from (select file_uri, arg_max({'size_bytes': size_bytes, 'mtime_ns': mtime_ns, "
            "'reading_settings': reading_settings}, recorded_at) as latest "
            f"from {physical_table('manifest')} "
            "where file_uri in (select key from manifest_uris) group by file_uri)"
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


# Files whose manifest rows one question asks for, before they are batched (`set_aside`).
VOUCH_BLOCK = 10_000


def set_aside(
    refs: Iterable[InputRef],
    ask: Callable[[Sequence[str]], dict[str, Vouched]],
    reading: str | None,
    unchanged: Callable[[InputRef], None],
    block: int = VOUCH_BLOCK,
) -> Iterator[InputRef]:
    """The references to read, in order; those the manifest vouches for (`unchanged_refs`)
    go to `unchanged` instead, so that an unchanged folder makes no batch at all. `ask`
    gives the manifest's rows of `block` files at a time: one catalog open and one query
    for them, where each batch of them cost one of each (a 100,000-file rescan: 53).
    A batch checks its files again as before (a file changed since is read)."""
    pending: list[InputRef] = []
    for ref in refs:
        pending.append(ref)
        if len(pending) >= block:
            yield from _sifted(pending, ask, reading, unchanged)
            pending = []
    if pending:
        yield from _sifted(pending, ask, reading, unchanged)


def _sifted(
    refs: list[InputRef],
    ask: Callable[[Sequence[str]], dict[str, Vouched]],
    reading: str | None,
    unchanged: Callable[[InputRef], None],
) -> Iterator[InputRef]:
    known = ask([ref.uri for ref in refs])
    for ref in refs:
        if _vouched(ref, known.get(ref.uri), reading):
            unchanged(ref)
        else:
            yield ref


def _vouched(ref: InputRef, recorded: Vouched | None, reading: str | None) -> bool:
    """Whether the listing's stat of `ref`, a moment ago, is what the manifest recorded."""
    if recorded is None or ref.size is None or ref.mtime_ns is None:
        return False
    return recorded == Vouched(FileState(ref.size, ref.mtime_ns), reading)


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


# Rejections that depend on the moment, not on the file's content (and bugs of ours): a
# file that got one is not trusted as done, and its input is processed again next run.
# A `too_large` input is processed again once --max-bytes admits it, on a --rescan.
RETRY_CODES = frozenset({"not_found", "unreadable", "internal_error", "symlink_outside"})


def read_through(
    refs: Sequence[InputRef],
    max_bytes: int,
    reading: str | None,
    known: dict[str, Vouched],
    stamp: RunStamp,
) -> Iterator[RawInput | Row]:
    """Every input of every file, each file followed by its manifest row once it was read
    to the end unchanged (a row, not an input: it is committed with the file's last chunk)."""
    for ref in refs:
        before = file_state(ref.path)
        count, sha256, retry = 0, None, False
        for raw in expand(ref, max_bytes):
            count += 1
            sha256 = raw.sha256 if raw.uri == ref.uri else None
            retry = retry or (raw.rejection is not None and raw.rejection.code in RETRY_CODES)
            yield raw
        if before is None or retry or known.get(ref.uri) == Vouched(before, reading):
            continue
        if file_state(ref.path) == before:  # not changed while we read it
            yield manifest_row(ref, before, sha256 if count == 1 else None, count, stamp, reading)
