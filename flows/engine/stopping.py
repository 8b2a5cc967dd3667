"""A request to stop this process's run between two inputs (Ctrl-C, SIGTERM).

A signal handler may only set a flag; the run checks it between inputs and between
batches, where stopping leaves nothing half-done: every committed chunk stays and is counted,
the chunk in progress is dropped uncommitted, and the run is recorded as `cancelled`.
Signals belong to the process, so the request does too: `STOP` is the one this process's
runs check.
"""

from __future__ import annotations

import threading


class StopRequested(Exception):
    """Raised between inputs once a stop was requested; the runner records the run as
    cancelled and raises its own RunCancelled with the run's counts."""


class StopSwitch:
    """A flag set from a signal handler and checked by the run."""

    def __init__(self) -> None:
        self._requested = threading.Event()
        self.reason = ""

    @property
    def requested(self) -> bool:
        return self._requested.is_set()

    def request(self, reason: str) -> None:
        self.reason = reason
        self._requested.set()

    def check(self) -> None:
        """Raise StopRequested if a stop was requested (call it where stopping is safe)."""
        if self._requested.is_set():
            raise StopRequested(self.reason)

    def clear(self) -> None:
        self._requested.clear()
        self.reason = ""


STOP = StopSwitch()
