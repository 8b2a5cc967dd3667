"""Compaction, status, abandoned runs, and two writers on one warehouse at once."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsnorm.flows.cli import EXIT_INTERRUPTED, main
from newsnorm.schemas.tables import ALL_TABLES
from newsnorm.warehouse.compact import compact, data_files
from newsnorm.warehouse.lake import Warehouse, open_warehouse
from tests_support import ROOT

Sql = Callable[..., list[tuple[Any, ...]]]
BODY = (
    "The county board approved the new budget on Monday after a long debate about road "
    "repairs, school funding and the future of the public library system downtown."
)
TABLES = (
    "article_versions",
    "boilerplate",
    "inputs",
    "runs",
    "manifest",
    "raw_story_fingerprints",
    "raw_story_links",
    "raw_story_members",
    "raw_story_originals",
)


def _stories(folder: Path, count: int, prefix: str = "story") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"{prefix}{n:03d}.txt").write_text(
            f"{prefix.title()} {n}: the budget vote\n\nBy Jane Doe\n\n{BODY} Item {n}.\n"
        )
    return folder


def _snapshot(sql: Sql) -> dict[str, list[tuple[Any, ...]]]:
    return {table: sorted(map(repr, sql(f"select * from {table}"))) for table in TABLES}


def _files(warehouse: Warehouse) -> int:
    with open_warehouse(warehouse, read_only=True) as connection:
        return data_files(connection)


def test_compact_merges_files_and_changes_no_row(
    ingest: Callable[..., Any], sql: Sql, warehouse: Warehouse, tmp_path: Path
) -> None:
    for run in range(3):
        ingest(_stories(tmp_path / f"in{run}", 3, prefix=f"run{run}s"), compact_after_files=0)
    before = _snapshot(sql)
    files = _files(warehouse)
    result = compact(warehouse, retain_seconds=0)
    assert result.files_before == files
    assert result.files_after < files
    assert result.files_after <= len(ALL_TABLES)  # one file per table at most
    assert result.deleted_from_disk >= files - result.files_after
    assert _snapshot(sql) == before
    parquet_on_disk = list(warehouse.data_path.rglob("*.parquet"))
    assert len(parquet_on_disk) == result.files_after


def test_a_ctrl_c_stops_compact_after_the_step_it_is_in(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """DuckDB took a Ctrl-C during a step now and then, finished, and `compact` exited 0.
    Now the signal sets a flag that compaction reads after each step (each its own commit):
    requested during the merge, the merge is kept, exit 130, no row changed."""
    from newsnorm.flows.engine.stopping import STOP

    for run in range(3):
        ingest(_stories(tmp_path / f"in{run}", 3, prefix=f"run{run}s"), compact_after_files=0)
    before, files = _snapshot(sql), _files(warehouse)
    STOP.request("Ctrl-C")  # what the handler does when a Ctrl-C comes during the merge
    code = main(["compact", "--warehouse", str(warehouse.root)])
    assert code == EXIT_INTERRUPTED
    assert capsys.readouterr().err == "newsnorm: interrupted\n"
    assert not STOP.requested  # cleared for the next command in this process
    assert _files(warehouse) < files  # the merge committed
    assert _snapshot(sql) == before


def test_ingest_compacts_past_its_threshold(
    ingest: Callable[..., Any], warehouse: Warehouse, tmp_path: Path
) -> None:
    ingest(_stories(tmp_path / "a", 2, prefix="a"), compact_after_files=0)
    ingest(_stories(tmp_path / "b", 2, prefix="b"), compact_after_files=0)
    uncompacted = _files(warehouse)
    ingest(_stories(tmp_path / "c", 2, prefix="c"), compact_after_files=3)
    assert _files(warehouse) <= len(ALL_TABLES) < uncompacted


def test_a_killed_run_is_marked_abandoned_by_the_next(
    ingest: Callable[..., Any], sql: Sql, warehouse: Warehouse, tmp_path: Path
) -> None:
    ingest(_stories(tmp_path / "a", 1))
    with open_warehouse(warehouse, read_only=False) as connection:
        connection.execute("update raw_runs set status = 'running'")  # as a SIGKILL leaves it
    ingest(_stories(tmp_path / "b", 1, prefix="b"))
    assert sql("select status from runs order by started_at") == [
        ("abandoned",),
        ("completed",),
    ]


def test_status_shows_runs_rejects_and_size(
    ingest: Callable[..., Any],
    warehouse: Warehouse,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = _stories(tmp_path / "in", 2)
    (folder / "empty.txt").write_bytes(b"")
    ingest(folder)
    assert main(["status", "--warehouse", str(warehouse.root)]) == 0
    text = capsys.readouterr().out
    assert "2 articles (2 versions)" in text
    assert "MiB on disk" in text
    assert "completed" in text
    assert "empty  " in text or "empty " in text  # the reject reason, counted


def test_compact_and_ingest_at_once_neither_corrupts(
    warehouse: Warehouse, sql: Sql, tmp_path: Path
) -> None:
    """Two writers started together: the lock makes one wait; every row lands once."""
    folders = [_stories(tmp_path / f"in{n}", 40, prefix=f"w{n}s") for n in range(2)]
    script = (
        "import sys\n"
        "from newsnorm.flows.engine.runner import execute_ingest\n"
        "from newsnorm.flows.engine.settings import IngestSettings\n"
        "from newsnorm.warehouse.compact import compact\n"
        "from newsnorm.warehouse.lake import Warehouse\n"
        "w = Warehouse.at(sys.argv[1])\n"
        "if sys.argv[2] == 'compact':\n"
        "    compact(w, 0)\n"
        "else:\n"
        "    execute_ingest([sys.argv[2]], IngestSettings(warehouse=w, batch_files=5))\n"
    )
    root = str(warehouse.root)
    jobs = [[root, str(folders[0])], [root, str(folders[1])], [root, "compact"]]
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", script, *job], cwd=ROOT, stderr=subprocess.PIPE, text=True
        )
        for job in jobs[:2]
    ]
    processes[0].wait(timeout=300)  # then compact while the second may still be writing
    processes.append(
        subprocess.Popen(
            [sys.executable, "-c", script, *jobs[2]], cwd=ROOT, stderr=subprocess.PIPE, text=True
        )
    )
    for process in processes:
        _, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr
    assert sql("select count(*), count(distinct article_id) from article_versions") == [(80, 80)]
    assert sql("select count(*), count(distinct input_uri) from inputs") == [(80, 80)]
    assert sql("select status, ingested from runs order by started_at") == [
        ("completed", 40),
        ("completed", 40),
    ]


def test_a_warehouse_an_older_version_wrote_is_named_by_query_and_upgraded_by_compact(
    ingest: Callable[..., Any],
    warehouse: Warehouse,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A read-only open sees an older version's views until a writer prepares the catalog:
    `query` said only 'Binder Error', and `compact` (a writer) did not prepare it."""
    from newsnorm.warehouse.views import VIEWS, view_sql

    ingest(_stories(tmp_path / "in", 2))
    old_view = view_sql("article_versions").replace(",\n    pipeline_version\nfrom", "\nfrom")
    assert old_view != view_sql("article_versions")
    with open_warehouse(warehouse, read_only=False) as connection:
        connection.execute(old_view)  # as an older newsnorm left it
        connection.execute(f"COMMENT ON VIEW {VIEWS[-1]} IS 'newsnorm-contract:0000000000000000'")
    root = str(warehouse.root)
    question = "select count(pipeline_version) from articles"
    assert main(["query", "--warehouse", root, question]) != 0
    err = capsys.readouterr().err
    assert "an older newsnorm wrote this warehouse last" in err
    assert "run `newsnorm compact` or an ingest on it once" in err
    assert main(["compact", "--warehouse", root]) == 0
    assert main(["query", "--warehouse", root, "--format", "csv", question]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "2"
