"""The progress bar: moved by every input, rate and ETA, log lines above it, silent off a
terminal."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsnorm.flows.engine import progress as progress_module
from newsnorm.flows.engine.progress import ARTICLE, REJECTED, UNCHANGED, Progress, write_line


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_line_shows_files_articles_rejects_rate_and_eta() -> None:
    clock = Clock()
    bar = Progress(1000, io.StringIO(), enabled=True, clock=clock)
    for n in range(250):
        bar.input_done(f"file:///in/{n}.txt", REJECTED if n % 25 == 0 else ARTICLE)
    clock.now += 5.0
    line = bar.line(clock.now)
    assert line.startswith("[######..................] 250/1,000 files  240 articles  10 rejected")
    assert line.endswith("50/s  ETA 15s")
    bar.close()


def test_records_of_one_file_count_as_one_file() -> None:
    bar = Progress(2, io.StringIO(), enabled=True, clock=Clock())
    for line in range(1, 4):
        bar.input_done(f"file:///in/feed.jsonl#line={line}", ARTICLE)
    bar.input_done("file:///in/other.txt", UNCHANGED)
    assert (bar.files, bar.articles, bar.inputs) == (2, 3, 4)
    bar.close()


def test_long_waits_read_in_minutes_and_hours() -> None:
    clock = Clock()
    bar = Progress(100_000, io.StringIO(), enabled=True, clock=clock)
    for n in range(100):
        bar.input_done(f"file:///{n}", ARTICLE)
    assert "ETA 1h23m" in bar.line(clock.now + 5.0)
    bar.close()


def test_a_log_line_goes_above_the_bar_never_into_it() -> None:
    stream = io.StringIO()
    bar = Progress(10, stream, enabled=True, clock=Clock())
    bar.input_done("file:///a", ARTICLE)
    write_line("newsnorm: warning: something", stream)
    bar.close()
    lines = stream.getvalue().split("\n")
    # The bar line was cleared before the log line, and drawn again below it.
    assert lines[0].endswith("\r\x1b[Knewsnorm: warning: something")
    assert lines[1].startswith("[##")
    assert "1/10 files" in lines[1]
    assert progress_module._active is None


def test_disabled_bar_writes_nothing() -> None:
    stream = io.StringIO()
    bar = Progress(10, stream, enabled=False)
    bar.input_done("file:///a", ARTICLE)
    bar.batch_done(5, 5, 0, 5)
    bar.close()
    assert stream.getvalue() == ""


def test_ingest_moves_the_bar_per_input_not_per_batch(
    ingest: Callable[..., Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(progress_module, "_REDRAW_S", 0.0)  # draw every input
    for n in range(4):
        (tmp_path / f"s{n}.txt").write_text(
            f"Story {n} about the vote\n\nBy Jane Doe\n\nThe county board approved the new "
            f"budget on Monday after a long debate about roads and schools, item {n}.\n"
        )
    ingest(tmp_path, batch_files=4, progress=True)
    err = capsys.readouterr().err
    # One batch, yet the bar moved with each of its four inputs, then settled.
    drawn = [part for part in err.split("\r\x1b[K") if part.startswith("[")]
    assert [part.split(" files")[0].split("] ")[1] for part in drawn][:4] == [
        "1/4",
        "2/4",
        "3/4",
        "4/4",
    ]
    assert "4/4 files  4 articles  0 rejected" in drawn[-1]
    assert err.endswith("\n")
