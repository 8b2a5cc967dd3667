"""Clean stops, no leaks: Ctrl-C and SIGKILL sent to a real `newsnorm ingest`.

SIGINT (what Ctrl-C sends) must end the command within 10 s with one line and no
traceback, the run recorded `cancelled`, its committed batches kept, and the same command
must then carry on. SIGKILL must leave no process behind 10 s later: every descendant the
ingest had (in Prefect mode, the local Prefect server) is gone. The bounds are the issue's;
the waits before a signal (for a batch to commit, for a server to start) are generous,
for a loaded machine.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsnorm.flows.cli import EXIT_INTERRUPTED, EXIT_OK
from newsnorm.flows.orchestration.task_runners import INGEST_SERVER_HOME
from newsnorm.warehouse.lake import Warehouse, open_warehouse
from tests_support import NEWSNORM, alive, terminal_env

pytestmark = pytest.mark.reliability

FILES = 160
STOP_BOUND_S = 10.0
SETUP_TIMEOUT_S = 240.0
WORDS = ("council", "budget", "school", "river", "police", "election", "hospital", "court")


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    rng = random.Random(14)
    for n in range(FILES):
        words = " ".join(rng.choice(WORDS) for _ in range(400))
        (folder / f"{n:04d}.txt").write_text(
            f"Story {n} on the {WORDS[n % len(WORDS)]}\n\n{words}.\n"
        )
    return folder


@pytest.fixture(scope="module")
def server_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Prefect home whose database is already migrated, made once for the module.

    A run that starts its local Prefect server migrates a fresh database first (~5 of its
    ~11 s here); a warehouse whose server ran before skips that. These tests are about
    stopping, not about a first server start, so each copies this home under its warehouse
    (`_with_server_database`): the server still starts, serves and stops as the run's child.
    """
    home = tmp_path_factory.mktemp("prefect-template") / "home"
    home.mkdir()
    subprocess.run(
        [sys.executable, "-m", "prefect", "server", "database", "upgrade", "-y"],
        env=terminal_env(home.parent, PREFECT_HOME=str(home)),
        capture_output=True,
        timeout=SETUP_TIMEOUT_S,
        check=True,
    )
    assert (home / "prefect.db").exists()
    return home


def _with_server_database(warehouse: Path, template: Path) -> None:
    shutil.copytree(template, warehouse / INGEST_SERVER_HOME)


def _start(corpus: Path, warehouse: Path, tmp_path: Path, *extra: str) -> subprocess.Popen[str]:
    # One input per batch: each commit takes a noticeable moment, so the run is still going
    # when the signal comes, even on a loaded machine (with 8 per batch it once finished
    # between the first commit and the kill).
    return subprocess.Popen(
        [NEWSNORM, "ingest", str(corpus), "--warehouse", str(warehouse), "--batch-size", "1",
         *extra],
        env=terminal_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # the signals below go to it alone, as the test sends them
    )  # fmt: skip


def _committed(warehouse: Path) -> int:
    """Inputs committed so far (0 while the warehouse is not there yet)."""
    target = Warehouse.at(warehouse)
    if not target.exists():
        return 0
    try:
        with open_warehouse(target, read_only=True) as connection:
            row = connection.execute("select count(*) from inputs").fetchone()
    except Exception:  # created but not yet prepared: no views yet
        return 0
    return int(row[0]) if row else 0


def _wait_for(what: str, check: object, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + SETUP_TIMEOUT_S
    while time.monotonic() < deadline:
        assert process.poll() is None, f"ingest ended before {what}: {process.communicate()}"
        if callable(check) and check():
            return
        time.sleep(0.2)
    process.kill()
    pytest.fail(f"no {what} within {SETUP_TIMEOUT_S:.0f} s")


def _descendants(pid: int) -> set[int]:
    """Every process below `pid`, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found: set[int] = set()
    pending = [pid]
    while pending:
        for child in children.get(pending.pop(), []):
            if child not in found:
                found.add(child)
                pending.append(child)
    return found


def _runs(warehouse: Path) -> list[tuple[str, int]]:
    with open_warehouse(Warehouse.at(warehouse), read_only=True) as connection:
        rows = connection.execute("select status, ingested from runs order by started_at")
        return [(str(status), int(ingested)) for status, ingested in rows.fetchall()]


def _articles(warehouse: Path) -> int:
    with open_warehouse(Warehouse.at(warehouse), read_only=True) as connection:
        row = connection.execute("select count(*) from articles").fetchone()
    assert row is not None
    return int(row[0])


def _interrupt(process: subprocess.Popen[str]) -> tuple[float, str, str]:
    """SIGINT, then wait: seconds to exit, stdout, stderr."""
    process.send_signal(signal.SIGINT)
    sent = time.monotonic()
    try:
        out, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
    return time.monotonic() - sent, out, err


def _assert_cancelled_cleanly(
    elapsed: float, out: str, err: str, returncode: int, warehouse: Path
) -> int:
    assert elapsed < STOP_BOUND_S, f"exited {elapsed:.1f} s after SIGINT"
    assert returncode == EXIT_INTERRUPTED, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines[-1].startswith("newsnorm ingest: cancelled; run "), err
    assert out == ""
    [(status, ingested)] = _runs(warehouse)
    assert status == "cancelled"
    assert 0 < ingested < FILES
    assert _articles(warehouse) == ingested  # every committed batch kept, nothing else
    return ingested


def test_ctrl_c_cancels_within_seconds_and_the_same_command_carries_on(tmp_path: Path) -> None:
    corpus, warehouse = _corpus(tmp_path / "in"), tmp_path / "warehouse"
    process = _start(corpus, warehouse, tmp_path)
    _wait_for("committed batch", lambda: _committed(warehouse) > 0, process)
    children = _descendants(process.pid)
    elapsed, out, err = _interrupt(process)
    assert err.count("\n") == 1, err  # the one line, and nothing else
    kept = _assert_cancelled_cleanly(elapsed, out, err, process.returncode, warehouse)
    assert not [pid for pid in children if alive(pid)]

    again = subprocess.run(
        [NEWSNORM, "ingest", str(corpus), "--warehouse", str(warehouse)],
        env=terminal_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert again.returncode == EXIT_OK, again.stderr
    assert again.stdout.startswith(f"ingested {FILES - kept}, duplicate 0, unchanged {kept},")
    assert _articles(warehouse) == FILES
    assert [status for status, _ in _runs(warehouse)] == ["cancelled", "completed"]


def test_sigkill_leaves_no_process_behind(tmp_path: Path) -> None:
    corpus, warehouse = _corpus(tmp_path / "in"), tmp_path / "warehouse"
    process = _start(corpus, warehouse, tmp_path)
    _wait_for("committed batch", lambda: _committed(warehouse) > 0, process)
    _kill_and_check_no_survivor(process)
    # The next run, holding the writer lock, knows the killed one is dead.
    subprocess.run(
        [NEWSNORM, "ingest", str(corpus), "--warehouse", str(warehouse)],
        env=terminal_env(tmp_path),
        capture_output=True,
        timeout=600,
        check=True,
    )
    assert [status for status, _ in _runs(warehouse)] == ["abandoned", "completed"]


@pytest.mark.prefect
def test_a_prefect_run_stops_cleanly_and_its_server_never_outlives_it(
    tmp_path: Path, server_database: Path
) -> None:
    """--prefect without an API starts a local Prefect server, a child of the ingest: Ctrl-C
    cancels the flow run and stops the server; SIGKILL takes the server down with it."""
    corpus, warehouse = _corpus(tmp_path / "in"), tmp_path / "warehouse"
    _with_server_database(warehouse, server_database)
    process = _start(corpus, warehouse, tmp_path, "--prefect")
    _wait_for("committed batch", lambda: _committed(warehouse) > 0, process)
    server = _descendants(process.pid)
    assert server, "no local Prefect server below the ingest"
    elapsed, out, err = _interrupt(process)
    assert "starting a local Prefect server" in err
    _assert_cancelled_cleanly(elapsed, out, err, process.returncode, warehouse)
    assert not [pid for pid in server if alive(pid)]

    process = _start(corpus, warehouse, tmp_path, "--prefect")
    _wait_for("second run", lambda: len(_runs_or_none(warehouse)) == 2, process)
    assert _descendants(process.pid)
    _kill_and_check_no_survivor(process)


def _runs_or_none(warehouse: Path) -> list[tuple[str, int]]:
    try:
        return _runs(warehouse)
    except Exception:  # the writer holds the catalog this instant
        return []


def _kill_and_check_no_survivor(process: subprocess.Popen[str]) -> None:
    below = _descendants(process.pid)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    deadline = time.monotonic() + STOP_BOUND_S
    while time.monotonic() < deadline and [pid for pid in below if alive(pid)]:
        time.sleep(0.2)
    survivors = [pid for pid in below if alive(pid)]
    for pid in survivors:  # never leave them running after a failed test
        os.kill(pid, signal.SIGKILL)
    assert not survivors, f"{len(survivors)} processes outlived the killed ingest by 10 s"


@pytest.mark.prefect
@pytest.mark.parametrize(("runner", "ctrl_cs"), [("process", 1), ("dask", 1), ("process", 2)])
def test_a_terminal_ctrl_c_to_the_group_stops_a_run_on_pool_workers(
    tmp_path: Path, runner: str, ctrl_cs: int, server_database: Path
) -> None:
    """A terminal sends Ctrl-C to its whole process group, pool workers included. Prefect's
    workers took it: their KeyboardInterrupt, re-raised in the pool's management thread,
    left a batch never done, and the run waited for it for ever (still `running` 90 s on;
    a second Ctrl-C printed the cancelled line and still did not exit)."""
    corpus, warehouse = _corpus(tmp_path / "in"), tmp_path / "warehouse"
    _with_server_database(warehouse, server_database)
    process = _start(corpus, warehouse, tmp_path, "--runner", runner)
    below: set[int] = set()
    try:
        _wait_for("committed batch", lambda: _committed(warehouse) > 0, process)
        below = _descendants(process.pid)
        for _ in range(ctrl_cs):
            os.killpg(process.pid, signal.SIGINT)  # as a terminal does: the whole group
            time.sleep(0.5)
        try:
            _, err = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            pytest.fail("the run had not ended 30 s after a Ctrl-C to its process group")
        assert process.returncode == EXIT_INTERRUPTED, err
        assert "Traceback" not in err
        [(status, ingested)] = _runs(warehouse)
        assert status == "cancelled"
        assert 0 < ingested < FILES
        assert _articles(warehouse) == ingested
    finally:  # nothing it started outlives the test
        for pid in [process.pid, *below]:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        process.communicate()


def test_a_sigterm_to_the_group_stops_a_run_whose_pool_workers_it_ends(tmp_path: Path) -> None:
    """A service manager or `timeout` sends SIGTERM to the whole process group, the run's
    transform workers too: the run stops as on a Ctrl-C, never hangs (workers that took
    SIGTERM's default died with items queued, and shutting the pool down then hung)."""
    corpus, warehouse = tmp_path / "in", tmp_path / "warehouse"
    corpus.mkdir()
    rng = random.Random(15)
    for n in range(4_000):  # long enough to be running when the signal comes (1,200 was not)
        words = " ".join(rng.choice(WORDS) for _ in range(300))
        (corpus / f"{n:05d}.txt").write_text(f"Story {n} on the {WORDS[n % 8]}\n\n{words}.\n")
    # Batches of 100: each goes to the worker pool (workers.MIN_POOLED is 64).
    process = _start(corpus, warehouse, tmp_path, "--batch-size", "100")
    below: set[int] = set()
    try:
        _wait_for("committed batch", lambda: _committed(warehouse) > 0, process)
        below = _descendants(process.pid)
        os.killpg(process.pid, signal.SIGTERM)
        try:
            _, err = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            pytest.fail("the run had not ended 30 s after a SIGTERM to its process group")
        assert process.returncode == EXIT_INTERRUPTED, err
        assert "Traceback" not in err
        [(status, ingested)] = _runs(warehouse)
        assert status == "cancelled"
        assert _articles(warehouse) == ingested
    finally:  # nothing it started outlives the test
        for pid in [process.pid, *below]:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        process.communicate()
