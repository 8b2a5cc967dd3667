"""The warehouse: atomic batches, read-only queries, growing schemas, moved folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pytest

from newsnorm.schemas.tables import ARTICLES
from newsnorm.schemas.validate import version_of
from newsnorm.warehouse import instance as process_db
from newsnorm.warehouse.ddl import create_table_sql
from newsnorm.warehouse.extension import WarehouseError
from newsnorm.warehouse.lake import Warehouse, open_warehouse, physical_table
from newsnorm.warehouse.writer import insert_table
from tests_support import ROOT, SEED

Sql = Callable[..., list[tuple[Any, ...]]]


def _parquet_files(warehouse: Warehouse) -> set[Path]:
    return set(warehouse.data_path.rglob("*.parquet"))


def test_failed_commit_leaves_nothing_visible(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ingest(SEED)  # creates the warehouse; later the failing batch must not show up
    copy_dir = warehouse.root.parent / "more"
    copy_dir.mkdir()
    (copy_dir / "story.txt").write_text(
        "Budget Passes\n\n" + "The county board approved the budget on Monday. " * 5 + "\n",
        encoding="utf-8",
    )

    def failing_insert(connection: Any, table: str, rows: pa.Table) -> None:
        insert_table(connection, table, rows)  # the article rows are written, then it fails
        if table == physical_table("inputs"):
            raise OSError("disk full")

    monkeypatch.setattr("newsnorm.warehouse.writer.insert_table", failing_insert)
    with pytest.raises(OSError, match="disk full"):
        ingest(copy_dir)
    monkeypatch.undo()
    assert sql("select count(*) from articles") == [(1,)]
    assert sql("select count(*) from inputs") == [(1,)]
    assert sql("select status from runs order by started_at") == [("completed",), ("failed",)]
    rerun = ingest(copy_dir)
    assert rerun.counts.ingested == 1
    assert sql("select count(*) from articles") == [(2,)]


def test_query_connection_is_read_only(ingest: Callable[..., Any], warehouse: Warehouse) -> None:
    ingest(SEED)
    with (
        open_warehouse(warehouse, read_only=True) as connection,
        pytest.raises(Exception, match="read-only"),
    ):
        connection.execute("delete from raw_articles")


def test_reading_a_missing_warehouse_says_what_to_do(tmp_path: Path) -> None:
    with (
        pytest.raises(WarehouseError, match="newsnorm ingest"),
        open_warehouse(Warehouse.at(tmp_path / "nothing"), read_only=True),
    ):
        pass


def test_a_new_catalog_appears_whole_and_an_interrupted_one_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kill while DuckLake writes a new catalog's metadata must not leave a
    `catalog.ducklake` that read-only opens reject with DuckDB's raw error."""
    warehouse = Warehouse.at(tmp_path / "new")
    real_link = os.link
    seen: list[bool] = []

    def link(source: Path, target: Path) -> None:
        seen.append(warehouse.exists())  # not yet: the catalog is still being created
        real_link(source, target)

    monkeypatch.setattr(os, "link", link)
    with open_warehouse(warehouse, read_only=False):
        pass
    assert seen == [False]
    assert sorted(p.name for p in warehouse.root.iterdir()) == ["catalog.ducklake", "files"]
    with open_warehouse(warehouse, read_only=True) as connection:
        assert connection.execute("select 1").fetchone() == (1,)

    # A catalog file an older version left half-made: a clear error, and a write repairs it.
    broken = Warehouse.at(tmp_path / "broken")
    broken.root.mkdir()
    duckdb.connect(str(broken.catalog)).close()
    with (
        pytest.raises(WarehouseError, match="stopped while creating it"),
        open_warehouse(broken, read_only=True),
    ):
        pass
    with open_warehouse(broken, read_only=False):
        pass
    with open_warehouse(broken, read_only=True) as connection:
        assert connection.execute("select 1").fetchone() == (1,)


def test_old_rows_stay_readable_when_the_schema_grows(
    ingest: Callable[..., Any], sql: Sql, warehouse: Warehouse
) -> None:
    older = pa.schema([field for field in ARTICLES if field.name not in ("license", "related")])
    with open_warehouse(warehouse, read_only=False) as connection:
        connection.execute(create_table_sql(physical_table("articles"), older))
        connection.execute(
            f"insert into {physical_table('articles')} (article_id, title, authors, adapter, "
            "adapter_version, body, paragraphs, word_count, source_uri, input_sha256, run_id, "
            "ingested_at, schema_version) values ('old1', 'Old Title', ['A B'], 'dcnf', 1, "
            "'Body', ['Body'], 1, 'file:///old', 'sha', 'r0', now(), 0)"
        )
    ingest(SEED)
    rows = sql("select article_id, license, related from articles order by schema_version")
    assert rows[0] == ("old1", None, None)
    assert rows[1][1] == "DCNF-free"


def test_data_lands_in_the_warehouse_whatever_the_working_directory(
    ingest: Callable[..., Any],
    warehouse: Warehouse,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    ingest(SEED)
    assert _parquet_files(warehouse)
    assert not list(elsewhere.rglob("*.parquet"))


def test_a_moved_warehouse_still_opens(ingest: Callable[..., Any], warehouse: Warehouse) -> None:
    ingest(SEED)
    moved = Warehouse.at(warehouse.root.parent / "moved")
    shutil.move(warehouse.root, moved.root)
    with open_warehouse(moved, read_only=True) as connection:
        assert connection.execute("select count(*), min(title) from articles").fetchone() == (
            1,
            SEED.read_text(encoding="utf-8").splitlines()[0],
        )


def test_a_busy_warehouse_makes_readers_wait_then_fail_clearly(
    ingest: Callable[..., Any], warehouse: Warehouse
) -> None:
    ingest(SEED)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from warehouse.lake import Warehouse, open_warehouse\n"
            f"with open_warehouse(Warehouse.at({str(warehouse.root)!r}), read_only=False):\n"
            "    print('holding', flush=True)\n"
            "    time.sleep(30)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "holding"
        with (
            pytest.raises(WarehouseError, match="busy"),
            open_warehouse(warehouse, read_only=True, busy_timeout_s=0.5),
        ):
            pass
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    with open_warehouse(warehouse, read_only=True, busy_timeout_s=10) as connection:
        assert connection.execute("select count(*) from articles").fetchone() == (1,)


def test_duckdb_shell_opens_the_warehouse_with_the_readme_line(
    ingest: Callable[..., Any], warehouse: Warehouse
) -> None:
    shell = Path(sys.executable).with_name("duckdb")
    if not shell.exists():
        pytest.skip("the duckdb-cli package (a dev extra) is not installed")
    ingest(SEED)
    result = subprocess.run(
        [
            str(shell),
            "-init",
            str(warehouse.init_file),
            "-csv",
            "-c",
            "select authors from articles",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[Jake Smith]"


def test_ducklake_loads_from_the_wheel_with_an_empty_home(
    ingest: Callable[..., Any], warehouse: Warehouse, tmp_path: Path
) -> None:
    ingest(SEED)
    home = tmp_path / "home"
    home.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "newsnorm.flows.cli", "query", "--warehouse", str(warehouse.root),
         "--format", "csv", "select count(*) as n from articles"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "HOME": str(home)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["n", "1"]
    assert not (home / ".duckdb").exists()  # nothing was installed or downloaded


def test_a_schema_1_warehouse_upgrades_in_place(
    ingest: Callable[..., Any], sql: Sql, warehouse: Warehouse
) -> None:
    version_1 = pa.schema(list(ARTICLES)[: ARTICLES.get_field_index("schema_version") + 1])
    with open_warehouse(warehouse, read_only=False) as connection:
        connection.execute(create_table_sql(physical_table("articles"), version_1))
        connection.execute(
            f"insert into {physical_table('articles')} select 'v1', 'Old', ['A B'], null, null, "
            "null, null, 'dcnf', 1, 'Body', ['Body'], [], 1, 'file:///old', 'sha', 'r0', now(), 1"
        )
    ingest(SEED)
    rows = sql(
        "select schema_version, evidence, credits, original_publisher from articles "
        "order by schema_version"
    )
    assert rows[0] == (1, None, None, None)
    assert rows[1][0] == version_of(ARTICLES)
    assert rows[1][1][0]["signal"] == "signal:logo-line"


def test_the_process_instance_is_replaced_after_many_opens(
    ingest: Callable[..., Any], warehouse: Warehouse
) -> None:
    """DuckDB keeps memory per attach until its instance closes, so a long run's opens
    must not all share one instance; every open still sees the same rows."""
    ingest(SEED)
    instances: list[object] = []  # kept alive, so ids are never reused
    counts: set[int] = set()
    for _ in range(process_db.RECYCLE_AFTER_ATTACHES * 2 + 1):
        with open_warehouse(warehouse, read_only=True) as connection:
            assert process_db._instance is not None
            instances.append(process_db._instance)
            row = connection.execute("select count(*) from articles").fetchone()
            assert row is not None
            counts.add(int(row[0]))
    assert counts == {1}
    assert 2 <= len({id(instance) for instance in instances}) <= 4
