"""The Prefect flow end to end, under one session-scoped test harness (slow start-up): run
in process with --prefect, and by the real command with PREFECT_API_URL set."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsnorm.flows.cli import EXIT_INTERRUPTED, EXIT_OK, EXIT_REJECTS, main
from newsnorm.flows.engine import followups
from newsnorm.flows.engine.followups import COMPACTION, LEARNING, LINKING, pending_steps
from newsnorm.warehouse.lake import Warehouse
from tests_support import (
    NEWSNORM,
    SEED,
    SEED_TEXT,
    sending_sigterm,
    sigterm_left_to_the_command,
    terminal_env,
)

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
    args = ["ingest", str(sources), "--warehouse", str(warehouse.root), "--prefect"]

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


@pytest.mark.usefixtures("prefect_harness")
def test_the_flow_without_a_warehouse_writes_to_newsnorm_warehouse(
    warehouse: Warehouse,
    sql: Callable[..., list[tuple[Any, ...]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A deployment that names no warehouse (prefect.yaml's) writes where the worker's
    $NEWSNORM_WAREHOUSE says, as every command does."""
    from newsnorm.flows.orchestration.ingest_flow import ingest_articles

    monkeypatch.setenv("NEWSNORM_WAREHOUSE", str(warehouse.root))
    counts = ingest_articles(sources=[str(SEED)])
    assert counts["ingested"] == 1
    assert sql("select title from articles") == [(SEED_TEXT.splitlines()[0],)]


def _artifact_keys() -> set[str]:
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        return {artifact.key for artifact in client.read_artifacts() if artifact.key}


@pytest.mark.usefixtures("prefect_harness")
def test_with_a_prefect_api_configured_the_same_ingest_is_a_recorded_flow_run(
    warehouse: Warehouse, sql: Callable[..., list[tuple[Any, ...]]], tmp_path: Path
) -> None:
    from prefect.client.orchestration import get_client
    from prefect.settings import get_current_settings

    api = str(get_current_settings().api.url)
    done = subprocess.run(
        [NEWSNORM, "ingest", str(SEED), "--warehouse", str(warehouse.root)],
        env=terminal_env(tmp_path, PREFECT_API_URL=api),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == EXIT_OK, done.stderr
    assert done.stdout.startswith("ingested 1, duplicate 0, unchanged 0, rejected 0")
    assert done.stderr == ""  # Prefect's own log lines stay off the terminal
    [(flow_run_id,)] = sql("select flow_run_id from runs")
    with get_client(sync_client=True) as client:
        flow_run = client.read_flow_run(flow_run_id)
    assert flow_run.state is not None
    assert flow_run.state.is_completed()


@pytest.mark.usefixtures("prefect_harness")
def test_sigterm_stops_a_prefect_run_as_it_stops_one_without_prefect(
    warehouse: Warehouse,
    sql: Callable[..., list[tuple[Any, ...]]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Prefect's engine raised its TerminationSignal in the middle of story linking: a
    # traceback, exit 1, and the run's row left `running` with nothing counted.
    sources = tmp_path / "in"
    sources.mkdir()
    shutil.copy(SEED, sources / "seed.txt")
    monkeypatch.setattr(followups, "_link", sending_sigterm(followups._link))
    args = ["ingest", str(sources), "--warehouse", str(warehouse.root), "--prefect"]
    with sigterm_left_to_the_command():
        assert main(args) == EXIT_INTERRUPTED
    assert "newsnorm ingest: cancelled; run " in capsys.readouterr().err
    assert sql("select status, seen, ingested from runs") == [("cancelled", 1, 1)]
    assert {step.step for step in pending_steps(warehouse)} == {LINKING, LEARNING, COMPACTION}
