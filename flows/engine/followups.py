"""The steps after a run's batches are committed: story linking, learning boilerplate from the
linked copies, compaction, the search index.

Each can fail on its own (a full disk, a bug) after the run's articles are safely
committed. Such a failure does not undo the run and is not logged away: the run is recorded
as `partial`, the summary line and the exit status say which step failed and why, and the
failure is kept in `pending-steps.json` beside the catalog, which `newsnorm status` shows,
until a later run does the step. Each step is one a later run redoes by itself: linking
takes every article not linked yet, learning every run not counted yet, compaction and the
search index look at the whole warehouse.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from newsnorm.flows.engine import learning
from newsnorm.flows.engine.defaults import DEFAULT_RETAIN_SECONDS
from newsnorm.flows.engine.rows import Row
from newsnorm.flows.engine.runs import finish_run
from newsnorm.flows.engine.stopping import STOP, StopRequested, query_interrupted, stopped_by
from newsnorm.flows.engine.taught import TaughtLines
from newsnorm.flows.stories import linking
from newsnorm.flows.stories.handed import HandedFingerprints
from newsnorm.transforms.stories import StorySettings
from newsnorm.warehouse.compact import compact_connection, data_files
from newsnorm.warehouse.instance import recycle_instance
from newsnorm.warehouse.lake import Warehouse, open_warehouse
from newsnorm.warehouse.search import refresh_search_index, search_index_path

logger = logging.getLogger(__name__)

LINKING = "story linking"
LEARNING = "boilerplate learning"
COMPACTION = "compaction"
SEARCH_INDEX = "search index"
PENDING_FILE = "pending-steps.json"
# How a step a stop left undone gives its reason ('cancelled by SIGTERM').
CANCELLED_BY = "cancelled by "
# Inputs (or linked articles) past which a step's scans leave enough memory with the DuckDB
# instance that the next step starts on a fresh one.
LARGE_STEP = 1_000


@dataclass(frozen=True, slots=True)
class StepFailure:
    """A step that failed after the run's articles were committed, and why."""

    step: str
    error: str

    def describe(self) -> str:
        return f"{self.step} {_outcome(self.error)} ({self.error})"


@dataclass(frozen=True, slots=True)
class PendingStep:
    """A step a run could not do, as `pending-steps.json` keeps it for `status`."""

    step: str
    run_id: str
    failed_at: str
    error: str

    @property
    def outcome(self) -> str:
        """'failed', or 'stopped' for a step a Ctrl-C or SIGTERM left undone."""
        return _outcome(self.error)


def _outcome(error: str) -> str:
    return "stopped" if error.startswith(CANCELLED_BY) else "failed"


@dataclass(slots=True)
class StepResults:
    """Which steps a run did and which failed."""

    done: list[str] = field(default_factory=list)
    failed: list[StepFailure] = field(default_factory=list)
    cancelled: bool = False

    def run(self, step: str, action: Callable[[], object]) -> None:
        """Do one step; a failure is kept, not raised (the run's articles are committed).
        Once a stop is requested (Ctrl-C) a step is not begun, and one that checks between
        its transactions (linking's chunks) ends there: left pending for the next run."""
        try:
            STOP.check()
            action()
        except StopRequested as stop:
            self.cancelled = True
            self.failed.append(StepFailure(step, f"{CANCELLED_BY}{stop}"))
        except Exception as err:
            if query_interrupted(err):  # a second Ctrl-C that DuckDB took: stop, as on any
                raise KeyboardInterrupt from err
            logger.info("%s failed", step, exc_info=True)  # the traceback, for --verbose
            self.failed.append(StepFailure(step, describe_error(err)))
        else:
            self.done.append(step)

    @property
    def failures(self) -> tuple[StepFailure, ...]:
        return tuple(self.failed)

    def status(self) -> str:
        """The run's status once its batches are committed: a stop requested during the
        steps after them (Ctrl-C) cancels it, a failed step makes it partial."""
        if self.cancelled:
            return "cancelled"
        return "partial" if self.failed else "completed"


def after_commits(
    warehouse: Warehouse,
    run_id: str,
    stories: StorySettings,
    handed: HandedFingerprints | None = None,
    processed: int = LARGE_STEP,
    taught: TaughtLines | None = None,
    results: StepResults | None = None,
) -> StepResults:
    """Story linking (with the fingerprints the run's workers `handed` over), then learning
    boilerplate (copies are known once linked; with the lines the batches kept, `taught`),
    under the writer lock the caller holds. `processed`: the run's inputs less those set aside
    as unchanged before batching (no batch read them), which say whether its steps are large.
    `results` is filled as the steps end (a KeyboardInterrupt in one leaves what was done)."""
    results = StepResults() if results is None else results
    # After a large step the next starts on a fresh DuckDB instance: the batches' and
    # linking's scans leave memory with the one they used (100,000 articles: learning peaked
    # 260 MiB above what linking left). A small run's steps share one: a fresh instance
    # costs ~0.1 s, three of them most of a run of a few files.
    _recycle_if(processed >= LARGE_STEP)
    linked: list[int] = []
    results.run(LINKING, lambda: linked.append(_link(warehouse, run_id, stories, handed)))
    large = processed >= LARGE_STEP or not linked or linked[0] >= LARGE_STEP  # failed: unknown
    _recycle_if(large)
    results.run(LEARNING, lambda: _learn(warehouse, taught))
    _recycle_if(large)
    return results


def _recycle_if(large: bool) -> None:
    if large:
        recycle_instance()


def compact(warehouse: Warehouse, compact_after_files: int, results: StepResults) -> None:
    """Compaction past `compact_after_files` data files (0: never), last under the writer
    lock, after the run's own row is written: that row's file is merged too."""
    if compact_after_files:
        results.run(COMPACTION, lambda: _compact_if_needed(warehouse, compact_after_files))


def refresh_search(warehouse: Warehouse, results: StepResults) -> None:
    """Keep the search index current where one exists (`newsnorm search` builds it on first
    use, so warehouses nobody searches pay nothing). Needs no writer lock: it only reads
    the catalog."""
    if not search_index_path(warehouse).exists():
        results.done.append(SEARCH_INDEX)  # nothing to keep current
        return

    def refresh() -> None:
        if refresh_search_index(warehouse):
            logger.info("search index of %s rebuilt", warehouse.root)

    results.run(SEARCH_INDEX, refresh)


def _link(
    warehouse: Warehouse, run_id: str, stories: StorySettings, handed: HandedFingerprints | None
) -> int:
    """Link the articles not linked yet; how many it linked."""
    try:
        summary = linking.link_in_passes(warehouse, run_id, stories, handed=handed)
    finally:
        if handed is not None:
            handed.close()  # its temporary file: linking has taken what it will
    if summary.articles:
        logger.info("stories: %s", summary.describe())
    return summary.articles


def _learn(warehouse: Warehouse, taught: TaughtLines | None = None) -> None:
    try:
        with open_warehouse(warehouse, read_only=False) as connection:
            summary = learning.learn_new_stories(connection, learning.LEARN_CHUNK, taught)
    finally:
        if taught is not None:
            taught.close()  # its temporary file: learning has taken what it will
    if summary.stories:
        logger.info("learned boilerplate: %s", summary.describe())


def _compact_if_needed(warehouse: Warehouse, threshold: int) -> None:
    """Every run adds Parquet files; past `threshold` merge them (the lock is held)."""
    with open_warehouse(warehouse, read_only=False) as connection:
        if data_files(connection) <= threshold:
            return
        result = compact_connection(connection, DEFAULT_RETAIN_SECONDS)
    logger.info(
        "compacted %s: %s -> %s data files", warehouse.root, result.files_before, result.files_after
    )


def describe_error(err: BaseException) -> str:
    """One line: the exception's type and the gist of its message. DuckDB's run to several
    lines and put the cause last ("… Original error: <the OS's message>")."""
    text = " ".join(str(err).split())
    _, cause, original = text.rpartition("Original error: ")
    gist = original if cause else text
    return f"{type(err).__name__}: {gist}" if gist else type(err).__name__


def record_steps(
    warehouse: Warehouse, run_id: str, done: Sequence[str], failed: Sequence[StepFailure]
) -> None:
    """Forget the steps now `done`, keep the `failed` ones for `status`. Never raises: on a
    full disk this may fail too, and the run's own report still says what failed."""
    pending = {item.step: item for item in pending_steps(warehouse)}
    now = datetime.now(UTC).isoformat(timespec="seconds")
    changed = False
    for step in done:
        changed |= pending.pop(step, None) is not None
    for failure in failed:
        pending[failure.step] = PendingStep(failure.step, run_id, now, failure.error)
        changed = True
    if not changed:
        return
    try:
        _write(warehouse, list(pending.values()))
    except OSError as err:
        logger.warning("could not record the pending steps of run %s: %s", run_id, err)


def record_unfinished(
    warehouse: Warehouse, run_id: str, steps: StepResults, err: BaseException
) -> tuple[StepFailure, ...]:
    """An interrupted run's linking and learning not done, pending for `status` (the next
    run does them anyway): the batches or a step stopped by `err` (a Ctrl-C, a failure).
    Returns what it recorded."""
    if isinstance(err, StopRequested):
        error = f"{CANCELLED_BY}{err}"
    elif isinstance(err, KeyboardInterrupt):
        error = f"{CANCELLED_BY}a second Ctrl-C"
    elif stopped_by(err):
        error = f"{CANCELLED_BY}{STOP.reason}"
    else:
        error = f"not begun: {describe_error(err)}"
    left = tuple(StepFailure(step, error) for step in (LINKING, LEARNING) if step not in steps.done)
    record_steps(warehouse, run_id, (), left)
    return left


def end_unfinished_run(
    warehouse: Warehouse,
    run_id: str,
    steps: StepResults,
    err: BaseException,
    row: Callable[[str], Row],
    committed: bool,
) -> tuple[str, tuple[StepFailure, ...]]:
    """Record a run that `err` ended (ingest's or reprocess's): linking and learning left
    pending when it `committed` anything, its `row` `cancelled` on a stop, else `failed`.
    One more Ctrl-C waits for the record; a failure to write the row is logged, so the
    caller re-raises the original error. Returns the status and the steps left pending."""
    with STOP.holding_one():
        left = record_unfinished(warehouse, run_id, steps, err) if committed else ()
        status = "cancelled" if stopped_by(err) else "failed"
        try:
            finish_run(warehouse, row(status))
        except Exception:  # keep the original error; this one is secondary
            logger.exception("could not record run %s as %s", run_id, status)
    return status, left


def pending_steps(warehouse: Warehouse) -> list[PendingStep]:
    """The steps failed runs left for a later run, oldest failure first."""
    path = warehouse.root / PENDING_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        steps = [PendingStep(**item) for item in data]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, TypeError) as err:  # not ours, or damaged: start afresh
        logger.warning("ignoring %s: %s", path, err)
        return []
    return sorted(steps, key=lambda item: item.failed_at)


def _write(warehouse: Warehouse, steps: list[PendingStep]) -> None:
    path = warehouse.root / PENDING_FILE
    if not steps:
        path.unlink(missing_ok=True)
        return
    temporary = path.with_name(f".{PENDING_FILE}.{os.getpid()}")
    rows = [
        {"step": s.step, "run_id": s.run_id, "failed_at": s.failed_at, "error": s.error}
        for s in steps
    ]
    try:
        temporary.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
