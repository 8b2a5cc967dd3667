"""`newsnorm forget SOURCE…` removes inputs and the articles they made, atomically, as a run
of kind `forget`: what hangs on them goes, an article another input holds stays, stories are
formed again, the search index follows."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

import newsnorm.flows.engine.forget
from newsnorm.flows.cli import EXIT_ERROR, EXIT_OK, EXIT_PARTIAL, main
from newsnorm.flows.engine.forget import forget
from newsnorm.warehouse.lake import Warehouse
from tests_support import sending_sigterm, sigterm_left_to_the_command, story_variants

Sql = Callable[..., list[tuple[Any, ...]]]
PARAGRAPHS = (
    "The county board approved the road budget on Monday after a long and heated debate.",
    "Repairs on the river bridge start in May and should end before the autumn rains.",
    "The library will also open on Sundays from next month, the board decided.",
)


def _story(path: Path, title: str) -> Path:
    """A text story with a line the cleaner cuts (a removal to account for)."""
    body = "\n\n".join(f"{p} ({title}.)" for p in PARAGRAPHS)
    path.write_text(f"{title}\n\n{body}\n\nSign up for our newsletter\n", encoding="utf-8")
    return path


def _counts(sql: Sql) -> dict[str, int]:
    tables = ("articles", "article_versions", "inputs", "boilerplate", "manifest")
    return {table: sql(f"select count(*) from {table}")[0][0] for table in tables}


def test_forget_a_file_removes_what_hangs_on_it(
    ingest: Callable[..., Any], sql: Sql, warehouse: Warehouse, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    gone = _story(folder / "mistake.txt", "Budget approved")
    _story(folder / "keep.txt", "Library hours extended")
    ingest(folder)
    before = _counts(sql)
    assert before["boilerplate"] == 2
    outcome = forget(warehouse, [str(gone)])
    assert (outcome.inputs, outcome.articles, outcome.kept) == (1, 1, 0)
    assert (outcome.boilerplate, outcome.manifest) == (1, 1)
    assert _counts(sql) == {key: value - 1 for key, value in before.items()}
    assert sql("select title from articles") == [("Library hours extended",)]
    assert sql("select kind, status, sources, seen from runs where kind = 'forget'") == [
        ("forget", "completed", [gone.as_uri()], 1)
    ]
    # Its manifest row is gone too: ingesting the file again reads it again.
    assert ingest(folder).counts.ingested == 1


def test_forget_one_record_of_a_file(
    ingest: Callable[..., Any], sql: Sql, warehouse: Warehouse, tmp_path: Path
) -> None:
    feed = tmp_path / "feed.jsonl"
    lines = [{"title": f"Story {n}", "body": "\n\n".join(PARAGRAPHS) + f" ({n})"} for n in (1, 2)]
    feed.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    ingest(feed)
    outcome = forget(warehouse, [f"{feed}#line=2"])
    assert (outcome.inputs, outcome.articles, outcome.manifest) == (1, 1, 0)
    assert sql("select source_uri from articles") == [(f"{feed.as_uri()}#line=1",)]
    # The file keeps its manifest row: an ingest does not bring the record back.
    assert ingest(feed).counts.unchanged == 1
    assert sql("select count(*) from articles") == [(1,)]


def test_an_article_another_input_holds_stays(
    ingest: Callable[..., Any], sql: Sql, warehouse: Warehouse, tmp_path: Path
) -> None:
    first = _story(tmp_path / "first.txt", "Budget approved")
    copy = tmp_path / "copy.txt"
    copy.write_bytes(first.read_bytes())  # the same story under another name
    ingest(first)
    ingest(copy)
    [(article_id,)] = sql("select article_id from articles")
    cuts = sql("select rule, text from boilerplate")
    outcome = forget(warehouse, [str(first)])
    assert (outcome.articles, outcome.kept, outcome.boilerplate) == (0, 1, 0)
    assert sql("select article_id, source_uri from articles") == [(article_id, copy.as_uri())]
    assert sql("select input_uri, status from inputs") == [(copy.as_uri(), "ingested")]
    assert sql("select rule, text from boilerplate") == cuts  # the copy has the same bytes


def test_a_kept_article_runs_where_its_new_input_ran_and_the_forgotten_url_is_gone(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A takedown of one placement: the article stays (other sites ran it) but no view, nor
    its story, names the forgotten URL or site any more."""
    feed = tmp_path / "feed.jsonl"
    body = "\n\n".join(PARAGRAPHS)
    sites = ("canopy.example", "hollow.example", "creek.example")
    records = [
        {"title": "Budget approved", "body": body, "url": f"https://{site}/budget",
         "date": f"2025-03-{day:02d}T08:00:00Z"}
        for day, site in enumerate(sites, start=10)
    ]  # fmt: skip
    feed.write_text("\n".join(json.dumps(record) for record in records) + "\n", "utf-8")
    ingest(feed)
    assert sql("select site from articles") == [("canopy.example",)]
    outcome = forget(warehouse, [f"{feed}#line=1"])
    assert (outcome.articles, outcome.kept) == (0, 1)
    [(source, url, site, published_at, day)] = sql(
        "select source_uri, url, site, published_at, published_on from articles"
    )
    line = int(source.rsplit("=", 1)[1])
    assert (url, site) == (records[line - 1]["url"], sites[line - 1])
    assert published_at.day == 9 + line
    assert day is None  # the forgotten input's day; the one kept recorded only its instant
    shown = sql(
        "select url, site from copies union all select url, site from placements "
        "union all select url, site from article_versions"
    )
    assert shown
    assert all("canopy" not in f"{url} {site}" for url, site in shown)
    assert {site for _, site in sql("select url, site from placements")} == set(sites[1:])
    capsys.readouterr()
    [(article_id,)] = sql("select article_id from articles")
    assert main(["story", article_id, "--warehouse", str(warehouse.root)]) == EXIT_OK
    report = capsys.readouterr().out
    assert sites[line - 1] in report
    assert "canopy" not in report


def test_a_kept_articles_story_chooses_its_original_again(
    ingest: Callable[..., Any], sql: Sql, warehouse: Warehouse, tmp_path: Path
) -> None:
    """The earliest copy ran first on the forgotten site; on the site that keeps it, it ran
    after another copy of the story, which is now the original."""
    feed = tmp_path / "feed.jsonl"
    body = "\n\n".join(PARAGRAPHS)
    local = body + "\n\nResidents can comment on the plan at the town hall next Thursday."
    records = [
        {"title": "Budget approved", "body": text, "url": f"https://{site}/budget",
         "date": f"2025-03-{day:02d}T08:00:00Z"}
        for text, site, day in (
            (body, "canopy.example", 10), (body, "hollow.example", 20), (local, "creek.example", 15)
        )
    ]  # fmt: skip
    feed.write_text("\n".join(json.dumps(record) for record in records) + "\n", "utf-8")
    ingest(feed)
    site_of = "select a.site from stories s join articles a on a.article_id = s.original_article_id"
    assert sql(site_of) == [("canopy.example",)]
    forget(warehouse, [f"{feed}#line=1"])
    assert sql(site_of) == [("creek.example",)]


def test_articles_other_inputs_hold_move_to_them_together(
    ingest: Callable[..., Any], sql: Sql, warehouse: Warehouse, tmp_path: Path
) -> None:
    # Rehomed in one statement a table: each article goes to its own copy, no other.
    titles = ("Budget approved", "Bridge reopens", "School board votes")
    firsts = [_story(tmp_path / f"first_{n}.txt", title) for n, title in enumerate(titles)]
    copies = [tmp_path / f"copy_{n}.txt" for n in range(len(firsts))]
    for first, copy in zip(firsts, copies, strict=True):
        copy.write_bytes(first.read_bytes())
    alone = _story(tmp_path / "alone.txt", "Library hours extended")
    ingest(*firsts, alone)
    ingest(*copies)
    before = dict(sql("select source_uri, article_id from articles"))
    outcome = forget(warehouse, [str(first) for first in firsts])
    assert (outcome.articles, outcome.kept) == (0, len(firsts))
    moved = [
        (before[first.as_uri()], copy.as_uri()) for first, copy in zip(firsts, copies, strict=True)
    ]
    assert sorted(sql("select article_id, source_uri from articles")) == sorted(
        [*moved, (before[alone.as_uri()], alone.as_uri())]
    )
    assert sorted(sql("select input_uri, status from inputs")) == sorted(
        [(alone.as_uri(), "ingested"), *((copy.as_uri(), "ingested") for copy in copies)]
    )


def test_stories_are_formed_again_from_what_is_left(
    ingest: Callable[..., Any], sql: Sql, warehouse: Warehouse, tmp_path: Path
) -> None:
    files = story_variants(tmp_path / "in")
    ingest(tmp_path / "in")
    [(story_id, copies)] = sql("select story_id, copies from stories where copies > 1")
    assert copies == 3
    [(smallest,)] = sql(
        "select source_uri from articles where article_id = ?", story_id
    )  # a story is named by its smallest member: forget that one
    doomed = next(path for path in files.values() if path.as_uri() == smallest)
    outcome = forget(warehouse, [str(doomed)])
    assert outcome.stories == 1
    [(new_id, copies, original)] = sql(
        "select story_id, copies, original_article_id from stories where copies > 1"
    )
    members = sql("select article_id from copies where story_id = ? order by article_id", new_id)
    assert copies == 2
    assert new_id == members[0][0] != story_id
    assert original in {member for (member,) in members}
    for table, column in (
        ("raw_story_members", "article_id"),
        ("raw_story_fingerprints", "article_id"),
        ("raw_story_links", "article_id"),
        ("raw_story_links", "linked_article_id"),
        ("raw_story_originals", "original_article_id"),
    ):
        assert sql(f"select count(*) from {table} where {column} = ?", story_id) == [(0,)]


def test_forget_is_atomic(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    story = _story(tmp_path / "a.txt", "Budget approved")
    ingest(story)
    before = _counts(sql)

    def full_disk(*args: Any) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(newsnorm.flows.engine.forget, "delete_orphaned_boilerplate", full_disk)
    with pytest.raises(OSError, match="No space left"):
        forget(warehouse, [str(story)])
    assert _counts(sql) == before  # the inputs and articles deleted before it are back
    assert sql("select status from runs where kind = 'forget'") == [("failed",)]


@pytest.mark.parametrize(
    "interrupt",
    [KeyboardInterrupt, duckdb.InterruptException],
    ids=["in-python", "duckdb-took-it"],
)
def test_ctrl_c_during_forget_keeps_everything_and_records_the_run_as_cancelled(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    interrupt: type[BaseException],
) -> None:
    # It was recorded as 'failed', as if forget had broken; so was a Ctrl-C DuckDB took
    # inside a query (its own InterruptException, not KeyboardInterrupt).
    story = _story(tmp_path / "a.txt", "Budget approved")
    ingest(story)
    before = _counts(sql)

    def ctrl_c(*args: Any) -> int:
        raise interrupt

    monkeypatch.setattr(newsnorm.flows.engine.forget, "delete_orphaned_boilerplate", ctrl_c)
    with pytest.raises(interrupt):
        forget(warehouse, [str(story)])
    assert _counts(sql) == before
    # Nothing was removed: seen (the inputs removed) says so too.
    assert sql("select status, seen from runs where kind = 'forget'") == [("cancelled", 0)]


def test_sigterm_during_forget_rolls_it_back_like_a_ctrl_c(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
) -> None:
    # A SIGTERM (a service manager's stop) killed the process: the run stayed `running`.
    story = _story(tmp_path / "a.txt", "Budget approved")
    ingest(story)
    before = _counts(sql)
    real = newsnorm.flows.engine.forget.delete_orphaned_boilerplate
    signalled = sending_sigterm(real)
    monkeypatch.setattr(newsnorm.flows.engine.forget, "delete_orphaned_boilerplate", signalled)
    with sigterm_left_to_the_command():
        assert main(["forget", "--warehouse", str(warehouse.root), str(story)]) == 130
    assert "stopped (SIGTERM) before its commit: nothing was removed" in capsys.readouterr().err
    assert _counts(sql) == before
    assert sql("select status, seen from runs where kind = 'forget'") == [("cancelled", 0)]


def test_a_stop_after_the_commit_lets_forget_finish_and_say_so(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
) -> None:
    # A signal raised at once could land between the commit and the run's record: the
    # inputs gone, the run `cancelled`, exit 130. A stop after the commit now changes nothing.
    story = _story(tmp_path / "a.txt", "Budget approved")
    ingest(story)
    signalled = sending_sigterm(newsnorm.flows.engine.forget.purge_deleted)
    monkeypatch.setattr(newsnorm.flows.engine.forget, "purge_deleted", signalled)
    with sigterm_left_to_the_command():
        assert main(["forget", "--warehouse", str(warehouse.root), "--purge", str(story)]) == 0
    assert "forgot 1 inputs" in capsys.readouterr().out
    assert sql("select count(*) from articles") == [(0,)]
    assert sql("select status, seen from runs where kind = 'forget'") == [("completed", 1)]


def test_ctrl_c_in_the_purge_after_the_commit_records_the_forget_as_completed(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # It said 'cancelled' though the article was gone.
    story = _story(tmp_path / "a.txt", "Budget approved")
    ingest(story)

    def ctrl_c(*args: Any) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(newsnorm.flows.engine.forget, "purge_deleted", ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        forget(warehouse, [str(story)], purge=True)
    assert sql("select count(*) from articles") == [(0,)]
    assert sql("select status, seen from runs where kind = 'forget'") == [("completed", 1)]


def test_the_search_index_follows(
    ingest: Callable[..., Any],
    warehouse: Warehouse,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    story = _story(tmp_path / "a.txt", "Budget approved")
    _story(tmp_path / "b.txt", "Library hours extended")
    ingest(tmp_path)
    root = str(warehouse.root)
    assert main(["search", "--warehouse", root, "--format", "csv", "budget"]) == EXIT_OK
    assert "Budget approved" in capsys.readouterr().out
    refreshed: list[Warehouse] = []
    real = newsnorm.flows.engine.forget.refresh_search_index

    def spy(target: Warehouse) -> bool:
        refreshed.append(target)
        return real(target)

    monkeypatch.setattr(newsnorm.flows.engine.forget, "refresh_search_index", spy)
    forget(warehouse, [str(story)])
    assert refreshed == [warehouse]
    assert main(["search", "--warehouse", root, "--format", "csv", "budget"]) == EXIT_OK
    assert "Budget approved" not in capsys.readouterr().out


@pytest.mark.parametrize("deletable", [True, False])
def test_a_search_index_forget_cannot_refresh_is_deleted_or_reported(
    ingest: Callable[..., Any],
    warehouse: Warehouse,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    deletable: bool,
) -> None:
    # A failed refresh was logged and passed over: exit 0, "purged", and search.duckdb still
    # held the forgotten text on disk.
    story = _story(tmp_path / "a.txt", "Zanzibar ferry kept")
    _story(tmp_path / "b.txt", "Library hours extended")
    ingest(tmp_path)
    root = str(warehouse.root)
    assert main(["search", "--warehouse", root, "--format", "csv", "Zanzibar"]) == EXIT_OK
    index = warehouse.root / "search.duckdb"
    assert b"Zanzibar" in index.read_bytes()
    capsys.readouterr()

    def failing(target: Warehouse) -> bool:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(newsnorm.flows.engine.forget, "refresh_search_index", failing)
    if not deletable:
        real_unlink = Path.unlink

        def refusing(path: Path, missing_ok: bool = False) -> None:
            if path == index:
                raise PermissionError(13, "Permission denied")
            real_unlink(path, missing_ok=missing_ok)

        monkeypatch.setattr(Path, "unlink", refusing)
    code = main(["forget", str(story), "--warehouse", root, "--purge"])
    err = capsys.readouterr().err
    assert "the search index could not be refreshed (OSError: [Errno 28]" in err
    if deletable:
        assert code == EXIT_OK
        assert not index.exists()
        assert "it was deleted, the next `newsnorm search` builds it" in err
        monkeypatch.undo()
        assert main(["search", "--warehouse", root, "--format", "csv", "Library"]) == EXIT_OK
        assert "Library hours extended" in capsys.readouterr().out
    else:
        assert code == EXIT_PARTIAL
        assert "may still hold the forgotten text; delete it" in err
        assert "nor delete it: PermissionError" in err


def test_cli_forget_dry_run_and_nothing_to_forget(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    story = _story(tmp_path / "a.txt", "Budget approved")
    ingest(story)
    before = _counts(sql)
    root = str(warehouse.root)
    assert main(["forget", str(story), "--warehouse", root, "--dry-run"]) == EXIT_OK
    assert capsys.readouterr().out.startswith("would forget 1 inputs: 1 articles removed")
    assert _counts(sql) == before
    assert sql("select count(*) from runs where kind = 'forget'") == [(0,)]
    assert main(["forget", str(tmp_path / "never.txt"), "--warehouse", root]) == EXIT_ERROR
    assert "no stored input under" in capsys.readouterr().err
    assert main(["forget", story.as_uri(), "--warehouse", root]) == EXIT_OK
    assert capsys.readouterr().out.startswith("forgot 1 inputs: 1 articles removed")
    assert sql("select count(*) from articles") == [(0,)]


def _files_holding(root: Path, text: str) -> list[str]:
    """The Parquet files under the warehouse with a row whose text holds `text`."""
    connection = duckdb.connect()
    return [
        path.name
        for path in sorted(root.rglob("*.parquet"))
        if connection.execute(
            "select count(*) from read_parquet(?) t where t::varchar like ?",
            [str(path), f"%{text}%"],
        ).fetchone()
        != (0,)
    ]


def test_purge_deletes_the_forgotten_text_from_disk(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    story = _story(tmp_path / "a.txt", "Zanzibar ferry kept")
    _story(tmp_path / "b.txt", "Library hours extended")
    ingest(tmp_path)
    root = str(warehouse.root)
    assert main(["forget", str(story), "--warehouse", root]) == EXIT_OK
    assert _files_holding(warehouse.root, "Zanzibar")  # deleted, still in a data file
    assert main(["compact", "--warehouse", root, "--retain-seconds", "0"]) == EXIT_OK
    assert _files_holding(warehouse.root, "Zanzibar")  # a file mostly kept is not rewritten
    capsys.readouterr()
    _story(story, "Zanzibar ferry kept")
    ingest(tmp_path)
    assert main(["forget", str(story), "--warehouse", root, "--purge"]) == EXIT_OK
    assert "purged:" in capsys.readouterr().out
    assert _files_holding(warehouse.root, "Zanzibar") == []
    assert sql("select title from articles") == [("Library hours extended",)]


def test_purge_after_a_plain_forget_of_the_same_target_still_purges(
    ingest: Callable[..., Any],
    warehouse: Warehouse,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`forget X` then `forget X --purge` ends a takedown: nothing matches any more (exit 1,
    the target named), but the rows the first run removed leave the disk."""
    story = _story(tmp_path / "a.txt", "Zanzibar ferry kept")
    _story(tmp_path / "b.txt", "Library hours extended")
    ingest(tmp_path)
    root = str(warehouse.root)
    assert main(["forget", str(story), "--warehouse", root]) == EXIT_OK
    assert _files_holding(warehouse.root, "Zanzibar")
    capsys.readouterr()
    assert main(["forget", str(story), "--warehouse", root, "--purge"]) == EXIT_ERROR
    captured = capsys.readouterr()
    assert "no stored input under" in captured.err
    assert "purged:" in captured.out
    assert _files_holding(warehouse.root, "Zanzibar") == []


def test_a_story_gone_from_a_site_leaves_its_learned_counts(
    ingest: Callable[..., Any], sql: Sql, warehouse: Warehouse, tmp_path: Path
) -> None:
    site = tmp_path / "harbour-daily"
    site.mkdir()
    plug = "Harbour Daily reporters cover the county courts, schools and council every weekday."
    words = "council budget river police bridge museum ferry nurse school court market storm"
    rng = random.Random(14)
    for n in range(4):
        sentences = [
            " ".join(rng.choice(words) for _ in range(25)).capitalize() + "." for _ in range(3)
        ]
        (site / f"story{n}.txt").write_text("\n\n".join([f"Story {n}", *sentences, plug]))
    copy = (site / "story3.txt").read_text().replace(plug, "Reporting by the desk.\n\n" + plug)
    (site / "story3_copy.txt").write_text(copy)  # another copy of story 3 on the site
    ingest(site)
    assert sql("select count(*) from stories where copies = 2") == [(1,)]
    assert sql("select stories, scope_stories from learned_boilerplate where line = ?", plug) == [
        (4, 4)
    ]
    outcome = forget(warehouse, [str(site / "story0.txt")])
    assert outcome.learned_lines == 1
    assert sql("select stories, scope_stories from learned_boilerplate where line = ?", plug) == [
        (3, 3)
    ]
    # Story 3 keeps a copy on the site: it is still counted, once.
    assert forget(warehouse, [str(site / "story3.txt")]).learned_lines == 0
    assert sql("select stories from learned_boilerplate where line = ?", plug) == [(3,)]
    forget(warehouse, [str(site / "story1.txt"), str(site / "story2.txt")])
    # Seen in one story only now: nothing recurs, the line is no longer counted.
    assert sql("select count(*) from learned_boilerplate") == [(0,)]
    assert sql("select stories from raw_learned_scopes") == [(1,)]


def test_a_kept_article_given_to_another_site_moves_its_learned_counts_there(
    ingest: Callable[..., Any], sql: Sql, warehouse: Warehouse, tmp_path: Path
) -> None:
    """The kept article now runs on the other site: its story leaves the first site's
    counts and joins the other's, where the line it shares with a story there now recurs."""
    plug = "Our reporters cover the county courts, schools and council every single weekday."
    words = "council budget river police bridge museum ferry nurse school court market storm"
    rng = random.Random(15)

    def record(site: str, n: int) -> dict[str, str]:
        sentences = [
            " ".join(rng.choice(words) for _ in range(25)).capitalize() + "." for _ in range(3)
        ]
        body = "\n\n".join([*sentences, plug])
        return {"title": f"Story {n}", "body": body, "url": f"https://{site}/story{n}"}

    records = [record("canopy.example", n) for n in range(4)]
    records.append({**records[0], "url": "https://hollow.example/story0"})  # the same article
    records.append(record("hollow.example", 9))
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(item) for item in records) + "\n", "utf-8")
    ingest(feed)

    def counted() -> dict[str, tuple[int, int]]:
        scopes = dict(sql("select scope, stories from raw_learned_scopes"))
        lines = dict(sql("select scope, stories from learned_boilerplate where line = ?", plug))
        return {scope: (scopes[scope], lines.get(scope, 0)) for scope in scopes}

    assert counted() == {"canopy.example": (4, 4), "hollow.example": (1, 0)}
    forget(warehouse, [f"{feed}#line=1"])
    assert sql("select site from articles where title = 'Story 0'") == [("hollow.example",)]
    assert counted() == {"canopy.example": (3, 3), "hollow.example": (2, 2)}
    forget(warehouse, [f"{feed}#line=5"])
    assert counted() == {"canopy.example": (3, 3), "hollow.example": (1, 0)}


def test_forget_of_targets_that_match_nothing_records_no_run(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Nothing matched is nothing done: one line a target, exit 1 (as `show` and `story`
    answer an id the warehouse does not hold), no `runs` row, with or without --dry-run;
    a target that matches beside one that does not still makes a run."""
    story = _story(tmp_path / "a.txt", "Budget approved")
    ingest(story)
    root = str(warehouse.root)
    missing = [str(tmp_path / "never.txt"), f"{story}#line=9"]
    for extra in ([], ["--dry-run"]):
        assert main(["forget", *missing, "--warehouse", root, *extra]) == EXIT_ERROR
        err = capsys.readouterr().err
        assert err.count("newsnorm forget: no stored input under ") == 2
    assert sql("select count(*) from runs where kind = 'forget'") == [(0,)]
    assert main(["forget", str(story), missing[0], "--warehouse", root]) == EXIT_OK
    assert "no stored input under" in capsys.readouterr().err
    assert sql("select status, seen from runs where kind = 'forget'") == [("completed", 1)]
