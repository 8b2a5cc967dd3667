"""One in-memory DuckDB per process, shared by every warehouse open and replaced now and then."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

from newsnorm.warehouse.extension import WarehouseError, connect_offline

# One in-memory DuckDB per process with DuckLake loaded once (loading costs ~0.1 s);
# each open attaches the catalog and detaches it again. DuckDB 1.5.5 keeps ~150-250 KB
# per attach-query-detach cycle until the instance closes (measured: 1,000 opens of a
# catalog grew RSS by 160 MB; a fresh instance per open grew nothing), and more on a larger
# catalog: a run's batches (~3 opens a chunk) grew the heap by ~1.2 MiB an open on a
# 100,000-article warehouse, which set the parent's peak there (docs/history/scale.md,
# fourteenth round). So the instance is replaced after RECYCLE_AFTER_ATTACHES attaches:
# memory stays flat however many batches a run has, for ~0.1-0.15 s of CPU a fresh
# instance (~10 ms an attach spread over 12; ~1.3 s of a 100,000-article run).
RECYCLE_AFTER_ATTACHES = 12
_instance: duckdb.DuckDBPyConnection | None = None


_instance_lock = threading.RLock()
_open_depth = 0
_attaches = 0


@contextmanager
def process_instance() -> Iterator[duckdb.DuckDBPyConnection]:
    """This process's DuckDB instance for one open; a nested open in the same thread fails."""
    global _instance, _open_depth, _attaches
    with _instance_lock:
        if _open_depth:
            raise WarehouseError("the warehouse is already open in this thread (nested open)")
        if _instance is not None and _attaches >= RECYCLE_AFTER_ATTACHES:
            _instance.close()  # nothing uses it: no open is in progress
            _instance = None
        if _instance is None:
            _instance, _attaches = connect_offline(), 0
        _open_depth += 1
        try:
            yield _instance
        finally:
            _open_depth -= 1


def count_attach() -> None:
    """One more attach-detach cycle on the instance (an open that found the catalog still
    attached, warehouse/kept_attach.py, costs no memory and is not counted)."""
    global _attaches
    _attaches += 1


@contextmanager
def existing_instance() -> Iterator[duckdb.DuckDBPyConnection | None]:
    """This process's instance as it is, none made; None while this thread has an open."""
    with _instance_lock:
        yield None if _open_depth else _instance


def recycle_instance() -> None:
    """Close this process's DuckDB instance unless an open is in progress; the next open
    starts a fresh one. A step that scanned the whole warehouse leaves memory with the
    instance (closing it after linking 10,000 articles into 40,000 gave back ~180 MiB), which
    the next step would otherwise pile on."""
    global _instance
    with _instance_lock:
        if _instance is not None and not _open_depth:
            _instance.close()
            _instance = None


# Instances a forked child inherited: kept referenced, never closed there (closing one
# would join DuckDB threads that exist only in the parent).
_inherited: list[duckdb.DuckDBPyConnection] = []


def _forget_instance_after_fork() -> None:
    """A DuckDB instance must not cross a fork: the child starts its own (a transform
    worker, flows/engine/workers.py, never opens one)."""
    global _instance, _instance_lock, _open_depth, _attaches
    if _instance is not None:
        _inherited.append(_instance)
    _instance, _instance_lock, _open_depth, _attaches = None, threading.RLock(), 0, 0


os.register_at_fork(after_in_child=_forget_instance_after_fork)
