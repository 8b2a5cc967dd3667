"""A request to stop this process's run between two inputs (Ctrl-C, SIGTERM).

A signal handler may only set a flag; the run checks it between inputs and between
batches, where stopping leaves nothing half-done: every committed chunk stays and is counted,
the chunk in progress is dropped uncommitted, and the run is recorded as `cancelled`.
Signals belong to the process, so the request does too: `STOP` is the one this process's
runs check.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import BrokenExecutor
from contextlib import contextmanager
from types import FrameType
from typing import TypeVar

Item = TypeVar("Item")


class StopRequested(Exception):
    """Raised between inputs once a stop was requested; the runner records the run as
    cancelled and raises its own RunCancelled with the run's counts."""


class StopSwitch:
    """A flag set from a signal handler and checked by the run."""

    def __init__(self) -> None:
        self._requested = threading.Event()
        self.reason = ""
        self._holding = False
        self._held = False

    @contextmanager
    def holding_one(self) -> Iterator[None]:
        """While a run records how it ended (its row, its pending steps), one more Ctrl-C
        waits for it: raised there, a second Ctrl-C left the row `running` for a later run
        to call abandoned. A further one still raises, should the record itself hang; one is
        held for the outermost block, however deep they nest."""
        outermost = not self._holding
        if outermost:
            self._holding, self._held = True, False
        try:
            yield
        finally:
            if outermost:
                self._holding = False

    def hold(self) -> bool:
        """Whether a signal that would interrupt the run is held instead (once a block)."""
        if self._holding and not self._held:
            self._held = True
            return True
        return False

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

SIGNAL_NAMES: dict[int, str] = {signal.SIGINT: "Ctrl-C", signal.SIGTERM: "SIGTERM"}


@contextmanager
def requesting_stop(numbers: Iterable[int] = tuple(SIGNAL_NAMES)) -> Iterator[None]:
    """While open, the first of these signals requests a stop (`STOP`) and a second raises
    KeyboardInterrupt at once, unless the run is recording how it ended
    (`StopSwitch.holding_one`); the handlers before are restored after. Off the main
    thread, where Python cannot set handlers, it does nothing."""

    def request_stop(signum: int, frame: FrameType | None) -> None:
        if not STOP.requested:
            STOP.request(SIGNAL_NAMES.get(signum, f"signal {signum}"))
        elif not STOP.hold():
            raise KeyboardInterrupt

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.signal(number, request_stop) for number in numbers}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def until_stopped(items: Iterable[Item]) -> Iterator[Item]:
    """`items` until a stop is requested: a loop with no input callback to check the stop
    in (batches handed to a task runner, whose listing was submitted to its end before a
    Ctrl-C could stop the run) ends there, and what is in flight finishes."""
    for item in items:
        if STOP.requested:
            return
        yield item


def query_interrupted(err: BaseException) -> bool:
    """A Ctrl-C that DuckDB took: it interrupts the query it runs and raises its own error
    (`InterruptException`, or a RuntimeError 'Query interrupted' from a statement or an
    ATTACH), not KeyboardInterrupt. The command line exits 130 on it, and a run it ends is
    `cancelled`, not `failed`."""
    if type(err).__name__ == "InterruptException":
        return True
    return isinstance(err, RuntimeError) and str(err).startswith("Query interrupted")


def stopped_by(err: BaseException) -> bool:
    """Whether an error that ends a run is a stop: one requested (`StopRequested`), a Ctrl-C
    raised as such, one DuckDB took inside a query, or the worker pool broken once a stop
    was requested (a SIGTERM to the whole process group ends the workers too). The run is
    then `cancelled`."""
    if isinstance(err, BrokenExecutor):
        return STOP.requested
    return isinstance(err, (StopRequested, KeyboardInterrupt)) or query_interrupted(err)
