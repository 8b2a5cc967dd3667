"""A requested stop of a served flow run (SIGTERM: how `serve` ends, and how it hands on
Ctrl-C) logs one line, not Prefect's ERROR traceback; a real failure keeps its traceback.

The flow is run as `serve`'s runner runs it in a flow-run process (`run_flow` with the flow
run's error logger, inside Prefect's `handle_engine_signals`, which turns the run's end into
the process's exit status), under the session's test harness."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from newsnorm.flows.engine import runner
from newsnorm.flows.engine.stopping import STOP
from newsnorm.flows.orchestration.quiet_stops import FLOW_RUN_LOGGER
from tests_support import SEED, sending_sigterm, sigterm_left_to_the_command

pytestmark = pytest.mark.prefect


class _Kept(logging.Handler):
    """Every record that reaches the root logger once `attach` is called: from inside the
    run, after Prefect configured its logging for it (which replaces handlers added before)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def attach(self) -> None:
        logging.getLogger().addHandler(self)


@contextmanager
def _logged() -> Iterator[_Kept]:
    kept = _Kept()
    try:
        yield kept
    finally:
        logging.getLogger().removeHandler(kept)


def _run_served(tmp_path: Path) -> None:
    """The flow as a served run's process runs it: errors to the flow run's logger."""
    from prefect.engine import handle_engine_signals
    from prefect.flow_engine import run_flow
    from prefect.settings import PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW, temporary_settings

    from newsnorm.flows.orchestration.ingest_flow import ingest_articles

    sources = tmp_path / "in"
    sources.mkdir()
    shutil.copy(SEED, sources / "seed.txt")
    parameters = {"sources": [str(sources)], "warehouse": str(tmp_path / "warehouse")}
    # The engine's own error logger carries the flow run's id and name; this one a name.
    logger = logging.LoggerAdapter(
        logging.getLogger(FLOW_RUN_LOGGER), {"flow_run_name": "served", "flow_name": "ingest"}
    )
    with (
        temporary_settings({PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW: "ignore"}),
        handle_engine_signals(),
    ):
        run_flow(ingest_articles, parameters=parameters, error_logger=logger)  # type: ignore[arg-type]


@pytest.mark.usefixtures("prefect_harness")
def test_sigterm_in_a_batch_logs_one_line_and_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = sending_sigterm(runner.ingest_batch)
    with _logged() as kept:

        def signalled(*args: Any, **kwargs: Any) -> Any:
            kept.attach()
            return real(*args, **kwargs)

        monkeypatch.setattr(runner, "ingest_batch", signalled)
        STOP.clear()
        try:
            with sigterm_left_to_the_command(), pytest.raises(SystemExit) as ended:
                _run_served(tmp_path)
        finally:
            STOP.clear()
    # The flow-run process exits 0 (its end, cancelled, is recorded on the server).
    assert ended.value.code == 0
    records = kept.records
    errors = [record.getMessage() for record in records if record.levelno >= logging.ERROR]
    assert errors == []
    assert not [record for record in records if record.exc_info]
    stopped = [record.getMessage() for record in records if "stopped by" in record.getMessage()]
    assert len(stopped) == 1, [(r.name, r.levelname, r.getMessage()) for r in records]
    assert stopped[0].startswith("stopped by SIGTERM: run ")


@pytest.mark.usefixtures("prefect_harness")
def test_a_real_failure_in_a_served_run_still_logs_its_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _logged() as kept:

        def broken(*args: Any, **kwargs: Any) -> Any:
            kept.attach()
            raise ValueError("a bug of ours")

        monkeypatch.setattr(runner, "ingest_batch", broken)
        with pytest.raises(SystemExit):  # Prefect's exit once the failed state is recorded
            _run_served(tmp_path)
    records = kept.records
    engine = [
        record
        for record in records
        if record.levelno >= logging.ERROR and record.name == FLOW_RUN_LOGGER and record.exc_info
    ]
    assert "Engine execution exited with unexpected exception" in [r.msg for r in engine]
    assert {type(record.exc_info[1]) for record in engine if record.exc_info} == {ValueError}
    assert any(
        record.name == "prefect.task_runs" and record.exc_info and record.levelno >= logging.ERROR
        for record in records
    )
