"""`newsnorm reprocess`: an improved adapter is applied to history, from the original inputs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import newsnorm.flows.engine.processing
import newsnorm.flows.engine.reprocess
import newsnorm.flows.engine.rows
import newsnorm.flows.engine.runner
import newsnorm.flows.engine.settings
from newsnorm.flows.cli import EXIT_PARTIAL, main
from newsnorm.flows.engine import learning, workers
from newsnorm.flows.engine.followups import LEARNING, LINKING, pending_steps
from newsnorm.flows.engine.reprocess import reprocess
from newsnorm.flows.stories import linking
from newsnorm.transforms.adapters.generic import GenericAdapter
from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.pipeline import PIPELINE_VERSION, Processed
from newsnorm.warehouse.lake import Warehouse
from tests_support import SEED, sending_sigterm, sigterm_left_to_the_command

Sql = Callable[..., list[tuple[Any, ...]]]
BODY = (
    "The county board approved the new budget on Monday after a long debate about road "
    "repairs, school funding and the future of the public library system downtown."
)


def _story(path: Path, title: str) -> Path:
    path.write_text(f"{title}\n\nBy Jane Doe\n\n{BODY}\n\nA closing paragraph, to be cut.\n")
    return path


def _ingest_with_older_adapter(
    ingest: Callable[..., Any], story: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`story` stored by the generic adapter one version before the installed one."""
    with monkeypatch.context() as old:
        old.setattr(GenericAdapter, "version", GenericAdapter.version - 1)
        ingest(story)


@pytest.fixture
def newer_generic(monkeypatch: pytest.MonkeyPatch) -> int:
    """The generic adapter as if a newer version were installed."""
    newer = GenericAdapter.version + 1
    monkeypatch.setattr(GenericAdapter, "version", newer)
    return newer


def _cutting_last_paragraph(monkeypatch: pytest.MonkeyPatch) -> None:
    """The newer adapter also drops a closing paragraph (a changed result)."""
    real = newsnorm.flows.engine.processing.process_input

    def improved(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        if isinstance(result, Processed):
            article = result.article
            article = replace(article, paragraphs=article.paragraphs[:-1])
            return replace(result, article=article)
        return result

    monkeypatch.setattr(newsnorm.flows.engine.processing, "process_input", improved)


def test_changed_result_is_a_new_version(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    tmp_path: Path,
    newer_generic: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _ingest_with_older_adapter(ingest, _story(tmp_path / "a.txt", "Budget approved"), monkeypatch)
    _cutting_last_paragraph(monkeypatch)
    outcome = reprocess(warehouse)
    assert (outcome.stale, outcome.new_versions, outcome.replaced) == (1, 1, 0)
    [(paragraphs, version)] = sql("select paragraphs, adapter_version from articles")
    assert paragraphs == [BODY]
    assert version == newer_generic
    assert sql("select count(*) from article_versions") == [(2,)]
    assert sql("select status, kind from runs order by started_at") == [
        ("completed", "ingest"),
        ("completed", "reprocess"),
    ]
    again = reprocess(warehouse)  # nothing stale any more
    assert (again.stale, again.new_versions) == (0, 0)


def test_same_result_updates_the_version_in_place(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    tmp_path: Path,
    newer_generic: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _ingest_with_older_adapter(ingest, _story(tmp_path / "a.txt", "Budget approved"), monkeypatch)
    [(article_id,)] = sql("select article_id from articles")
    boilerplate = sql("select rule, text from boilerplate order by start")
    outcome = reprocess(warehouse, adapter="generic")
    assert (outcome.stale, outcome.new_versions, outcome.replaced) == (1, 0, 1)
    assert sql("select article_id, adapter_version from article_versions") == [
        (article_id, newer_generic)
    ]
    assert sql("select rule, text from boilerplate order by start") == boilerplate


def test_articles_of_older_shared_stages_are_stale(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The same adapter version throughout: only the shared stages' version differs. None is
    # a row stored before the version was recorded.
    for name, version in (("older.txt", PIPELINE_VERSION - 1), ("unrecorded.txt", None)):
        with monkeypatch.context() as old:
            old.setattr(newsnorm.flows.engine.rows, "PIPELINE_VERSION", version)
            ingest(_story(tmp_path / name, f"Budget approved {name}"))
    ingest(_story(tmp_path / "current.txt", "Budget approved today"))
    outcome = reprocess(warehouse)
    assert (outcome.stale, outcome.new_versions, outcome.replaced) == (2, 0, 2)
    rows = sql("select source_uri, pipeline_version from articles order by source_uri")
    assert [(Path(uri).name, version) for uri, version in rows] == [
        ("current.txt", PIPELINE_VERSION),
        ("older.txt", PIPELINE_VERSION),
        ("unrecorded.txt", PIPELINE_VERSION),
    ]
    assert reprocess(warehouse).stale == 0


def test_inputs_changed_or_gone_are_reported_and_kept(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    tmp_path: Path,
    newer_generic: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    changed = _story(tmp_path / "changed.txt", "Budget approved")
    gone = _story(tmp_path / "gone.txt", "Library saved")
    with monkeypatch.context() as old:
        old.setattr(GenericAdapter, "version", newer_generic - 1)
        ingest(changed, gone)
    _story(changed, "Budget approved after all")
    gone.unlink()
    outcome = reprocess(warehouse)
    assert outcome.new_versions == 0
    problems = {Path(uri).name: why for uri, why in outcome.problems}
    assert problems == {
        "changed.txt": "changed since it was ingested: ingest it",
        "gone.txt": "no longer readable: not_found: no such file",
    }
    assert sql("select count(*) from article_versions") == [(2,)]


def test_cli_reprocess_rejects_an_unknown_adapter(
    ingest: Callable[..., Any], warehouse: Warehouse, tmp_path: Path, capsys: Any
) -> None:
    ingest(_story(tmp_path / "a.txt", "Budget approved"))
    code = main(["reprocess", "--warehouse", str(warehouse.root), "--adapter", "nope"])
    assert code == 2
    assert "no adapter named 'nope'" in capsys.readouterr().err
    assert main(["reprocess", "--warehouse", str(warehouse.root)]) == 0
    assert "stale 0" in capsys.readouterr().out


def test_ctrl_c_during_reprocess_records_the_run_as_cancelled(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    tmp_path: Path,
    newer_generic: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # It was recorded as 'failed', as if reprocess had broken.
    _ingest_with_older_adapter(ingest, _story(tmp_path / "a.txt", "Budget approved"), monkeypatch)

    def ctrl_c(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(newsnorm.flows.engine.processing, "process_input", ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        reprocess(warehouse)
    assert sql("select status, kind from runs order by started_at") == [
        ("completed", "ingest"),
        ("cancelled", "reprocess"),
    ]


@pytest.mark.parametrize(
    ("module", "step"), [(linking, "link_in_passes"), (learning, "learn_new_stories")]
)
def test_ctrl_c_in_the_steps_after_reprocess_records_the_run_as_cancelled(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    tmp_path: Path,
    newer_generic: int,
    monkeypatch: pytest.MonkeyPatch,
    module: ModuleType,
    step: str,
) -> None:
    # The row stayed 'running' until the next writer marked it abandoned.
    _ingest_with_older_adapter(ingest, _story(tmp_path / "a.txt", "Budget approved"), monkeypatch)

    def ctrl_c(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(module, step, ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        reprocess(warehouse)
    assert sql("select status from runs where kind = 'reprocess'") == [("cancelled",)]
    left = {LINKING, LEARNING} if module is linking else {LEARNING}
    assert {pending.step for pending in pending_steps(warehouse)} == left


def test_a_step_failing_after_reprocess_makes_the_run_partial_and_is_left_pending(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    tmp_path: Path,
    newer_generic: int,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
) -> None:
    # A failure was logged and swallowed: the run said completed, the command exited 0, and
    # `newsnorm status` did not show the step, as it does after an ingest.
    _ingest_with_older_adapter(ingest, _story(tmp_path / "a.txt", "Budget approved"), monkeypatch)

    def disk_full(*args: Any, **kwargs: Any) -> Any:
        raise OSError("No space left on device")

    with monkeypatch.context() as broken:
        broken.setattr(linking, "link_in_passes", disk_full)
        assert main(["reprocess", "--warehouse", str(warehouse.root)]) == EXIT_PARTIAL
    out = capsys.readouterr().out
    assert "story linking failed (OSError: No space left on device): pending" in out
    assert sql("select status, ingested from runs where kind = 'reprocess'") == [("partial", 1)]
    assert [pending.step for pending in pending_steps(warehouse)] == [LINKING]
    assert main(["reprocess", "--warehouse", str(warehouse.root)]) == 0  # it redoes the step
    assert pending_steps(warehouse) == []


def test_sigterm_after_the_last_chunk_leaves_linking_and_learning_to_the_next_run(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    tmp_path: Path,
    newer_generic: int,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
) -> None:
    # Linking's own error handler swallowed the stop: learning ran on, the run said completed
    # and the command exited 0 after the signal.
    _ingest_with_older_adapter(ingest, _story(tmp_path / "a.txt", "Budget approved"), monkeypatch)
    real_chunk = newsnorm.flows.engine.reprocess._commit_chunk
    signalled = sending_sigterm(real_chunk, after=True)  # the handler only sets the flag
    monkeypatch.setattr(newsnorm.flows.engine.reprocess, "_commit_chunk", signalled)
    with sigterm_left_to_the_command():
        assert main(["reprocess", "--warehouse", str(warehouse.root)]) == 130
    err = capsys.readouterr().err
    assert (
        "stopped (SIGTERM): 1 of 1 stale articles reprocessed and kept, story linking and "
        "boilerplate learning left for the next run" in err
    )
    assert sql("select status from runs where kind = 'reprocess'") == [("cancelled",)]
    assert {pending.step for pending in pending_steps(warehouse)} == {LINKING, LEARNING}


def test_sigterm_stops_reprocess_between_chunks_and_the_next_run_finishes(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
) -> None:
    # Without the command's handler a SIGTERM killed the process mid-chunk, its row left
    # `running`, and a SIGINT sent to a reprocess started in the background was ignored.
    titles = ("Budget approved", "Bridge reopens", "Library hours extended", "Park renamed")
    folder = tmp_path / "stories"
    folder.mkdir()
    for n, title in enumerate(titles):
        _story(folder / f"{n}.txt", title)
    _ingest_with_older_adapter(ingest, folder, monkeypatch)
    monkeypatch.setattr(GenericAdapter, "version", GenericAdapter.version + 1)
    monkeypatch.setattr(newsnorm.flows.engine.reprocess, "CHUNK", 2)
    real_chunk = newsnorm.flows.engine.reprocess._commit_chunk
    signalled = sending_sigterm(real_chunk, after=True)  # the handler only sets the flag
    monkeypatch.setattr(newsnorm.flows.engine.reprocess, "_commit_chunk", signalled)
    with sigterm_left_to_the_command():
        assert main(["reprocess", "--warehouse", str(warehouse.root)]) == 130
    err = capsys.readouterr().err
    assert (
        "stopped (SIGTERM): 2 of 4 stale articles reprocessed and kept, story linking and "
        "boilerplate learning left for the next run" in err
    )
    assert sql("select status, seen, ingested from runs where kind = 'reprocess'") == [
        ("cancelled", 4, 2)
    ]
    monkeypatch.setattr(newsnorm.flows.engine.reprocess, "_commit_chunk", real_chunk)
    assert main(["reprocess", "--warehouse", str(warehouse.root)]) == 0
    assert "stale 2: 0 new versions, 2 unchanged in body" in capsys.readouterr().out
    versions = sql("select adapter_version, count(*) from articles group by 1")
    assert versions == [(GenericAdapter.version, 4)]


def test_a_chunk_worth_it_is_cleaned_on_the_worker_pool_with_the_same_result(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Reprocess cleaned on one core, however many articles an upgrade made stale.
    folder = tmp_path / "stories"
    folder.mkdir()
    for n in range(workers.MIN_POOLED + 6):
        _story(folder / f"{n:03}.txt", f"Budget approved in district {n}")
    _ingest_with_older_adapter(ingest, folder, monkeypatch)
    columns = "article_id, title, authors, published_at, body, paragraphs, word_count"
    before = sql(f"select {columns} from articles order by article_id")
    monkeypatch.setattr(GenericAdapter, "version", GenericAdapter.version + 1)
    monkeypatch.setattr(workers, "available_cores", lambda: 2)
    started: list[int] = []
    real_start = workers.TransformPool._started

    def start(pool: workers.TransformPool) -> Any:
        started.append(pool.workers)
        return real_start(pool)

    monkeypatch.setattr(workers.TransformPool, "_started", start)
    outcome = reprocess(warehouse)
    assert (outcome.stale, outcome.replaced, outcome.problems) == (len(before), len(before), [])
    assert started == [2]  # one pool for the run, both cores
    assert sql(f"select {columns} from articles order by article_id") == before
    assert sql("select distinct adapter_version from articles") == [(GenericAdapter.version,)]


def test_all_lets_an_adapter_added_since_take_what_generic_made(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
) -> None:
    # Nothing was stale (generic's version had not changed), so an adapter installed after
    # the ingest never saw the articles it recognizes: only forget and ingest again did.
    without_dcnf = [item for item in load_adapters() if item.name != "dcnf"]
    with monkeypatch.context() as before:
        before.setattr(newsnorm.flows.engine.runner, "load_adapters", lambda: without_dcnf)
        ingest(SEED)
    assert sql("select adapter, syndicator from articles") == [("generic", None)]
    args = ["reprocess", "--warehouse", str(warehouse.root), "--adapter", "generic"]
    assert main(args) == 0
    assert capsys.readouterr().out.startswith("stale 0:")
    assert main([*args, "--all"]) == 0
    assert capsys.readouterr().out.startswith("stale 1: 1 new versions")
    [(adapter, syndicator, authors)] = sql("select adapter, syndicator, authors from articles")
    assert (adapter, authors) == ("dcnf", ["Jake Smith"])
    assert syndicator


def test_a_stop_while_the_pool_cleans_the_next_chunk_ends_its_workers_and_keeps_the_first(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
) -> None:
    # The pool is cleaning the second chunk when the first one's commit sees the SIGTERM: the
    # chunk in flight is dropped, the pool's workers end with the command, the first stays.
    folder = tmp_path / "stories"
    folder.mkdir()
    for n in range(4):
        _story(folder / f"{n}.txt", f"Budget approved in district {n}")
    _ingest_with_older_adapter(ingest, folder, monkeypatch)
    monkeypatch.setattr(GenericAdapter, "version", GenericAdapter.version + 1)
    monkeypatch.setattr(newsnorm.flows.engine.reprocess, "CHUNK", 2)
    monkeypatch.setattr(workers, "MIN_POOLED", 2)
    monkeypatch.setattr(workers, "available_cores", lambda: 2)
    processes: list[Any] = []  # the pool's workers, as the pool is closed
    real_close = workers.TransformPool.close

    def close(pool: workers.TransformPool) -> None:
        processes.extend(getattr(pool._executor, "_processes", {}).values())
        real_close(pool)

    monkeypatch.setattr(workers.TransformPool, "close", close)
    real_commit = newsnorm.flows.engine.reprocess._commit_chunk
    signalled = sending_sigterm(real_commit, after=True)
    monkeypatch.setattr(newsnorm.flows.engine.reprocess, "_commit_chunk", signalled)
    with sigterm_left_to_the_command():
        assert main(["reprocess", "--warehouse", str(warehouse.root)]) == 130
    err = capsys.readouterr().err
    assert "stopped (SIGTERM): 2 of 4 stale articles reprocessed and kept" in err
    assert len(processes) == 2
    assert not any(process.is_alive() for process in processes)
    assert sql("select status, seen, ingested from runs where kind = 'reprocess'") == [
        ("cancelled", 4, 2)
    ]
    versions = sql("select adapter_version, count(*) from articles group by 1 order by 1")
    assert versions == [(GenericAdapter.version - 2, 2), (GenericAdapter.version, 2)]


def test_a_bug_during_reprocess_fails_the_run_with_its_traceback_not_as_a_usage_mistake(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Any ValueError (a schema check, pyarrow, a decoder) used to be answered as a mistake on
    # the command line: exit 2 and one line, the bug's traceback lost.
    _ingest_with_older_adapter(ingest, _story(tmp_path / "a.txt", "Budget approved"), monkeypatch)

    def broken(*args: Any) -> None:
        raise ValueError("articles record 0: unknown fields ['x']")

    monkeypatch.setattr(newsnorm.flows.engine.reprocess, "_commit_chunk", broken)
    with pytest.raises(ValueError, match="unknown fields"):
        main(["reprocess", "--warehouse", str(warehouse.root)])
    assert sql("select status from runs where kind = 'reprocess'") == [("failed",)]


def test_an_input_ingested_under_a_higher_max_bytes_is_read_again_by_reprocess_and_show(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
) -> None:
    # Read again under the default limit, such an input was 'now rejected: too_large' on
    # every reprocess (its article stale for ever) and `show` could not show it.
    story = _story(tmp_path / "long.txt", "Budget approved")
    size = story.stat().st_size
    with monkeypatch.context() as old:
        old.setattr(GenericAdapter, "version", GenericAdapter.version - 1)
        ingest(story, max_bytes=size)
    monkeypatch.setattr(newsnorm.flows.engine.settings, "DEFAULT_MAX_BYTES", size // 2)
    outcome = reprocess(warehouse, max_bytes=size // 2)
    assert (outcome.stale, outcome.problems) == (1, [])
    assert sql("select distinct adapter_version from articles") == [(GenericAdapter.version,)]
    [(article_id,)] = sql("select article_id from articles")
    assert main(["show", article_id, "--warehouse", str(warehouse.root)]) == 0
    shown = capsys.readouterr()
    assert "2 paragraphs, 33 words" in shown.out
    assert "cannot be read now" not in shown.out + shown.err


def _story_and_copy(folder: Path) -> None:
    """`a.txt` and `b.txt`: other bytes (b's copy has a trailing blank line and a line of
    its own cruft the generic adapter cuts) that clean to the same article."""
    folder.mkdir()
    story = _story(folder / "a.txt", "Budget approved")
    (folder / "b.txt").write_text(story.read_text() + "\nAdvertisement\n\n")


@pytest.mark.parametrize("changed", [False, True], ids=["in-place", "new-version"])
def test_duplicates_removals_are_made_again_with_their_article(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    tmp_path: Path,
    newer_generic: int,
    monkeypatch: pytest.MonkeyPatch,
    changed: bool,
) -> None:
    """A duplicate's removals follow its article through reprocess: one classification
    (adapter version, rules) for one text, under the id the article has now; a new version
    gets the duplicate's `inputs` row too, so the next reprocess finds the copy again, and
    the older version keeps its rows, as history."""
    _story_and_copy(tmp_path / "in")
    _ingest_with_older_adapter(ingest, tmp_path / "in", monkeypatch)
    statuses = sql("select status, count(*) from inputs group by all order by status")
    assert statuses == [("duplicate", 1), ("ingested", 1)]
    before = sql("select input_sha256, rule, text from boilerplate order by all")
    [(copy, old_id)] = sql("select input_sha256, article_id from inputs where status = 'duplicate'")
    assert copy in {sha for sha, _, _ in before}  # each copy recorded its own removals
    if changed:
        _cutting_last_paragraph(monkeypatch)
    outcome = reprocess(warehouse)
    assert (outcome.replaced, outcome.new_versions) == ((0, 1) if changed else (1, 0))
    [(article_id,)] = sql("select article_id from articles")
    assert (article_id != old_id) is changed
    # The article's rows and its duplicate's, all under its id now.
    after = sql(
        "select input_sha256, adapter_version, rule, text from boilerplate "
        "where article_id = ? order by all",
        article_id,
    )
    assert {(sha, rule, text) for sha, _, rule, text in after} == set(before)
    assert {version for _, version, _, _ in after} == {newer_generic}
    assert outcome.copies_kept == []
    # The duplicate's latest `inputs` row names the article as it is now; an older
    # version's removals stay under its id, the duplicate's included.
    latest = sql(
        "select article_id from inputs where input_sha256 = ? order by first_seen_at desc limit 1",
        copy,
    )
    assert latest == [(article_id,)]
    history = sql("select distinct input_sha256 from boilerplate where article_id = ?", old_id)
    assert (copy,) in history
    # A later reprocess finds the copy under the article's current id again.
    monkeypatch.setattr(GenericAdapter, "version", newer_generic + 1)
    again = reprocess(warehouse)
    assert (again.stale, again.copies_kept) == (1, [])
    versions = sql(
        "select distinct b.adapter_version from boilerplate b join articles a "
        "on a.article_id = b.article_id where b.input_sha256 = ?",
        copy,
    )
    assert versions == [(newer_generic + 1,)]


def test_a_duplicates_path_ingested_since_as_its_own_article_is_no_copy_to_reprocess(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    tmp_path: Path,
    newer_generic: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A path that held a duplicate and holds another text since (ingested as an article of
    its own) is not read again as the first article's copy: no 'changed since' advice."""
    _story_and_copy(tmp_path / "in")
    _ingest_with_older_adapter(ingest, tmp_path / "in", monkeypatch)
    copy = tmp_path / "in" / "b.txt"
    _story(copy, "Harbour bridge reopens")
    _ingest_with_older_adapter(ingest, tmp_path / "in", monkeypatch)
    assert sql("select count(*) from articles") == [(2,)]
    outcome = reprocess(warehouse)
    assert (outcome.stale, outcome.copies_kept) == (2, [])


def test_a_duplicate_gone_since_keeps_its_removals_and_the_run_says_so(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    tmp_path: Path,
    newer_generic: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _story_and_copy(tmp_path / "in")
    _ingest_with_older_adapter(ingest, tmp_path / "in", monkeypatch)
    copy = tmp_path / "in" / "b.txt"
    [(sha,)] = sql("select input_sha256 from inputs where status = 'duplicate'")
    copy.unlink()
    outcome = reprocess(warehouse)
    assert outcome.replaced == 1
    assert [uri for uri, _ in outcome.copies_kept] == [copy.as_uri()]
    kept = sql("select distinct adapter_version from boilerplate where input_sha256 = ?", sha)
    assert kept == [(newer_generic - 1,)]


def test_a_chunk_counts_the_duplicates_it_reads_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """A chunk holds at most CHUNK inputs read again, duplicates included (a wire story's
    many copies are not read in one chunk beside a thousand articles); an article whose
    copies alone exceed it is a chunk of its own, never split from them."""
    from newsnorm.flows.engine import reprocess as module
    from newsnorm.flows.engine.stale import Stale

    monkeypatch.setattr(module, "CHUNK", 4)
    stale = [Stale(f"a{n}", f"file:///a{n}", f"s{n}", "generic", 1, None, 1) for n in range(5)]
    copy = Stale("a1", "file:///copy", "c", "generic", 1, None, 1)
    copies = {"a1": [copy, copy], "a3": [copy] * 6}
    chunks = [[item.article_id for item in chunk] for chunk in module._chunks(stale, copies)]
    assert chunks == [["a0", "a1"], ["a2"], ["a3"], ["a4"]]
    assert [[i.article_id for i in c] for c in module._chunks(stale, {})] == [
        ["a0", "a1", "a2", "a3"],
        ["a4"],
    ]
