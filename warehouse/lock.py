"""One writer per warehouse at a time: ingest, compact, reprocess and forget take this lock."""

from __future__ import annotations

import fcntl
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from newsnorm.warehouse.lake import Warehouse
from newsnorm.warehouse.pgcatalog import WRITER_LOCK, advisory_lock

logger = logging.getLogger(__name__)

LOCK_FILE = "ingest.lock"


@contextmanager
def exclusive_writer(warehouse: Warehouse, job: str = "ingest") -> Iterator[None]:
    """Hold the warehouse's writer lock; a second writer waits for the first, saying so.

    An advisory `flock` on a file in the warehouse: the kernel releases it when the
    holder dies, even by SIGKILL, so a crashed run never leaves the warehouse locked.
    With a PostgreSQL catalog, writers on other machines must see the lock too, so it is
    a PostgreSQL advisory lock instead, which the server releases when its connection ends.
    """
    waiting = f"another ingest or compact is writing to {warehouse.described}; this {job} waits"
    if warehouse.postgres is not None:
        with advisory_lock(warehouse.postgres, WRITER_LOCK, waiting=waiting):
            yield
        return
    warehouse.root.mkdir(parents=True, exist_ok=True)
    with open(warehouse.root / LOCK_FILE, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            logger.warning("%s", waiting)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
