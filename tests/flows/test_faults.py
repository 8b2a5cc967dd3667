"""Faults during a real ingest: each yields a clear reject or error, and the run goes on.

Every case runs `execute_ingest` (no Prefect) over a folder holding the faulty input
next to a good article, then checks the reason recorded in `inputs` and that the good
article landed. The cases are listed in docs/operations.md.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import newsnorm.flows.engine.batch
import newsnorm.flows.engine.runner
from newsnorm.flows.engine.sources import InputRef
from newsnorm.warehouse.lake import physical_table
from tests_support import ROOT

Sql = Callable[..., list[tuple[Any, ...]]]
Ingest = Callable[..., Any]
PAGE = (ROOT / "tests" / "fixtures" / "article_page.html").read_bytes()
PAGE_TITLE = "City Council Approves Harbor Bridge Repairs"
BODY = (
    "The county board approved the new budget on Monday after a long debate about road "
    "repairs, school funding and the future of the public library system downtown."
)


def _article(title: str) -> str:
    return f"{title}\n\nBy Jane Doe\n\n{BODY}\n\nA second paragraph follows here.\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A source folder already holding one good article, `good.txt`."""
    path = tmp_path / "in"
    path.mkdir()
    (path / "good.txt").write_text(_article("Good Story Lands Anyway"), encoding="utf-8")
    return path


def _reasons(sql: Sql) -> dict[str, tuple[str, str]]:
    """{file name: (reason_code, reason)} of every rejected input."""
    rows = sql("select input_uri, reason_code, reason from rejects")
    return {uri.rsplit("/", 1)[1]: (code, reason) for uri, code, reason in rows}


def _good_landed(sql: Sql) -> bool:
    rows = sql("select title from articles where title = 'Good Story Lands Anyway'")
    return rows == [("Good Story Lands Anyway",)]


def _between_listing_and_reading(
    monkeypatch: pytest.MonkeyPatch, action: Callable[[], None]
) -> None:
    """List every source first, then run `action`, then let the run read them."""
    real = newsnorm.flows.engine.runner.iter_inputs

    def listed_then_changed(*args: Any, **kwargs: Any) -> Iterator[InputRef]:
        refs = list(real(*args, **kwargs))
        action()
        return iter(refs)

    monkeypatch.setattr(newsnorm.flows.engine.runner, "iter_inputs", listed_then_changed)


def test_unreadable_file_is_rejected_and_read_once_readable(
    ingest: Ingest, sql: Sql, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = folder / "locked.txt"
    locked.write_text(_article("Locked Story"), encoding="utf-8")
    locked.chmod(0)
    try:
        with open(locked, "rb"):
            denied = False
    except PermissionError:
        denied = True
    if not denied:
        # Root (CI containers) reads a mode-000 file: make the open fail as it would.
        real_open = open

        def guarded_open(file: Any, *args: Any, **kwargs: Any) -> Any:
            if str(file) == str(locked):
                raise PermissionError(errno.EACCES, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr("builtins.open", guarded_open)
    summary = ingest(folder)
    assert (summary.counts.ingested, summary.counts.rejected) == (1, 1)
    code, reason = _reasons(sql)["locked.txt"]
    assert code == "unreadable"
    assert reason == "unreadable: PermissionError: Permission denied"
    assert sql("select input_sha256 from rejects") == [(None,)]
    assert _good_landed(sql)
    # Once readable, the next run reads it: an unreadable file is never taken as done.
    monkeypatch.undo()
    locked.chmod(0o644)
    again = ingest(folder)
    assert again.counts.ingested == 1
    assert sql("select count(*) from articles where title = 'Locked Story'") == [(1,)]
    # Its latest outcome supersedes the unread reject: `inputs` and `rejects` say so.
    assert sql("select status from inputs where input_uri = ?", locked.as_uri()) == [("ingested",)]
    assert sql("select count(*) from rejects") == [(0,)]


def test_unread_reject_gives_way_to_later_outcomes_only(
    ingest: Ingest, sql: Sql, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = folder / "feed.jsonl"
    gone = folder / "gone.txt"
    gone.write_text(_article("Story Read Before It Vanished"), encoding="utf-8")
    ingest(folder)
    # Both vanish between listing and reading (gone.txt changed first, so it is read again).
    record = json.dumps({"title": "Feed Story Arrives Late", "text": BODY}) + "\n"
    feed.write_text(record, encoding="utf-8")
    gone.write_text(_article("Story Changed Then Vanished"), encoding="utf-8")
    _between_listing_and_reading(monkeypatch, lambda: (feed.unlink(), gone.unlink()))
    ingest(folder)
    assert set(_reasons(sql)) == {"feed.jsonl", "gone.txt"}
    monkeypatch.undo()
    feed.write_text(record, encoding="utf-8")
    ingest(folder)
    # The feed's file-level reject gives way to its record read later (`FILE#line=1`); the
    # vanished file's reject is newer than its ingested row, so both stay.
    assert _reasons(sql) == {"gone.txt": ("not_found", "not_found: no such file")}
    rows = sql("select status from inputs where input_uri = ? order by status", gone.as_uri())
    assert rows == [("ingested",), ("rejected",)]
    assert sql("select status from inputs where input_uri like '%feed.jsonl%'") == [("ingested",)]


def test_unlistable_folder_is_rejected_and_walked_once_listable(
    ingest: Ingest, sql: Sql, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    closed = folder / "closed"
    closed.mkdir()
    (closed / "inside.txt").write_text(_article("Story Behind A Closed Folder"), encoding="utf-8")
    closed.chmod(0)
    try:
        os.listdir(closed)
        denied = False
    except PermissionError:
        denied = True
    if not denied:
        # Root (CI containers) lists a mode-000 folder: make the listing fail as it would.
        real_scandir = os.scandir

        def guarded_scandir(path: Any = ".") -> Any:
            if os.fspath(path) == str(closed):
                raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", guarded_scandir)
    try:
        summary = ingest(folder)
    finally:
        closed.chmod(0o755)
    assert (summary.counts.ingested, summary.counts.rejected) == (1, 1)
    message = "folder not listed, its files not read: PermissionError: Permission denied"
    # Named by the folder's URI with a closing slash, apart from any file's.
    assert sql("select input_uri, reason_code, reason from rejects") == [
        (closed.as_uri() + "/", "unreadable", f"unreadable: {message}")
    ]
    assert _good_landed(sql)
    # Once listable, the next run reads what it holds.
    monkeypatch.undo()
    again = ingest(folder)
    assert again.counts.ingested == 1
    assert sql("select count(*) from articles where title = 'Story Behind A Closed Folder'") == [
        (1,)
    ]
    assert sql("select count(*) from rejects") == [(0,)]  # read since: superseded


def test_file_deleted_between_listing_and_reading(
    ingest: Ingest, sql: Sql, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = folder / "gone.txt"
    gone.write_text(_article("Deleted Story"), encoding="utf-8")
    _between_listing_and_reading(monkeypatch, gone.unlink)
    summary = ingest(folder)
    assert (summary.counts.ingested, summary.counts.rejected) == (1, 1)
    assert _reasons(sql) == {"gone.txt": ("not_found", "not_found: no such file")}
    assert _good_landed(sql)


def test_file_changed_between_listing_and_reading_stores_what_was_read(
    ingest: Ingest, sql: Sql, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    grown, shrunk, over = folder / "grown.txt", folder / "shrunk.txt", folder / "over.txt"
    grown.write_text(_article("Old Short"), encoding="utf-8")
    shrunk.write_text(_article("Story That Will Be Emptied"), encoding="utf-8")
    over.write_text(_article("Story That Will Grow Too Large"), encoding="utf-8")
    new = _article("A Much Longer Rewritten Headline") + (
        "\nCouncil members said the vote was close and the debate went on past midnight.\n"
    )
    new_bytes = new.encode("utf-8")
    assert len(new_bytes) != grown.stat().st_size

    def rewrite() -> None:
        grown.write_bytes(new_bytes)
        shrunk.write_bytes(b"")
        over.write_bytes(b"z" * 9000)

    _between_listing_and_reading(monkeypatch, rewrite)
    summary = ingest(folder, max_bytes=8000)
    assert (summary.counts.ingested, summary.counts.rejected) == (2, 2)
    rows = sql("select input_uri, input_sha256, size_bytes, status, reason_code from inputs")
    stored = {uri.rsplit("/", 1)[1]: rest for uri, *rest in rows}
    # Hash and size are those of the bytes processed, not of the file as listed.
    assert stored["grown.txt"] == [
        hashlib.sha256(new_bytes).hexdigest(),
        len(new_bytes),
        "ingested",
        None,
    ]
    assert stored["shrunk.txt"] == [hashlib.sha256(b"").hexdigest(), 0, "rejected", "empty"]
    assert stored["over.txt"][1:] == [9000, "rejected", "too_large"]
    assert stored["over.txt"][0] == hashlib.sha256(b"z" * 9000).hexdigest()
    [(input_sha,)] = sql(
        "select input_sha256 from articles where title = 'A Much Longer Rewritten Headline'"
    )
    assert input_sha == hashlib.sha256(new_bytes).hexdigest()
    assert sql("select count(*) from articles where title = 'Old Short'") == [(0,)]
    assert _good_landed(sql)
    # The next run sees the files as they are now: nothing new to store.
    monkeypatch.undo()
    before = sql("select count(*) from inputs")
    ingest(folder, max_bytes=8000)
    assert sql("select count(*) from inputs") == before


def test_symlink_loop_and_dangling_symlink_are_rejected(
    ingest: Ingest, sql: Sql, folder: Path
) -> None:
    os.symlink("loop-b.txt", folder / "loop-a.txt")
    os.symlink("loop-a.txt", folder / "loop-b.txt")
    (folder / "sub").mkdir()
    os.symlink("..", folder / "sub" / "up")  # a folder loop: sub/up/sub/up/…
    os.symlink("missing.txt", folder / "dangling.txt")
    summary = ingest(folder)
    assert (summary.counts.ingested, summary.counts.rejected) == (1, 3)
    loop = ("unreadable", "unreadable: symbolic link loop (too many levels of links)")
    assert _reasons(sql) == {
        "loop-a.txt": loop,
        "loop-b.txt": loop,
        "dangling.txt": (
            "not_found",
            "not_found: dangling symbolic link: missing.txt does not exist",
        ),
    }
    assert _good_landed(sql)


class _FullDisk:
    """A connection whose disk fills up when the batch's inputs are written, after its
    articles were: the transaction is part-way through, as on a real ENOSPC."""

    def __init__(self, connection: Any) -> None:
        self._connection = connection
        self.statements: list[str] = []

    def execute(self, statement: str, *args: Any, **kwargs: Any) -> Any:
        self.statements.append(statement)
        if statement.lstrip().lower().startswith("insert") and physical_table("inputs") in (
            statement
        ):
            raise OSError(errno.ENOSPC, "No space left on device")
        return self._connection.execute(statement, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._connection, name)


def test_disk_full_fails_the_run_cleanly_and_a_rerun_completes(
    ingest: Ingest, sql: Sql, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for index in range(3):
        path = folder / f"{index}.txt"
        path.write_text(_article(f"Disk Story Number {index}"), encoding="utf-8")
    real_commit = newsnorm.flows.engine.batch.commit_tables
    calls: list[_FullDisk] = []

    def commit_on_a_filling_disk(connection: Any, tables: Any, replacing: Any = ()) -> None:
        calls.append(_FullDisk(connection))
        # The second batch's commit runs on a disk that fills up part-way through.
        real_commit(calls[-1] if len(calls) == 2 else connection, tables, replacing)

    monkeypatch.setattr(newsnorm.flows.engine.batch, "commit_tables", commit_on_a_filling_disk)
    with pytest.raises(OSError, match="No space left on device") as failure:
        ingest(folder, batch_files=1)
    assert failure.value.errno == errno.ENOSPC
    assert len(calls) == 2
    written = calls[1].statements
    assert written[0].strip().upper() == "BEGIN"
    assert written[-1].strip().upper() == "ROLLBACK"
    assert any(physical_table("articles") in statement for statement in written)
    assert sql("select status, ingested, finished_at is not null from runs") == [
        ("failed", 1, True)
    ]
    # Only the first batch is visible; nothing of the second, and no orphan rows.
    assert sql("select title from articles") == [("Disk Story Number 0",)]
    assert sql("select count(*) from inputs") == [(1,)]
    assert sql(
        "select count(*) from boilerplate where input_sha256 not in "
        "(select input_sha256 from inputs)"
    ) == [(0,)]
    monkeypatch.undo()
    summary = ingest(folder, batch_files=1)
    assert (summary.counts.unchanged, summary.counts.ingested) == (1, 2)
    assert sql("select count(*), count(distinct article_id) from articles") == [(3, 3)]
    assert sql("select count(*), count(distinct input_uri) from inputs") == [(3, 3)]
    assert sql(
        "select count(*) from inputs where status = 'ingested' "
        "and article_id not in (select article_id from articles)"
    ) == [(0,)]
    assert sql("select status from runs order by started_at") == [("failed",), ("completed",)]


def test_huge_file_is_rejected_as_too_large(ingest: Ingest, sql: Sql, folder: Path) -> None:
    huge = folder / "huge.txt"
    size = 40 * 1024 * 1024
    with huge.open("wb") as handle:
        handle.truncate(size)  # sparse: 40 MiB without writing them
    summary = ingest(folder)  # default --max-bytes: 10 MiB
    assert (summary.counts.ingested, summary.counts.rejected) == (1, 1)
    code, reason = _reasons(sql)["huge.txt"]
    assert code == "too_large"
    assert reason == ("too_large: 41,943,040 bytes is over the 10,485,760-byte limit (--max-bytes)")
    # Hashed in chunks, so a rerun recognises it without reading it into memory.
    digest = hashlib.sha256()
    with huge.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    assert sql("select input_sha256, size_bytes from rejects") == [(digest.hexdigest(), size)]
    assert _good_landed(sql)


@pytest.mark.reliability
def test_deeply_nested_html_is_a_clear_reject(ingest: Ingest, sql: Sql, folder: Path) -> None:
    depth = 100_000
    (folder / "nested.html").write_bytes(
        b"<html><body>" + b"<div>" * depth + b"<p>Deep inside.</p>" + b"</div>" * depth
    )
    started = time.monotonic()
    summary = ingest(folder)  # strict: a RecursionError would fail the run here
    assert time.monotonic() - started < 60
    assert (summary.counts.ingested, summary.counts.rejected) == (1, 1)
    code, reason = _reasons(sql)["nested.html"]
    assert code == "no_article"
    assert reason.startswith("no_article: ")
    assert _good_landed(sql)


@pytest.mark.reliability
def test_giant_html_page_is_ingested_in_bounded_time(
    ingest: Ingest, sql: Sql, folder: Path
) -> None:
    # 20 MB, mostly an inline data blob as single-page apps embed them.
    blob = b'<script>window.__DATA__ = "' + b"a" * 20_000_000 + b'";</script>'
    (folder / "giant.html").write_bytes(PAGE.replace(b"</head>", blob + b"</head>"))
    (folder / "giant-rejected.html").write_bytes(b"<html>" + b"x" * 21_000_000)
    started = time.monotonic()
    summary = ingest(folder, max_bytes=20_500_000)
    assert time.monotonic() - started < 60
    assert (summary.counts.ingested, summary.counts.rejected) == (2, 1)
    assert _reasons(sql)["giant-rejected.html"][0] == "too_large"
    [(body, size)] = sql(
        "select a.body, i.size_bytes from articles a join inputs i using (article_id) "
        f"where a.title = '{PAGE_TITLE}'"
    )
    assert size > 20_000_000
    assert "The city council voted 7-2" in body
    assert "aaaa" not in body
    # The one lxml parse reads text nodes past 10 MB (huge_tree), so trafilatura finds the
    # main content: the navigation stays out (before it, it got no tree and the chrome stayed).
    assert body.startswith("The city council voted 7-2")
    assert _good_landed(sql)
