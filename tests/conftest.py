"""Shared fixtures: repository paths, a fresh warehouse, and Prefect's test harness."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from flows.prefect_env import apply_prefect_defaults

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
    """One temporary Prefect server for the whole session (it takes seconds to start)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness():
        yield
