"""`newsnorm serve`: the ingest flow on a schedule, with a Prefect server it owns when needed.

Prefect refuses to schedule on its ephemeral server, so without `PREFECT_API_URL` this
starts one (orchestration.local_server, in `<warehouse>/.prefect`), points the serving
process at it, and stops it on exit. The flow's parameters are an `IngestParameters`, the
same value `newsnorm ingest` runs with. Everything Prefect-specific is imported lazily:
argument errors come before any server starts.
"""

from __future__ import annotations

import os
import signal
from dataclasses import dataclass
from types import FrameType
from typing import Any, TextIO, cast

from newsnorm.flows.orchestration.local_server import local_server
from newsnorm.flows.orchestration.parameters import IngestParameters, ParameterError
from newsnorm.flows.orchestration.prefect_env import configured_api_url

DEPLOYMENT_NAME = "newsnorm-serve"
SERVER_HOME = ".prefect"  # inside the warehouse; hidden, so a folder walk never ingests it
POLL_DEFAULT_S = 10  # Prefect's runner polls this often unless told otherwise


class ServeError(Exception):
    """A problem the user can fix (a bad schedule or parameter); no traceback."""

    def __init__(self, message: str, *, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage  # a bad argument (exit 2) rather than a failure (exit 1)


class Stopped(Exception):
    """SIGTERM arrived before Prefect's runner took over the signal: unwind and clean up."""


@dataclass(frozen=True, slots=True)
class ServeSettings:
    """What to run (the flow's parameters), when, and how the deployment behaves."""

    parameters: IngestParameters
    cron: str | None = None
    interval: int | None = None
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


def flow_parameters(settings: ServeSettings) -> dict[str, Any]:
    """The flow's parameters with absolute paths: flow runs need not share our directory."""
    try:
        settings.parameters.check()
    except ParameterError as err:
        raise ServeError(str(err), usage=True) from err
    return settings.parameters.absolute().as_flow_parameters()


def _raise_stopped(signum: int, frame: FrameType | None) -> None:
    raise Stopped


class _CtrlC:
    """Ctrl-C stops serving as SIGTERM does: Prefect's runner takes SIGTERM as a graceful
    stop (the run in flight is cancelled and records itself so), while its `serve` swallows
    a KeyboardInterrupt after ending the run unrecorded, its row left `running`. The press
    is remembered for the exit status (130); a second one raises at once."""

    def __init__(self) -> None:
        self.pressed = False

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        if self.pressed:
            raise KeyboardInterrupt
        self.pressed = True
        os.kill(os.getpid(), signal.SIGTERM)


def serve(settings: ServeSettings, out: TextIO) -> bool:
    """Serve `ingest-articles` until SIGTERM or Ctrl-C; whether Ctrl-C stopped it (exit 130,
    as every command; SIGTERM is a service's normal stop). Raises ServeError for user errors,
    ServerError when the local server does not start or another serve owns it."""
    from newsnorm.warehouse.lake import Warehouse

    schedule = check_schedule(settings.cron, settings.interval)
    parameters = flow_parameters(settings)
    home = Warehouse.at(str(parameters["warehouse"])).root / SERVER_HOME
    home.mkdir(parents=True, exist_ok=True)
    ctrl_c = _CtrlC()
    previous = signal.signal(signal.SIGTERM, _raise_stopped)
    previous_int = signal.signal(signal.SIGINT, ctrl_c)
    try:
        external = configured_api_url()  # the environment, else the active profile
        if external:
            out.write(f"using the Prefect server at {external}\n")
            interrupted = serve_deployment(
                settings, parameters, schedule, external, owned=False, out=out, ctrl_c=ctrl_c
            )
            return interrupted or ctrl_c.pressed
        with local_server(home, out) as url:
            interrupted = serve_deployment(
                settings, parameters, schedule, url, owned=True, out=out, ctrl_c=ctrl_c
            )
        out.write("the local Prefect server is stopped\n")
        return interrupted or ctrl_c.pressed
    except (KeyboardInterrupt, Stopped) as stop:
        out.write("stopped before serving began; nothing was run\n")
        return isinstance(stop, KeyboardInterrupt) or ctrl_c.pressed
    finally:
        signal.signal(signal.SIGTERM, previous)
        signal.signal(signal.SIGINT, previous_int)


def serve_deployment(
    settings: ServeSettings,
    parameters: dict[str, object],
    schedule: str,
    api_url: str,
    *,
    owned: bool,
    out: TextIO,
    ctrl_c: _CtrlC | None = None,
) -> bool:
    """Serve the deployment until stopped; whether Ctrl-C stopped it."""
    os.environ["PREFECT_API_URL"] = api_url  # flow-run subprocesses inherit it
    from prefect import serve as prefect_serve
    from prefect.deployments.runner import RunnerDeployment
    from prefect.settings import PREFECT_API_URL, temporary_settings
    from prefect.types.entrypoint import EntrypointType

    from newsnorm.flows.orchestration.ingest_flow import ingest_articles

    with temporary_settings({PREFECT_API_URL: api_url}):
        deployment = ingest_articles.to_deployment(
            name=settings.name,
            cron=settings.cron,
            interval=settings.interval,
            paused=False,  # a schedule paused by an earlier shutdown resumes
            parameters=parameters,
            # Runs import the flow from the installed package, whatever the directory.
            entrypoint_type=EntrypointType.MODULE_PATH,
            description="newsnorm serve: " + " ".join(settings.parameters.sources),
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
                query_seconds=poll_seconds(settings.interval),
            )
        except KeyboardInterrupt:
            interrupted = True
        interrupted = interrupted or (ctrl_c is not None and ctrl_c.pressed)
    out.write(shutdown_message(settings, owned=owned, interrupted=interrupted))
    out.flush()
    return interrupted


def poll_seconds(interval: int | None) -> float | None:
    """How often the runner asks for due runs: Prefect's default (10 s) is late for a shorter
    interval, so a run every 5 s is looked for every 5 s. None keeps the default (cron's
    shortest schedule is a minute)."""
    if interval is None:
        return None
    return float(max(1, min(POLL_DEFAULT_S, interval)))


def shutdown_message(settings: ServeSettings, *, owned: bool, interrupted: bool) -> str:
    """What happened to the run in flight and to the schedule, in words."""
    lines = [
        "stopped"
        + (" (Ctrl-C)" if interrupted else "")
        + ": any flow run in progress was cancelled; its chunk in progress was dropped "
        "uncommitted (chunks commit atomically, so nothing partial is visible; committed ones "
        "stay) and the next run carries on from the inputs already committed"
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
