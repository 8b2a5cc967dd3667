"""Time to first result: how long `newsnorm` takes to answer at a terminal.

Each case runs the real `newsnorm` command in a fresh process, as a user would, with no
Prefect API configured (PREFECT_API_URL unset, an empty PREFECT_HOME so no profile names
one) and prints its wall and CPU seconds (the child's user + system time, from wait4):

* `--version`, `--help` (which builds every command's options), and the command-line
  mistakes that must answer at once (a bad `--field`, `--warehouse` pointing at a file, a
  source that does not exist, a bad flag to `compact` and to `status`): one line, exit 2;
* a one-file ingest (the project seed) into a new warehouse, and the same file again
  into that warehouse (found unchanged);
* with --with-prefect, the same ingest with `--prefect`, which records a flow run on a
  local Prefect server started for the run.

Why: issue #14 asks a one-file ingest without a Prefect API to answer in under 2 s of wall
time and every mistake in under 2 s. On a machine shared with other work the wall time
grows with the load (printed before and after); the CPU time is what the command itself
costs, close to its wall time on an idle machine.

Usage, from the repository root (`--command` times another build's `newsnorm`, e.g. to
compare two checkouts side by side):
    .venv/bin/python bench/first_result.py [--repeat N] [--with-prefect] [--command PATH]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_352b49fc68c11569.txt"
TARGET_S = 2.0


@dataclass(frozen=True, slots=True)
class Timing:
    wall: float
    cpu: float
    status: int
    stderr_lines: int


def newsnorm() -> str:
    return str(Path(sys.executable).parent / "newsnorm")


def run(arguments: list[str], env: dict[str, str], command: str) -> Timing:
    """Run `newsnorm ARGUMENTS` once; its CPU time is the child's own (wait4)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [command, *arguments],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    lines = len([line for line in err.splitlines() if line.strip()])
    return Timing(wall, usage.ru_utime + usage.ru_stime, process.returncode, lines)


def clean_env(home: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PREFECT_", "NEWSNORM_"))
    }
    env["PREFECT_HOME"] = str(home / "prefect-home")  # no profile, so no API configured
    env["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    return env


def cases(work: Path, with_prefect: bool) -> list[tuple[str, list[str], bool]]:
    """(name, arguments, fresh warehouse first?)."""
    warehouse = str(work / "warehouse")
    found = [
        ("--version", ["--version"], False),
        ("--help", ["--help"], False),
        ("mistake: bad --field", ["ingest", str(SEED), "--field", "titel=x"], False),
        ("mistake: --warehouse is a file", ["ingest", str(SEED), "--warehouse", str(SEED)],
         False),
        ("mistake: no such source", ["ingest", str(work / "missing.txt")], False),
        ("mistake: compact --bogus", ["compact", "--bogus"], False),
        ("mistake: status --bogus", ["status", "--bogus"], False),
        ("ingest one file, new warehouse", ["ingest", str(SEED), "--warehouse", warehouse],
         True),
        ("ingest one file again (unchanged)", ["ingest", str(SEED), "--warehouse", warehouse],
         False),
    ]  # fmt: skip
    if with_prefect:
        found.append(
            (
                "ingest one file --prefect (local server)",
                ["ingest", str(SEED), "--warehouse", str(work / "prefect-wh"), "--prefect"],
                True,
            )
        )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per case (default 5)")
    parser.add_argument("--with-prefect", action="store_true", help="also time --prefect")
    parser.add_argument(
        "--command", default=newsnorm(), help="the newsnorm to time (default: this checkout's)"
    )
    args = parser.parse_args()
    load_before = os.getloadavg()
    print(f"load average before: {load_before[0]:.2f} (on {os.cpu_count()} cores)")
    print(f"{'case':42} {'wall median':>12} {'wall min':>9} {'cpu median':>11}  exit  lines")
    with tempfile.TemporaryDirectory(prefix="newsnorm-first-") as temporary:
        work = Path(temporary)
        env = clean_env(work)
        for name, arguments, fresh in cases(work, args.with_prefect):
            timings = []
            for _ in range(args.repeat if "--prefect" not in arguments else 1):
                if fresh:
                    for folder in ("warehouse", "prefect-wh"):
                        shutil.rmtree(work / folder, ignore_errors=True)
                timings.append(run(arguments, env, args.command))
            walls = [timing.wall for timing in timings]
            cpus = [timing.cpu for timing in timings]
            last = timings[-1]
            verdict = "" if statistics.median(walls) < TARGET_S else f"  (over {TARGET_S:.0f} s)"
            print(
                f"{name:42} {statistics.median(walls):11.2f}s {min(walls):8.2f}s "
                f"{statistics.median(cpus):10.2f}s  {last.status:4}  {last.stderr_lines:5}"
                f"{verdict}"
            )
    load_after = os.getloadavg()
    print(f"load average after: {load_after[0]:.2f}")


if __name__ == "__main__":
    main()
