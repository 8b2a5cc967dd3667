"""SIGKILL an ingest at random moments, over and over, and check nothing is lost or corrupt.

Each kill is followed by the invariants an operator relies on: every table reads; every
Parquet file the catalog lists exists (files a killed writer left uncommitted are never
visible); no input is marked ingested without its article; the manifest vouches only for
files whose inputs are stored. A final uninterrupted run must then give exactly what one
clean run gives, with no duplicate rows.

Most kills hit the ingest runner itself, forked from a process that has already imported it,
so every kill lands on work rather than on Python's start-up; a few hit the full `newsnorm
ingest` command, which runs the same engine without a Prefect server unless one is configured,
and starts in a second or two.
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from newsnorm.flows.engine.runner import execute_ingest
from newsnorm.flows.engine.settings import IngestSettings
from newsnorm.warehouse.lake import Warehouse, open_warehouse
from tests_support import ROOT, SEED_BYTES

pytestmark = pytest.mark.reliability

KILLS_RUNNER = 12
KILLS_CLI = 2
INPUT_FILES = 240
# Reads "<warehouse>\t<corpus>" lines; for each, forks a child in its own process group that
# runs the ingest (exit 0 when it finishes), writes the child's pid, then its wait status.
FORKER = """
import os, sys
from newsnorm.flows.engine.runner import execute_ingest
from newsnorm.flows.engine.settings import IngestSettings
from newsnorm.warehouse.lake import Warehouse
for line in sys.stdin:
    warehouse, corpus = line.rstrip("\\n").split("\\t")
    pid = os.fork()
    if pid == 0:
        os.setpgid(0, 0)
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        settings = IngestSettings(
            warehouse=Warehouse.at(warehouse), batch_files=8, compact_after_files=40
        )
        try:
            execute_ingest([corpus], settings)
        except BaseException:
            os._exit(1)
        os._exit(0)
    try:
        os.setpgid(pid, pid)  # as the child does: whichever runs first, killpg finds the group
    except OSError:  # the child has already exited
        pass
    print(pid, flush=True)
    print(os.waitpid(pid, 0)[1], flush=True)
"""
WORDS = [
    "council",
    "budget",
    "school",
    "river",
    "police",
    "election",
    "hospital",
    "court",
    "bridge",
    "farm",
    "union",
    "market",
    "storm",
    "museum",
    "library",
    "transit",
    "housing",
    "water",
    "energy",
    "tax",
]


def _corpus(folder: Path) -> Path:
    """Varied inputs: distinct articles, copies under other names, rejects, a JSONL file."""
    folder.mkdir()
    rng = random.Random(7)
    for n in range(INPUT_FILES):
        words = " ".join(rng.choice(WORDS) for _ in range(60))
        text = f"Story {n} on the {rng.choice(WORDS)}\n\nBy Jane Doe\n\n{words}.\n\n{words[:90]}.\n"
        (folder / f"{n:04d}.txt").write_text(text)
    for n in range(0, INPUT_FILES, 30):  # duplicates and rejects
        (folder / f"copy{n:04d}.txt").write_bytes((folder / f"{n:04d}.txt").read_bytes())
        (folder / f"empty{n:04d}.txt").write_bytes(b"")
    (folder / "seed.txt").write_bytes(SEED_BYTES)
    lines = [
        f'{{"title": "Wire item {n}", "body": "{" ".join(WORDS[n:] + WORDS[:n]) * 2}"}}'
        for n in range(20)
    ]
    (folder / "wire.jsonl").write_text("\n".join([*lines, "{broken"]) + "\n")
    return folder


def _check_invariants(warehouse: Warehouse) -> dict[str, int]:
    if not warehouse.exists():  # killed before it created the catalog: nothing to see
        return {}
    with open_warehouse(warehouse, read_only=True) as connection:

        def one(statement: str) -> int:
            row = connection.execute(statement).fetchone()
            assert row is not None
            return int(row[0])

        if not one("select count(*) from duckdb_views() where database_name = 'newsnorm'"):
            # Killed after creating the catalog, before its first commit: it must hold
            # nothing at all (the contract's tables and views are one transaction).
            assert not one("select count(*) from duckdb_tables() where database_name = 'newsnorm'")
            return {}
        counts = {
            table: one(f"select count(*) from {table}")
            for table in ("articles", "article_versions", "boilerplate", "inputs", "runs")
        }
        counts["manifest"] = one("select count(*) from manifest")
        listed = connection.execute(
            "select data_file from ducklake_list_files('newsnorm', 'raw_articles') "
            "union all select data_file from ducklake_list_files('newsnorm', 'raw_inputs') "
            "union all select data_file from ducklake_list_files('newsnorm', 'raw_boilerplate')"
            " union all select data_file from ducklake_list_files('newsnorm', 'raw_manifest')"
        ).fetchall()
        missing = [path for (path,) in listed if not os.path.exists(path)]
        assert not missing, f"the catalog lists files that are not there: {missing[:3]}"
        assert not one(
            "select count(*) from inputs i where status in ('ingested', 'duplicate') "
            "and not exists (select 1 from article_versions a where a.article_id = i.article_id)"
        ), "an input is marked ingested without its article"
        assert not one(
            "select count(*) from manifest m where not exists "
            "(select 1 from inputs i where i.input_uri = m.file_uri "
            "or starts_with(i.input_uri, m.file_uri || '#'))"
        ), "the manifest vouches for a file whose inputs are not stored"
        assert not one("select count(*) - count(distinct article_id) from article_versions")
    return counts


def _kill_after(command: list[str], delay: float) -> bool:
    """Run `command` in its own process group and SIGKILL the group after `delay` s;
    False when it finished first."""
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # Prefect's server child dies with it
    )
    try:
        process.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return True


class _Forker:
    """A process that has imported the ingest runner and forks one run per request."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", FORKER],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
            start_new_session=True,
        )
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.stdin, self.stdout = self.process.stdin, self.process.stdout.fileno()

    def _line(self) -> int:
        """The next number the forker writes (unbuffered, so `select` sees what is unread)."""
        data = b""
        while not data.endswith(b"\n"):
            byte = os.read(self.stdout, 1)
            assert byte, f"the forker died (exit {self.process.wait()})"
            data += byte
        return int(data)

    def kill_after(self, warehouse: Path, corpus: Path, delay: float) -> bool:
        """Run an ingest and SIGKILL its process group after `delay` s; False when it
        finished first (and then it must have succeeded)."""
        self.stdin.write(f"{warehouse}\t{corpus}\n".encode())
        self.stdin.flush()
        pid = self._line()
        finished, _, _ = select.select([self.stdout], [], [], delay)
        if finished:
            assert self._line() == 0, "an uninterrupted ingest failed"
            return False
        os.killpg(pid, signal.SIGKILL)
        self._line()  # reaped
        return True

    def close(self) -> None:
        self.stdin.close()
        try:
            self.process.wait(timeout=10)
        finally:
            if self.process.poll() is None:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
            assert self.process.stdout is not None
            self.process.stdout.close()


def _reference(corpus: Path, tmp_path: Path) -> set[tuple[Any, ...]]:
    clean = Warehouse.at(tmp_path / "clean")
    execute_ingest([str(corpus)], IngestSettings(warehouse=clean, batch_files=8))
    with open_warehouse(clean, read_only=True) as connection:
        return set(connection.execute("select article_id, title from article_versions").fetchall())


def test_sigkill_at_random_moments_loses_and_corrupts_nothing(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    warehouse = Warehouse.at(tmp_path / "warehouse")
    rng = random.Random(20261126)
    killed = 0
    newsnorm = str(Path(sys.executable).parent / "newsnorm")
    started = time.monotonic()
    forker = _Forker()
    try:
        for attempt in range(KILLS_RUNNER * 3):
            if killed >= KILLS_RUNNER:
                break
            # The fork starts at once: it is reading, processing or committing.
            if forker.kill_after(warehouse.root, corpus, rng.uniform(0.05, 2.0)):
                killed += 1
                _check_invariants(warehouse)
            else:
                # It finished: start over on a fresh warehouse so kills keep hitting work.
                _check_invariants(warehouse)
                warehouse = Warehouse.at(tmp_path / f"warehouse{attempt}")
    finally:
        forker.close()
    cli = [newsnorm, "ingest", str(corpus), "--warehouse", str(warehouse.root), "--batch-size", "8"]
    cli_kills = sum(_kill_after(cli, rng.uniform(1.5, 4.0)) for _ in range(KILLS_CLI))
    if warehouse.exists():
        _check_invariants(warehouse)
    assert killed >= KILLS_RUNNER, f"only {killed} kills landed mid-run"
    execute_ingest([str(corpus)], IngestSettings(warehouse=warehouse, batch_files=8))
    counts = _check_invariants(warehouse)
    with open_warehouse(warehouse, read_only=True) as connection:
        got = set(connection.execute("select article_id, title from article_versions").fetchall())
        uris = connection.execute("select count(distinct input_uri) from inputs").fetchone()
        statuses = connection.execute("select distinct status from runs").fetchall()
    assert got == _reference(corpus, tmp_path)
    assert counts["article_versions"] == len(got)
    assert uris is not None
    assert uris[0] == INPUT_FILES + 2 * (INPUT_FILES // 30) + 1 + 21
    assert {status for (status,) in statuses} <= {"completed", "abandoned"}
    print(
        f"\n{killed} runner kills and {cli_kills} CLI kills survived in "
        f"{time.monotonic() - started:.0f} s; final run: {counts}"
    )
