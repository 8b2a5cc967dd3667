"""The writer lock: a writer waiting for another can be stopped while it waits."""

from __future__ import annotations

import fcntl
import logging
import os
import threading
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


def _first_warning(warehouse: Warehouse, caplog: pytest.LogCaptureFixture) -> str:
    """The warning a writer gives when it finds the lock held (it then gives up at once)."""

    def give_up() -> None:
        raise _Stopped

    caplog.clear()
    with (
        caplog.at_level(logging.WARNING, logger="newsnorm.warehouse.lock"),
        pytest.raises(_Stopped),
        exclusive_writer(warehouse, "ingest", give_up),
    ):
        pass
    return caplog.records[0].getMessage()


def test_the_wait_names_the_job_holding_the_lock(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    warehouse = Warehouse.at(tmp_path / "wh")
    warehouse.root.mkdir(parents=True)
    holder = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with exclusive_writer(warehouse, "reprocess"):
            holder.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert holder.wait(10)
        message = _first_warning(warehouse, caplog)
    finally:
        release.set()
        thread.join()
    assert message.startswith(f"another reprocess (process {os.getpid()}) is writing to ")
    assert message.endswith("; this ingest waits")


def test_the_wait_is_neutral_when_the_lock_file_names_no_live_job(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    warehouse = Warehouse.at(tmp_path / "wh")
    warehouse.root.mkdir(parents=True)
    with open(warehouse.root / LOCK_FILE, "a+") as other:
        fcntl.flock(other, fcntl.LOCK_EX)  # a writer of an older version: it names nothing
        message = _first_warning(warehouse, caplog)
    assert message.startswith("another writer (ingest, compact, reprocess or forget) is ")
    assert "another ingest or compact" not in message
