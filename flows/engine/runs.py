"""The `runs` table's row, one builder for ingest, reprocess and forget runs alike, and its
writing."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib.metadata import version

from newsnorm.flows.engine.counts import Counts
from newsnorm.flows.engine.rows import Row, RunStamp
from newsnorm.flows.engine.stopping import STOP
from newsnorm.schemas.tables import RUNS
from newsnorm.schemas.validate import version_of
from newsnorm.warehouse.lake import Warehouse, open_warehouse
from newsnorm.warehouse.writer import record_run

RUN_KINDS = ("ingest", "reprocess", "forget")
# running: in progress (or killed: the next run marks it abandoned); completed: every step
# done; partial: every batch committed, but a step after them failed (linking, compaction,
# the search index: `newsnorm status` says which, and the next run does it); failed: an
# error stopped it; cancelled: stopped on request (Ctrl-C, SIGTERM) between inputs;
# abandoned: its process died. Committed batches stay in every case.
RUN_STATUSES = ("running", "completed", "partial", "failed", "cancelled", "abandoned")


def run_row(
    stamp: RunStamp,
    kind: str,
    status: str,
    counts: Counts,
    *,
    seen: int | None = None,
    flow_run_id: str | None = None,
) -> Row:
    """A run's row as it stands: `status` one of RUN_STATUSES (running: no finish time yet).
    `seen` defaults to the sum of the counts (a reprocess knows its total up front)."""
    if kind not in RUN_KINDS:
        raise ValueError(f"unknown run kind {kind!r}: expected one of {', '.join(RUN_KINDS)}")
    if status not in RUN_STATUSES:
        raise ValueError(f"unknown run status {status!r}: expected one of {RUN_STATUSES}")
    return {
        "run_id": stamp.run_id,
        "flow_run_id": flow_run_id,
        "status": status,
        "started_at": stamp.at,
        "finished_at": None if status == "running" else datetime.now(UTC),
        "seen": counts.seen if seen is None else seen,
        "ingested": counts.ingested,
        "duplicate": counts.duplicate,
        "unchanged": counts.unchanged,
        "rejected": counts.rejected,
        "newsnorm_version": version("newsnorm"),
        "schema_version": version_of(RUNS),
        "skipped": counts.skipped,
        "kind": kind,
        "sources": list(stamp.sources),
        "settings": stamp.settings,
    }


def finish_run(warehouse: Warehouse, row: Row) -> None:
    """Record a run's final row (its counts and status) in a transaction of its own; where
    the command's handler holds a Ctrl-C (`stop_on_signals`: ingest, reprocess, forget), one
    more waits for it (a run left `running` is called abandoned by the next)."""
    with STOP.holding_one(), open_warehouse(warehouse, read_only=False) as connection:
        record_run(connection, row)
