"""CPU seconds of one ingest, split by where they go (issue #15): the workers, the parent's
batches, and linking and learning after them; with --digest, a digest of every raw table.

Why: on a machine shared with other jobs the wall clock says little; process CPU does. The
workers' CPU is read by `getrusage` once the run's pool is reaped, the parent's by
`time.process_time` (every thread of this process: the pool's result thread included), and
linking and learning by wrapping the runner's step after the batches. The digests let two
versions of the code be checked to store the same rows: run ids, clock times and file
modification times are left out, rows are sorted, so a kept corpus ingested by each gives
equal digests when the outputs are equal (the corpus must sit at the same path: the runs
table keeps the sources).

Usage, from the repository root:
    .venv/bin/python bench/ingest_cpu.py --source DIR [--docs N --corpus diverse|dense]
        [--rescan] [--digest FILE] [--profile FILE]
DIR is made (a reproducible corpus, as bench/ingest.py makes) when it does not exist.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import random
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corpus import CORPORA, SEED, generate_corpus

from newsnorm.flows.engine import runner
from newsnorm.flows.engine.settings import IngestSettings
from newsnorm.schemas.tables import ALL_TABLES
from newsnorm.warehouse.lake import Warehouse, open_warehouse, physical_table

# Columns that differ between two runs of equal code: ids of runs, clock times, mtimes.
_VOLATILE = ("run_id", "first_run_id", "flow_run_id", "mtime_ns")


def _children_cpu() -> tuple[float, float]:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime, usage.ru_stime


def _wrapped(spent: list[float]) -> Callable[..., Any]:
    after = runner._after_batches

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return after(*args, **kwargs)
        finally:
            spent.append(time.process_time() - start)

    return timed


def ingest(source: Path, warehouse: Path, profile: Path | None) -> dict[str, float]:
    """One `execute_ingest` of `source` into `warehouse`; its CPU seconds by part."""
    spent: list[float] = []
    after = runner._after_batches
    runner._after_batches = _wrapped(spent)
    profiler = cProfile.Profile(time.thread_time) if profile is not None else None
    try:
        children, parent = _children_cpu(), time.process_time()
        if profiler is not None:
            profiler.enable()
        counts = runner.execute_ingest([str(source)], IngestSettings(Warehouse.at(warehouse)))
        if profiler is not None:
            profiler.disable()
        parent = time.process_time() - parent
        (user_now, system_now), (user_then, system_then) = _children_cpu(), children
        user, system = user_now - user_then, system_now - system_then
    finally:
        runner._after_batches = after
    if profiler is not None and profile is not None:
        profiler.dump_stats(profile)
    after_s = sum(spent)
    return {
        "articles": float(counts.as_dict()["ingested"]),
        "workers": user + system,
        "of it system": system,
        "parent": parent,
        "batches": parent - after_s,
        "linking+learning": after_s,
    }


def table_digests(warehouse: Path) -> dict[str, str]:
    """A digest of each raw table's rows, sorted, volatile columns left out."""
    digests = {}
    with open_warehouse(Warehouse.at(warehouse), read_only=True) as connection:
        for schema in ALL_TABLES:
            table = physical_table((schema.metadata or {})[b"table"].decode())
            kept = [
                name for name in schema.names if name not in _VOLATILE and not name.endswith("_at")
            ]
            columns = ", ".join(f'"{name}"' for name in kept)
            rows = connection.execute(f"SELECT {columns} FROM {table}").fetchall()
            lines = sorted(repr(row) for row in rows)
            digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]
            digests[table] = f"{len(rows)} {digest}"
    return digests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="a corpus folder")
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="diverse")
    parser.add_argument("--rescan", action="store_true", help="then ingest it again")
    parser.add_argument("--digest", type=Path, help="write the raw tables' digests here")
    parser.add_argument(
        "--profile", type=Path, help="cProfile the main thread (CPU); workers then read high"
    )
    args = parser.parse_args()
    if not args.source.exists():
        generate_corpus(args.source, args.docs, random.Random(SEED), args.corpus)
    with tempfile.TemporaryDirectory(prefix="newsnorm-ingest-cpu-") as scratch:
        warehouse = Path(scratch) / "warehouse"
        figures = ingest(args.source, warehouse, args.profile)
        per = 1000 / max(figures["articles"], 1.0)
        print(f"{int(figures['articles'])} articles; CPU s (ms an article):")
        for name in ("workers", "of it system", "parent", "batches", "linking+learning"):
            print(f"  {name:<17} {figures[name]:7.2f} ({figures[name] * per:.3f})")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  parent peak MiB   {peak:7.0f}")
        if args.rescan:
            again = ingest(args.source, warehouse, None)
            print(f"  rescan parent     {again['parent']:7.2f}")
        if args.digest is not None:
            args.digest.write_text(json.dumps(table_digests(warehouse), indent=1) + "\n")


if __name__ == "__main__":
    main()
