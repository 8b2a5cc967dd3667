"""The pool of worker processes for the pure transforms: the same articles and tables as
processing in this process, workers that ignore Ctrl-C, and none outliving a killed run;
and a run alone (batches one after another) that looks each chunk up once."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import duckdb
import pytest

from newsnorm.flows.engine import batch, formats, processing, workers
from newsnorm.flows.engine import taught as taught_module
from newsnorm.flows.engine.processing import BatchSettings, process_here
from newsnorm.flows.engine.reading import RawInput
from newsnorm.flows.engine.runner import execute_ingest
from newsnorm.flows.engine.settings import IngestSettings
from newsnorm.flows.engine.taught import TaughtLines, article_lines
from newsnorm.flows.engine.workers import TransformPool
from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.pipeline import Processed
from newsnorm.warehouse.lake import Warehouse, open_warehouse
from tests_support import GOLDEN, ROOT, alive

SETTINGS = BatchSettings(max_bytes=10_000_000)
BOUND_S = 10.0


def _raws() -> list[RawInput]:
    blobs = [path.read_bytes() for path in sorted(GOLDEN.rglob("*.txt"))]
    blobs += [b"", b"\x00\x01binary", b"Title only\n"]  # rejected, each for its reason
    return [
        RawInput(f"file:///in/{n}.txt", hashlib.sha256(blob).hexdigest(), len(blob), blob)
        for n, blob in enumerate(blobs)
    ]


def _folder_of_raws(tmp_path: Path, count: int) -> Path:
    """A folder of the first `count` test inputs, one `.txt` file each."""
    folder = tmp_path / "in"
    folder.mkdir()
    for n, raw in enumerate(_raws()[:count]):
        assert raw.data is not None
        (folder / f"{n}.txt").write_bytes(raw.data)
    return folder


def _counted_opens(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Each catalog open of a batch from now on, as whether it was read-only."""
    opens: list[bool] = []
    original = batch.open_warehouse

    def counted(*args: Any, **options: Any) -> Any:
        opens.append(options["read_only"])
        return original(*args, **options)

    monkeypatch.setattr(batch, "open_warehouse", counted)
    return opens


def _comparable(result: object) -> object:
    if isinstance(result, DocumentRejected):
        return ("rejected", result.code, result.message)
    return result


def _worker_pids(pool: TransformPool) -> list[int]:
    assert pool._executor is not None, "the pool processed nothing in workers"
    return sorted(pool._executor._processes)


def test_workers_give_what_this_process_gives(pool: TransformPool) -> None:
    raws = _raws()
    adapters = load_adapters()
    here = [_comparable(result) for result in process_here(raws, adapters, SETTINGS)]
    pooled = [_comparable(result) for result in pool.process(raws, adapters, SETTINGS)]
    assert len(_worker_pids(pool)) == 2
    assert pooled == here
    assert sum(isinstance(result, tuple) for result in here) >= 3


def test_workers_make_the_lines_each_article_teaches(pool: TransformPool) -> None:
    """The lines the workers offer for learning are those the run's process would make, and
    a held article's lines are given back by its id (flows/engine/taught.py)."""
    pool.taught = taught = TaughtLines()
    results = [
        result
        for result in pool.process(_raws(), load_adapters(), SETTINGS)
        if isinstance(result, Processed)
    ]
    offered = dict(taught._offered)
    assert len(offered) == len({result.article.article_id for result in results}) >= 3
    for result in results:
        taught.add(result.article)
    taught.end_chunk()
    held = taught.take([result.article.article_id for result in results])
    expected = {result.article.article_id: article_lines(result.article) for result in results}
    assert {key: lines for key, (_, lines) in offered.items()} == expected
    assert held == expected
    assert any(expected.values())
    taught.close()


def test_lines_offered_for_an_article_changed_since_are_made_again() -> None:
    [result, *_] = [
        result
        for result in process_here(_raws(), load_adapters(), SETTINGS)
        if isinstance(result, Processed)
    ]
    article = result.article
    changed = replace(article, warnings=(*article.warnings, "changed"))
    taught = TaughtLines()
    taught.offer(article, frozenset({"offered for the article the worker made"}))
    taught.add(changed)  # same id, another object: not the one the lines were made for
    assert taught.take([article.article_id]) == {article.article_id: article_lines(article)}
    taught.offer(article, frozenset({"offered"}))
    taught.end_chunk()
    taught.add(article)
    assert taught.take([article.article_id]) == {article.article_id: article_lines(article)}
    taught.close()
    fresh = TaughtLines()
    fresh.offer(article, frozenset({"offered"}))
    fresh.add(article)  # the very article the lines were offered for: taken as offered
    assert fresh.take([article.article_id]) == {article.article_id: frozenset({"offered"})}
    fresh.close()
    odd = TaughtLines()
    odd.offer(article, frozenset({"a line holding a \x00 byte"}))
    odd.add(article)  # not kept (NUL separates a record's lines): learning reads it back
    assert odd.take([article.article_id]) == {}
    odd.close()


def test_a_small_chunk_is_processed_here() -> None:
    pool = TransformPool(2)
    results = list(pool.process(_raws()[:3], load_adapters(), SETTINGS))
    assert len(results) == 3
    assert pool._executor is None


def test_workers_ignore_ctrl_c(pool: TransformPool) -> None:
    raws = _raws()[:8]
    list(pool.process(raws, load_adapters(), SETTINGS))
    for pid in _worker_pids(pool):
        os.kill(pid, signal.SIGINT)
    time.sleep(0.5)
    assert len(list(pool.process(raws, load_adapters(), SETTINGS))) == 8


def _tables(warehouse: Warehouse) -> dict[str, list[tuple[Any, ...]]]:
    tables = {}
    with open_warehouse(warehouse, read_only=True) as connection:
        for table, columns in (
            ("articles", "run_id, ingested_at"),
            ("boilerplate", "run_id"),
            ("inputs", "run_id, first_seen_at"),
            # Fingerprints the workers made (pooled) and the parent made (here) alike.
            ("raw_story_fingerprints", "run_id"),
            ("raw_story_links", "run_id"),
        ):
            rows = connection.execute(f"select * exclude ({columns}) from {table}").fetchall()
            tables[table] = sorted(rows, key=repr)
    return tables


def test_an_ingest_through_the_pool_stores_what_one_here_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for raw in _raws():
        assert raw.data is not None
        (folder / raw.uri.rsplit("/", 1)[-1]).write_bytes(raw.data)
    stored = {}
    for name, least in (("here", 10**9), ("pooled", 1)):
        monkeypatch.setattr(workers, "MIN_POOLED", least)
        warehouse = Warehouse.at(tmp_path / name)
        execute_ingest([str(folder)], IngestSettings(warehouse=warehouse, strict=True))
        stored[name] = _tables(warehouse)
    assert stored["pooled"] == stored["here"]
    assert len(stored["here"]["articles"]) > 20
    assert len(stored["here"]["raw_story_fingerprints"]) == len(stored["here"]["articles"])


KILLED = """
import sys, time
from newsnorm.flows.engine import workers
from newsnorm.flows.engine.processing import BatchSettings
from newsnorm.flows.engine.reading import RawInput
from newsnorm.transforms.adapters.registry import load_adapters

workers.MIN_POOLED = 1
pool = workers.TransformPool(2)
raws = [RawInput(f"file:///{n}", "0", 20, b"Title\\n\\nA body line.\\n") for n in range(4)]
list(pool.process(raws, load_adapters(), BatchSettings(max_bytes=1000)))
print(*pool._executor._processes, flush=True)
time.sleep(300)
"""


@pytest.mark.reliability
def test_workers_die_with_a_killed_parent() -> None:
    with subprocess.Popen(
        [sys.executable, "-c", KILLED], stdout=subprocess.PIPE, text=True, cwd=ROOT
    ) as parent:
        assert parent.stdout is not None
        pids = [int(pid) for pid in parent.stdout.readline().split()]
        assert len(pids) == 2
        assert all(alive(pid) for pid in pids)
        parent.kill()
    deadline = time.monotonic() + BOUND_S
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    survivors = [pid for pid in pids if alive(pid)]
    for pid in survivors:  # leave nothing behind, even when failing
        os.kill(pid, signal.SIGKILL)
    assert not survivors


ONE_KILLED = """
import os, signal
from concurrent.futures import BrokenExecutor
from newsnorm.flows.engine import workers
from newsnorm.flows.engine.processing import BatchSettings
from newsnorm.flows.engine.reading import RawInput
from newsnorm.flows.engine.stopping import requesting_stop
from newsnorm.transforms.adapters.registry import load_adapters

with requesting_stop():  # the command's handler, which the workers are forked under
    pool = workers.TransformPool(2)
    body = b"Title\\n\\n" + b"A body line of a story that goes on. " * 40
    raws = [RawInput(f"file:///{n}", "0", len(body), body) for n in range(4000)]
    results = pool.process(raws, load_adapters(), BatchSettings(max_bytes=10**6))
    os.kill(next(iter(pool._executor._processes)), signal.SIGKILL)  # the OOM killer
    try:
        list(results)
    except BrokenExecutor:
        print("broken", flush=True)
    pool.close()
    print("closed", flush=True)
"""


@pytest.mark.reliability
def test_a_killed_worker_breaks_the_pool_at_once_instead_of_hanging_the_run() -> None:
    # The pool ends the other workers with SIGTERM; forked under the command's handler, which
    # only sets a flag, one lived on and the run waited for it forever.
    with subprocess.Popen(
        [sys.executable, "-c", ONE_KILLED], stdout=subprocess.PIPE, text=True, cwd=ROOT
    ) as parent:
        try:
            out, _ = parent.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            for child in _children(parent.pid):
                os.kill(child, signal.SIGKILL)
            parent.kill()
            out = ""
    assert out.split() == ["broken", "closed"]


def _children(pid: int) -> list[int]:
    listed = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [int(child) for child in listed.stdout.split()]


def test_a_run_alone_looks_its_inputs_up_once_per_chunk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches run one after another under the writer lock: nothing commits between a
    chunk's lookup and its commit, so the lookup under the write lock is left out."""
    folder = tmp_path / "in"
    folder.mkdir()
    for raw in _raws()[:6]:
        assert raw.data is not None
        (folder / raw.uri.rsplit("/", 1)[-1]).write_bytes(raw.data)
    lookups: list[bool] = []
    original = batch._lookup

    def counted(*args: Any, **options: Any) -> Any:
        lookups.append(options.get("hashes", True))
        return original(*args, **options)

    monkeypatch.setattr(batch, "_lookup", counted)
    summary = execute_ingest(
        [str(folder)], IngestSettings(warehouse=Warehouse.at(tmp_path / "w"), batch_files=3)
    )
    assert summary.batches == 2
    assert lookups == [True, True]  # one per chunk, contents included


def test_a_held_chunk_is_looked_up_in_the_open_that_reads_the_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each open attaches DuckLake's catalog (~30 ms of CPU): a run alone asks for the
    chunk it will hold while it reads the batch's manifest rows, so a batch opens the
    catalog twice, not three times; files read again (the manifest no longer vouches for
    them) are still found unchanged before any is processed."""
    folder = _folder_of_raws(tmp_path, 6)
    monkeypatch.setattr(batch, "OVERLAP_MIN_INPUTS", 1)  # every chunk is held
    opens = _counted_opens(monkeypatch)
    processed: list[str] = []
    original_process = processing.process_input

    def counted_process(raw: RawInput, *args: Any) -> Any:
        processed.append(raw.uri)
        return original_process(raw, *args)

    monkeypatch.setattr(processing, "process_input", counted_process)
    settings = IngestSettings(warehouse=Warehouse.at(tmp_path / "w"), batch_files=3)
    first = execute_ingest([str(folder)], settings)
    assert (first.batches, first.counts.ingested, len(processed)) == (2, 6, 6)
    assert opens == [True, True, False, False]  # read-only per batch, one commit per chunk
    for path in folder.iterdir():
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    opens.clear()
    processed.clear()
    again = execute_ingest([str(folder)], settings)
    assert (again.counts.unchanged, again.counts.ingested, processed) == (6, 0, [])
    # First the manifest's rows of every file, to set aside those it vouches for (none
    # here: all were touched), then each batch as before.
    assert opens == [True, True, True, False, False]


def test_a_batch_asks_its_first_questions_in_the_commit_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run alone asks for the next batch's manifest rows (and its held chunk's inputs) in
    the open that commits the chunk before: from the third batch on, one open a batch, not
    two; a rescan of the unchanged files still reads none of them."""
    folder = _folder_of_raws(tmp_path, 8)
    monkeypatch.setattr(batch, "OVERLAP_MIN_INPUTS", 1)  # every chunk is held
    opens = _counted_opens(monkeypatch)
    read: list[str] = []
    original_read = formats.read_plain

    def counted_read(ref: Any, *args: Any, **options: Any) -> Any:
        read.append(ref.uri)
        return original_read(ref, *args, **options)

    monkeypatch.setattr(formats, "read_plain", counted_read)
    settings = IngestSettings(warehouse=Warehouse.at(tmp_path / "w"), batch_files=2)
    first = execute_ingest([str(folder)], settings)
    assert (first.batches, first.counts.ingested + first.counts.rejected, len(read)) == (4, 8, 8)
    assert opens == [True, True, False, False, False, False]
    opens.clear()
    read.clear()
    again = execute_ingest([str(folder)], settings)
    assert (again.counts.unchanged, read) == (8, [])
    assert opens == [True]  # set aside before batching: one open for every file, no batch


def test_a_failed_question_for_the_next_batch_leaves_it_to_ask_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The chunk before is committed when the next batch's questions are asked in its open:
    a failure there must not lose that chunk's counts; the batch asks in an open of its own."""
    folder = _folder_of_raws(tmp_path, 6)
    monkeypatch.setattr(batch, "OVERLAP_MIN_INPUTS", 1)
    failed: list[int] = []
    original = batch.known_states

    def failing_once(connection: Any, uris: Any) -> Any:
        if not failed and _in_commit_open():
            failed.append(len(uris))
            raise duckdb.IOException("the catalog went away for a moment")
        return original(connection, uris)

    monkeypatch.setattr(batch, "known_states", failing_once)
    settings = IngestSettings(warehouse=Warehouse.at(tmp_path / "w"), batch_files=2)
    summary = execute_ingest([str(folder)], settings)
    assert failed == [2]
    assert (summary.batches, summary.counts.ingested + summary.counts.rejected) == (3, 6)


def _in_commit_open() -> bool:
    """Whether the caller runs under `ChunkCarry.ask_upcoming` (frames walked: cheap, unlike
    `inspect.stack`, which reads every frame's source)."""
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_name != "ask_upcoming":
        frame = frame.f_back
    return frame is not None


def test_a_batch_reads_and_commits_with_duckdb_on_one_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A chunk's queries are small: a second DuckDB thread spent ~40% more CPU on them."""
    folder = _folder_of_raws(tmp_path, 2)
    threads: list[object] = []
    original = batch.commit_tables

    def counted(connection: Any, *args: Any) -> None:
        threads.append(connection.execute("select current_setting('threads')").fetchone()[0])
        original(connection, *args)

    monkeypatch.setattr(batch, "commit_tables", counted)
    execute_ingest([str(folder)], IngestSettings(warehouse=Warehouse.at(tmp_path / "w")))
    assert threads == [1]


def test_chunks_staged_while_the_one_before_commits_store_what_one_at_a_time_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run alone stages the next chunk (looked up, handed to the workers) before the one
    before it commits: what the later chunk repeats of the earlier one (the same bytes
    under another name) must still count as seen."""
    folder = tmp_path / "in"
    folder.mkdir()
    raws = _raws()
    for n, raw in enumerate(raws):
        assert raw.data is not None
        (folder / f"{n:04d}.txt").write_bytes(raw.data)
    for n, raw in enumerate(raws[:4]):  # listed right after 0004.txt: the next batch
        assert raw.data is not None
        (folder / f"0004~{n}.txt").write_bytes(raw.data)
    held: list[int] = []
    original_hold = batch.ChunkCarry.hold

    def counted_hold(carry: batch.ChunkCarry, staged: Any, *rest: Any) -> None:
        held.append(len(staged.todo))
        original_hold(carry, staged, *rest)

    monkeypatch.setattr(batch.ChunkCarry, "hold", counted_hold)
    stored, counts = {}, {}
    for name, least in (("one at a time", 10**9), ("staged", 1)):
        monkeypatch.setattr(batch, "OVERLAP_MIN_INPUTS", least)
        warehouse = Warehouse.at(tmp_path / name.replace(" ", "-"))
        settings = IngestSettings(warehouse=warehouse, strict=True, batch_files=5)
        summary = execute_ingest([str(folder)], settings)
        stored[name], counts[name] = _tables(warehouse), summary.counts
    assert len(held) > 3, "no chunk was staged ahead"
    assert stored["staged"] == stored["one at a time"]
    assert counts["staged"] == counts["one at a time"]
    assert counts["staged"].duplicate == 4


def test_a_full_chunk_takes_the_manifest_rows_after_its_last_input() -> None:
    """Each file's manifest row follows its input: closing a full chunk at once left the
    last file's row to a chunk of its own (a lookup and a commit for one row)."""
    raws = _raws()[:4]
    items: list[RawInput | dict[str, object]] = []
    for raw in raws:
        items += [raw, {"uri": raw.uri}]
    marked = list(batch.marked_chunks(items, max_inputs=2, max_bytes=10**9))
    assert [(len(chunk), last) for chunk, last in marked] == [(4, False), (4, True)]
    assert marked[0][0][-1] == {"uri": raws[1].uri}
    one_by_size = list(batch.marked_chunks(items, max_inputs=100, max_bytes=1))
    assert [len(chunk) for chunk, _ in one_by_size] == [2, 2, 2, 2]


def test_an_article_whose_lines_cannot_be_made_is_left_to_learning(monkeypatch) -> None:
    [result, *_] = [
        result
        for result in process_here(_raws(), load_adapters(), SETTINGS)
        if isinstance(result, Processed)
    ]
    article = result.article

    def broken(paragraphs: object, cut: object) -> frozenset[str]:
        raise ValueError("a fault while making the lines")

    monkeypatch.setattr(taught_module, "taught_lines", broken)
    assert article_lines(article) is None
    taught = TaughtLines()
    taught.add(article)  # nothing held, no exception: learning reads the article back
    assert taught.take([article.article_id]) == {}
    taught.close()
