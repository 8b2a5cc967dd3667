"""The writer's set-based deletes: exactly the rows named, whatever their number."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsnorm.warehouse.lake import Warehouse, open_warehouse
from newsnorm.warehouse.transaction import transaction
from newsnorm.warehouse.writer import delete_articles
from tests_support import story_variants

Sql = Callable[..., list[tuple[Any, ...]]]


def test_delete_articles_takes_the_named_articles_and_their_inputs_removals_only(
    ingest: Callable[..., Any], sql: Sql, warehouse: Warehouse, tmp_path: Path
) -> None:
    story_variants(tmp_path / "stories")
    ingest(tmp_path / "stories")
    stored = sql(
        "select a.article_id, a.input_sha256, count(b.article_id) from articles a "
        "left join boilerplate b using (article_id, input_sha256) "
        "group by all order by 1"
    )
    with_removals = [row for row in stored if row[2] > 0]
    assert len(stored) >= 4, stored
    assert len(with_removals) >= 2, stored
    (gone, gone_sha, _), (kept_removals, _, kept_count) = with_removals[:2]
    # The second pair names another input's hash: its article goes, its removals stay.
    with open_warehouse(warehouse, read_only=False) as connection, transaction(connection):
        delete_articles(connection, [(gone, gone_sha), (kept_removals, "0" * 64)])
    left = {row[0] for row in sql("select article_id from articles")}
    assert left == {row[0] for row in stored} - {gone, kept_removals}
    removals = dict(sql("select article_id, count(*) from boilerplate group by 1"))
    assert gone not in removals
    assert removals[kept_removals] == kept_count
    for article_id, _, count in stored:
        if article_id not in (gone, kept_removals) and count:
            assert removals[article_id] == count


class _Counting:
    """A connection that counts the statements it runs (DuckDB's own cannot be patched)."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.statements = 0

    def execute(self, *args: Any) -> Any:
        self.statements += 1
        return self.connection.execute(*args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.connection, name)


def test_delete_articles_runs_one_statement_a_table_however_many_articles(
    ingest: Callable[..., Any], sql: Sql, warehouse: Warehouse, tmp_path: Path
) -> None:
    # Each DELETE reads the table's files again: one a table, not one an article.
    story_variants(tmp_path / "stories")
    ingest(tmp_path / "stories")
    stored = sql("select article_id, input_sha256 from articles order by 1")
    assert len(stored) >= 4
    with open_warehouse(warehouse, read_only=False) as connection, transaction(connection):
        counting = _Counting(connection)
        delete_articles(counting, [])
        assert counting.statements == 0
        delete_articles(counting, stored)
        assert counting.statements == 2
    assert sql("select count(*) from articles") == [(0,)]
    assert sql("select count(*) from boilerplate") == [(0,)]
