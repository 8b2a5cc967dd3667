"""Both cores for the pure transforms: worker processes turn read inputs into articles
while this process reads, looks up and commits (the writer stays one).

The pool is started on the first chunk worth it (MIN_POOLED inputs to process: a small run
or a one-input batch costs less here than shipping it), lives for the run and is shut
down with it. Workers ignore Ctrl-C (the run stops between inputs here, and shuts them
down) and exit on their own within a second of this process dying, however it died.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from newsnorm.flows.engine.prebuilt import (
    ArticleFacts,
    Prebuilt,
    PrebuiltGroup,
    RowRef,
    build_group,
    facts_made,
    read_group,
)
from newsnorm.flows.engine.processing import BatchSettings, process_here, process_input
from newsnorm.flows.engine.reading import RawInput
from newsnorm.flows.engine.taught import TaughtLines, article_lines
from newsnorm.flows.stories.handed import HandedFingerprints
from newsnorm.transforms.adapters.base import SourceAdapter
from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.handoff import packed_body
from newsnorm.transforms.pipeline import Processed
from newsnorm.transforms.stories import StorySettings

# Fewer inputs than this in a chunk are processed in this process.
MIN_POOLED = 64
# Inputs sent to a worker at once: few enough that both stay busy to a chunk's end.
SEND_AT_ONCE = 16
_WATCH_PARENT_S = 0.5

_Item = tuple[RawInput, BatchSettings, StorySettings | None, bool]


@dataclass(frozen=True, slots=True)
class _Article:
    """A worker's article, its packed story fingerprint (transforms.handoff) and the lines it
    would teach learning (flows/engine/taught.py), each when asked for."""

    processed: Processed
    packed: bytes | None
    lines: frozenset[str] | None


# A rejection crosses back as its code and message (DocumentRejected does not pickle).
_Done = _Article | tuple[str, str]
# An article crosses pickled, with what a batch asks of it and its packed fingerprint.
_Result = tuple[bytes, ArticleFacts, bytes | None] | tuple[str, str]
# A group's results, and its articles' rows as Arrow (None: built by the run's process).
_Group = tuple[list[_Result], PrebuiltGroup | None]


def available_cores() -> int:
    """The cores this process may run on (its affinity, where the platform says)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


class TransformPool:
    """Process a chunk's inputs in `workers` processes (none when fewer than two).

    With `stories`, the workers also fingerprint each article's body for story linking and
    the fingerprints are kept in `handed` by article id: linking, in this process, then
    makes only those of bodies changed here (learned lines cut) or processed here. With
    `taught` (set by the run), they also give each article's lines for learning."""

    def __init__(self, workers: int | None = None, stories: StorySettings | None = None) -> None:
        self.workers = available_cores() if workers is None else workers
        self._executor: ProcessPoolExecutor | None = None
        self.stories = stories
        self.handed = HandedFingerprints(stories) if stories is not None else None
        self.taught: TaughtLines | None = None

    def process(
        self, raws: Sequence[RawInput], adapters: Sequence[SourceAdapter], settings: BatchSettings
    ) -> Iterator[Processed | DocumentRejected]:
        """Each input's article or rejection, in order (a `processing.Processor`). A chunk for
        the workers is submitted now, before the results are asked for: they work on it
        while the caller commits the chunk before (`batch.ChunkCarry`)."""
        if self.workers < 2 or len(raws) < MIN_POOLED:
            return process_here(raws, adapters, settings)
        executor = self._started()
        lines = self.taught is not None
        items = [(raw, settings, self.stories, lines) for raw in raws]
        groups = [items[at : at + SEND_AT_ONCE] for at in range(0, len(items), SEND_AT_ONCE)]
        return _as_results(executor.map(_work_group, groups), self.handed, self.taught)

    def _started(self) -> ProcessPoolExecutor:
        if self._executor is None:
            # fork on Linux: workers start at once with the adapters compiled here; spawn
            # elsewhere (fork is unsafe on macOS), where each worker loads them itself.
            method = "fork" if sys.platform == "linux" else "spawn"
            self._executor = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context(method),
                initializer=_start_worker,
                initargs=(os.getpid(),),
            )
        return self._executor

    def close(self) -> None:
        """Stop the workers: a chunk in progress is dropped (the run is ending)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


_adapters: tuple[SourceAdapter, ...] = ()


def _start_worker(parent: int) -> None:
    global _adapters
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    watch = threading.Thread(target=_exit_with, args=(parent,), daemon=True)
    watch.start()
    _adapters = load_adapters()


def _exit_with(parent: int) -> None:
    """Exit once the parent is gone (SIGKILL leaves a pool's workers waiting forever)."""
    while os.getppid() == parent:
        time.sleep(_WATCH_PARENT_S)
    os._exit(1)


def _as_results(
    groups: Iterator[_Group], handed: HandedFingerprints | None, taught: TaughtLines | None
) -> Iterator[Processed | DocumentRejected]:
    for results, built in groups:
        rows = read_group(built) if built is not None else None
        index = 0
        for result in results:
            if len(result) == 3:
                pickled, facts, packed = result
                if handed is not None:
                    handed.add(facts.article_id, packed)
                made = Prebuilt(pickled, facts, RowRef(rows, index) if rows is not None else None)
                if taught is not None and facts.lines is not None:
                    taught.offer(made, facts.lines)
                index += 1
                yield made
            else:
                code, message = result
                yield DocumentRejected(code, message)


def _work_group(items: list[_Item]) -> _Group:
    """A group of inputs, its articles pickled each and their rows prebuilt as Arrow
    (flows/engine/prebuilt.py), so the run's process reads an article only if it must."""
    done = [_work(item) for item in items]
    results: list[_Result] = []
    for result in done:
        if isinstance(result, tuple):
            results.append(result)
            continue
        pickled = pickle.dumps(result.processed, pickle.HIGHEST_PROTOCOL)
        results.append((pickled, facts_made(result.processed, result.lines), result.packed))
    articles = [result.processed.article for result in done if not isinstance(result, tuple)]
    try:
        return results, build_group(articles)
    except Exception:  # the run's process builds the rows, as it always did
        return results, None


def _work(item: _Item) -> _Done:
    raw, settings, stories, lines = item
    result = process_input(raw, _adapters, settings)
    if isinstance(result, DocumentRejected):
        return (result.code, result.message)
    taught = article_lines(result.article) if lines else None
    return _Article(result, _packed_fingerprint(result, stories), taught)


def _packed_fingerprint(result: Processed, stories: StorySettings | None) -> bytes | None:
    """The article's story fingerprint, packed; None when not asked for or when it fails
    here (linking then makes it, and reports a failure, as it always did)."""
    if stories is None:
        return None
    try:
        return packed_body(result.article.body, stories)
    except Exception:
        return None
