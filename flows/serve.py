"""`newsnorm serve`: the ingest flow on a schedule, with a Prefect server it owns when needed.

Prefect refuses to schedule on its ephemeral server, so without `PREFECT_API_URL` this module
starts `prefect server start` on 127.0.0.1 (a free port; its PREFECT_HOME and SQLite database
in `<warehouse>/.prefect`, so run history and a paused schedule survive a restart, and later
starts skip creating the database), points the serving process at it, and stops it on exit.
Everything Prefect-specific is imported lazily: argument errors come before any server starts.
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
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import TextIO, cast

from newsnorm.flows.runner import DEFAULT_BATCH_FILES, DEFAULT_MAX_BYTES
from newsnorm.warehouse.lake import Warehouse

DEPLOYMENT_NAME = "newsnorm-serve"
# Measured 6-14 s on the 2-core development machine (a fresh database is migrated each time).
SERVER_START_TIMEOUT = 120.0
SERVER_STOP_TIMEOUT = 15.0
SERVER_LOG = "server.log"
SERVER_HOME = ".prefect"  # inside the warehouse; hidden, so a folder walk never ingests it
SERVE_LOCK = "serve.lock"


class ServeError(Exception):
    """A problem the user can fix (bad schedule, server failing to start); no traceback."""

    def __init__(self, message: str, *, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage  # a bad argument (exit 2) rather than a failure (exit 1)


class Stopped(Exception):
    """SIGTERM arrived before Prefect's runner took over the signal: unwind and clean up."""


@dataclass(frozen=True, slots=True)
class ServeSettings:
    sources: list[str]
    warehouse: str
    cron: str | None = None
    interval: int | None = None
    batch_files: int = DEFAULT_BATCH_FILES
    max_bytes: int = DEFAULT_MAX_BYTES
    strict: bool = False
    fields: Mapping[str, str] = field(default_factory=dict)
    pause_on_shutdown: bool = True
    name: str = DEPLOYMENT_NAME


def check_schedule(cron: str | None, interval: int | None) -> str:
    """Exactly one of cron/interval, and a cron Prefect will accept; returns a description.

    Checked before any server starts, so a typo costs nothing.
    """
    if (cron is None) == (interval is None):
        raise ServeError("give exactly one of --cron or --interval", usage=True)
    if interval is not None:
        if interval <= 0:
            raise ServeError(
                f"--interval must be a positive number of seconds, got {interval}", usage=True
            )
        return f"every {interval} s"
    from prefect.client.schemas.schedules import CronSchedule

    assert cron is not None
    try:
        CronSchedule(cron=cron)
    except ValueError as err:  # pydantic's ValidationError is a ValueError
        raise ServeError(
            f'--cron: invalid cron expression "{cron}": expected five fields '
            '"minute hour day-of-month month day-of-week", e.g. "*/15 * * * *"',
            usage=True,
        ) from err
    return f'on cron "{cron}" (UTC)'


def flow_parameters(settings: ServeSettings) -> dict[str, object]:
    """The flow's parameters with absolute paths: flow runs need not share our directory."""
    from newsnorm.transforms.jsonrecord import field_mapping

    try:
        field_mapping(settings.fields)
    except ValueError as err:
        raise ServeError(f"--field: {err}", usage=True) from err
    return {
        "sources": [os.path.abspath(source) for source in settings.sources],
        # A local warehouse as an absolute path; an s3:// URL as it is.
        "warehouse": settings.warehouse
        if "://" in settings.warehouse
        else os.path.abspath(settings.warehouse),
        "batch_files": settings.batch_files,
        "max_bytes": settings.max_bytes,
        "strict": settings.strict,
        "fields": dict(settings.fields),
    }


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
    with _serve_lock(home):
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
def _serve_lock(home: Path) -> Iterator[None]:
    """One owned server per home: two on one SQLite database would trip over each other."""
    with _home_lock(home) as owned:
        if not owned:
            raise ServeError(
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
        if process.poll() is not None:
            raise ServeError(
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
    raise ServeError(
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


def _raise_stopped(signum: int, frame: FrameType | None) -> None:
    raise Stopped


def serve(settings: ServeSettings, out: TextIO) -> None:
    """Serve `ingest-articles` until SIGTERM or Ctrl-C; raises ServeError for user errors."""
    schedule = check_schedule(settings.cron, settings.interval)
    parameters = flow_parameters(settings)
    home = Warehouse.at(str(parameters["warehouse"])).root / SERVER_HOME
    home.mkdir(parents=True, exist_ok=True)
    previous = signal.signal(signal.SIGTERM, _raise_stopped)
    try:
        external = os.environ.get("PREFECT_API_URL")
        if external:
            out.write(f"using the Prefect server at {external}\n")
            _serve_flow(settings, parameters, schedule, external, owned=False, out=out)
        else:
            with local_server(home, out) as url:
                _serve_flow(settings, parameters, schedule, url, owned=True, out=out)
            out.write("the local Prefect server is stopped\n")
    except (KeyboardInterrupt, Stopped):
        out.write("stopped before serving began; nothing was run\n")
    finally:
        signal.signal(signal.SIGTERM, previous)


def _serve_flow(
    settings: ServeSettings,
    parameters: dict[str, object],
    schedule: str,
    api_url: str,
    *,
    owned: bool,
    out: TextIO,
) -> None:
    os.environ["PREFECT_API_URL"] = api_url  # flow-run subprocesses inherit it
    from prefect import serve as prefect_serve
    from prefect.deployments.runner import RunnerDeployment
    from prefect.settings import PREFECT_API_URL, temporary_settings
    from prefect.types.entrypoint import EntrypointType

    from newsnorm.flows.ingest import ingest_articles

    with temporary_settings({PREFECT_API_URL: api_url}):
        deployment = ingest_articles.to_deployment(
            name=settings.name,
            cron=settings.cron,
            interval=settings.interval,
            paused=False,  # a schedule paused by an earlier shutdown resumes
            parameters=parameters,
            # Runs import flows.ingest from the installed package, whatever the directory.
            entrypoint_type=EntrypointType.MODULE_PATH,
            description="newsnorm serve: " + " ".join(map(str, settings.sources)),
        )
        ui = api_url.removesuffix("/api")
        out.write(
            f"serving ingest-articles/{settings.name} {schedule} into {parameters['warehouse']}\n"
            f"runs: {ui}/runs (Prefect UI); stop with Ctrl-C or SIGTERM\n"
        )
        out.flush()
        interrupted = False
        try:
            prefect_serve(
                cast(RunnerDeployment, deployment),  # sync call: not a coroutine
                pause_on_shutdown=settings.pause_on_shutdown,
                print_starting_message=False,
                limit=1,  # one ingest at a time; the warehouse lock would serialise them anyway
            )
        except KeyboardInterrupt:
            interrupted = True
    out.write(_shutdown_message(settings, owned=owned, interrupted=interrupted))
    out.flush()


def _shutdown_message(settings: ServeSettings, *, owned: bool, interrupted: bool) -> str:
    """What happened to the run in flight and to the schedule, in words."""
    lines = [
        "stopped"
        + (" (Ctrl-C)" if interrupted else "")
        + ": any flow run in progress was cancelled; its current batch was abandoned uncommitted "
        "(batches commit atomically, so nothing partial is visible) and the next run carries on "
        "from the inputs already committed"
    ]
    name = f"ingest-articles/{settings.name}"
    if settings.pause_on_shutdown:
        lines.append(
            f"schedule paused: deployment {name} stays paused until `newsnorm serve` runs again"
        )
    elif owned:
        lines.append(
            "schedule left active (--no-pause-on-shutdown), but the local server that holds it "
            "stops with serve, so nothing runs until `newsnorm serve` starts again"
        )
    else:
        lines.append(
            f"schedule left active (--no-pause-on-shutdown): the server keeps creating runs of "
            f"{name}; they wait, late, until `newsnorm serve` runs again"
        )
    return "\n".join(lines) + "\n"
