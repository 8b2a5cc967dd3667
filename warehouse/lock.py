"""One writer per warehouse at a time: ingest, compact, reprocess and forget take this lock."""

from __future__ import annotations

import fcntl
import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from newsnorm.warehouse.lake import Warehouse
from newsnorm.warehouse.pgcatalog import WRITER_LOCK, advisory_lock
from newsnorm.warehouse.whole_files import process_alive

logger = logging.getLogger(__name__)

LOCK_FILE = "ingest.lock"
# How often a writer waiting for the lock looks again, and at `while_waiting`.
_POLL_S = 0.2


def _go_on() -> None:
    return None


@contextmanager
def exclusive_writer(
    warehouse: Warehouse, job: str = "ingest", while_waiting: Callable[[], None] = _go_on
) -> Iterator[None]:
    """Hold the warehouse's writer lock; a second writer waits for the first, saying so.

    An advisory `flock` on a file in the warehouse: the kernel releases it when the
    holder dies, even by SIGKILL, so a crashed run never leaves the warehouse locked.
    With a PostgreSQL catalog, writers on other machines must see the lock too, so it is
    a PostgreSQL advisory lock instead, which the server releases when its connection ends.
    `while_waiting` runs every `_POLL_S` while a local lock is waited for and may raise to
    give up: a first Ctrl-C only sets a stop flag, and a blocking `flock` never saw it (the
    wait outlasted the other writer however long it ran).
    """
    if warehouse.postgres is not None:
        waiting = _waiting(warehouse, job, None)
        with advisory_lock(warehouse.postgres, WRITER_LOCK, waiting=waiting):
            yield
        return
    warehouse.root.mkdir(parents=True, exist_ok=True)
    with open(warehouse.root / LOCK_FILE, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            logger.warning("%s", _waiting(warehouse, job, _holder(handle)))
            _wait(handle, while_waiting)
        _record_holder(handle, job)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _waiting(warehouse: Warehouse, job: str, holder: str | None) -> str:
    """What a waiting writer says: the holder's job when the lock file names a live one."""
    who = f"another {holder}" if holder else "another writer (ingest, compact, reprocess or forget)"
    return f"{who} is writing to {warehouse.described}; this {job} waits"


def _record_holder(handle: TextIO, job: str) -> None:
    """Write the holder's job and process id into the lock file (read by `_holder`)."""
    handle.seek(0)
    handle.truncate()
    handle.write(f"{job} {os.getpid()}\n")
    handle.flush()


def _holder(handle: TextIO) -> str | None:
    """The job the lock file names, if the process that wrote it still runs (a holder that
    has just taken the lock may not have written yet: then the last one's, if it runs)."""
    handle.seek(0)
    job, _, pid = handle.read().strip().partition(" ")
    if not job or not pid.isdigit() or not process_alive(int(pid)):
        return None
    return f"{job} (process {pid})"


def _wait(handle: TextIO, while_waiting: Callable[[], None]) -> None:
    """Take the lock on `handle` once the other writer lets it go, asking `while_waiting`
    between tries."""
    while True:
        while_waiting()
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            time.sleep(_POLL_S)
