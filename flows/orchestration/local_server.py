"""A local Prefect server's lifecycle: started on 127.0.0.1 for the duration, stopped after.

Prefect refuses to schedule on its ephemeral server, and process or Dask workers would each
start one of their own, so `serve` and `ingest --runner process|dask` start `prefect server
start` on a free port (its PREFECT_HOME and SQLite database under the warehouse, so run
history and a paused schedule survive a restart, and later starts skip creating the
database) and stop its whole process group on exit, even when we are killed outright.
"""

from __future__ import annotations

import fcntl
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TextIO

from newsnorm.flows.engine.stopping import STOP

# Measured 6-14 s on the 2-core development machine (a fresh database is migrated each time).
SERVER_START_TIMEOUT = 120.0
SERVER_STOP_TIMEOUT = 15.0
SERVER_LOG = "server.log"
SERVE_LOCK = "serve.lock"


class ServerError(Exception):
    """The local server could not start, or another process already owns its home."""


def free_port() -> int:
    """A port nothing listens on now (the server binds it a moment later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def server_command(port: int) -> list[str]:
    """`prefect server start` with this interpreter: the venv's Prefect, no PATH lookup."""
    return [
        sys.executable,
        "-m",
        "prefect",
        "server",
        "start",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--analytics-off",
    ]


@contextmanager
def local_server(home: Path, out: TextIO, timeout: float = SERVER_START_TIMEOUT) -> Iterator[str]:
    """Start a Prefect server on 127.0.0.1 for the duration; yields its API URL.

    It runs in its own session, so a Ctrl-C in the terminal reaches only us and the server
    stays up while the runner pauses the schedule; we stop its whole process group after.
    """
    with owned_home(home):
        port = free_port()
        yield from _run_server(home, port, out, timeout)


@contextmanager
def run_local_server(
    home: Path, out: TextIO, timeout: float = SERVER_START_TIMEOUT
) -> Iterator[str]:
    """`local_server` for a run that only needs some server (`ingest --runner process`):
    its database in `home`, or in a temporary folder while another process owns `home`."""
    with _home_lock(home) as owned:
        if owned:
            yield from _run_server(home, free_port(), out, timeout)
            return
    with tempfile.TemporaryDirectory(prefix="newsnorm-prefect-") as temporary:
        yield from _run_server(Path(temporary), free_port(), out, timeout)


@contextmanager
def owned_home(home: Path) -> Iterator[None]:
    """Hold `home` for one owned server: two on one SQLite database would trip over each
    other, so a second owner is refused (ServerError) while the first runs."""
    with _home_lock(home) as owned:
        if not owned:
            raise ServerError(
                f"another `newsnorm serve` already serves this warehouse (its server is in "
                f"{home}); stop it first, or point both at one server with PREFECT_API_URL"
            )
        yield


@contextmanager
def _home_lock(home: Path) -> Iterator[bool]:
    """Hold `home`'s lock for the duration if it is free; yields whether we hold it."""
    home.mkdir(parents=True, exist_ok=True)
    with open(home / SERVE_LOCK, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            owned = True
        except BlockingIOError:
            owned = False
        yield owned


def _run_server(home: Path, port: int, out: TextIO, timeout: float) -> Iterator[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_API_")}
    env.update(
        PREFECT_HOME=str(home),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_SERVER_API_HOST="127.0.0.1",
        PREFECT_SERVER_API_PORT=str(port),
        # Block types are for storage and infrastructure a served flow does not use;
        # registering them is several seconds of every fresh start.
        PREFECT_API_BLOCKS_REGISTER_ON_START="false",
    )
    env.pop("PREFECT_API_DATABASE_CONNECTION_URL", None)  # its own SQLite under home
    url = f"http://127.0.0.1:{port}/api"
    log_path = home / SERVER_LOG
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            server_command(port),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )
    out.write(
        f"starting a local Prefect server (pid {process.pid}) at {url}, about 10 s; "
        f"its database and {SERVER_LOG} are in {home}\n"
    )
    out.flush()
    try:
        _wait_healthy(url, process, log_path, timeout)
        yield url
    finally:
        _stop_group(process)


def _die_with_parent() -> None:
    """Linux: the server gets SIGTERM if we are killed outright (SIGKILL), so none is left."""
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        STOP.check()  # Ctrl-C while the server starts: stop now, not after it is up
        if process.poll() is not None:
            raise ServerError(
                f"the local Prefect server exited with status {process.returncode} while "
                f"starting:\n{_tail(log)}"
            )
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.25)
    raise ServerError(
        f"the local Prefect server did not answer within {timeout:.0f} s:\n{_tail(log)}"
    )


def _tail(log: Path, lines: int = 20) -> str:
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(no server log)"
    return "\n".join(text.splitlines()[-lines:])


def _stop_group(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM the server's process group, SIGKILL it after a bound, and reap the leader."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    with suppress(subprocess.TimeoutExpired):
        process.wait(timeout=SERVER_STOP_TIMEOUT)
    with suppress(ProcessLookupError):  # anything left in its group, leader included
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
