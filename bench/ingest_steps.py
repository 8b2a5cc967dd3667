"""The parent's RSS and CPU of one ingest, by step (issue #15's memory target).

Why: the parent's peak at 100,000 articles must stay within 1.2x of that at 10,000, and
`ru_maxrss` says only how high a whole run went, not which step set it. Here a thread reads
this process's RSS (`/proc/self/statm`) every 10 ms and keeps each step's highest and last
reading: the batches, then linking's passes, learning (its one scan a run,
`recurring_pairs`, apart) and what follows (the run's row, compaction). CPU is
`time.process_time` around each step (every thread of this process). Run it in a fresh
process for each figure: the peak of an earlier run in the process stays in its arenas.

Usage, from the repository root:
    .venv/bin/python bench/ingest_steps.py --source DIR [--docs N --corpus diverse|dense]
        [--digest FILE] [--keep WAREHOUSE]
DIR is made (a reproducible corpus, as bench/ingest.py makes) when it does not exist.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from corpus import CORPORA, SEED, generate_corpus
from ingest_cpu import table_digests

from newsnorm.flows.engine import followups, learning, runner
from newsnorm.flows.engine.settings import IngestSettings
from newsnorm.flows.stories import linking
from newsnorm.warehouse.lake import Warehouse

_PAGE_MIB = os.sysconf("SC_PAGE_SIZE") / 2**20
STEPS = (
    "batches",
    "linking",
    "unlinked_articles",
    "a chunk's linking",
    "learning",
    "recurring_pairs",
    "after the batches",
)


def _rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * _PAGE_MIB


class StepSampler:
    """The highest and last RSS seen in each step, and its CPU seconds."""

    def __init__(self) -> None:
        self.step = "batches"
        self.peak: dict[str, float] = {}
        self.last: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.01):
            self.read()

    def read(self) -> None:
        rss, step = _rss_mib(), self.step
        self.peak[step] = max(self.peak.get(step, 0.0), rss)
        self.last[step] = rss

    @contextmanager
    def running(self) -> Iterator[None]:
        self._thread.start()
        try:
            yield
        finally:
            self._stop.set()
            self._thread.join()

    @contextmanager
    def within(self, step: str) -> Iterator[None]:
        """Samples taken meanwhile count for `step`; the outer step resumes after it."""
        outer, start = self.step, time.process_time()
        self.read()
        self.step = step
        try:
            yield
        finally:
            self.read()
            self.cpu[step] = self.cpu.get(step, 0.0) + time.process_time() - start
            self.step = outer
            self.cpu[outer] = self.cpu.get(outer, 0.0) - (time.process_time() - start)


def _wrap(owner: Any, name: str, sampler: StepSampler, step: str) -> Callable[[], None]:
    """Replace `owner.name` by a version sampled as `step`; returns the undo."""
    original = getattr(owner, name)

    def sampled(*args: Any, **kwargs: Any) -> Any:
        with sampler.within(step):
            return original(*args, **kwargs)

    setattr(owner, name, sampled)
    return lambda: setattr(owner, name, original)


def ingest(source: Path, warehouse: Path) -> StepSampler:
    sampler = StepSampler()
    undo = [
        _wrap(runner, "_after_batches", sampler, "after the batches"),
        _wrap(followups, "_link", sampler, "linking"),
        _wrap(followups, "_learn", sampler, "learning"),
        _wrap(learning, "recurring_pairs", sampler, "recurring_pairs"),
        _wrap(linking, "unlinked_articles", sampler, "unlinked_articles"),
        _wrap(linking, "_link_chunk", sampler, "a chunk's linking"),
    ]
    try:
        with sampler.running():
            start = time.process_time()
            runner.execute_ingest([str(source)], IngestSettings(Warehouse.at(warehouse)))
            sampler.cpu["batches"] = sampler.cpu.get("batches", 0.0) + time.process_time() - start
    finally:
        for step in undo:
            step()
    return sampler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="a corpus folder")
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="diverse")
    parser.add_argument("--digest", type=Path, help="write the raw tables' digests here")
    parser.add_argument("--keep", type=Path, help="make the warehouse here, and keep it")
    args = parser.parse_args()
    if not args.source.exists():
        generate_corpus(args.source, args.docs, random.Random(SEED), args.corpus)
    before = _rss_mib()
    with tempfile.TemporaryDirectory(prefix="newsnorm-ingest-steps-") as scratch:
        warehouse = args.keep or Path(scratch) / "warehouse"
        sampler = ingest(args.source, warehouse)
        print(f"RSS before the run {before:.0f} MiB; load {os.getloadavg()[0]:.1f}")
        print(f"{'step':<20} {'peak MiB':>9} {'at its end':>11} {'CPU s':>8}")
        for step in STEPS:
            print(
                f"{step:<20} {sampler.peak.get(step, 0):9.0f} {sampler.last.get(step, 0):11.0f} "
                f"{sampler.cpu.get(step, 0):8.2f}"
            )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"the run's peak (ru_maxrss) {peak:.0f} MiB")
        if args.digest is not None:
            args.digest.write_text(json.dumps(table_digests(warehouse), indent=1) + "\n")


if __name__ == "__main__":
    main()
