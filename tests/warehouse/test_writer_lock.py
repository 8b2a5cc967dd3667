"""The writer lock: a writer waiting for another can be stopped while it waits."""

from __future__ import annotations

import fcntl
from pathlib import Path

import pytest

from newsnorm.warehouse.lake import Warehouse
from newsnorm.warehouse.lock import LOCK_FILE, exclusive_writer


class _Stopped(Exception):
    pass


def test_a_writer_waiting_for_the_lock_gives_up_when_asked(tmp_path: Path) -> None:
    # A first Ctrl-C only sets a flag: a blocking flock never saw it, and an ingest or
    # compact waited out the other writer however long it ran.
    warehouse = Warehouse.at(tmp_path / "wh")
    warehouse.root.mkdir(parents=True)
    asked: list[int] = []

    def stop_on_third_look() -> None:
        asked.append(1)
        if len(asked) == 3:
            raise _Stopped

    with open(warehouse.root / LOCK_FILE, "a+") as other:
        fcntl.flock(other, fcntl.LOCK_EX)  # another writer holds it
        with pytest.raises(_Stopped), exclusive_writer(warehouse, while_waiting=stop_on_third_look):
            pass
    assert len(asked) == 3
    # Free, the lock is taken at once and the check is not asked.
    asked.clear()
    with exclusive_writer(warehouse, while_waiting=stop_on_third_look):
        pass
    assert asked == []
