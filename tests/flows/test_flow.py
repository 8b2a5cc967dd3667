"""The Prefect flow end to end, under one session-scoped test harness (slow start-up)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsnorm.flows.cli import EXIT_OK, EXIT_REJECTS, main
from newsnorm.warehouse.lake import Warehouse
from tests_support import SEED, SEED_TEXT

pytestmark = pytest.mark.prefect


@pytest.mark.usefixtures("prefect_harness")
def test_cli_ingest_runs_the_flow_twice_idempotently(
    warehouse: Warehouse,
    sql: Callable[..., list[tuple[Any, ...]]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sources = tmp_path / "in"
    sources.mkdir()
    shutil.copy(SEED, sources / "seed.txt")
    (sources / "empty.txt").write_bytes(b"")
    args = ["ingest", str(sources), "--warehouse", str(warehouse.root)]

    assert main(args) == EXIT_OK
    first = capsys.readouterr().out
    assert first.startswith("ingested 1, duplicate 0, unchanged 0, rejected 1 (seen 2;")
    assert main([*args, "--fail-on-reject"]) == EXIT_OK  # nothing new was rejected
    second = capsys.readouterr().out
    assert second.startswith("ingested 0, duplicate 0, unchanged 2, rejected 0 (seen 2;")

    assert sql("select title, authors from articles") == [
        (SEED_TEXT.splitlines()[0], ["Jake Smith"])
    ]
    runs = sql("select status, flow_run_id, seen, unchanged from runs order by started_at")
    assert [(status, seen, unchanged) for status, _, seen, unchanged in runs] == [
        ("completed", 2, 0),
        ("completed", 2, 2),
    ]
    assert all(flow_run_id for _, flow_run_id, _, _ in runs)
    assert _artifact_keys() >= {"ingest-summary"}

    (sources / "binary.bin").write_bytes(b"\x00\x01\x02" * 10)
    assert main([*args, "--fail-on-reject"]) == EXIT_REJECTS


def _artifact_keys() -> set[str]:
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        return {artifact.key for artifact in client.read_artifacts() if artifact.key}
