"""Golden cases as data: tests/golden/<adapter>/<case>.txt and <case>.expected.json.

The cases, their runs and their checks are `newsnorm.flows.cli.golden`'s, shared with
`newsnorm adapters golden` and plugin packages; here they run with the built-in adapters only,
so a plugin installed beside newsnorm cannot change our expected output.
"""

from __future__ import annotations

from pathlib import Path

from newsnorm.flows.cli.golden import (
    OMITTED_COLUMNS,
    GoldenCase,
    Outcome,
    cases_at,
    dump,
    outcome,
)
from newsnorm.transforms.adapters.registry import load_adapters
from tests_support import GOLDEN

__all__ = ["GOLDEN", "OMITTED_COLUMNS", "GoldenCase", "dump"]

BUILTINS = load_adapters(include_plugins=False)


def discover() -> list[GoldenCase]:
    return cases_at([GOLDEN])


def run(raw: Path) -> Outcome:
    return outcome(raw, BUILTINS)


def actual_output(raw: Path) -> dict[str, object]:
    """What the pipeline makes of the raw file, as stable, readable JSON data."""
    return run(raw).output
