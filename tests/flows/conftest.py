"""Fixtures the flow tests share."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsnorm.flows.engine import workers
from newsnorm.flows.engine.workers import TransformPool
from newsnorm.transforms.adapters.registry import load_adapters


@pytest.fixture
def in_workers(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The pool workers' functions, run in this process (the pool's own tests run real ones)."""
    monkeypatch.setattr(workers, "_adapters", tuple(load_adapters()))
    return


@pytest.fixture
def pool(monkeypatch: pytest.MonkeyPatch) -> Iterator[TransformPool]:
    """A pool of two real worker processes, sent every chunk however small."""
    monkeypatch.setattr(workers, "MIN_POOLED", 1)  # every chunk goes to the workers
    started = TransformPool(2)
    try:
        yield started
    finally:
        started.close()
