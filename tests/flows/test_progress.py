"""The progress bar: rate and ETA on a terminal, silent elsewhere and under --quiet."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsnorm.flows.engine.progress import Progress


def test_line_shows_share_rate_and_eta() -> None:
    progress = Progress(1000, io.StringIO(), enabled=True)
    progress.done = 250
    line = progress.line(ingested=240, rejected=10, now=progress.started + 5.0)
    assert line.startswith("[######..................] 250/1,000 files 50/s ETA 15s")
    assert line.endswith("ingested 240 rejected 10")
    progress.done = 1000
    assert "ETA 0s" in progress.line(0, 0, progress.started + 5.0)


def test_long_waits_read_in_minutes_and_hours() -> None:
    progress = Progress(100_000, io.StringIO(), enabled=True)
    progress.done = 100
    assert "ETA 1h23m" in progress.line(0, 0, progress.started + 5.0)


def test_disabled_bar_writes_nothing() -> None:
    stream = io.StringIO()
    progress = Progress(10, stream, enabled=False)
    progress.advance(5, 5, 0)
    progress.close()
    assert stream.getvalue() == ""


def test_ingest_draws_the_bar_per_batch(
    ingest: Callable[..., Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for n in range(4):
        (tmp_path / f"s{n}.txt").write_text(
            f"Story {n} about the vote\n\nBy Jane Doe\n\nThe county board approved the new "
            f"budget on Monday after a long debate about roads and schools, item {n}.\n"
        )
    ingest(tmp_path, batch_files=2, progress=True)
    err = capsys.readouterr().err
    assert err.count("\r[") == 2
    assert "4/4 files" in err
    assert err.endswith("\n")
