"""`newsnorm status`: the last runs, steps a run left undone, rejects by reason, and how big
the warehouse is."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from newsnorm.flows.engine.followups import PendingStep, pending_steps
from newsnorm.warehouse.compact import data_files
from newsnorm.warehouse.lake import Warehouse, open_warehouse

RUN_COLUMNS = (
    "run_id",
    "kind",
    "status",
    "started_at",
    "finished_at",
    "seen",
    "ingested",
    "duplicate",
    "unchanged",
    "rejected",
    "skipped",
)


@dataclass(frozen=True, slots=True)
class Status:
    runs: list[tuple[Any, ...]]
    rejects: list[tuple[Any, ...]]
    articles: int
    versions: int
    data_files: int
    bytes_on_disk: int
    # Steps after a run's commits that failed and that the next run retries.
    pending: list[PendingStep]


def warehouse_status(warehouse: Warehouse, last_runs: int = 10) -> Status:
    """Read-only: safe while an ingest runs (it sees the last committed state)."""
    with open_warehouse(warehouse, read_only=True) as connection:
        runs = connection.execute(
            f"select {', '.join(RUN_COLUMNS)} from runs order by started_at desc limit ?",
            [last_runs],
        ).fetchall()
        rejects = connection.execute(
            "select reason_code, count(*) as inputs, max(first_seen_at) as last_seen "
            "from rejects group by reason_code order by inputs desc, reason_code"
        ).fetchall()
        counts = connection.execute(
            "select (select count(*) from articles), (select count(*) from article_versions)"
        ).fetchone()
        files = data_files(connection)
    articles, versions = counts if counts else (0, 0)
    return Status(
        runs,
        rejects,
        int(articles),
        int(versions),
        files,
        _bytes_under(warehouse),
        pending_steps(warehouse),
    )


def _bytes_under(warehouse: Warehouse) -> int:
    total = 0
    for directory, _, names in os.walk(warehouse.root):
        for name in names:
            try:
                total += os.lstat(os.path.join(directory, name)).st_size
            except OSError:  # removed by a compaction meanwhile
                continue
    return total
