"""Open the DuckLake warehouse: paths, locking, table creation and schema growth."""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from schemas.tables import ALL_TABLES
from schemas.validate import table_of
from warehouse.ddl import column_sql, create_table_sql, literal, quote
from warehouse.extension import WarehouseError, connect_offline, ducklake_extension_path
from warehouse.objectstore import (
    S3Location,
    S3Settings,
    catalog_dir,
    check_catalog_owner,
    check_reachable,
    connect_store,
    httpfs_extension_path,
    is_remote_location,
    record_catalog_owner,
)
from warehouse.views import VIEWS, refresh_views, view_sql

CATALOG_NAME = "newsnorm"
CATALOG_FILE = "catalog.ducklake"
DATA_DIR = "files"
INIT_FILE = "open.sql"
# How long to wait for another process that holds the catalog (DuckDB locks the file).
BUSY_TIMEOUT_S = 60.0
_BUSY_MARKER = "Could not set lock on file"
_FINGERPRINT_PREFIX = "newsnorm-contract:"


def physical_table(table: str) -> str:
    """The DuckLake table behind a public view: `articles` → `raw_articles`."""
    return f"raw_{table}"


@dataclass(frozen=True, slots=True)
class Warehouse:
    """A warehouse directory: `catalog.ducklake`, Parquet under `files/`, `open.sql`.

    With `remote` (an `s3://bucket/prefix` warehouse) the Parquet goes to
    `s3://bucket/prefix/files/` and `root` is the local folder that keeps the catalog,
    the writer lock and `open.sql` (see warehouse/objectstore.py).
    """

    root: Path
    remote: S3Location | None = None

    @classmethod
    def at(cls, location: Path | str, *, catalog: Path | str | None = None) -> Warehouse:
        """A local folder, or `s3://bucket/prefix` with its catalog in `catalog` (default:
        `$NEWSNORM_CATALOG_DIR`, else a folder derived from the URL under
        `~/.local/share/newsnorm/warehouses/`)."""
        if isinstance(location, str) and is_remote_location(location):
            remote = S3Location.parse(location)
            root = Path(catalog) if catalog is not None else catalog_dir(remote)
            return cls(root.expanduser().resolve(), remote)
        if catalog is not None:
            raise WarehouseError("a separate catalog folder is only for s3:// warehouses")
        return cls(Path(location).expanduser().resolve())

    @property
    def location(self) -> str:
        """What the user named: the s3:// URL, or the local folder."""
        return self.remote.url if self.remote else str(self.root)

    @property
    def catalog(self) -> Path:
        return self.root / CATALOG_FILE

    @property
    def data_path(self) -> Path:
        """The local data folder; an object-storage warehouse has none (`data_url`)."""
        if self.remote:
            raise WarehouseError(f"the data of {self.remote.url} is in object storage: data_url")
        return self.root / DATA_DIR

    @property
    def data_url(self) -> str:
        """DuckLake's DATA_PATH: `s3://bucket/prefix/files/` or the local folder, with `/`."""
        if self.remote:
            return self.remote.join(DATA_DIR + "/")
        return str(self.data_path) + "/"

    @property
    def init_file(self) -> Path:
        return self.root / INIT_FILE

    def exists(self) -> bool:
        return self.catalog.is_file()

    def attach_sql(self, read_only: bool) -> str:
        # The data path is absolute and given on every attach: DuckLake would resolve a
        # relative one against the working directory, and a moved warehouse keeps working.
        options = [
            f"DATA_PATH {literal(self.data_url)}",
            "OVERRIDE_DATA_PATH true",
        ]
        if read_only:
            options.append("READ_ONLY")
        else:
            # Every commit writes Parquet: rows are never parked inside the catalog.
            options.append("DATA_INLINING_ROW_LIMIT 0")
        return (
            f"ATTACH {literal('ducklake:' + str(self.catalog))} AS {CATALOG_NAME} "
            f"({', '.join(options)})"
        )


@contextmanager
def open_warehouse(
    warehouse: Warehouse, *, read_only: bool, busy_timeout_s: float = BUSY_TIMEOUT_S
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection with the warehouse attached as the default catalog.

    Read-only opens need an existing warehouse; write opens create it. Either waits
    while another process holds the catalog, up to `busy_timeout_s`. The catalog is
    detached on exit, so other processes can open it between our opens.
    """
    exists = warehouse.exists()
    if read_only and not exists:
        raise WarehouseError(_missing_message(warehouse))
    remote = warehouse.remote
    check_catalog_owner(warehouse.root, remote, exists)
    settings = S3Settings.from_environment() if remote else None
    if remote is None:
        if not read_only:
            warehouse.data_path.mkdir(parents=True, exist_ok=True)
    elif not read_only:
        record_catalog_owner(warehouse.root, remote)
    with _process_instance() as instance:
        if remote and settings:
            connect_store(instance, remote, settings)
            check_reachable(instance, remote, settings, new_catalog=not exists)
        _attach(instance, warehouse, read_only, busy_timeout_s)
        cursor = instance.cursor()
        try:
            cursor.execute(f"USE {CATALOG_NAME}")
            yield cursor
        except duckdb.IOException as err:
            if remote is None or not settings:
                raise
            # An S3 request failed mid-work (network, credentials, quota): the commit did
            # not happen, and Parquet already written stays invisible, as on local disk.
            raise WarehouseError(
                f"object storage {remote.url} through {settings.describe()} failed: {err}"
            ) from err
        finally:
            cursor.close()
            instance.execute(f"DETACH {CATALOG_NAME}")


def _missing_message(warehouse: Warehouse) -> str:
    hint = (
        f"run `newsnorm ingest SOURCE… --warehouse {warehouse.location}` first"
        if warehouse.remote is None
        else f"its catalog is kept locally and was not found at {warehouse.catalog}: run "
        f"`newsnorm ingest SOURCE… --warehouse {warehouse.location}` on this machine first, "
        f"or set NEWSNORM_CATALOG_DIR to the folder holding its catalog"
    )
    return f"no warehouse at {warehouse.location}: {hint}"


def prepare_warehouse(connection: duckdb.DuckDBPyConnection) -> None:
    """Create missing tables, add columns a newer schema brings, refresh views.

    Skipped when the catalog already carries this code's contract fingerprint, so
    a run over an up-to-date warehouse pays no DDL (each DDL is a DuckLake snapshot).
    """
    fingerprint = contract_fingerprint()
    if _stored_fingerprint(connection) == fingerprint:
        return
    # One transaction: a process killed half-way leaves the old contract, not tables
    # without their views.
    connection.execute("BEGIN")
    try:
        _apply_contract(connection, fingerprint)
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _apply_contract(connection: duckdb.DuckDBPyConnection, fingerprint: str) -> None:
    for schema in ALL_TABLES:
        table = physical_table(table_of(schema))
        connection.execute(create_table_sql(table, schema))
        existing = _columns(connection, table)
        for field in schema:
            if field.name not in existing:
                connection.execute(f"ALTER TABLE {quote(table)} ADD COLUMN {column_sql(field)}")
    refresh_views(connection)
    connection.execute(
        f"COMMENT ON VIEW {quote(VIEWS[-1])} IS {literal(_FINGERPRINT_PREFIX + fingerprint)}"
    )


def contract_fingerprint() -> str:
    """A hash of every table schema and view definition this code expects."""
    digest = hashlib.sha256()
    for schema in ALL_TABLES:
        digest.update(schema.to_string(show_schema_metadata=True).encode())
    for name in VIEWS:
        digest.update(view_sql(name).encode())
    return digest.hexdigest()[:16]


def _stored_fingerprint(connection: duckdb.DuckDBPyConnection) -> str | None:
    rows = connection.execute(
        "select comment from duckdb_views() where database_name = ? and view_name = ?",
        [CATALOG_NAME, VIEWS[-1]],
    ).fetchall()
    comment = rows[0][0] if rows else None
    if isinstance(comment, str) and comment.startswith(_FINGERPRINT_PREFIX):
        return comment.removeprefix(_FINGERPRINT_PREFIX)
    return None


def shell_preamble(warehouse: Warehouse) -> str:
    """The statements a DuckDB shell needs before attaching: the extensions by path and,
    for an object-storage warehouse, its S3 secret read from the shell's environment."""
    lines = [f"LOAD {literal(str(ducklake_extension_path()))};"]
    if warehouse.remote:
        settings = S3Settings.from_environment()
        lines += [
            "-- The Parquet data is in object storage. No credential is written here: the secret",
            "-- reads AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN from the",
            "-- shell's environment (endpoint and region are those of the last ingest).",
            f"LOAD {literal(str(httpfs_extension_path()))};",
            f"{settings.shell_secret_sql(warehouse.remote)};",
        ]
    return "\n".join(lines) + "\n"


def write_init_file(warehouse: Warehouse) -> None:
    """`open.sql`: what the DuckDB shell runs to open this warehouse read-only."""
    content = (
        "-- Open this newsnorm warehouse read-only: duckdb -init <this file>\n"
        f"{shell_preamble(warehouse)}"
        f"{warehouse.attach_sql(read_only=True)};\n"
        f"USE {CATALOG_NAME};\n"
    )
    temporary = warehouse.init_file.with_suffix(".sql.tmp")
    temporary.write_text(content, encoding="utf-8")
    temporary.replace(warehouse.init_file)


def _attach(
    connection: duckdb.DuckDBPyConnection, warehouse: Warehouse, read_only: bool, timeout_s: float
) -> None:
    deadline = time.monotonic() + timeout_s
    delay = 0.05
    while True:
        try:
            connection.execute(warehouse.attach_sql(read_only))
            return
        except duckdb.IOException as err:
            if _BUSY_MARKER not in str(err):
                message = f"cannot open the warehouse at {warehouse.location}: {err}"
                raise WarehouseError(message) from err
            if time.monotonic() >= deadline:
                raise WarehouseError(
                    f"the warehouse at {warehouse.location} is busy: another process held its "
                    f"catalog for more than {timeout_s:.0f} s"
                ) from err
            time.sleep(delay)
            delay = min(delay * 2, 1.0)


def _columns(connection: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    rows = connection.execute(
        "select column_name from duckdb_columns() where database_name = ? and table_name = ?",
        [CATALOG_NAME, table],
    ).fetchall()
    return {str(row[0]) for row in rows}


# One in-memory DuckDB per process with DuckLake loaded once (loading costs ~0.1 s);
# each open attaches the catalog and detaches it again.
_instance: duckdb.DuckDBPyConnection | None = None
_instance_lock = threading.RLock()
_open_depth = 0


@contextmanager
def _process_instance() -> Iterator[duckdb.DuckDBPyConnection]:
    global _instance, _open_depth
    with _instance_lock:
        if _open_depth:
            raise WarehouseError("the warehouse is already open in this thread (nested open)")
        if _instance is None:
            _instance = connect_offline()
        _open_depth += 1
        try:
            yield _instance
        finally:
            _open_depth -= 1


def _forget_instance_after_fork() -> None:
    """A DuckDB instance must not cross a fork: the child starts its own."""
    global _instance, _instance_lock, _open_depth
    _instance, _instance_lock, _open_depth = None, threading.RLock(), 0


os.register_at_fork(after_in_child=_forget_instance_after_fork)
