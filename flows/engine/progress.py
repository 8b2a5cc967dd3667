"""A one-line progress bar with rate and ETA for long ingests, on a terminal only."""

from __future__ import annotations

import time
from typing import TextIO

_WIDTH = 24


class Progress:
    """Redraws one line on `stream` after each batch; silent unless `enabled`.

    Batches are the unit of work (a file's inputs commit together), so the bar moves by
    batch; the rate and ETA are over files, whose total a quick listing pass counted.
    """

    def __init__(self, total_files: int, stream: TextIO, *, enabled: bool) -> None:
        self.total = total_files
        self.stream = stream
        self.enabled = enabled and total_files > 0
        self.done = 0
        self.started = time.monotonic()

    def advance(self, files: int, ingested: int, rejected: int) -> None:
        self.done += files
        if self.enabled:
            self.stream.write("\r" + self.line(ingested, rejected, time.monotonic()))
            self.stream.flush()

    def line(self, ingested: int, rejected: int, now: float) -> str:
        """The bar as text (public so it can be tested without a terminal)."""
        share = min(1.0, self.done / self.total) if self.total else 1.0
        filled = round(share * _WIDTH)
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        return (
            f"[{'#' * filled}{'.' * (_WIDTH - filled)}] {self.done:,}/{self.total:,} files "
            f"{rate:,.0f}/s ETA {_duration(left)}  ingested {ingested:,} rejected {rejected:,}"
        )

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"
