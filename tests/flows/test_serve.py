"""`newsnorm serve`: argument checks before any server starts, and a real scheduled run."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest

import newsnorm.flows.orchestration.local_server
import newsnorm.flows.orchestration.serve
from newsnorm.flows.cli import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_USAGE, main
from newsnorm.flows.orchestration.local_server import ServerError, owned_home
from newsnorm.flows.orchestration.parameters import IngestParameters
from newsnorm.flows.orchestration.serve import (
    ServeError,
    ServeSettings,
    check_schedule,
    flow_parameters,
    poll_seconds,
    shutdown_message,
)
from newsnorm.warehouse.lake import Warehouse, open_warehouse
from tests_support import ROOT, SEED

SECOND_ARTICLE = ROOT / "tests" / "golden" / "generic" / "tech_blog_text_dump.txt"


@pytest.fixture
def no_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if anything tries to start a Prefect server."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a server was started before the arguments were checked")

    monkeypatch.setattr(newsnorm.flows.orchestration.serve, "local_server", refuse)
    monkeypatch.setattr(newsnorm.flows.orchestration.serve, "serve_deployment", refuse)


@pytest.mark.parametrize(
    ("cron", "interval"), [(None, None), ("*/15 * * * *", 60)], ids=["neither", "both"]
)
def test_exactly_one_of_cron_and_interval(cron: str | None, interval: int | None) -> None:
    with pytest.raises(ServeError, match="exactly one of --cron or --interval") as caught:
        check_schedule(cron, interval)
    assert caught.value.usage


@pytest.mark.parametrize(
    ("interval", "expected"), [(None, None), (1, 1.0), (5, 5.0), (10, 10.0), (900, 10.0)]
)
def test_the_runner_looks_for_due_runs_at_least_once_an_interval(
    interval: int | None, expected: float | None
) -> None:
    assert poll_seconds(interval) == expected


def test_valid_schedules_are_described() -> None:
    assert check_schedule("*/15 * * * *", None) == 'on cron "*/15 * * * *" (UTC)'
    assert check_schedule(None, 300) == "every 300 s"


@pytest.mark.parametrize("cron", ["61 * * * *", "*/15 * * *", "every hour", "H * * * *"])
def test_invalid_cron_is_rejected_with_a_clear_message(cron: str) -> None:
    with pytest.raises(ServeError, match="invalid cron expression") as caught:
        check_schedule(cron, None)
    assert "*/15 * * * *" in str(caught.value)  # shows what a valid one looks like


@pytest.mark.usefixtures("no_server")
def test_cli_rejects_a_bad_cron_before_any_server(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["serve", str(tmp_path), "--cron", "61 * * * *", "--warehouse", str(tmp_path / "w")]
    assert main(args) == EXIT_USAGE
    assert 'newsnorm serve: --cron: invalid cron expression "61 * * * *"' in capsys.readouterr().err


@pytest.mark.usefixtures("no_server")
def test_cli_rejects_an_unknown_field_before_any_server(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", str(tmp_path), "--interval", "60", "--field", "nope=x"]) == EXIT_USAGE
    assert "newsnorm serve: --field:" in capsys.readouterr().err


def test_serve_passes_every_ingest_option_to_the_flow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What `ingest` runs once, `serve` schedules: each ingest option reaches the
    deployment's parameters (an external server, so none is started)."""
    deployed: list[dict[str, object]] = []

    def record(
        settings: ServeSettings, parameters: dict[str, object], *args: Any, **kw: Any
    ) -> None:
        deployed.append(parameters)

    monkeypatch.setattr(newsnorm.flows.orchestration.serve, "serve_deployment", record)
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")
    options = [
        "--batch-size", "7", "--max-bytes", "1234", "--field", "title=headline", "--strict",
        "--rescan", "--follow-symlinks", "--compact-after", "0", "--runner", "dask",
        "--dask-address", "tcp://127.0.0.1:8786", "--story-min-containment", "0.7",
        "--story-min-shared", "9", "--timezone", "Europe/Berlin",
    ]  # fmt: skip
    warehouse = tmp_path / "w"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    assert main(["serve", "in", "--interval", "60", "--warehouse", str(warehouse), *options]) == 0
    assert deployed == [
        {
            "sources": [os.path.abspath("in")],
            "warehouse": str(warehouse),
            "batch_files": 7,
            "max_bytes": 1234,
            "strict": True,
            "fields": {"title": "headline"},
            "rescan": True,
            "follow_symlinks": True,
            "compact_after_files": 0,
            "runner": "dask",
            "dask_address": "tcp://127.0.0.1:8786",
            "story_min_containment": 0.7,
            "story_min_shared": 9,
            "timezone": "Europe/Berlin",
        }
    ]


def test_serve_uses_the_api_of_the_active_prefect_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An API set with `prefect config set PREFECT_API_URL=…` is where `serve` registers
    the schedule, as `ingest` reports there: no local server is started."""
    used: list[tuple[str, bool]] = []

    def record(
        settings: ServeSettings, parameters: Any, schedule: str, url: str, **kw: Any
    ) -> None:
        used.append((url, kw["owned"]))

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a local server was started though a profile names an API")

    monkeypatch.setattr(newsnorm.flows.orchestration.serve, "serve_deployment", record)
    monkeypatch.setattr(newsnorm.flows.orchestration.serve, "local_server", refuse)
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.delenv("PREFECT_PROFILE", raising=False)
    profiles = tmp_path / "profiles.toml"
    profiles.write_text(
        'active = "team"\n[profiles.team]\nPREFECT_API_URL = "http://127.0.0.1:7/api"\n'
    )
    monkeypatch.setenv("PREFECT_PROFILES_PATH", str(profiles))
    args = ["serve", str(tmp_path), "--interval", "60", "--warehouse", str(tmp_path / "w")]
    assert main(args) == 0
    assert used == [("http://127.0.0.1:7/api", False)]
    assert "using the Prefect server at http://127.0.0.1:7/api" in capsys.readouterr().out


@pytest.mark.usefixtures("no_server")
def test_serve_refuses_a_dask_address_without_the_dask_runner(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["serve", str(tmp_path), "--interval", "60", "--dask-address", "tcp://h:1"]
    assert main(args) == EXIT_USAGE
    assert "newsnorm serve: --dask-address needs --runner dask" in capsys.readouterr().err


@pytest.mark.usefixtures("no_server")
@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([], "one of the arguments --cron --interval is required"),
        (["--cron", "* * * * *", "--interval", "5"], "not allowed with argument"),
        (["--interval", "0"], "expected a positive integer"),
    ],
)
def test_cli_schedule_arguments(
    extra: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["serve", "in", *extra])
    assert caught.value.code == EXIT_USAGE
    assert message in capsys.readouterr().err


def test_flow_parameters_are_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = ServeSettings(
        IngestParameters(sources=("in", "/abs/x.txt"), warehouse="w"), interval=5
    )
    parameters = flow_parameters(settings)
    assert parameters["sources"] == [str(tmp_path / "in"), "/abs/x.txt"]
    assert parameters["warehouse"] == str(tmp_path / "w")
    remote = ServeSettings(
        IngestParameters(sources=("in",), warehouse="s3://news-bucket/lake"), interval=5
    )
    assert flow_parameters(remote)["warehouse"] == "s3://news-bucket/lake"  # never a path


def test_a_server_that_fails_to_start_is_reported(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setenv("PREFECT_PROFILES_PATH", str(tmp_path / "no-profiles.toml"))
    monkeypatch.setattr(
        newsnorm.flows.orchestration.local_server,
        "server_command",
        lambda port: [sys.executable, "-c", "import sys; print('boom'); sys.exit(4)"],
    )
    warehouse = tmp_path / "w"
    args = ["serve", str(tmp_path), "--interval", "5", "--warehouse", str(warehouse)]
    assert main(args) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "the local Prefect server exited with status 4 while starting" in err
    assert "boom" in err  # the tail of its log
    assert (warehouse / ".prefect" / "server.log").read_text().strip() == "boom"


def test_a_second_serve_on_one_warehouse_is_refused(tmp_path: Path) -> None:
    home = tmp_path / ".prefect"
    with owned_home(home):
        second = owned_home(home)
        with pytest.raises(ServerError, match="already serves"):
            second.__enter__()


@pytest.mark.parametrize(
    ("pause", "owned", "expected"),
    [
        (True, True, "schedule paused"),
        (True, False, "stays paused until `newsnorm serve` runs again"),
        (False, True, "nothing runs until `newsnorm serve` starts again"),
        (False, False, "schedule left active (--no-pause-on-shutdown): the server keeps"),
    ],
)
def test_shutdown_message_says_what_happened_to_the_schedule(
    pause: bool, owned: bool, expected: str
) -> None:
    settings = ServeSettings(IngestParameters(sources=("in",)), interval=5, pause_on_shutdown=pause)
    message = shutdown_message(settings, owned=owned, interrupted=False)
    assert expected in message
    assert "chunks commit atomically" in message


@pytest.mark.prefect
def test_serve_runs_the_flow_on_schedule_and_stops_on_sigterm(tmp_path: Path) -> None:
    """The acceptance run: own server, a scheduled flow run, SIGTERM, nothing left behind."""
    sources = tmp_path / "in"
    sources.mkdir()
    shutil.copy(SEED, sources / "a.txt")
    shutil.copy(SECOND_ARTICLE, sources / "b.txt")
    warehouse = Warehouse.at(tmp_path / "warehouse")
    env = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_API_")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    env["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    log = tmp_path / "serve.log"
    # Every 2 s, so the runner (which polls as often) starts the first run soon after serving.
    command = [sys.executable, "-m", "newsnorm.flows.cli", "serve", str(sources), "--interval", "2"]
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [*command, "--warehouse", str(warehouse.root)],
            cwd=tmp_path,  # runs import the installed package, not files from the checkout
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        run = _wait_for_completed_run(warehouse, process, log, timeout=120)
        status, seen, ingested, flow_run_id = run
        assert (status, seen, ingested) == ("completed", 2, 2)
        assert flow_run_id  # the run was Prefect's, not a plain ingest
        server_pid, port = _server_of(log.read_text())
        os.kill(process.pid, signal.SIGTERM)
        code = process.wait(timeout=45)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    output = log.read_text()
    assert code == 0, output
    assert "schedule paused" in output
    assert "chunks commit atomically" in output
    assert "the local Prefect server is stopped" in output
    assert (warehouse.root / ".prefect" / "prefect.db").exists()  # history kept for next time
    with pytest.raises(ProcessLookupError):
        os.kill(server_pid, 0)
    with (
        pytest.raises(ConnectionRefusedError),
        socket.create_connection(("127.0.0.1", port), timeout=1),
    ):
        pass


def _wait_for_completed_run(
    warehouse: Warehouse, process: subprocess.Popen[bytes], log: Path, timeout: float
) -> tuple[Any, ...]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()
        if (warehouse.root / "catalog.ducklake").exists():
            try:
                with open_warehouse(warehouse, read_only=True) as connection:
                    row = connection.execute(
                        "select status, seen, ingested, flow_run_id from runs "
                        "where status = 'completed' and ingested > 0 limit 1"
                    ).fetchone()
            except duckdb.CatalogException:  # the first run is still creating the tables
                row = None
            if row:
                return tuple(row)
        time.sleep(1)
    raise AssertionError(f"no completed run within {timeout} s:\n{log.read_text()}")


def _server_of(output: str) -> tuple[int, int]:
    found = re.search(
        r"local Prefect server \(pid (\d+)\) at http://127\.0\.0\.1:(\d+)/api", output
    )
    assert found, output
    return int(found[1]), int(found[2])


@pytest.mark.parametrize(
    ("stop", "expected"),
    [(KeyboardInterrupt, EXIT_INTERRUPTED), (newsnorm.flows.orchestration.serve.Stopped, 0)],
    ids=["ctrl-c", "sigterm"],
)
def test_ctrl_c_exits_130_as_every_command_and_sigterm_0(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    stop: type[BaseException],
    expected: int,
) -> None:
    """Ctrl-C says so in the exit status (130, as `ingest`, `query`, … do); SIGTERM is how a
    service manager stops a service, and exits 0. Prefect's serving loop raises the
    KeyboardInterrupt; SIGTERM before serving began raises `Stopped`."""
    import prefect

    def stopped(*args: Any, **kwargs: Any) -> None:
        raise stop

    monkeypatch.setattr(prefect, "serve", stopped)
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")
    args = ["serve", str(tmp_path), "--interval", "60", "--warehouse", str(tmp_path / "w")]
    assert main(args) == expected
    assert "stopped" in capsys.readouterr().out


def test_ctrl_c_while_serving_stops_it_as_sigterm_does_and_exits_130(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Prefect's `serve` swallows a KeyboardInterrupt (the run in flight ended unrecorded,
    its row left `running`, and serve exited 0 without saying Ctrl-C). Ctrl-C now reaches
    the runner as its graceful SIGTERM, and the exit status still says Ctrl-C."""
    import prefect

    graceful: list[int] = []

    def runner(*args: Any, **kwargs: Any) -> None:
        # As Prefect's runner: SIGTERM cancels the runs in flight and ends the serving loop.
        signal.signal(signal.SIGTERM, lambda signum, frame: graceful.append(signum))
        os.kill(os.getpid(), signal.SIGINT)  # the operator's Ctrl-C while serving
        deadline = time.monotonic() + 10
        while not graceful and time.monotonic() < deadline:
            time.sleep(0.01)

    monkeypatch.setattr(prefect, "serve", runner)
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")
    args = ["serve", str(tmp_path), "--interval", "60", "--warehouse", str(tmp_path / "w")]
    assert main(args) == EXIT_INTERRUPTED
    assert graceful == [signal.SIGTERM]
    assert "stopped (Ctrl-C): any flow run in progress was cancelled" in capsys.readouterr().out
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_source_that_does_not_exist_is_refused_before_any_server_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """As `ingest` refuses it; serve started a server and every scheduled run 'completed'
    with one `not_found` reject."""
    started: list[object] = []
    monkeypatch.setattr(
        newsnorm.flows.orchestration.serve, "serve", lambda *args: started.append(args)
    )
    missing = tmp_path / "incomig"
    args = ["serve", str(missing), "--interval", "60", "--warehouse", str(tmp_path / "w")]
    assert main(args) == EXIT_USAGE
    assert f"no such file or folder: {missing}" in capsys.readouterr().err
    assert started == []
