"""A short run's catalog, kept attached between its opens.

Every open attaches the catalog and detaches it on exit, so that another process (`query`,
`status`, another run) can open it between a run's steps. DuckLake loads the catalog on each
attach: an open costs ~35-70 ms of CPU, and a run of one file opens it 8 times, about a third
of its time. Inside `keeping_attached`, an open leaves the catalog attached for the next one
as long as the run stays short: an open that ends more than MAX_HOLD_S after the attach, or
`KeptAttach.stop` (the run turned out large), detaches it for good. So another process waits
on a kept catalog no longer than MAX_HOLD_S plus one step of a short run.

The catalog stays attached on the process's one DuckDB instance (warehouse/instance.py); any
other open finds it there and detaches it first, and a recycled instance takes it along.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb

from newsnorm.warehouse.instance import existing_instance

# How long a run may keep the catalog from other processes in one stretch.
MAX_HOLD_S = 1.0


@dataclass(slots=True)
class KeptAttach:
    """The active scope: which catalog it keeps, and where it is attached now."""

    key: str
    detach_sql: str
    instance: duckdb.DuckDBPyConnection | None = None
    since: float = 0.0
    stopped: bool = False

    def stop(self) -> None:
        """Detach now and keep nothing more (the run is not short: others get their turn)."""
        self.stopped = True
        with existing_instance() as instance:
            _detach_if_on(instance)


_scope: KeptAttach | None = None


@contextmanager
def keeping_attached(key: str | None, detach_sql: str) -> Iterator[KeptAttach | None]:
    """Keep the catalog named by `key` attached between opens until the block ends (no key:
    a catalog that is not kept, such as a shared PostgreSQL one). Not nested."""
    global _scope
    if key is None or _scope is not None:
        yield None
        return
    _scope = scope = KeptAttach(key, detach_sql)
    try:
        yield scope
    finally:
        scope.stop()
        _scope = None


def let_go() -> None:
    """Detach the kept catalog now and keep it no more, from code that holds no scope (a
    chunk of a run found to be long: warehouse readers must not wait on its transforms)."""
    if _scope is not None and not _scope.stopped:
        _scope.stop()


def active(key: str) -> bool:
    """Whether a scope keeps this catalog attached now."""
    return _scope is not None and _scope.key == key and not _scope.stopped


def reuse_attached(instance: duckdb.DuckDBPyConnection, key: str) -> bool:
    """Whether `instance` still has this catalog attached from the scope's last open (the
    caller holds the instance). Another catalog left there is detached first."""
    scope = _scope
    if scope is None or scope.instance is None:
        return False
    if scope.instance is instance and scope.key == key and not scope.stopped:
        return True
    _detach_if_on(instance)
    return False


def leave_attached(
    instance: duckdb.DuckDBPyConnection, key: str, attached_now: bool, failed: bool
) -> bool:
    """Whether an open of `key` ending now leaves its catalog attached (else the caller
    detaches it); `attached_now`: this open attached it; `failed`: it raised."""
    scope = _scope
    if scope is None:
        return False
    scope.instance = None  # detached by the caller unless kept below
    if failed or scope.stopped or scope.key != key:
        return False
    now = time.monotonic()
    if attached_now:
        scope.since = now
    if now - scope.since > MAX_HOLD_S:
        scope.stopped = True  # not short: the caller detaches, and nothing is kept again
        return False
    scope.instance = instance
    return True


def _detach_if_on(instance: duckdb.DuckDBPyConnection | None) -> None:
    """Detach the scope's catalog if it is attached on `instance` (a recycled instance took
    it along when it closed)."""
    scope = _scope
    if scope is None or scope.instance is None:
        return
    attached_on, scope.instance = scope.instance, None
    if instance is not None and attached_on is instance:
        instance.execute(scope.detach_sql)


def _forget_scope_after_fork() -> None:
    """A forked worker never opens the warehouse; it keeps nothing of the parent's scope."""
    global _scope
    _scope = None


os.register_at_fork(after_in_child=_forget_scope_after_fork)
