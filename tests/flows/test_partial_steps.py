"""A step after the commits fails on a full disk: said, not logged away, and retried.

A 48 MiB tmpfs holds a warehouse with a search index; a file then takes all but 70% of the
index's size, so the next ingest commits its article (a few small files) and fills the
disk when it rebuilds the index (a full copy, written beside the old one). The command
must say so in its summary line and exit 4, `status` must name the step and why, and once
space is free the same command must redo the step. Mounting needs root (CI runs as root);
elsewhere the test skips, saying so.
"""

from __future__ import annotations

import os
import random
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsnorm.flows.cli import EXIT_OK, EXIT_PARTIAL
from newsnorm.flows.engine.runner import execute_ingest
from newsnorm.flows.engine.settings import IngestSettings
from newsnorm.warehouse.lake import Warehouse, open_warehouse
from newsnorm.warehouse.search import refresh_search_index, search_index_path
from tests_support import NEWSNORM, SEED, terminal_env

pytestmark = pytest.mark.reliability

WORDS = ("council", "budget", "school", "river", "police", "election", "hospital", "court")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 48 MiB tmpfs, unmounted after the test."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    mount = tmp_path / "small"
    mount.mkdir()
    tried = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if tried.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {tried.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    rng = random.Random(40)
    for n in range(600):
        words = " ".join(rng.choice(WORDS) for _ in range(300))
        (folder / f"{n:04d}.txt").write_text(
            f"Story {n} on the {WORDS[n % len(WORDS)]}\n\n{words}.\n"
        )
    return folder


def _fill_leaving(mount: Path, free: int) -> Path:
    filler = mount / "filler"
    stats = os.statvfs(mount)
    subprocess.run(
        ["fallocate", "-l", str(stats.f_bavail * stats.f_frsize - free), str(filler)], check=True
    )
    return filler


def test_a_search_index_that_fills_the_disk_is_said_in_the_summary_and_status_and_retried(
    tmp_path: Path, small_disk: Path
) -> None:
    warehouse = Warehouse.at(small_disk / "warehouse")
    execute_ingest([str(_corpus(tmp_path / "corpus"))], IngestSettings(warehouse=warehouse))
    refresh_search_index(warehouse)  # what the first `newsnorm search` does
    index_size = search_index_path(warehouse).stat().st_size
    filler = _fill_leaving(small_disk, index_size * 7 // 10)
    new = tmp_path / "new"
    new.mkdir()
    (new / "seed.txt").write_bytes(SEED.read_bytes())
    env = terminal_env(tmp_path)
    command = [NEWSNORM, "ingest", str(new), "--warehouse", str(warehouse.root)]

    first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert first.returncode == EXIT_PARTIAL, first.stderr
    summary, next_step = first.stdout.splitlines()
    assert summary.startswith("ingested 1, duplicate 0, unchanged 0, rejected 0 (seen 1;")
    assert "; partial: search index failed (" in summary
    assert "No space left on device" in summary
    assert next_step.endswith(f"newsnorm status --warehouse {warehouse.root}")
    assert "Traceback" not in first.stderr
    status = subprocess.run(
        [NEWSNORM, *next_step.split("newsnorm ", 1)[1].split()],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "unfinished steps (the next ingest retries them):" in status.stdout
    assert "search index failed in run" in status.stdout
    assert " partial " in status.stdout
    with open_warehouse(warehouse, read_only=True) as connection:
        assert connection.execute("select count(*) from articles").fetchone() == (601,)

    filler.unlink()  # space again: the same command redoes the step
    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == EXIT_OK, again.stdout + again.stderr
    assert again.stdout.startswith("ingested 0, duplicate 0, unchanged 1, rejected 0")
    assert "partial" not in again.stdout
    status = subprocess.run(
        [NEWSNORM, "status", "--warehouse", str(warehouse.root)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "unfinished steps" not in status.stdout
    with open_warehouse(warehouse, read_only=True) as connection:
        runs = connection.execute("select status from runs order by started_at").fetchall()
    assert [status for (status,) in runs] == ["completed", "partial", "completed"]
    assert not refresh_search_index(warehouse)  # the second run rebuilt it: nothing stale
