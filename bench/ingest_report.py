"""The tables bench/ingest.py prints: corpus, start-up, the run, and sizes side by side."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsnorm.flows.orchestration.task_runners import DEFAULT_RUNNER

if TYPE_CHECKING:
    from corpus import Corpus
    from ingest import Counts, Timed

MB = 1_000_000


def _counts_line(counts: Counts) -> str:
    keys = ("seen", "ingested", "duplicate", "unchanged", "rejected", "batches")
    return "  ".join(f"{key} {counts[key]}" for key in keys)


def print_corpus(corpus: Corpus, seconds: float) -> None:
    expected_ingested = corpus.dcnf + corpus.generic
    print(f"corpus          {corpus.files:,} files, {corpus.bytes / MB:.2f} MB in {seconds:.1f} s")
    print(
        f"  sizes         avg {corpus.bytes / max(corpus.files, 1):,.0f} B, "
        f"largest {corpus.largest:,} B"
    )
    print(
        f"  shapes        {corpus.dcnf:,} dcnf, {corpus.generic:,} generic, "
        f"{corpus.junk:,} junk, {corpus.duplicates:,} duplicate copies"
    )
    print(
        f"  expected      ingested {expected_ingested}  duplicate {corpus.duplicates}  "
        f"rejected {corpus.junk}"
    )


def print_startup(
    import_s: float | None, flow: Timed | None, plain: Timed, runner: str = DEFAULT_RUNNER
) -> None:
    if import_s is None or flow is None:
        print(f"start-up        n/a (--no-prefect); empty-folder run {plain.seconds:.2f} s")
        return
    print(
        f"start-up        import flows.orchestration.ingest_flow (loads Prefect) {import_s:.2f} s"
    )
    started = (
        "starts the ephemeral API server"
        if runner == DEFAULT_RUNNER
        else f"starts the {runner} workers; the shared server started before, not counted"
    )
    print(
        f"  empty folder  flow run {flow.seconds:.2f} s (first flow call in this process: "
        f"{started}), same run without Prefect {plain.seconds:.2f} s"
    )
    print(f"  estimate      Prefect fixed start-up ≈ {flow.seconds - plain.seconds:.2f} s")


def print_run(corpus: Corpus, real: Timed, rescan: Timed) -> None:
    done = int(real.counts["ingested"]) + int(real.counts["duplicate"])
    expected = (corpus.dcnf + corpus.generic, corpus.duplicates, corpus.junk)
    actual = (real.counts["ingested"], real.counts["duplicate"], real.counts["rejected"])
    print(f"real run        {_counts_line(real.counts)}")
    print(f"  vs expected   {'matches the generator' if actual == expected else 'DIFFERS'}")
    print(f"  wall          {real.seconds:.2f} s (cpu in this process {real.cpu_seconds:.2f} s)")
    print(
        f"  linking       {real.link_seconds:.2f} s of it story linking, "
        f"{real.seconds - real.link_seconds:.2f} s the batches and the other steps"
    )
    print(
        f"  throughput    {done / real.seconds:,.1f} articles/s, "
        f"{corpus.bytes / MB / real.seconds:.2f} MB/s"
    )
    print(f"rescan          {_counts_line(rescan.counts)}")
    print(f"  wall          {rescan.seconds:.2f} s (rescan of unchanged corpus)")


def print_sizes(results: list[dict[str, float]], mode: str) -> None:
    print(f"== newsnorm ingest at several sizes: {mode} ==")
    print("| docs | MB | floor s | newsnorm s | linking s | batches s | x floor | articles/s | "
          "MB/s | rescan s | rescan % | peak RSS MiB | tree MiB | "
          "Prefect server MiB |")  # fmt: skip
    print("|---" * 14 + "|")
    for r in results:
        print(
            f"| {r['docs']:,} | {r['bytes'] / MB:.1f} | {r['floor_s']:.1f} | {r['run_s']:.1f} | "
            f"{r['link_s']:.1f} | {r['run_s'] - r['link_s']:.1f} | "
            f"{r['run_s'] / r['floor_s']:.1f} | {r['articles'] / r['run_s']:,.0f} | "
            f"{r['bytes'] / MB / r['run_s']:.2f} | {r['rescan_s']:.1f} | "
            f"{100 * r['rescan_s'] / r['run_s']:.1f} | {r['peak_rss_mib']:.0f} | "
            f"{r['tree_mib']:.0f} | {r['server_mib']:.0f} |"
        )
    startup = [r["startup_s"] for r in results if r["startup_s"] is not None]
    if startup:
        print(f"Prefect fixed start-up (first flow call per process): {startup[0]:.1f} s")
    small, large = results[0], results[-1]
    memory_growth = large["peak_rss_mib"] / small["peak_rss_mib"]
    targets = [
        ("end to end <= 3x the floor", large["run_s"] / large["floor_s"], 3.0, "x"),
        ("articles/s >= 5,000", large["articles"] / large["run_s"], 5000.0, ">"),
        ("peak RSS largest <= 1.2x smallest", memory_growth, 1.2, "x"),
        ("unchanged rescan <= 5% of the run", 100 * large["rescan_s"] / large["run_s"], 5.0, "x"),
        ("linking <= the batches", large["link_s"] / (large["run_s"] - large["link_s"]), 1.0, "x"),
        ("peak RSS of the tree < 1 GiB", large["tree_mib"], 1024.0, "x"),
    ]
    for name, value, limit, kind in targets:
        met = value >= limit if kind == ">" else value <= limit
        print(f"target {name}: {value:,.2f} -> {'met' if met else 'MISSED'}")
