"""Ingest behaviour users rely on: the seed contract, idempotency, duplicates, rejects."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from newsnorm.flows.engine import batch, processing, runner
from newsnorm.flows.engine.sources import InputRef, batched
from tests_support import SEED, SEED_BYTES, SEED_TEXT

Sql = Callable[..., list[tuple[Any, ...]]]
BODY = (
    "The county board approved the new budget on Monday after a long debate about road "
    "repairs, school funding and the future of the public library system downtown."
)


def _article(title: str, extra: str = "") -> str:
    return f"{title}\n\nBy Jane Doe\n{extra}\n{BODY}\n\nA second paragraph follows here.\n"


def test_seed_lands_in_duckdb_as_promised(ingest: Callable[..., Any], sql: Sql) -> None:
    summary = ingest(SEED)
    assert (summary.counts.ingested, summary.counts.rejected) == (1, 0)
    [(title, authors, byline, syndicator, published_at, paragraphs, related, body)] = sql(
        "select title, authors, byline, syndicator, published_at, paragraphs, related, body "
        "from articles"
    )
    assert title == SEED_TEXT.splitlines()[0]
    assert (authors, byline, syndicator, published_at) == (
        ["Jake Smith"],
        "Jake Smith Contributor",
        "Daily Caller News Foundation",
        None,
    )
    assert len(paragraphs) == 8
    assert paragraphs[0].startswith("Secretary of State Antony Blinken")
    assert paragraphs[1].endswith("according to a readout of the meeting.")
    assert paragraphs[-1].endswith("unacceptable to the United States.\u201d")
    assert related == [
        {
            "title": "Trump Slams Netanyahu\u2019s Leadership, Says He \u2018Rightfully Has Been "
            "Criticized\u2019 For Oct. 7 Attacks",
            "url": None,
        }
    ]
    for marker in ("Font Size", "logo", "RELATED", "All content created"):
        assert marker not in body


def test_boilerplate_offsets_slice_the_decoded_input(ingest: Callable[..., Any], sql: Sql) -> None:
    ingest(SEED)
    rows = sql('select kind, action, "start", "end", text from boilerplate order by "start"')
    assert [(kind, action) for kind, action, *_ in rows] == [
        ("logo", "removed"),
        ("byline", "moved"),
        ("ui_cruft", "removed"),
        ("related_promo", "moved"),
        ("republish_notice", "removed"),
    ]
    for _, _, start, end, text in rows:
        assert SEED_TEXT[start:end] == text


def test_second_run_adds_nothing_and_counts_unchanged(ingest: Callable[..., Any], sql: Sql) -> None:
    ingest(SEED)
    before = [sql(f"select count(*) from {t}")[0][0] for t in ("articles", "boilerplate", "inputs")]
    second = ingest(SEED)
    after = [sql(f"select count(*) from {t}")[0][0] for t in ("articles", "boilerplate", "inputs")]
    assert before == after == [1, 5, 1]
    assert (second.counts.unchanged, second.counts.ingested) == (1, 0)
    assert sql("select unchanged, status from runs where run_id = ?", second.run_id) == [
        (1, "completed")
    ]


def test_same_content_under_another_name_is_a_duplicate(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "a.txt")
    shutil.copy(SEED, folder / "b.txt")
    summary = ingest(folder)
    assert (summary.counts.ingested, summary.counts.duplicate) == (1, 1)
    assert sql("select count(*) from articles") == [(1,)]
    statuses = sql("select input_uri, status, article_id is not null from inputs order by 1")
    assert [(uri.rsplit("/", 1)[1], status, linked) for uri, status, linked in statuses] == [
        ("a.txt", "ingested", True),
        ("b.txt", "duplicate", True),
    ]
    assert sql("select count(*) from boilerplate") == [(5,)]


def test_same_article_with_other_cruft_is_a_duplicate_with_its_own_audit(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text(_article("Budget Passes"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(_article("Budget Passes", "Advertisement\n"), encoding="utf-8")
    summary = ingest(tmp_path / "a.txt", tmp_path / "b.txt")
    assert (summary.counts.ingested, summary.counts.duplicate) == (1, 1)
    kinds = sql("select kind from boilerplate where kind = 'ad_marker'")
    assert kinds == [("ad_marker",)]


def test_duplicate_across_runs(ingest: Callable[..., Any], sql: Sql, tmp_path: Path) -> None:
    ingest(SEED)
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SEED_BYTES)
    summary = ingest(copy)
    assert summary.counts.duplicate == 1
    assert sql("select count(*) from articles") == [(1,)]


def test_bad_inputs_are_rejected_with_reasons_and_do_not_stop_the_run(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "0-empty.txt").write_bytes(b"")
    (folder / "1-binary.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (folder / "2-huge.txt").write_bytes(b"x" * 5000)
    (folder / "3-fragment.txt").write_text("Just A Headline\n\nFont Size:\n", encoding="utf-8")
    (folder / "4-good.txt").write_text(_article("Budget Passes"), encoding="utf-8")
    shutil.copy(SEED, folder / "5-seed.txt")
    missing = tmp_path / "does-not-exist.txt"
    summary = ingest(folder, missing, max_bytes=4000)
    assert (summary.counts.seen, summary.counts.ingested, summary.counts.rejected) == (7, 2, 5)
    rejects = sql("select input_uri, reason_code, reason from rejects order by input_uri")
    codes = {uri.rsplit("/", 1)[1]: code for uri, code, _ in rejects}
    assert codes == {
        "0-empty.txt": "empty",
        "1-binary.bin": "binary",
        "2-huge.txt": "too_large",
        "3-fragment.txt": "no_article",
        "does-not-exist.txt": "not_found",
    }
    assert all(
        reason.startswith(f"{code}: ") and len(reason) > len(code) + 5
        for _, code, reason in rejects
    )
    assert sql("select count(*) from inputs") == [(7,)]


def test_too_large_input_is_hashed_so_a_rerun_is_unchanged(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"y" * 10_000)
    ingest(big, max_bytes=1000)
    again = ingest(big, max_bytes=1000)
    assert again.counts.unchanged == 1
    [(sha, size)] = sql("select input_sha256, size_bytes from inputs")
    assert size == 10_000
    assert sha is not None


def test_cp1252_article_is_decoded_not_rejected(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    text = _article("Caf\u00e9 Owners \u201cRelieved\u201d As Budget Passes")
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1252"))
    assert ingest(path).counts.ingested == 1
    assert sql("select title from articles") == [
        ("Caf\u00e9 Owners \u201cRelieved\u201d As Budget Passes",)
    ]
    assert sql("select encoding from inputs") == [("cp1252",)]


def test_changed_file_at_same_path_is_a_new_input(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    path = tmp_path / "story.txt"
    path.write_text(_article("First Version"), encoding="utf-8")
    ingest(path)
    path.write_text(_article("Second Version"), encoding="utf-8")
    summary = ingest(path)
    assert summary.counts.ingested == 1
    assert sql("select count(*), count(distinct input_sha256) from inputs") == [(2, 2)]


def test_hidden_files_in_folders_are_not_inputs(ingest: Callable[..., Any], tmp_path: Path) -> None:
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (tmp_path / "story.txt").write_text(_article("Visible Story"), encoding="utf-8")
    assert ingest(tmp_path).counts.seen == 1


def test_internal_error_is_recorded_unless_strict(
    ingest: Callable[..., Any], sql: Sql, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(data: bytes, meta: object, adapters: object) -> object:
        raise RecursionError("deep")

    monkeypatch.setattr("newsnorm.transforms.pipeline.process_input", explode)
    with pytest.raises(RecursionError):
        ingest(SEED)
    assert sql("select status from runs") == [("failed",)]
    summary = ingest(SEED, strict=False)
    assert summary.counts.rejected == 1
    assert sql("select reason from rejects") == [("internal_error: RecursionError: deep",)]


def test_unreadable_file_is_rejected(
    ingest: Callable[..., Any], sql: Sql, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(_article("Locked"), encoding="utf-8")
    real_open = open

    def guarded_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", guarded_open)
    summary = ingest(path)
    assert summary.counts.rejected == 1
    assert sql("select reason_code, input_sha256 from rejects") == [("unreadable", None)]


def test_batches_split_a_run_and_count_every_input(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    for index in range(7):
        (tmp_path / f"{index}.txt").write_text(_article(f"Story Number {index}"), encoding="utf-8")
    summary = ingest(tmp_path, batch_files=3)
    assert summary.batches == 3
    assert summary.counts.ingested == 7
    assert sql("select count(distinct run_id), count(*) from inputs") == [(1, 7)]


def test_a_fifo_is_rejected_instead_of_blocking_the_run(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "story.txt").write_text(_article("Story Beside A Pipe"), encoding="utf-8")
    summary = ingest(folder)
    assert (summary.counts.ingested, summary.counts.rejected) == (1, 1)
    assert sql("select reason from rejects") == [
        ("unreadable: not a regular file: a FIFO, socket or device",)
    ]


def test_a_long_run_grows_its_batches_and_commits_each_as_one_chunk(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Small batches until `grown_batch_files` files are batched, then batches of that many,
    # each one chunk (one commit): a commit's catalog work costs the same whatever its size.
    for index in range(11):
        (tmp_path / f"{index:02}.txt").write_text(_article(f"Story Number {index}"), "utf-8")
    commits: list[int] = []
    original = batch._commit

    def counted(staged: Any, *rest: Any, **named: Any) -> None:
        commits.append(len(staged.todo))
        original(staged, *rest, **named)

    monkeypatch.setattr(batch, "_commit", counted)
    # Chunks of 2 inputs, so a grown batch of 4 would commit twice were it not one chunk.
    monkeypatch.setattr(runner, "BatchSettings", partial(processing.BatchSettings, chunk_inputs=2))
    summary = ingest(tmp_path, batch_files=2, grown_batch_files=4)
    assert summary.batches == 4  # 2 + 2, then 4 + 3
    assert commits == [2, 2, 4, 3]
    assert sql("select count(*) from articles") == [(11,)]


def test_batches_grow_only_past_the_grown_size() -> None:
    refs = [InputRef(f"file:///{index}", f"/{index}", 1) for index in range(13)]
    sizes = [len(refs) for refs in batched(refs, 2, 1 << 30, grown_files=5)]
    assert sizes == [2, 2, 2, 5, 2]  # grown once 5 files are batched (6 here)
    assert [len(refs) for refs in batched(refs, 4, 1 << 30)] == [4, 4, 4, 1]
