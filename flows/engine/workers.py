"""Both cores for the pure transforms: worker processes turn read inputs into articles
while this process reads, looks up and commits (the writer stays one).

The pool is started on the first chunk worth it (MIN_POOLED inputs to process: a small run
or a one-input batch costs less here than shipping it), lives for the run and is shut
down with it. Workers ignore Ctrl-C (the run stops between inputs here, and shuts them
down) and exit on their own within a second of this process dying, however it died. A pool
one of whose workers died is killed whole when closed; one broken after a stop was requested
counts as that stop (`stopping.stopped_by`).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial

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
from newsnorm.transforms.learned import learning_scope
from newsnorm.transforms.pipeline import Processed
from newsnorm.transforms.stories import StorySettings

# Fewer inputs than this in a chunk are processed in this process.
MIN_POOLED = 64
# Inputs sent to a worker at once: few enough that both stay busy to a chunk's end. A chunk
# with work to spare goes in groups of up to MOST_AT_ONCE, GROUPS_A_WORKER a worker: a group's
# Arrow columns cost ~4 µs each whatever their length (76 a group), 40 µs an article in groups
# of 16, 28 in groups of 64 (docs/history/scale.md, twenty-fifth round).
SEND_AT_ONCE = 16
MOST_AT_ONCE = 64
GROUPS_A_WORKER = 4
_WATCH_PARENT_S = 0.5

_Item = tuple[RawInput, BatchSettings, StorySettings | None, bool]


@dataclass(frozen=True, slots=True)
class _Article:
    """A worker's article, its packed story fingerprint (transforms.handoff) and the lines it
    would teach learning (flows/engine/taught.py), each when asked for."""

    processed: Processed
    packed: bytes | None
    lines: frozenset[str] | None


# A rejection crosses back as plain strings, its code, message and adapter (None unless an
# adapter raised): no exception object crosses, DocumentRejected does not pickle. An article
# crosses pickled (bytes first, where a rejection has its code), with what a batch asks of
# it and its packed fingerprint.
_Rejected = tuple[str, str, str | None]
_Done = _Article | _Rejected
_Result = tuple[bytes, ArticleFacts, bytes | None] | _Rejected
# A group's results, and its articles' rows as Arrow (None: built by the run's process).
_Group = tuple[list[_Result], PrebuiltGroup | None]


def group_size(inputs: int, workers: int) -> int:
    """Inputs a worker is sent at once from a chunk of `inputs`: GROUPS_A_WORKER groups for
    each worker, no fewer than SEND_AT_ONCE inputs and no more than MOST_AT_ONCE."""
    return min(MOST_AT_ONCE, max(SEND_AT_ONCE, inputs // (workers * GROUPS_A_WORKER)))


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
        # The scopes whose articles a batch may cut learned lines from (set by the run:
        # `warehouse.learned.cut_scopes`); None: any, every article is sent pickled.
        self.cut_scopes: frozenset[str] | None = None

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
        size = group_size(len(items), self.workers)
        groups = [items[at : at + size] for at in range(0, len(items), size)]
        remakes = (partial(process_input, raw, adapters, settings) for raw in raws)
        done = executor.map(_work_group, groups)
        return _as_results(done, self.handed, self.taught, remakes)

    def _started(self) -> ProcessPoolExecutor:
        if self._executor is None:
            # fork on Linux: workers start at once with the adapters compiled here; spawn
            # elsewhere (fork is unsafe on macOS), where each worker loads them itself.
            method = "fork" if sys.platform == "linux" else "spawn"
            self._executor = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context(method),
                initializer=_start_worker,
                initargs=(os.getpid(), self.cut_scopes),
            )
        return self._executor

    def close(self) -> None:
        """Stop the workers: a chunk in progress is dropped (the run is ending)."""
        if self._executor is not None:
            if getattr(self._executor, "_broken", False):
                # A worker died (the OOM killer): the pool ends the others with SIGTERM, which
                # they take as the command does, a flag; one that lived on hung the run.
                for process in list(getattr(self._executor, "_processes", {}).values()):
                    process.kill()
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


_adapters: tuple[SourceAdapter, ...] = ()
_cut_scopes: frozenset[str] | None = None


def _start_worker(parent: int, cut_scopes: frozenset[str] | None = None) -> None:
    global _adapters, _cut_scopes
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    watch = threading.Thread(target=_exit_with, args=(parent,), daemon=True)
    watch.start()
    _adapters, _cut_scopes = load_adapters(), cut_scopes


def _exit_with(parent: int) -> None:
    """Exit once the parent is gone (SIGKILL leaves a pool's workers waiting forever)."""
    while os.getppid() == parent:
        time.sleep(_WATCH_PARENT_S)
    os._exit(1)


def _as_results(
    groups: Iterator[_Group],
    handed: HandedFingerprints | None,
    taught: TaughtLines | None,
    remakes: Iterator[Callable[[], object]] | None = None,
) -> Iterator[Processed | DocumentRejected]:
    """Each result as it came; an article with what makes it again here (`remakes`: each
    input's `process_input`, in order) should it be read where it came without its pickle."""
    for results, built in groups:
        rows = read_group(built) if built is not None else None
        index = 0
        for result in results:
            remake = next(remakes) if remakes is not None else None
            if isinstance(result[0], str):
                code, message, adapter = result
                yield DocumentRejected(code, message, adapter)
            else:
                pickled, facts, packed = result
                if handed is not None:
                    handed.add(facts.article_id, packed)
                ref = RowRef(rows, index) if rows is not None else None
                made = Prebuilt(pickled, facts, ref, remake)
                if taught is not None and facts.lines is not None:
                    taught.offer(made, facts.lines)
                index += 1
                yield made


def _work_group(items: list[_Item]) -> _Group:
    """A group of inputs, their rows prebuilt as Arrow (flows/engine/prebuilt.py) and each
    article pickled where the run's process may read it (`_read_there`): a learned line to
    cut, its lines for learning, its rows to build. Others cross as their facts only, half
    the bytes; one read all the same is made again there (docs/history/scale.md, twenty-fifth
    round)."""
    done = [_work(item) for item in items]
    articles = [result.processed.article for result in done if not isinstance(result, tuple)]
    try:
        rows = build_group(articles)
    except Exception:  # the run's process builds the rows, as it always did
        rows = None
    results: list[_Result] = []
    for result, (raw, *_, lines) in zip(done, items, strict=True):
        if isinstance(result, tuple):
            results.append(result)
            continue
        facts = facts_made(result.processed, result.lines)
        read = rows is None or _read_there(facts, raw.uri, lines)
        pickled = pickle.dumps(result.processed, pickle.HIGHEST_PROTOCOL) if read else b""
        results.append((pickled, facts, result.packed))
    return results, rows


def _read_there(facts: ArticleFacts, uri: str, lines: bool) -> bool:
    """Whether the run's process may read this article: its scope holds a learned line to cut
    (or the scopes are not known), an adapter's rule bears the learned lines' name, or its
    lines for learning could not be made here (flows/engine/taught.py reads them there)."""
    if facts.learned_rule or (lines and facts.lines is None) or _cut_scopes is None:
        return True
    return learning_scope(facts.url, facts.site, uri) in _cut_scopes


def _work(item: _Item) -> _Done:
    raw, settings, stories, lines = item
    result = process_input(raw, _adapters, settings)
    if isinstance(result, DocumentRejected):
        return (result.code, result.message, result.adapter)
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
