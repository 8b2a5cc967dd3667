"""Peak memory of bench/ingest.py's process tree: this process, reaped children and live
descendants (Prefect's ephemeral server is a child stopped only at exit, which
RUSAGE_CHILDREN does not see)."""

from __future__ import annotations

import os
import resource
from pathlib import Path


def peak_rss_mib(who: int) -> float:
    """ru_maxrss of RUSAGE_SELF or RUSAGE_CHILDREN (KiB on Linux) in MiB."""
    return resource.getrusage(who).ru_maxrss / 1024


def live_descendants_peak_mib() -> float:
    """Sum of VmHWM (peak RSS) over live descendants, e.g. Prefect's ephemeral server."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    family = {os.getpid()}
    grown = True
    while grown:
        children = {pid for pid, parent in parents.items() if parent in family} - family
        family |= children
        grown = bool(children)
    return sum(_vm_hwm_kib(pid) for pid in family - {os.getpid()}) / 1024


def _vm_hwm_kib(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def tree_peak_mib() -> float:
    """Peak RSS of the process tree, bounded above: this process's, the largest reaped
    child's and every live descendant's peaks added up."""
    return (
        peak_rss_mib(resource.RUSAGE_SELF)
        + peak_rss_mib(resource.RUSAGE_CHILDREN)
        + live_descendants_peak_mib()
    )


def print_memory(after_generation_mib: float) -> None:
    print(
        f"peak RSS        self {peak_rss_mib(resource.RUSAGE_SELF):.1f} MiB "
        f"(after generating the corpus {after_generation_mib:.1f} MiB)"
    )
    print(
        f"  children      RUSAGE_CHILDREN {peak_rss_mib(resource.RUSAGE_CHILDREN):.1f} MiB "
        "(reaped children only; a helper spawned by fork+exec reports our RSS at the fork)"
    )
    print(
        f"  live          descendants {live_descendants_peak_mib():.1f} MiB "
        "(sum of VmHWM; Prefect's ephemeral server is one, stopped only at exit)"
    )
    print(f"  tree          {tree_peak_mib():.1f} MiB (the three peaks added: an upper bound)")
