"""A run's batches ask what the next batch asks first in the open of their last commit."""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsnorm.flows.engine import batch, processing, runner
from newsnorm.flows.engine.runner import RunCancelled, execute_ingest
from newsnorm.flows.engine.settings import IngestSettings
from newsnorm.flows.engine.sources import with_next
from newsnorm.warehouse.lake import Warehouse, open_warehouse
from tests_support import GOLDEN


def _folder(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for n, path in enumerate(sorted(GOLDEN.rglob("*.txt"))[:count]):
        (folder / f"{n:02d}.txt").write_bytes(path.read_bytes())
    return folder


@pytest.mark.parametrize("held", [False, True])
def test_a_batch_is_asked_for_once_whatever_its_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, held: bool
) -> None:
    """Every commit of a batch asked the next batch's questions again (manifest states, a stat
    of every file, the early lookup) and only the last answer was used: ~200 wasted asks (~5 s
    of CPU) on a 100k-line JSONL. Asked in the last commit only: once a batch."""
    folder = _folder(tmp_path, 12)
    chunked = functools.partial(processing.BatchSettings, chunk_inputs=2)
    monkeypatch.setattr(runner, "BatchSettings", chunked)
    monkeypatch.setattr(batch, "OVERLAP_MIN_INPUTS", 1 if held else 10**9)
    asks: list[int] = []
    original = batch._ask_first

    def counted(connection: Any, refs: Any, *args: Any, **options: Any) -> Any:
        asks.append(len(refs))
        return original(connection, refs, *args, **options)

    monkeypatch.setattr(batch, "_ask_first", counted)
    settings = IngestSettings(
        warehouse=Warehouse.at(tmp_path / "w"), batch_files=6, grown_batch_files=0
    )
    summary = execute_ingest([str(folder)], settings)
    assert (summary.batches, summary.counts.seen) == (2, 12)
    assert asks == [6, 6]  # the first batch in an open of its own, the second in its last commit


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
def test_an_error_asking_for_the_next_batch_leaves_the_committed_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: type[BaseException]
) -> None:
    """A chunk is committed when the next batch's questions are asked in its open: an error
    there (not only DuckDB's) must not fail the run, and a Ctrl-C there must not lose the
    chunk's counts (the run row read ('cancelled', 0, 0) with 2 articles stored)."""
    folder = _folder(tmp_path, 6)
    failed: list[int] = []
    original = batch.known_states

    def failing_once(connection: Any, uris: Any) -> Any:
        if not failed and _asked_by_carry():
            failed.append(len(uris))
            raise error("in the look-ahead")
        return original(connection, uris)

    monkeypatch.setattr(batch, "known_states", failing_once)
    warehouse = Warehouse.at(tmp_path / "w")
    settings = IngestSettings(warehouse=warehouse, batch_files=2)
    if error is KeyboardInterrupt:
        with pytest.raises(RunCancelled) as cancelled:
            execute_ingest([str(folder)], settings)
        summary, expected = cancelled.value.summary, (1, 2, "cancelled")
    else:
        summary, expected = execute_ingest([str(folder)], settings), (3, 6, "completed")
    assert (failed, summary.batches, summary.counts.seen) == ([2], *expected[:2])
    with open_warehouse(warehouse, read_only=True) as connection:
        [(status, seen)] = connection.execute("select status, seen from runs").fetchall()
        [(articles,)] = connection.execute("select count(*) from articles").fetchall()
    assert (status, seen, articles) == (expected[2], expected[1], summary.counts.ingested)


def _asked_by_carry() -> bool:
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_name != "ask_upcoming":
        frame = frame.f_back
    return frame is not None


def test_with_next_goes_past_an_item_that_is_none() -> None:
    assert list(with_next([1, None, 2])) == [(1, None), (None, 2), (2, None)]
    assert list(with_next([])) == []


def test_a_stop_inside_a_batch_keeps_the_counts_of_its_committed_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch returned its counts only when it ended: a Ctrl-C after one of its chunks
    committed left the run row at ('cancelled', 0) with that chunk's articles stored."""
    folder = _folder(tmp_path, 6)
    chunked = functools.partial(processing.BatchSettings, chunk_inputs=2)
    monkeypatch.setattr(runner, "BatchSettings", chunked)
    monkeypatch.setattr(batch, "OVERLAP_MIN_INPUTS", 10**9)  # each chunk commits at once
    staged: list[int] = []
    original = batch._stage

    def stopped_at_the_second(chunk: Any, *args: Any, **options: Any) -> Any:
        staged.append(len(chunk))
        if len(staged) == 2:
            raise KeyboardInterrupt
        return original(chunk, *args, **options)

    monkeypatch.setattr(batch, "_stage", stopped_at_the_second)
    warehouse = Warehouse.at(tmp_path / "w")
    settings = IngestSettings(warehouse=warehouse, batch_files=6, grown_batch_files=0)
    with pytest.raises(RunCancelled) as cancelled:
        execute_ingest([str(folder)], settings)
    summary = cancelled.value.summary
    with open_warehouse(warehouse, read_only=True) as connection:
        [(status, seen)] = connection.execute("select status, seen from runs").fetchall()
        [(articles,)] = connection.execute("select count(*) from articles").fetchall()
    assert (summary.batches, summary.counts.seen) == (0, 2)
    assert (status, seen, articles) == ("cancelled", 2, summary.counts.ingested)


@pytest.mark.parametrize("held", [False, True])
@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
@pytest.mark.parametrize("at_commit", [2, 3])
def test_an_error_right_after_a_chunk_commits_leaves_it_counted(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    held: bool,
    error: type[BaseException],
    at_commit: int,
) -> None:
    """A chunk's counts reached its batch only when `_commit` returned: an error after the
    catalog commit (closing the catalog, a second Ctrl-C) left its articles stored and
    uncounted. The third commit of a held run is the runner's last flush."""
    folder = _folder(tmp_path, 6)
    monkeypatch.setattr(
        runner, "BatchSettings", functools.partial(processing.BatchSettings, chunk_inputs=2)
    )
    monkeypatch.setattr(batch, "OVERLAP_MIN_INPUTS", 1 if held else 10**9)
    commits: list[int] = []
    original = batch.open_warehouse

    @contextlib.contextmanager
    def failing_on_close(warehouse: Warehouse, *, read_only: bool) -> Iterator[Any]:
        with original(warehouse, read_only=read_only) as connection:
            yield connection
        if not read_only:  # a chunk's commit: the catalog closed after it
            commits.append(1)
            if len(commits) == at_commit:
                raise error("closing the catalog")

    monkeypatch.setattr(batch, "open_warehouse", failing_on_close)
    warehouse = Warehouse.at(tmp_path / "w")
    settings = IngestSettings(warehouse=warehouse, batch_files=6, grown_batch_files=0)
    expected_error = RunCancelled if error is KeyboardInterrupt else RuntimeError
    with pytest.raises(expected_error):
        execute_ingest([str(folder)], settings)
    with open_warehouse(warehouse, read_only=True) as connection:
        [(seen, ingested)] = connection.execute("select seen, ingested from runs").fetchall()
        [(articles,)] = connection.execute("select count(*) from articles").fetchall()
    assert (seen, ingested) == (2 * at_commit, articles)


def test_a_stop_among_unchanged_files_counts_those_reached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unchanged files were counted all at once before the first was told: a stop at the
    second recorded all six as seen."""
    folder = _folder(tmp_path, 6)
    warehouse = Warehouse.at(tmp_path / "w")
    settings = IngestSettings(warehouse=warehouse, batch_files=6)
    execute_ingest([str(folder)], settings)
    told: list[str] = []
    original = runner._input_callback

    def stop_at_the_second(uri: str, outcome: str) -> None:
        told.append(outcome)
        if len(told) == 2:
            raise KeyboardInterrupt

    real_run_here = runner._run_here

    def run_here(
        jobs: Any, tally: Any, run_batch: Any, stories: Any, done: Any, on_input: Any
    ) -> None:
        real_run_here(jobs, tally, run_batch, stories, done, stop_at_the_second)

    monkeypatch.setattr(runner, "_run_here", run_here)
    with pytest.raises(RunCancelled) as cancelled:
        execute_ingest([str(folder)], settings)
    assert original is runner._input_callback
    assert told == ["unchanged", "unchanged"]
    assert (cancelled.value.summary.counts.unchanged, cancelled.value.summary.counts.seen) == (2, 2)
