"""Incremental runs: unchanged files are not read again, changed files become new versions."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import newsnorm.flows.engine.batch
import newsnorm.flows.engine.manifest
from newsnorm.flows.engine.reading import RawInput
from newsnorm.flows.engine.sources import InputRef

Sql = Callable[..., list[tuple[Any, ...]]]
BODY = (
    "The county board approved the new budget on Monday after a long debate about road "
    "repairs, school funding and the future of the public library system downtown."
)


def _write(path: Path, title: str, extra: str = "") -> Path:
    path.write_text(f"{title}\n\nBy Jane Doe\n\n{BODY} {extra}\n\nA second paragraph.\n")
    return path


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths the ingest actually opened, in order."""
    opened: list[str] = []
    original = newsnorm.flows.engine.manifest.expand

    def counting(ref: InputRef, max_bytes: int) -> Iterator[RawInput]:
        opened.append(Path(ref.path).name)
        return original(ref, max_bytes)

    monkeypatch.setattr(newsnorm.flows.engine.manifest, "expand", counting)
    return opened


def test_unchanged_files_are_not_read_again(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path, reads: list[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        _write(folder / f"story{n}.txt", f"Story number {n} about the budget")
    first = ingest(folder)
    assert first.counts.ingested == 3
    assert reads == ["story0.txt", "story1.txt", "story2.txt"]
    reads.clear()
    again = ingest(folder)
    assert reads == []
    assert (again.counts.unchanged, again.counts.ingested) == (3, 0)
    rows = sql("select file_uri, inputs, content_sha256 is not null from manifest")
    assert len(rows) == 3
    assert all(inputs == 1 and hashed for _, inputs, hashed in rows)


def test_rescan_reads_and_hashes_everything(
    ingest: Callable[..., Any], tmp_path: Path, reads: list[str]
) -> None:
    story = _write(tmp_path / "story.txt", "A story about the budget")
    ingest(story)
    reads.clear()
    rescan = ingest(story, rescan=True)
    assert reads == ["story.txt"]
    assert (rescan.counts.unchanged, rescan.counts.ingested) == (1, 0)


def test_touched_file_is_read_once_more_then_trusted(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path, reads: list[str]
) -> None:
    story = _write(tmp_path / "story.txt", "A story about the budget")
    ingest(story)
    stat = story.stat()
    os.utime(story, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    reads.clear()
    touched = ingest(story)
    assert reads == ["story.txt"]  # its mtime changed: the hash decides, and it is known
    assert (touched.counts.unchanged, touched.counts.ingested) == (1, 0)
    reads.clear()
    ingest(story)
    assert reads == []
    assert sql("select count(*) from inputs") == [(1,)]


def test_changed_file_is_a_new_version(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    story = _write(tmp_path / "story.txt", "Budget approved")
    ingest(story)
    _write(story, "Budget approved after all", extra="The vote was five to two.")
    stat = story.stat()
    os.utime(story, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    second = ingest(story)
    assert second.counts.ingested == 1
    assert sql("select count(*), count(distinct input_sha256) from inputs") == [(2, 2)]
    assert sql("select title from articles") == [("Budget approved after all",)]
    versions = sql("select title from article_versions order by ingested_at")
    assert versions == [("Budget approved",), ("Budget approved after all",)]


def test_a_too_large_file_is_read_again_on_rescan(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    story = _write(tmp_path / "story.txt", "A story about the budget")
    first = ingest(story, max_bytes=100)
    assert first.counts.rejected == 1
    assert ingest(story, max_bytes=100).counts.unchanged == 1  # not read again
    assert ingest(story).counts.unchanged == 1  # the manifest vouches for the file
    second = ingest(story, rescan=True)  # what the docs say to run after raising it
    assert second.counts.ingested == 1
    assert sql("select status, reason_code from inputs") == [("ingested", None)]
    assert sql("select status, reason_code from inputs") == [("ingested", None)]


def test_manifest_rows_commit_only_with_their_inputs(
    ingest: Callable[..., Any],
    sql: Sql,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(4):
        _write(folder / f"story{n}.txt", f"Story number {n} about the budget")
    original = newsnorm.flows.engine.batch.commit_tables
    commits: list[int] = []

    def failing_second(connection: Any, tables: Any, replacing: Any = ()) -> None:
        commits.append(1)
        if len(commits) == 2:
            raise OSError(28, "No space left on device")
        original(connection, tables, replacing)

    monkeypatch.setattr(newsnorm.flows.engine.batch, "commit_tables", failing_second)
    with pytest.raises(OSError, match="No space left"):
        ingest(folder, batch_files=2)
    # The first batch landed with its manifest rows; the second left nothing behind.
    assert sql("select count(*) from manifest") == [(2,)]
    assert sql("select count(*) from inputs") == [(2,)]
    monkeypatch.setattr(newsnorm.flows.engine.batch, "commit_tables", original)
    rerun = ingest(folder, batch_files=2)
    assert (rerun.counts.unchanged, rerun.counts.ingested) == (2, 2)
    assert sql("select count(*), count(distinct input_uri) from inputs") == [(4, 4)]
    assert sql("select count(*) from manifest") == [(4,)]


def test_a_file_several_sources_name_is_read_and_counted_once(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    folder = tmp_path / "exports"
    (folder / "sub").mkdir(parents=True)
    first = _write(folder / "a.txt", "Invented Mill Reopens")
    _write(folder / "sub" / "b.txt", "Invented Quarry Closes")
    # Links out of the folder are refused with an empty path: each is still one input.
    outside = tmp_path / "outside"
    outside.mkdir()
    for name in ("one", "two"):
        (folder / f"{name}.txt").symlink_to(_write(outside / f"{name}.txt", f"Invented {name}"))
    # The folder twice, a folder inside it and a file inside it: four files in all.
    summary = ingest(folder, folder, folder / "sub", first)
    assert (summary.counts.seen, summary.counts.ingested, summary.counts.unchanged) == (4, 2, 0)
    assert summary.counts.rejected == 2  # the two links, each recorded
    assert sql("select count(*) from manifest") == [(2,)]
    assert sql("select seen from runs") == [(4,)]


def test_a_file_named_through_a_link_or_a_hard_link_is_read_once(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    # Known by its URI alone, `ingest d dlink` (dlink -> d) read every file twice, the
    # second time as a duplicate with a manifest row of its own; a hard link likewise.
    folder = tmp_path / "exports"
    folder.mkdir()
    first = _write(folder / "a.txt", "Invented Mill Reopens")
    _write(folder / "b.txt", "Invented Quarry Closes")
    link = tmp_path / "exports-link"
    link.symlink_to(folder)
    hard = tmp_path / "a-again.txt"
    os.link(first, hard)
    summary = ingest(folder, link, hard)
    assert (summary.counts.seen, summary.counts.ingested, summary.counts.duplicate) == (2, 2, 0)
    assert sql("select count(*) from manifest") == [(2,)]


def test_seen_counts_a_trusted_file_once_and_each_input_read(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    """What docs/operations.md says of `seen`: a JSON-lines file of three records is seen
    3 times in its first run, once when the manifest vouches for it, 3 times in a rescan;
    `seen` is always ingested + duplicate + unchanged + rejected."""
    folder = tmp_path / "in"
    folder.mkdir()
    lines = [
        f'{{"title": "Tide table {n}", "text": "Tide table {n}. The harbour master said the '
        f'spring tides at Quillon Point will peak {n} hours after noon this week."}}'
        for n in range(1, 4)
    ]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n")
    ingest(folder)
    ingest(folder)
    ingest(folder, rescan=True)
    rows = sql(
        "select seen, ingested + duplicate + unchanged + rejected from runs order by started_at"
    )
    assert rows == [(3, 3), (1, 1), (3, 3)]
