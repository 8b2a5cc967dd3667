"""Ctrl-C after the batches, while story linking runs: the run stops there, is recorded as
cancelled, and leaves the steps not done pending for the next run.

The first Ctrl-C only requests a stop (`stopping.STOP`); the steps after the batches never
looked at it, so a run of 100,000 files went on linking for tens of seconds and ended
`completed` with exit 0, the Ctrl-C lost. A second Ctrl-C raises KeyboardInterrupt at once;
raised in a step, it left the run `running` until a later run called it abandoned.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from newsnorm.flows.cli import main
from newsnorm.flows.cli.terminal import stop_on_signals
from newsnorm.flows.engine import followups, runs
from newsnorm.flows.engine.followups import COMPACTION, LEARNING, LINKING, pending_steps
from newsnorm.flows.engine.runner import RunCancelled
from newsnorm.flows.engine.stopping import STOP
from newsnorm.warehouse.lake import Warehouse

Sql = Callable[..., list[tuple[Any, ...]]]
WORDS = ("harbour", "ferry", "lantern", "orchard", "quarry", "meadow", "granary", "tannery")


@pytest.fixture(autouse=True)
def _no_stop_left() -> Iterator[None]:
    yield
    STOP.clear()


def _corpus(folder: Path, files: int = 6) -> Path:
    folder.mkdir()
    for n in range(files):
        words = " ".join(WORDS[(n * 3 + i * 7) % len(WORDS)] for i in range(60))
        (folder / f"{n:02d}.txt").write_text(f"Invented report {n} on the {WORDS[n]}\n\n{words}.\n")
    return folder


def test_ctrl_c_during_linking_cancels_the_run_and_leaves_its_steps_pending(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    link = followups._link

    def ctrl_c_then_link(*args: Any) -> int:
        STOP.request("Ctrl-C")  # what the first Ctrl-C's handler does, as linking begins
        return link(*args)

    monkeypatch.setattr(followups, "_link", ctrl_c_then_link)
    corpus = _corpus(tmp_path / "corpus")
    with pytest.raises(RunCancelled) as stopped:
        ingest(corpus)
    assert stopped.value.summary.counts.ingested == 6  # every batch committed and counted
    assert sql("select status, ingested from runs") == [("cancelled", 6)]
    assert {step.step for step in pending_steps(warehouse)} == {LINKING, LEARNING, COMPACTION}
    assert sql("select count(*) from copies") == [(0,)]  # no chunk was linked

    monkeypatch.setattr(followups, "_link", link)
    STOP.clear()
    again = ingest(corpus)  # the same command carries on: the steps are done now
    assert (again.status, again.counts.unchanged) == ("completed", 6)
    assert pending_steps(warehouse) == []
    assert sql("select count(*) from copies") == [(6,)]


def test_a_second_ctrl_c_in_a_step_records_the_run_as_cancelled(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def second_ctrl_c(*args: Any) -> int:
        raise KeyboardInterrupt  # what the handler raises when a stop was already requested

    monkeypatch.setattr(followups, "_link", second_ctrl_c)
    with pytest.raises((RunCancelled, KeyboardInterrupt)) as stopped:
        ingest(_corpus(tmp_path / "corpus"))
    assert sql("select status, ingested from runs") == [("cancelled", 6)]
    assert stopped.type is RunCancelled  # the CLI's one line: cancelled, what it kept


def test_a_second_ctrl_c_in_learning_leaves_learning_pending(
    ingest: Callable[..., Any],
    warehouse: Warehouse,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # `status` listed no unfinished step after a second Ctrl-C in a step.
    def second_ctrl_c(*args: Any) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(followups, "_learn", second_ctrl_c)
    with pytest.raises(RunCancelled):
        ingest(_corpus(tmp_path / "corpus"))
    assert [(step.step, step.error) for step in pending_steps(warehouse)] == [
        (LEARNING, "cancelled by a second Ctrl-C")
    ]
    # `status` says the step was stopped, not that it failed.
    assert main(["status", "--warehouse", str(warehouse.root)]) == 0
    [line] = [line for line in capsys.readouterr().out.splitlines() if LEARNING in line]
    assert line.startswith(f"  {LEARNING} stopped in run ")
    assert line.endswith(": cancelled by a second Ctrl-C")


def test_a_stop_during_the_batches_leaves_linking_and_learning_pending(
    ingest: Callable[..., Any], sql: Sql, warehouse: Warehouse, tmp_path: Path
) -> None:
    # The run ended cancelled with its committed articles unlinked, and `status` said nothing.
    corpus = _corpus(tmp_path / "corpus")
    seen: list[str] = []

    def progress(*args: Any) -> None:
        seen.append("input")
        if len(seen) == 3:
            STOP.request("Ctrl-C")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("newsnorm.flows.engine.progress.Progress.input_done", progress)
        with pytest.raises(RunCancelled):
            ingest(corpus, batch_files=2)
    assert sql("select status from runs") == [("cancelled",)]
    assert {step.step for step in pending_steps(warehouse)} == {LINKING, LEARNING}


def test_a_ctrl_c_duckdb_took_in_a_step_records_the_run_as_cancelled(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Review of robust27: DuckDB takes a Ctrl-C that lands in a statement and raises its own
    # error; the run was recorded `failed` while the command line said interrupted (130).
    def duckdb_took_it(*args: Any) -> int:
        raise RuntimeError("Query interrupted")

    monkeypatch.setattr(followups, "_link", duckdb_took_it)
    with pytest.raises(RunCancelled):
        ingest(_corpus(tmp_path / "corpus"))
    assert sql("select status, ingested from runs") == [("cancelled", 6)]


def test_a_second_ctrl_c_while_the_end_is_recorded_waits_for_the_record(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A terminal's two Ctrl-Cs half a second apart: the second one landed while the stopped
    # run wrote its `cancelled` row, and the row stayed `running` (the stop test on pool
    # workers failed now and then).
    write_row = runs.record_run
    signals: list[str] = []

    def ctrl_c_while_writing(connection: Any, row: dict[str, object]) -> None:
        if row["status"] == "cancelled":
            os.kill(os.getpid(), signal.SIGINT)  # the handler runs before the next line
            signals.append("sent")
        write_row(connection, row)

    def ctrl_c_then_link(*args: Any) -> int:
        STOP.request("Ctrl-C")  # the first Ctrl-C, as linking begins
        return 0

    monkeypatch.setattr(runs, "record_run", ctrl_c_while_writing)
    monkeypatch.setattr(followups, "_link", ctrl_c_then_link)
    with stop_on_signals(), pytest.raises(RunCancelled):
        ingest(_corpus(tmp_path / "corpus"))
    assert signals  # each write of the row held one (the step's end, the run's)
    assert sql("select status, ingested from runs") == [("cancelled", 6)]


def test_a_third_ctrl_c_still_interrupts_a_record_that_hangs() -> None:
    # Held once, not for ever: should the record itself hang, Ctrl-C still gets out.
    passed: list[int] = []

    def ctrl_cs() -> None:
        for n in (1, 2):
            os.kill(os.getpid(), signal.SIGINT)  # the handler runs before the next line
            passed.append(n)
        time.sleep(1)

    with stop_on_signals():
        STOP.request("Ctrl-C")
        with STOP.holding_one(), pytest.raises(KeyboardInterrupt):
            ctrl_cs()
    assert passed == [1]  # the first held, the second raised
    assert not STOP.requested  # the handlers restored, the request cleared


def test_a_pool_broken_after_a_stop_is_that_stop_and_otherwise_a_failure() -> None:
    from concurrent.futures.process import BrokenProcessPool

    from newsnorm.flows.engine.stopping import STOP, stopped_by

    broken = BrokenProcessPool("A process in the process pool was terminated abruptly")
    assert not stopped_by(broken)  # a worker killed alone (the OOM killer): the run failed
    STOP.request("SIGTERM")  # the process group's SIGTERM reached the parent too
    try:
        assert stopped_by(broken)
    finally:
        STOP.clear()
