"""An unchanged rescan does only what it must: the manifest asked once a block of files, no
batch, the adapters loaded once, no fresh DuckDB instance for steps with nothing to do; and a
rescan where something changed reads exactly the files it read before this was so."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from newsnorm.flows.engine import batch, followups, manifest, processing, runner
from newsnorm.flows.engine.progress import UNCHANGED, Progress
from newsnorm.flows.engine.reading import RawInput
from newsnorm.flows.engine.runner import RunSummary
from newsnorm.flows.engine.sources import InputRef, iter_inputs
from newsnorm.flows.stories import linking

Ingest = Callable[..., RunSummary]
# Small batches, as a long run's are many: three batches of five files for 12 files.
BATCHES = {"batch_files": 5, "grown_batch_files": 0}


def _story(path: Path, n: int, extra: str = "") -> Path:
    path.write_text(
        f"The Varnley ferry timetable changes, part {n}\n\nBy Osric Pellam\n\n"
        f"The Varnley harbour office said on Tuesday that the morning ferry would leave "
        f"twenty minutes later from next month, notice number {n}. {extra}\n\n"
        "Passengers with season tickets keep their fares, the office added.\n"
    )
    return path


def _folder(tmp_path: Path, count: int = 12) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(count):
        _story(folder / f"s{n:02d}.txt", n)
    return folder


def _later(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the ingest opened, in order."""
    opened: list[str] = []
    original = manifest.expand

    def counting(ref: InputRef, max_bytes: int) -> Iterator[RawInput]:
        opened.append(Path(ref.path).name)
        return original(ref, max_bytes)

    monkeypatch.setattr(manifest, "expand", counting)
    return opened


def test_a_rescan_reads_exactly_the_files_that_changed(
    ingest: Ingest, tmp_path: Path, reads: list[str]
) -> None:
    """A file modified, one touched, one deleted, one added: only the modified, touched and
    added ones are read; new reading settings read every file; then none again."""
    folder = _folder(tmp_path)
    assert ingest(folder, **BATCHES).counts.ingested == 12
    _later(_story(folder / "s03.txt", 3, extra="The evening ferry is unchanged."))
    _later(folder / "s07.txt")
    (folder / "s09.txt").unlink()
    _story(folder / "s12.txt", 12)
    reads.clear()
    changed = ingest(folder, **BATCHES)
    assert reads == ["s03.txt", "s07.txt", "s12.txt"]
    assert (changed.counts.ingested, changed.counts.unchanged, changed.counts.seen) == (2, 10, 12)
    reads.clear()
    ingest(folder, timezone="UTC", **BATCHES)  # other settings: any file may read otherwise
    assert reads == sorted(path.name for path in folder.iterdir())
    reads.clear()
    again = ingest(folder, timezone="UTC", **BATCHES)
    assert reads == []
    assert (again.counts.unchanged, again.counts.seen) == (12, 12)


def test_an_unchanged_rescan_asks_the_manifest_once_and_makes_no_batch(
    ingest: Ingest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reads: list[str]
) -> None:
    """Each batch of unchanged files opened the catalog to ask the manifest for its files
    (a 100,000-file rescan: 53 opens and queries); files are now set aside before batching."""
    folder = _folder(tmp_path)
    ingest(folder, **BATCHES)
    asked: list[int] = []
    original = batch.known_states

    def counted(connection: Any, uris: Any) -> Any:
        asked.append(len(uris))
        return original(connection, uris)

    monkeypatch.setattr(batch, "known_states", counted)
    reads.clear()
    unchanged = ingest(folder, **BATCHES)
    assert (unchanged.batches, unchanged.counts.unchanged, asked, reads) == (0, 12, [12], [])
    _later(_story(folder / "s05.txt", 5, extra="A new pier opens in spring."))
    asked.clear()
    one = ingest(folder, **BATCHES)
    # One batch, of the file to read; the batch asks for its own file as before.
    assert (one.batches, one.counts.ingested, asked, reads) == (1, 1, [12, 1], ["s05.txt"])


def test_a_run_loads_its_adapters_once(
    ingest: Ingest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loading the adapters (entry points scanned, rule sets built) cost ~35 ms a batch."""
    loads: list[int] = []
    original = runner.load_adapters

    def counted(*args: Any) -> Any:
        loads.append(1)
        return original(*args)

    monkeypatch.setattr(runner, "load_adapters", counted)
    summary = ingest(_folder(tmp_path), **BATCHES)
    assert (summary.batches, summary.counts.ingested, len(loads)) == (3, 12, 1)


def test_steps_after_an_unchanged_rescan_keep_the_duckdb_instance(
    ingest: Ingest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fresh instance (~0.1-0.3 s) follows a large step; files found unchanged are no
    step's work, and a linking pass that linked nothing scanned nothing."""
    monkeypatch.setattr(followups, "LARGE_STEP", 4)
    folder = _folder(tmp_path, 6)
    recycles: list[str] = []
    monkeypatch.setattr(followups, "recycle_instance", lambda: recycles.append("step"))
    monkeypatch.setattr(linking, "recycle_instance", lambda: recycles.append("pass"))
    ingest(folder)
    assert (recycles.count("step"), recycles.count("pass")) == (3, 1)  # 6 inputs: large
    recycles.clear()
    assert ingest(folder).counts.unchanged == 6
    assert recycles == []
    # A forced rescan reads and hashes every file before finding it unchanged: as large a
    # step as a first run (the review of pscan25).
    assert ingest(folder, rescan=True).counts.unchanged == 6
    assert recycles.count("step") == 3


def test_walked_files_are_named_as_path_as_uri_names_them(tmp_path: Path) -> None:
    """The walk builds a file's URI without a Path; the stored `source_uri` must not move."""
    folder = tmp_path / "in dir" / "ünïcode%"
    folder.mkdir(parents=True)
    names = ["a b.txt", "é.txt", "100%.txt", "q?#x.txt", "semi;colon+plus~.txt", "日本.txt"]
    for name in names:
        (folder / name).write_text("x")
    (folder / "link.txt").symlink_to(folder / "a b.txt")  # stat-ed through, as before
    (folder / "a b.txt").write_text("longer")
    refs = list(iter_inputs([str(tmp_path)]))
    assert len(refs) == len(names) + 1
    for ref in refs:
        assert ref.uri == Path(ref.path).as_uri()
        stat = os.stat(ref.path)
        assert (ref.size, ref.mtime_ns) == (stat.st_size, stat.st_mtime_ns)


def test_files_set_aside_stay_counted_on_the_bar() -> None:
    """A batch's commit sets the bar's files to those committed: files set aside before any
    batch count among them."""
    bar = Progress(3, io.StringIO(), enabled=True)
    for name in ("a", "b"):
        bar.set_aside()
        bar.input_done(f"file:///in/{name}.txt", UNCHANGED)
    bar.input_done("file:///in/c.txt", "article")
    bar.batch_done(1, 1, 0, 3)
    assert bar.files == 3
    bar.close()


def _bug_on(monkeypatch: pytest.MonkeyPatch, marker: bytes) -> Callable[[], None]:
    """Make processing raise (a bug of ours) on inputs holding `marker`; the function
    returned puts the real processing back (the bug fixed)."""
    original = processing.pipeline.process_input

    def failing(data: bytes, *args: Any) -> Any:
        if marker in data:
            raise RuntimeError("a bug of ours")
        return original(data, *args)

    monkeypatch.setattr(processing.pipeline, "process_input", failing)
    return lambda: monkeypatch.setattr(processing.pipeline, "process_input", original)


def test_a_file_our_code_failed_on_is_read_again_next_run(
    ingest: Ingest, tmp_path: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """README: an input rejected with `internal_error` (a bug of ours) gets no manifest row
    and is processed again by the next run (the review of pscan25 found it vouched for)."""
    folder = _folder(tmp_path, 4)
    fixed = _bug_on(monkeypatch, b"part 2\n")
    first = ingest(folder, strict=False)
    assert (first.counts.ingested, first.counts.rejected) == (3, 1)
    fixed()
    reads.clear()
    second = ingest(folder, strict=False)
    assert reads == ["s02.txt"]
    assert (second.counts.ingested, second.counts.unchanged) == (1, 3)


def test_a_failing_record_in_an_earlier_chunk_than_its_file_s_row_untrusts_the_file(
    ingest: Ingest, tmp_path: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A JSON-lines file split over chunks of two inputs: its manifest row travels with its
    last chunk, the failing record is in the second (the review of the lead's fix)."""
    folder = tmp_path / "in"
    folder.mkdir()
    records = [
        {"title": f"Varnley ferry notice {n}", "body": f"The Varnley harbour office posted "
         f"notice number {n} on Tuesday about the morning ferry and its later departure."}
        for n in range(5)
    ]  # fmt: skip
    (folder / "notices.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    chunks = batch.marked_chunks
    monkeypatch.setattr(batch, "marked_chunks", lambda items, _, size: chunks(items, 2, size))
    fixed = _bug_on(monkeypatch, b"notice number 3 ")
    assert ingest(folder, strict=False).counts.rejected == 1
    fixed()
    reads.clear()
    second = ingest(folder, strict=False)
    assert reads == ["notices.jsonl"]
    assert (second.counts.ingested, second.counts.unchanged) == (1, 4)
