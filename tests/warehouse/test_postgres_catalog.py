"""A warehouse whose DuckLake catalog is a PostgreSQL database: writers on several machines.

A throwaway PostgreSQL server is started from Debian's package (`/usr/lib/postgresql/*/bin`)
for this module; without it these tests skip. Each "machine" below is a process with its own
local folder (XDG_DATA_HOME) sharing one catalog database and one data folder. Covered: the
round trip (ingest → query → search) and clear, password-free errors; three `newsnorm ingest`
commands at once over overlapping folders; batches of three processes committing at once
(as Dask workers on several machines do); a writer killed by SIGKILL while holding the locks.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest

from newsnorm.flows.cli import EXIT_ERROR, EXIT_OK, main
from newsnorm.flows.engine.runner import RunSummary, execute_ingest
from newsnorm.flows.engine.settings import IngestSettings
from newsnorm.warehouse.contract import prepare_warehouse
from newsnorm.warehouse.lake import Warehouse, open_warehouse
from newsnorm.warehouse.pgcatalog import CATALOG_VARIABLE, COMMIT_LOCK, WRITER_LOCK, lock_key
from tests_support import ROOT, SEED_TEXT, watchdog

USER, PASSWORD = "newsnorm", "pg-test-password-do-not-leak"
Tables = dict[str, list[tuple[Any, ...]]]


def _postgres_bin() -> Path | None:
    """The newest Debian PostgreSQL server binaries, if installed."""
    found = sorted(
        (Path(path).parent for path in glob.glob("/usr/lib/postgresql/*/bin/initdb")),
        key=lambda folder: int(folder.parent.name) if folder.parent.name.isdigit() else 0,
    )
    return found[-1] if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Server:
    port: int

    def admin(self, statement: str) -> None:
        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as connection:
            connection.execute(statement)  # type: ignore[arg-type]

    def new_database(self) -> str:
        """A fresh database owned by the test role; its catalog string, without password."""
        name = f"nn_{uuid.uuid4().hex[:10]}"
        self.admin(f"create database {name} owner {USER}")
        return f"postgres:host=127.0.0.1 port={self.port} user={USER} dbname={name}"


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    """PostgreSQL on 127.0.0.1 for this module: superuser `postgres` trusted, the test role
    with a password (scram), fsync off; stopped and removed at the end."""
    binaries = _postgres_bin()
    if binaries is None:
        pytest.skip(
            "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (Debian's "
            "`postgresql` package; .ci/run installs it in CI)"
        )
    # The server refuses to run as root: run it as the package's `postgres` user.
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    folder = Path(tempfile.mkdtemp(prefix="newsnorm-pg-"))
    if as_user:
        shutil.chown(folder, "postgres")
    data, port = folder / "data", _free_port()

    def run(*command: str) -> None:
        subprocess.run([*as_user, *command], check=True, capture_output=True, timeout=60)

    run(str(binaries / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "--no-sync")
    (data / "pg_hba.conf").write_text(
        f"host all postgres 127.0.0.1/32 trust\nhost all {USER} 127.0.0.1/32 scram-sha-256\n",
        encoding="utf-8",
    )
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off"
    pg_ctl = str(binaries / "pg_ctl")
    run(pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start")
    try:
        started = Server(port)
        started.admin(f"create role {USER} login password '{PASSWORD}'")
        yield started
    finally:
        subprocess.run(
            [*as_user, pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def catalog(server: Server, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """A fresh catalog database; the password comes from PGPASSWORD, as libpq reads it."""
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "this-machine"))
    monkeypatch.delenv("NEWSNORM_CATALOG_DIR", raising=False)
    conninfo = server.new_database()
    # `--catalog` exports NEWSNORM_CATALOG; set here so the test's end restores it.
    monkeypatch.setenv(CATALOG_VARIABLE, conninfo)
    return conninfo


@pytest.fixture
def warehouse(catalog: str, tmp_path: Path) -> Warehouse:
    """Overrides conftest's: `ingest` and `sql` then use the PostgreSQL catalog."""
    return Warehouse.at(tmp_path / "shared", catalog=catalog)


def story(number: int) -> str:
    title, rest = SEED_TEXT.split("\n", 1)
    return f"Story {number}: {title}\n{rest}"


def overlapping_corpus(root: Path) -> list[Path]:
    """Three folders; the same stories under several names and folders (duplicates), and
    an empty file (a reject). Machines ingest overlapping pairs of them."""
    folders = [root / name for name in ("a", "b", "c")]
    for index, folder in enumerate(folders):
        folder.mkdir(parents=True)
        for number in range(index * 2, index * 2 + 4):  # 2 stories shared with the next
            (folder / f"{number:02d}.txt").write_text(story(number), encoding="utf-8")
        (folder / "junk.txt").write_bytes(b"")
    (folders[2] / "00_copy.txt").write_text(story(0), encoding="utf-8")
    return folders


def tables(warehouse: Warehouse) -> Tables:
    """What must not depend on how writers interleaved. Which copy of an article is
    `ingested` (and so its source_uri) depends on which commit came first, so inputs are
    compared by (uri, hash, article, reason) and statuses by count."""
    queries = {
        "articles": "select article_id, title, body from article_versions order by all",
        "article_ids": "select count(*), count(distinct article_id) from article_versions",
        "inputs": "select input_uri, input_sha256, article_id, reason_code from inputs "
        "order by all",
        "statuses": "select status, count(*) from inputs group by all order by all",
        "manifest": "select file_uri, size_bytes, content_sha256 from manifest order by all",
        "boilerplate": 'select input_sha256, rule, "start" from boilerplate order by all',
    }
    with open_warehouse(warehouse, read_only=True) as connection:
        return {name: connection.execute(sql).fetchall() for name, sql in queries.items()}


def sequential_tables(server: Server, folders: list[Path], tmp_path: Path) -> Tables:
    """The reference: one run over every folder, into a catalog and data folder of its own."""
    reference = Warehouse.at(tmp_path / "reference", catalog=server.new_database())
    execute_ingest([str(folder) for folder in folders], IngestSettings(reference, strict=True))
    return tables(reference)


def machine_env(tmp_path: Path, name: str) -> dict[str, str]:
    """Another machine: its own local folder for open.sql and the search index."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    env.update(XDG_DATA_HOME=str(tmp_path / name), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    env.pop(CATALOG_VARIABLE, None)  # the CLI gets --catalog
    return env


def test_round_trip_with_a_postgres_catalog(
    ingest: Callable[..., RunSummary],
    warehouse: Warehouse,
    catalog: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(3):
        (corpus / f"{number}.txt").write_text(story(number), encoding="utf-8")
    assert ingest(corpus).counts.ingested == 3
    assert ingest(corpus).counts.unchanged == 3

    where = ["--warehouse", str(tmp_path / "shared"), "--catalog", catalog]
    assert main(["query", "--format", "csv", "select title from articles order by 1", *where]) == 0
    titles = capsys.readouterr().out.splitlines()[1:]
    assert titles == sorted(story(n).split("\n", 1)[0] for n in range(3))
    assert main(["search", "--format", "csv", "Netanyahu Rafah", *where]) == EXIT_OK
    found = capsys.readouterr().out.splitlines()[1:]
    assert sorted(line.split(",")[2].split(":")[0] for line in found) == [
        "Story 0",
        "Story 1",
        "Story 2",
    ]

    # Data in the shared folder, this machine's files in its own; no password anywhere.
    assert list((tmp_path / "shared" / "files").rglob("*.parquet"))
    assert warehouse.root.is_relative_to(tmp_path / "this-machine")
    assert not warehouse.catalog.exists()
    open_sql = warehouse.init_file.read_text(encoding="utf-8")
    assert "ducklake:postgres:" in open_sql
    assert "postgres_scanner.duckdb_extension" in open_sql

    wrong = catalog + " password=wrong-password-not-to-print"
    assert main(["query", "select 1", "--warehouse", str(tmp_path / "shared"), "--catalog", wrong])
    error = capsys.readouterr().err
    assert "password authentication failed" in error
    assert "wrong-password-not-to-print" not in error
    unreachable = f"postgres:host=127.0.0.1 port={_free_port()} user={USER} dbname=x"
    code = main(["status", "--warehouse", str(tmp_path / "x"), "--catalog", unreachable])
    assert code == EXIT_ERROR
    assert "cannot use the PostgreSQL catalog" in capsys.readouterr().err


@pytest.mark.reliability
def test_three_ingest_commands_at_once_equal_one_sequential_run(
    server: Server, catalog: str, tmp_path: Path
) -> None:
    folders = overlapping_corpus(tmp_path / "corpus")
    shared = tmp_path / "shared"
    newsnorm = str(Path(sys.executable).parent / "newsnorm")
    pairs = [(0, 1), (1, 2), (2, 0)]
    processes = [
        subprocess.Popen(
            [
                newsnorm,
                "ingest",
                str(folders[i]),
                str(folders[j]),
                "--warehouse",
                str(shared),
                "--catalog",
                catalog,
                "--batch-size",
                "3",
                "--quiet",
            ],
            cwd=ROOT,
            env=machine_env(tmp_path, f"machine-{n}"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n, (i, j) in enumerate(pairs)
    ]
    for process in processes:
        out, err = process.communicate(timeout=180)
        assert process.returncode == 0, err
        assert "ingested" in out

    machine = Warehouse.at(shared, catalog=catalog)
    assert tables(machine) == sequential_tables(server, folders, tmp_path)
    with open_warehouse(machine, read_only=True) as connection:
        runs = connection.execute("select status from runs").fetchall()
    assert runs == [("completed",)] * 3  # none marked abandoned by another machine


def test_batches_of_three_processes_committing_at_once_store_nothing_twice(
    server: Server, catalog: str, tmp_path: Path
) -> None:
    """What Dask workers on several machines do: batches of one run, committed at once by
    processes that hold no writer lock. The commit lock keeps lookup-then-commit atomic."""
    folders = overlapping_corpus(tmp_path / "corpus")
    shared = tmp_path / "shared"
    machine = Warehouse.at(shared, catalog=catalog)
    with open_warehouse(machine, read_only=False) as connection:
        prepare_warehouse(connection)
    script = (
        "import sys, time\n"
        "from datetime import UTC, datetime\n"
        "from newsnorm.flows.engine.batch import ingest_batch\n"
        "from newsnorm.flows.engine.processing import BatchSettings\n"
        "from newsnorm.flows.engine.rows import RunStamp\n"
        "from newsnorm.flows.engine.sources import batched, iter_inputs\n"
        "from newsnorm.transforms.adapters.registry import load_adapters\n"
        "from newsnorm.warehouse.lake import Warehouse\n"
        "warehouse = Warehouse.at(sys.argv[1])\n"
        "stamp, adapters = RunStamp('run', datetime.now(UTC)), load_adapters()\n"
        "settings = BatchSettings(max_bytes=1_000_000, strict=True, chunk_inputs=2)\n"
        "print('ready', flush=True)\n"
        "while not (warehouse.data_root / 'go').exists():\n"
        "    time.sleep(0.01)\n"
        "for refs in batched(iter_inputs(sys.argv[2:]), 3, 1 << 30):\n"
        "    ingest_batch(refs, warehouse, stamp, adapters, settings)\n"
    )
    processes = []
    for n, order in enumerate([(0, 1, 2), (0, 1, 2), (1, 2, 0)]):
        env = machine_env(tmp_path, f"machine-{n}")
        env[CATALOG_VARIABLE] = catalog
        processes.append(
            subprocess.Popen(
                [sys.executable, "-c", script, str(shared), *(str(folders[i]) for i in order)],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    for process in processes:  # all started and ready: then go at once
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready"
    (shared / "go").touch()
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err

    assert tables(machine) == sequential_tables(server, folders, tmp_path)


def _advisory_locks(server: Server, database: str) -> set[int]:
    with psycopg.connect(
        host="127.0.0.1", port=server.port, user="postgres", dbname=database, autocommit=True
    ) as connection:
        rows = connection.execute(
            "select (classid::bigint << 32) | objid::bigint from pg_locks "
            "where locktype = 'advisory' and objsubid = 1 and granted and database = "
            "(select oid from pg_database where datname = current_database())"
        ).fetchall()
    return {int(row[0]) for row in rows}


def test_a_writer_killed_while_holding_the_locks_does_not_block_the_next(
    server: Server,
    catalog: str,
    warehouse: Warehouse,
    ingest: Callable[..., RunSummary],
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(2):
        (corpus / f"{number}.txt").write_text(story(number), encoding="utf-8")
    script = (
        "import sys, time\n"
        "from newsnorm.flows.engine.runner import execute_ingest\n"
        "from newsnorm.flows.engine.settings import IngestSettings\n"
        "from newsnorm.warehouse.lake import Warehouse, open_warehouse\n"
        "warehouse = Warehouse.at(sys.argv[1])\n"
        "def hang(job):\n"
        "    with open_warehouse(warehouse, read_only=False):\n"
        "        print('holding', flush=True)\n"
        "        time.sleep(120)\n"
        "execute_ingest([sys.argv[2]], IngestSettings(warehouse), run_batch=hang)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path / "shared"), str(corpus)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "holding"
        database = catalog.rsplit("dbname=", 1)[1]
        held = _advisory_locks(server, database)
        expected = {lock_key(WRITER_LOCK), lock_key(COMMIT_LOCK)}
        assert held >= expected
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        if child.stdout:
            child.stdout.close()

    with watchdog(30, "the next writer after a SIGKILL"):
        assert ingest(corpus).counts.ingested == 2
    with open_warehouse(warehouse, read_only=True) as connection:
        runs = connection.execute("select status from runs order by started_at").fetchall()
    assert runs == [("abandoned",), ("completed",)]
