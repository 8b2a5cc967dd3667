"""A warehouse on S3-compatible object storage, against a local S3 server (moto) on 127.0.0.1.

The Parquet goes to the bucket under `<prefix>/files/`; the DuckLake catalog, the writer
lock and `open.sql` stay in a local folder. Covered: the round trip (ingest → query →
search), idempotent reruns, a failed commit that leaves nothing visible (and its orphan
cleaned from the bucket), two writer processes on one catalog, the catalog folder's
guards, and clear errors for missing credentials and an unreachable endpoint.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import boto3  # comes with moto[server], a dev extra
import pyarrow as pa
import pytest
from moto.server import ThreadedMotoServer

from newsnorm.flows.cli import main
from newsnorm.flows.engine.query import run_query
from newsnorm.warehouse.compact import compact
from newsnorm.warehouse.extension import WarehouseError
from newsnorm.warehouse.lake import Warehouse, open_warehouse, physical_table
from newsnorm.warehouse.objectstore import S3Location, S3Settings
from newsnorm.warehouse.writer import insert_table
from tests_support import ROOT

KEY_ID, SECRET = "newsnorm-test-key", "newsnorm-test-secret-do-not-leak"
PREFIX = "crawls/2024"
BODY = (
    "The county board approved the new budget on Monday after a long debate about road "
    "repairs, school funding and the future of the public library system downtown."
)
Sql = Callable[..., list[tuple[Any, ...]]]


def _article(title: str) -> str:
    return f"{title}\n\nBy Jane Doe\n\n{BODY}\n\nA second paragraph follows here.\n"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    """moto's S3 in server mode, once for this file (each test has its own bucket)."""
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def bucket(endpoint: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """A fresh bucket, the AWS variables pointing at it, catalogs under a temporary home."""
    for name in ("AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL_S3", "AWS_DEFAULT_REGION", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("NEWSNORM_CATALOG_DIR", raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", KEY_ID)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
    monkeypatch.setenv("AWS_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ENDPOINT_URL", endpoint)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    name = f"news-{uuid.uuid4().hex[:12]}"
    _client(endpoint).create_bucket(Bucket=name)
    return name


@pytest.fixture
def warehouse(bucket: str) -> Warehouse:
    """Overrides conftest's: the `ingest` and `sql` fixtures then use the S3 warehouse."""
    return Warehouse.at(f"s3://{bucket}/{PREFIX}/")


def _client(endpoint: str) -> Any:
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=KEY_ID,
        aws_secret_access_key=SECRET,
        region_name="us-east-1",
    )


def _keys(endpoint: str, bucket: str, under: str = "") -> list[str]:
    pages = _client(endpoint).get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=under)
    return sorted(item["Key"] for page in pages for item in page.get("Contents", []))


def _corpus(folder: Path, *titles: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number, title in enumerate(titles):
        (folder / f"{number}.txt").write_text(_article(title), encoding="utf-8")
    return folder


def _query(warehouse: Warehouse, statement: str) -> list[tuple[object, ...]]:
    with run_query(warehouse, statement) as result:
        return [row for chunk in result.chunks for row in chunk]


def test_round_trip_keeps_the_data_in_the_bucket_and_the_catalog_local(
    ingest: Callable[..., Any], warehouse: Warehouse, endpoint: str, bucket: str, tmp_path: Path
) -> None:
    titles = ("Budget Passes", "Library Reopens", "Roads Get Repaired")
    corpus = _corpus(tmp_path / "corpus", *titles)
    summary = ingest(corpus)
    assert (summary.counts.ingested, summary.counts.rejected) == (3, 0)

    assert warehouse.root.is_relative_to(tmp_path / "xdg" / "newsnorm" / "warehouses")
    assert warehouse.catalog.is_file()
    assert _query(warehouse, "select title from articles order by title") == [
        (title,) for title in sorted(titles)
    ]
    keys = _keys(endpoint, bucket)
    articles = [key for key in keys if f"/{physical_table('articles')}/" in key]
    assert articles
    assert all(key.startswith(f"{PREFIX}/files/") and key.endswith(".parquet") for key in keys)
    assert not list(warehouse.root.rglob("*.parquet"))  # nothing landed locally

    again = ingest(corpus)
    assert (again.counts.ingested, again.counts.unchanged) == (0, 3)
    assert _query(warehouse, "select count(*) from articles") == [(3,)]
    after = _keys(endpoint, bucket)
    assert [key for key in after if f"/{physical_table('articles')}/" in key] == articles
    assert _query(warehouse, "select status from runs order by started_at") == [
        ("completed",),
        ("completed",),
    ]


def test_search_finds_articles_of_an_s3_warehouse(
    ingest: Callable[..., Any], warehouse: Warehouse, tmp_path: Path
) -> None:
    search_module = pytest.importorskip(
        "newsnorm.warehouse.search",
        reason="`newsnorm search` (warehouse/search.py) is not in this tree",
    )
    ingest(_corpus(tmp_path / "corpus", "Harbor Seals Return", "Council Approves Bike Lanes"))
    (tmp_path / "extra.txt").write_text(
        "Seal Pups Counted\n\nBy Jane Doe\n\nBiologists counted seal pups on the sand bars "
        "of the harbor at low tide this spring, more than in any year before.\n",
        encoding="utf-8",
    )
    ingest(tmp_path / "extra.txt")
    result = search_module.search(warehouse, "seal pups", 5)
    assert result.hits
    assert result.hits[0].title == "Seal Pups Counted"
    assert search_module.search_index_path(warehouse).parent == warehouse.root


def test_failed_commit_leaves_nothing_visible_and_compaction_removes_the_orphan(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    endpoint: str,
    bucket: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ingest(_corpus(tmp_path / "first", "Budget Passes"))
    articles_dir = f"{PREFIX}/files/main/{physical_table('articles')}/"
    committed = _keys(endpoint, bucket, articles_dir)

    def failing_insert(connection: Any, table: str, rows: pa.Table) -> None:
        insert_table(connection, table, rows)  # the article Parquet is uploaded, then it fails
        if table == physical_table("inputs"):
            raise OSError("connection reset")

    more = _corpus(tmp_path / "more", "Library Reopens")
    with monkeypatch.context() as patch:
        patch.setattr("newsnorm.warehouse.writer.insert_table", failing_insert)
        with pytest.raises(OSError, match="connection reset"):
            ingest(more)
    # DuckLake deleted the Parquet it had uploaded for the rolled-back transaction.
    assert _keys(endpoint, bucket, articles_dir) == committed
    assert sql("select count(*) from articles") == [(1,)]
    assert sql("select count(*) from inputs") == [(1,)]
    assert sql("select status from runs order by started_at") == [("completed",), ("failed",)]

    # A writer killed between upload and commit cannot clean up: its files are orphans,
    # invisible to readers, and compaction deletes them from the bucket.
    orphan = f"{articles_dir}ducklake-{uuid.uuid4()}.parquet"
    _client(endpoint).put_object(Bucket=bucket, Key=orphan, Body=b"PAR1 never committed")
    assert sql("select count(*) from articles") == [(1,)]
    compact(warehouse, retain_seconds=0)
    assert orphan not in _keys(endpoint, bucket, articles_dir)
    assert ingest(more).counts.ingested == 1
    assert sql("select count(*) from articles") == [(2,)]


def test_two_writer_processes_take_turns_on_one_catalog(
    ingest: Callable[..., Any], warehouse: Warehouse, sql: Sql, tmp_path: Path
) -> None:
    ingest(_corpus(tmp_path / "seed", "Budget Passes"))  # the catalog exists before the race
    script = (
        "import sys\n"
        "from newsnorm.flows.engine.runner import execute_ingest\n"
        "from newsnorm.flows.engine.settings import IngestSettings\n"
        "from newsnorm.warehouse.lake import Warehouse\n"
        "settings = IngestSettings(warehouse=Warehouse.at(sys.argv[1]), strict=True, "
        "batch_files=1)\n"
        "print(execute_ingest([sys.argv[2]], settings).counts.ingested)\n"
    )
    folders = [
        _corpus(tmp_path / f"writer{n}", *(f"Writer {n} Story {i}" for i in range(3)))
        for n in range(2)
    ]
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", script, warehouse.location, str(folder)],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in folders
    ]
    for writer in writers:
        out, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err
        assert out.strip() == "3"
    assert sql("select count(*) from articles") == [(7,)]
    assert sql("select count(*) from runs where status = 'completed'") == [(3,)]


def test_the_duckdb_shell_opens_it_with_credentials_from_its_environment(
    ingest: Callable[..., Any], warehouse: Warehouse, tmp_path: Path
) -> None:
    shell = Path(sys.executable).with_name("duckdb")
    if not shell.exists():
        pytest.skip("the duckdb-cli package (a dev extra) is not installed")
    ingest(_corpus(tmp_path / "corpus", "Budget Passes"))
    init = warehouse.init_file.read_text(encoding="utf-8")
    assert SECRET not in init
    assert KEY_ID not in init
    home = tmp_path / "home"
    home.mkdir()
    result = subprocess.run(
        [str(shell), "-init", str(warehouse.init_file), "-csv", "-c", "select title from articles"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={**os.environ, "HOME": str(home)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "Budget Passes"
    assert not (home / ".duckdb").exists()  # httpfs came from the wheel, nothing downloaded


def test_missing_credentials_are_a_clear_error(
    ingest: Callable[..., Any],
    warehouse: Warehouse,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ingest(_corpus(tmp_path / "corpus", "Budget Passes"))
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    with pytest.raises(WarehouseError, match="AWS_SECRET_ACCESS_KEY"):
        ingest(tmp_path / "corpus")
    capsys.readouterr()
    assert main(["query", "--warehouse", warehouse.location, "select count(*) from articles"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("newsnorm query: no S3 credentials: set AWS_SECRET_ACCESS_KEY")
    assert "Traceback" not in err


def test_an_unreachable_endpoint_is_a_clear_error(
    warehouse: Warehouse,
    ingest: Callable[..., Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ingest(_corpus(tmp_path / "corpus", "Budget Passes"))
    closed = f"http://127.0.0.1:{_free_port()}"
    monkeypatch.setenv("AWS_ENDPOINT_URL", closed)
    with pytest.raises(WarehouseError, match=f"cannot reach .* through {closed}"):
        ingest(tmp_path / "corpus")
    assert main(["status", "--warehouse", warehouse.location]) == 1
    err = capsys.readouterr().err
    assert f"newsnorm status: cannot reach the warehouse's object storage {warehouse.location}" in (
        err
    )
    assert SECRET not in err


def test_a_missing_bucket_is_a_clear_error(bucket: str) -> None:
    missing = Warehouse.at(f"s3://{bucket}-missing/{PREFIX}")
    with (
        pytest.raises(WarehouseError, match=r"NoSuchBucket|404"),
        open_warehouse(missing, read_only=False),
    ):
        pass


def test_a_catalog_folder_serves_one_warehouse(
    ingest: Callable[..., Any],
    warehouse: Warehouse,
    bucket: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ingest(_corpus(tmp_path / "corpus", "Budget Passes"))
    # NEWSNORM_CATALOG_DIR names the folder outright, e.g. to share it with another user.
    monkeypatch.setenv("NEWSNORM_CATALOG_DIR", str(warehouse.root))
    assert Warehouse.at(warehouse.location) == warehouse
    assert _query(Warehouse.at(warehouse.location), "select count(*) from articles") == [(1,)]
    # …but not for another URL, nor as a local warehouse folder.
    with (
        pytest.raises(WarehouseError, match=f"belongs to {warehouse.location}"),
        open_warehouse(Warehouse.at(f"s3://{bucket}/elsewhere"), read_only=True),
    ):
        pass
    with (
        pytest.raises(WarehouseError, match=f"--warehouse {warehouse.location}"),
        open_warehouse(Warehouse.at(warehouse.root), read_only=True),
    ):
        pass


def test_a_second_catalog_over_the_same_data_is_refused(
    ingest: Callable[..., Any], warehouse: Warehouse, tmp_path: Path
) -> None:
    """Another machine (another catalog) over a prefix that has data would treat that data
    as orphans and delete it on compaction: one prefix, one catalog."""
    ingest(_corpus(tmp_path / "corpus", "Budget Passes"))
    other = Warehouse.at(warehouse.location, catalog=tmp_path / "other-machine")
    with (
        pytest.raises(WarehouseError, match="already holds data files"),
        open_warehouse(other, read_only=False),
    ):
        pass
    with (
        pytest.raises(WarehouseError, match="NEWSNORM_CATALOG_DIR"),
        open_warehouse(other, read_only=True),
    ):
        pass


def test_urls_and_environment_are_read_strictly() -> None:
    assert S3Location.parse("s3://news/a/b/").url == "s3://news/a/b"
    assert S3Location.parse("s3://news").join("files/") == "s3://news/files/"
    assert Warehouse.at("s3://news/a").root == Warehouse.at("s3://news/a/").root
    assert Warehouse.at("s3://news/a").root != Warehouse.at("s3://news/b").root
    for bad, message in [
        ("gs://news/a", "unsupported"),
        ("s3://", "invalid bucket"),
        ("s3://News/a", "invalid bucket"),
        ("s3://news/a*", "may not contain"),
    ]:
        with pytest.raises(WarehouseError, match=message):
            Warehouse.at(bad)
    base = {"AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s"}
    aws = S3Settings.from_environment({**base, "AWS_DEFAULT_REGION": "eu-west-3"})
    assert (aws.region, aws.endpoint, aws.use_ssl, aws.url_style) == (
        "eu-west-3",
        None,
        True,
        "vhost",
    )
    minio = S3Settings.from_environment(
        {**base, "AWS_ENDPOINT_URL": "http://localhost:9000/", "AWS_SESSION_TOKEN": "t"}
    )
    assert (minio.region, minio.endpoint, minio.use_ssl, minio.url_style) == (
        "us-east-1",
        "localhost:9000",
        False,
        "path",
    )
    assert "SESSION_TOKEN 't'" in minio.secret_sql(S3Location.parse("s3://news/a"))
    assert "getenv('AWS_SECRET_ACCESS_KEY')" in minio.shell_secret_sql(S3Location("news", "a"))
    for env, message in [
        ({}, "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"),
        ({**base, "AWS_ENDPOINT_URL": "localhost:9000"}, "not an endpoint URL"),
        ({**base, "AWS_ENDPOINT_URL": "https://r2.example.com/news"}, "has a path"),
    ]:
        with pytest.raises(WarehouseError, match=message):
            S3Settings.from_environment(env)
