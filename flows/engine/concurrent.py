"""Batches handed to a task runner (Prefect's, or Dask's through it), never more in flight
than the workers can take, each one's counts handed on as it finishes."""

from __future__ import annotations

import logging
import queue
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from newsnorm.flows.engine.counts import Counts

logger = logging.getLogger(__name__)

# A batch's job: the runner's `BatchJob`, small and picklable.
Job = TypeVar("Job")
Item = TypeVar("Item")
# How long one wait for a finished batch lasts before the next.
_GATHER_WAIT_S = 1.0


class BatchFuture(Protocol):
    """A batch submitted to a task runner: a Prefect future, or a concurrent.futures one."""

    def result(self) -> Counts: ...

    def add_done_callback(self, fn: Callable[[Any], None]) -> None: ...


@dataclass(frozen=True, slots=True)
class ConcurrentBatches(Generic[Job]):
    """Run batches concurrently: `submit` hands one to a task runner and returns at once.

    At most `in_flight` batches are submitted and not yet gathered, so memory stays bounded
    however long the listing; a few per worker keeps every worker busy between results.
    """

    submit: Callable[[Job], BatchFuture]
    in_flight: int


def run_concurrently(
    jobs: Iterable[Job],
    concurrent: ConcurrentBatches[Job],
    done: Callable[[Job, Counts], None],
) -> None:
    """Submit `jobs` as the listing yields them, never more than `concurrent.in_flight` at
    once, and hand each result to `done` as it finishes (in completion order).

    When a batch fails no more are submitted; those in flight are still gathered (their
    commits count) and the first error is raised (a KeyboardInterrupt a worker raised too).
    A KeyboardInterrupt here (a second Ctrl-C) is raised once those in flight are gathered.
    """
    finished: queue.SimpleQueue[tuple[Job, BatchFuture]] = queue.SimpleQueue()
    in_flight = 0
    errors: list[BaseException] = []

    def gather_one() -> None:
        nonlocal in_flight
        job, future = _next_finished(finished)
        in_flight -= 1
        try:
            batch_counts = future.result()
        except BaseException as err:  # a worker's KeyboardInterrupt too: the rest are counted
            if errors:  # the first error is raised; later ones are logged
                logger.error("another batch failed too: %s: %s", type(err).__name__, err)
            errors.append(err)
            return
        done(job, batch_counts)

    def when_done(job: Job, future: BatchFuture) -> Callable[[Any], None]:
        return lambda _: finished.put((job, future))

    try:
        for job in jobs:
            future = concurrent.submit(job)
            in_flight += 1
            future.add_done_callback(when_done(job, future))
            while in_flight >= max(concurrent.in_flight, 1) or (errors and in_flight):
                gather_one()
            if errors:
                break
        while in_flight:
            gather_one()
    except KeyboardInterrupt as err:  # a second Ctrl-C: the task runner waits for the
        errors.insert(0, err)  # batches in its workers anyway, so they are counted (a third
        while in_flight:  # ends the wait)
            gather_one()
    if errors:
        raise errors[0]


def _next_finished(finished: queue.SimpleQueue[Item]) -> Item:
    """The next batch to finish, waited for a second at a time: this thread (the main one)
    runs the signal handlers between waits, whatever the queue's wait does with signals."""
    while True:
        try:
            return finished.get(timeout=_GATHER_WAIT_S)
        except queue.Empty:
            continue
