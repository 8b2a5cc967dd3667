"""The steps after the commits start on a fresh DuckDB instance only after a large step."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsnorm.flows.engine import followups
from newsnorm.flows.engine.followups import LARGE_STEP, LEARNING, LINKING, after_commits
from newsnorm.transforms.stories import StorySettings
from newsnorm.warehouse.lake import Warehouse


@pytest.mark.parametrize(
    ("seen", "linked", "recycles"),
    [
        (5, 3, 0),  # a run of a few files: one instance for every step
        (LARGE_STEP, 3, 3),  # large batches: before linking, and after each step
        (5, LARGE_STEP, 2),  # a small run that linked a large backlog: after linking's scans
        (5, None, 2),  # linking failed, having scanned who knows what
    ],
)
def test_a_fresh_instance_follows_only_a_large_step(
    seen: int,
    linked: int | None,
    recycles: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []

    def link(*args: object) -> int:
        calls.append("link")
        if linked is None:
            raise OSError("disk full")
        return linked

    monkeypatch.setattr(followups, "recycle_instance", lambda: calls.append("recycle"))
    monkeypatch.setattr(followups, "_link", link)
    monkeypatch.setattr(followups, "_learn", lambda *args: calls.append("learn"))
    results = after_commits(Warehouse.at(tmp_path), "run", StorySettings(), None, seen)
    assert calls.count("recycle") == recycles
    assert calls.index("link") < calls.index("learn")
    assert results.done == ([LEARNING] if linked is None else [LINKING, LEARNING])
