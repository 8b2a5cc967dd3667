"""A one-line progress bar on a terminal, moved by every input, with log lines kept above it.

The bar counts files (of a total a quick listing pass found), articles found and inputs
rejected so far, the rate in inputs per second and an ETA over files. Inputs report as
they are processed (`input_done`), so it moves while a batch is still being read; each
finished batch then sets the counts to the committed ones (`batch_done`), which also moves
it on runners whose batches run in other processes. A log line written with `write_line`
while a bar is drawn goes above the bar, never into it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TextIO

_WIDTH = 24
# Redraw at most this often: a run of small inputs reports thousands per second.
_REDRAW_S = 0.1
_CLEAR = "\r\x1b[K"
# Outcomes `input_done` is told (flows/engine/batch.py reports them).
ARTICLE, REJECTED, UNCHANGED = "article", "rejected", "unchanged"

_lock = threading.Lock()
_active: Progress | None = None


class Progress:
    """Draws on `stream` when `enabled` (the CLI enables it on a terminal only)."""

    def __init__(
        self,
        total_files: int,
        stream: TextIO,
        *,
        enabled: bool,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = total_files
        self.stream = stream
        self.enabled = enabled and total_files > 0
        self.clock = clock
        self.started = clock()
        self.files = self.inputs = self.articles = self.rejected = 0
        self._committed_files = 0
        self._last_file: str | None = None
        self._drawn_at: float | None = None
        if self.enabled:
            _set_active(self)

    def input_done(self, uri: str, outcome: str) -> None:
        """One input done: `outcome` is ARTICLE, REJECTED or UNCHANGED."""
        file = uri.split("#", 1)[0]  # a WARC record or JSON line names its file first
        if file != self._last_file:
            self._last_file = file
            self.files += 1
        self.inputs += 1
        self.articles += outcome == ARTICLE
        self.rejected += outcome == REJECTED
        self._draw(force=False)

    def set_aside(self) -> None:
        """A file set aside before any batch (the manifest vouches for it; told as an input
        too): done for good, as a batch's files are once it commits."""
        self._committed_files += 1

    def batch_done(self, files: int, articles: int, rejected: int, inputs: int) -> None:
        """A batch of `files` committed; the counts are the run's committed totals."""
        self._committed_files += files
        self.files = self._committed_files
        self.articles, self.rejected, self.inputs = articles, rejected, inputs
        self._last_file = None
        self._draw(force=True)

    def line(self, now: float) -> str:
        """The bar as text (public so it can be tested without a terminal)."""
        done = min(self.files, self.total)
        share = done / self.total if self.total else 1.0
        filled = round(share * _WIDTH)
        elapsed = max(now - self.started, 1e-9)
        rate = self.inputs / elapsed
        eta = _duration(elapsed * (self.total - done) / done) if done else "?"
        return (
            f"[{'#' * filled}{'.' * (_WIDTH - filled)}] {done:,}/{self.total:,} files  "
            f"{self.articles:,} articles  {self.rejected:,} rejected  {rate:,.0f}/s  ETA {eta}"
        )

    def write_above(self, text: str) -> None:
        """Write a line above the bar and draw the bar again under it."""
        with _lock:
            self.stream.write(_CLEAR + text.rstrip("\n") + "\n")
            if self._drawn_at is not None:
                self.stream.write(self.line(self.clock()))
            self.stream.flush()

    def close(self) -> None:
        global _active
        if not self.enabled:
            return
        self._draw(force=True)
        with _lock:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn_at = None
            if _active is self:
                _active = None

    def _draw(self, *, force: bool) -> None:
        if not self.enabled:
            return
        now = self.clock()
        if not force and self._drawn_at is not None and now - self._drawn_at < _REDRAW_S:
            return
        with _lock:
            self.stream.write(_CLEAR + self.line(now))
            self.stream.flush()
            self._drawn_at = now


def write_line(text: str, stream: TextIO) -> None:
    """Write a line to the terminal: above the bar while one is drawn, else to `stream`."""
    bar = _active
    if bar is not None:
        bar.write_above(text)
        return
    with _lock:
        stream.write(text.rstrip("\n") + "\n")
        stream.flush()


def _set_active(bar: Progress) -> None:
    global _active
    with _lock:
        _active = bar


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"
