"""Ingest benchmark: how fast newsnorm turns a folder of scraped articles into tables.

It generates a reproducible corpus (seeded `random.Random(42)`) of raw article text files
shaped like real inputs: about half Daily Caller News Foundation pages laid out like the
project seed (logo line, "Contributor" byline, "Font Size:" widget, an inline
"(RELATED: …)" promo, the republishing notice), the rest generic text dumps ("By" line,
"Font Size:" and "Advertisement" chrome). About 1% are junk (empty or binary files, to be
rejected) and about 1% are exact copies of another article under another name (to be
counted as duplicates). Every real document is distinct, so every article id is new.
With `--corpus dense` every body is instead a window of one generated source text, as when
thousands of sites run one wire story: most pairs of articles overlap, and story linking,
which runs after the batches, has the most to do (bench/corpus.py). With `--corpus recurring`
the diverse articles are spread over 20 site folders whose articles carry lines of their
site, so boilerplate learning has recurring lines to count.

It then ingests the corpus the way users do, through the `ingest-articles` Prefect flow
(or, with --no-prefect, through `flows.engine.runner.execute_ingest` directly), and reports:

* Prefect's fixed start-up, estimated by a flow run over an empty folder before the real
  run (the first flow call in a process starts Prefect's ephemeral API server), next to
  the same empty run without Prefect, so the difference is what Prefect adds;
* the real run: counts, wall and CPU seconds, articles/s and MB/s, and how much of the wall
  time was story linking (timed around `link_new_articles`) apart from the batches;
* a rescan of the unchanged corpus (every input must come back "unchanged"): the cost of
  re-running an ingest over a folder that did not change, which scheduled runs pay;
* peak RSS of this process, of reaped child processes, of live descendants, and of the
  whole process tree (the sum of the three peaks, an upper bound) (the
  Prefect server is a child process that is only stopped at exit, so RUSAGE_CHILDREN
  does not see it; what RUSAGE_CHILDREN does show is a short helper Prefect runs, which
  Linux charges with this process's RSS at the time of the fork);
* a check through DuckDB that the `articles` table holds one row per ingested input.

Why: ingest cost decides how often a scheduled run can rescan the scrape folders and how
large a backfill one machine can take; Prefect's start-up is paid once per CLI call.

It also measures the floor: reading the same files and writing their bytes to Parquet
with pyarrow alone, the least any ingest must do; newsnorm's run is reported as a ratio
to it.

With --sizes 10000,100000 it runs itself once per size, each in a fresh process (so peak
RSS is per size), and prints one side-by-side table with the issue's targets: end to end
<= 3x the floor, >= 5,000 articles/s, peak RSS at the largest size <= 1.2x the smallest,
an unchanged rescan <= 5% of the full run.

Usage, from the repository root:
    .venv/bin/python bench/ingest.py [--docs N] [--corpus diverse|dense|recurring] [--batch-size B]
        [--keep DIR] [--no-prefect] [--runner thread|process|dask]
    .venv/bin/python bench/ingest.py --sizes 10000,50000 --corpus dense [--no-prefect]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus import CORPORA, DEFAULT_DOCS, SEED, generate_corpus
from ingest_memory import live_descendants_peak_mib, peak_rss_mib, print_memory, tree_peak_mib
from ingest_report import print_corpus, print_run, print_sizes, print_startup

from newsnorm.flows.engine.runner import execute_ingest
from newsnorm.flows.engine.settings import DEFAULT_BATCH_FILES, IngestSettings
from newsnorm.flows.orchestration.prefect_env import apply_prefect_defaults
from newsnorm.flows.orchestration.task_runners import DEFAULT_RUNNER, RUNNERS
from newsnorm.flows.stories import linking as story_linking
from newsnorm.warehouse.lake import Warehouse, open_warehouse

ROOT = Path(__file__).resolve().parent.parent

MB = 1_000_000
MIB = 1024 * 1024

Counts = dict[str, int | str]
IngestFn = Callable[[Path, Path], Counts]


@dataclass(frozen=True, slots=True)
class Timed:
    """One ingest run: its counts, wall seconds, CPU seconds of this process, and the
    seconds of it spent linking stories."""

    counts: Counts
    seconds: float
    cpu_seconds: float
    link_seconds: float = 0.0


# --- ingest -----------------------------------------------------------------------------


def direct_ingest(batch_files: int) -> IngestFn:
    """Ingest with `execute_ingest` in this process, without Prefect."""

    def run(source: Path, warehouse: Path) -> Counts:
        settings = IngestSettings(warehouse=Warehouse.at(warehouse), batch_files=batch_files)
        return execute_ingest([str(source)], settings).as_dict()

    return run


def prefect_ingest(batch_files: int, runner: str) -> IngestFn:
    """Ingest through the `ingest-articles` flow, as `newsnorm ingest --runner` does."""
    from newsnorm.flows.orchestration.ingest_flow import ingest_articles

    def run(source: Path, warehouse: Path) -> Counts:
        return ingest_articles(
            sources=[str(source)], warehouse=str(warehouse), batch_files=batch_files, runner=runner
        )

    return run


def timed(ingest: IngestFn, source: Path, warehouse: Path) -> Timed:
    cpu_before = _cpu_seconds()
    with linking_clock() as linking:
        start = time.perf_counter()
        counts = ingest(source, warehouse)
        seconds = time.perf_counter() - start
    return Timed(counts, seconds, _cpu_seconds() - cpu_before, sum(linking))


@contextmanager
def linking_clock() -> Iterator[list[float]]:
    """Seconds of each story-linking pass while inside. Linking runs in the process that
    owns the run (this one, whatever the runner), after the batches."""
    link = story_linking.link_new_articles
    spent: list[float] = []

    def timed_link(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return link(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - start)

    story_linking.link_new_articles = timed_link
    try:
        yield spent
    finally:
        story_linking.link_new_articles = link


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def count_articles(warehouse: Path) -> int:
    with open_warehouse(Warehouse.at(warehouse), read_only=True) as connection:
        row = connection.execute("select count(*) from articles").fetchone()
    assert row is not None
    return int(row[0])


# --- floor ------------------------------------------------------------------------------


def floor(source: Path, target: Path, batch_files: int) -> float:
    """Seconds to read every file under `source` and write (uri, bytes) rows to one
    Parquet file with pyarrow alone, in batches: what any ingest pays at least."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([pa.field("uri", pa.string()), pa.field("data", pa.binary())])
    start = time.perf_counter()
    with pq.ParquetWriter(target, schema) as writer:
        uris: list[str] = []
        blobs: list[bytes] = []
        for directory, folders, names in os.walk(source):
            folders.sort()
            for name in sorted(names):
                path = os.path.join(directory, name)
                with open(path, "rb") as handle:
                    blobs.append(handle.read())
                uris.append(path)
                if len(uris) >= batch_files:
                    writer.write_table(pa.table({"uri": uris, "data": blobs}, schema=schema))
                    uris, blobs = [], []
        if uris:
            writer.write_table(pa.table({"uri": uris, "data": blobs}, schema=schema))
    return time.perf_counter() - start


def check_articles(warehouse: Path, ingested: int) -> bool:
    rows = count_articles(warehouse)
    if rows == ingested:
        print(f"check           OK: articles has {rows:,} rows = {ingested:,} ingested inputs")
        return True
    print(f"check           MISMATCH: articles has {rows:,} rows, {ingested:,} inputs ingested")
    return False


def check_steps(real: Timed) -> bool:
    """A step after the batches (linking, learning) that failed makes the figures wrong."""
    if real.counts.get("failed_steps"):
        print(f"check           FAILED STEPS: {real.counts['failed_steps']}")
        return False
    return True


# --- main -------------------------------------------------------------------------------


def _positive(value: str) -> int:
    number = int(value)
    if number <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value}")
    return number


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--docs", type=_positive, default=DEFAULT_DOCS, help="inputs to generate")
    parser.add_argument(
        "--corpus",
        choices=sorted(CORPORA),
        default="diverse",
        help="diverse: articles share almost nothing; dense: every body is a window of one "
        "source text (one wire story on thousands of sites)",
    )
    parser.add_argument(
        "--batch-size", type=_positive, default=DEFAULT_BATCH_FILES, help="inputs per batch"
    )
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="generate into DIR (must be empty or new) and keep corpus and warehouses, "
        "e.g. bench/out",
    )
    parser.add_argument("--no-prefect", action="store_true", help="call execute_ingest directly")
    parser.add_argument(
        "--runner",
        choices=RUNNERS,
        default=DEFAULT_RUNNER,
        help="the flow's task runner (as `newsnorm ingest --runner`); process uses both cores",
    )
    parser.add_argument(
        "--sizes",
        help="comma-separated corpus sizes, each measured in a fresh process, e.g. 10000,100000",
    )
    parser.add_argument("--json", type=Path, help=argparse.SUPPRESS)  # one size's figures
    return parser.parse_args(argv)


@contextmanager
def workspace(keep: Path | None) -> Iterator[Path]:
    """A scratch folder: a temporary one, or `keep` when it is empty (it is kept)."""
    if keep is None:
        with tempfile.TemporaryDirectory(prefix="newsnorm-bench-") as scratch:
            yield Path(scratch)
        return
    keep.mkdir(parents=True, exist_ok=True)
    if any(keep.iterdir()):
        raise SystemExit(f"bench: --keep {keep} is not empty; give a new or empty folder")
    yield keep.resolve()


@contextmanager
def _prefect_server(args: argparse.Namespace, root: Path) -> Iterator[None]:
    """The process and dask runners need one Prefect server their workers share, as
    `newsnorm ingest` starts: its start-up is not part of the measured runs."""
    if args.no_prefect:
        yield
        return
    from newsnorm.flows.orchestration.task_runners import shared_prefect_api

    apply_prefect_defaults()
    with shared_prefect_api(args.runner, root, sys.stderr):
        yield


def measure_startup(
    root: Path, batch_files: int, use_prefect: bool, runner: str
) -> tuple[IngestFn, float | None, Timed | None, Timed]:
    """Empty-folder runs: without Prefect, then (unless disabled) the first flow call."""
    empty = root / "empty"
    empty.mkdir()
    plain = timed(direct_ingest(batch_files), empty, root / "warehouse-empty-direct")
    if not use_prefect:
        return direct_ingest(batch_files), None, None, plain
    apply_prefect_defaults()
    start = time.perf_counter()
    ingest = prefect_ingest(batch_files, runner)
    import_s = time.perf_counter() - start
    flow = timed(ingest, empty, root / "warehouse-empty-flow")
    return ingest, import_s, flow, plain


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # A stopped bench (`kill`, a --sizes parent stopping) unwinds like Ctrl-C: its scratch
    # folder holds a whole warehouse (~0.8 GB at 100k) that SIGTERM's default would leave.
    signal.signal(signal.SIGTERM, _unwind)
    if args.sizes:
        return compare_sizes(args)
    mode = _mode(args)
    with workspace(args.keep) as root, _prefect_server(args, root):
        start = time.perf_counter()
        corpus = generate_corpus(root / "corpus", args.docs, random.Random(SEED), args.corpus)
        generated_s = time.perf_counter() - start
        after_generation_mib = peak_rss_mib(resource.RUSAGE_SELF)
        floor_s = floor(corpus.folder, root / "floor.parquet", args.batch_size)
        ingest, import_s, flow, plain = measure_startup(
            root, args.batch_size, not args.no_prefect, args.runner
        )
        warehouse = root / "warehouse"
        real = timed(ingest, corpus.folder, warehouse)
        rescan = timed(ingest, corpus.folder, warehouse)
        print(
            f"\n== newsnorm ingest benchmark: {mode}, {args.corpus} corpus, "
            f"batch size {args.batch_size} =="
        )
        print_corpus(corpus, generated_s)
        print_startup(import_s, flow, plain, args.runner)
        print(
            f"floor           {floor_s:.2f} s to read the files and write their bytes to Parquet "
            f"(pyarrow alone); newsnorm takes {real.seconds / floor_s:.1f}x that"
        )
        print_run(corpus, real, rescan)
        print_memory(after_generation_mib)
        ingested = int(real.counts["ingested"]) + int(rescan.counts["ingested"])
        ok = check_articles(warehouse, ingested) and check_steps(real)
        if args.json is not None:
            figures = {
                "docs": corpus.files,
                "bytes": corpus.bytes,
                "floor_s": floor_s,
                "run_s": real.seconds,
                "link_s": real.link_seconds,
                "tree_mib": tree_peak_mib(),
                "articles": int(real.counts["ingested"]) + int(real.counts["duplicate"]),
                "rescan_s": rescan.seconds,
                "rescan_unchanged": int(rescan.counts["unchanged"]),
                "startup_s": (flow.seconds - plain.seconds) if flow is not None else None,
                "peak_rss_mib": peak_rss_mib(resource.RUSAGE_SELF),
                "server_mib": live_descendants_peak_mib(),
                "ok": ok,
            }
            args.json.write_text(json.dumps(figures))
        if args.keep is not None:
            print(f"kept            {root}")
    return 0 if ok else 1


def _unwind(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def _mode(args: argparse.Namespace) -> str:
    if args.no_prefect:
        return "direct execute_ingest (--no-prefect)"
    return f"Prefect flow, --runner {args.runner}"


def compare_sizes(args: argparse.Namespace) -> int:
    """Run this benchmark once per size in a fresh process; print the figures side by side."""
    sizes = [int(size) for size in args.sizes.split(",")]
    results: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="newsnorm-bench-sizes-") as scratch:
        for size in sizes:
            out = Path(scratch) / f"{size}.json"
            command = [sys.executable, __file__, "--docs", str(size), "--json", str(out)]
            command += ["--corpus", args.corpus]
            command += ["--batch-size", str(args.batch_size)]
            command += ["--no-prefect"] if args.no_prefect else ["--runner", args.runner]
            print(f"bench: {size:,} documents ...", file=sys.stderr, flush=True)
            with subprocess.Popen(command, stdout=subprocess.DEVNULL) as child:
                try:
                    returned = child.wait()
                except BaseException:  # stopped: the child unwinds and removes its scratch
                    child.terminate()
                    child.wait()
                    raise
            if returned:
                raise subprocess.CalledProcessError(returned, command)
            results.append(json.loads(out.read_text()))
    print_sizes(results, f"{_mode(args)}, {args.corpus} corpus")
    return 0 if all(result["ok"] for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
