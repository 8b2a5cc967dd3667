"""Shared fixtures: repository paths, a fresh warehouse, and Prefect's test harness."""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from newsnorm.flows.engine.runner import RunSummary, execute_ingest
from newsnorm.flows.engine.settings import IngestSettings
from newsnorm.flows.orchestration.prefect_env import apply_prefect_defaults
from newsnorm.warehouse.lake import Warehouse, open_warehouse

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_352b49fc68c11569.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

apply_prefect_defaults()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/**/*.expected.json from the current output (then read the diff)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect server for the whole session (it takes seconds to start).

    The start-up limit comes from PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS (set by
    `apply_prefect_defaults`): in a fresh virtualenv the first start compiles and migrates,
    and took longer than the harness's own 30 s default in CI.
    """
    from prefect.testing.utilities import prefect_test_harness

    # A SIGTERM to pytest (a CI timeout, `kill`) would end it without teardown and leave the
    # harness's server running, orphaned: stop the way Ctrl-C does, which tears it down.
    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        with prefect_test_harness(server_startup_timeout=None):
            yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@pytest.fixture
def warehouse(tmp_path: Path) -> Warehouse:
    return Warehouse.at(tmp_path / "warehouse")


@pytest.fixture
def ingest(warehouse: Warehouse) -> Callable[..., RunSummary]:
    """Run an ingest without Prefect (strict: our own bugs raise in tests)."""

    def run(*sources: Path | str, **options: Any) -> RunSummary:
        options.setdefault("strict", True)
        settings = IngestSettings(warehouse=warehouse, **options)
        return execute_ingest([str(source) for source in sources], settings)

    return run


@pytest.fixture
def sql(warehouse: Warehouse) -> Callable[..., list[tuple[Any, ...]]]:
    """Query the warehouse read-only, as an analyst would."""

    def run(statement: str, *parameters: object) -> list[tuple[Any, ...]]:
        with open_warehouse(warehouse, read_only=True) as connection:
            return connection.execute(statement, list(parameters)).fetchall()

    return run
