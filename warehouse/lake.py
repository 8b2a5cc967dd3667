"""Open the DuckLake warehouse: where it is, attaching its catalog, and waiting while it is busy."""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import duckdb

from newsnorm.warehouse.ddl import literal
from newsnorm.warehouse.extension import WarehouseError, postgres_extension_path
from newsnorm.warehouse.instance import count_attach, process_instance
from newsnorm.warehouse.kept_attach import (
    KeptAttach,
    active,
    keeping_attached,
    leave_attached,
    reuse_attached,
)
from newsnorm.warehouse.objectstore import (
    CATALOG_DIR_VARIABLE,
    LOCATION_FILE,
    S3Location,
    S3Settings,
    catalog_dir,
    check_catalog_owner,
    check_reachable,
    connect_store,
    default_catalogs_home,
    is_remote_location,
    record_catalog_owner,
)
from newsnorm.warehouse.pgcatalog import (
    CATALOG_VARIABLE,
    COMMIT_LOCK,
    PostgresCatalog,
    advisory_lock,
    catalog_exists,
    catalog_from_environment,
    is_postgres_catalog,
)
from newsnorm.warehouse.whole_files import create_catalog_file

CATALOG_NAME = "newsnorm"
CATALOG_FILE = "catalog.ducklake"
DATA_DIR = "files"
INIT_FILE = "open.sql"
# How long to wait for another process that holds the catalog (DuckDB locks the file).
BUSY_TIMEOUT_S = 60.0
_BUSY_MARKER = "Could not set lock on file"
_EMPTY_MARKER = "creating a new DuckLake is explicitly disabled"


def physical_table(table: str) -> str:
    """The DuckLake table behind a public view: `articles` → `raw_articles`."""
    return f"raw_{table}"


@dataclass(frozen=True, slots=True)
class Warehouse:
    """A warehouse directory: `catalog.ducklake`, Parquet under `files/`, `open.sql`.

    With `remote` (an `s3://bucket/prefix` warehouse) the Parquet goes to
    `s3://bucket/prefix/files/` and `root` is the local folder that keeps the catalog,
    the writer lock and `open.sql` (see warehouse/objectstore.py).

    With `postgres` the catalog is a PostgreSQL database shared by several machines
    (warehouse/pgcatalog.py); the Parquet goes to `remote` or to `data_root/files/`, and
    `root` is this machine's own folder for `open.sql` and the search index.
    """

    root: Path
    remote: S3Location | None = None
    postgres: PostgresCatalog | None = None
    data_root: Path | None = None

    @classmethod
    def at(cls, location: Path | str, *, catalog: Path | str | None = None) -> Warehouse:
        """A local folder, or `s3://bucket/prefix` with its catalog in `catalog` (default:
        `$NEWSNORM_CATALOG_DIR`, else a folder derived from the URL under
        `~/.local/share/newsnorm/warehouses/`).

        `catalog` may instead be a PostgreSQL catalog (`postgres:<conninfo>` or a
        `postgresql://` URL; default `$NEWSNORM_CATALOG`) for either kind of location."""
        if catalog is None:
            catalog = catalog_from_environment()
            if catalog is not None and not is_postgres_catalog(catalog):
                raise WarehouseError(
                    f"{CATALOG_VARIABLE} must name a PostgreSQL catalog (postgres:<conninfo> "
                    f"or postgresql://…); a catalog folder goes in {CATALOG_DIR_VARIABLE}"
                )
        if isinstance(catalog, str) and is_postgres_catalog(catalog):
            return cls._on_postgres(location, PostgresCatalog.parse(catalog))
        if isinstance(location, str) and is_remote_location(location):
            remote = S3Location.parse(location)
            root = Path(catalog) if catalog is not None else catalog_dir(remote)
            return cls(root.expanduser().resolve(), remote)
        if catalog is not None:
            raise WarehouseError(
                "a separate catalog folder is only for s3:// warehouses (a local folder keeps "
                "its catalog inside; a shared catalog is postgres:<conninfo>)"
            )
        return cls(Path(location).expanduser().resolve())

    @classmethod
    def _on_postgres(cls, location: Path | str, catalog: PostgresCatalog) -> Warehouse:
        if isinstance(location, str) and is_remote_location(location):
            remote = S3Location.parse(location)
            return cls(_state_folder(remote.url, catalog), remote, catalog)
        data_root = Path(location).expanduser().resolve()
        return cls(_state_folder(str(data_root), catalog), None, catalog, data_root)

    @property
    def location(self) -> str:
        """What the user named: the s3:// URL, or the local folder."""
        if self.remote:
            return self.remote.url
        return str(self.data_root or self.root)

    @property
    def described(self) -> str:
        """The location, and a PostgreSQL catalog when there is one (no password)."""
        if self.postgres is None:
            return self.location
        return f"{self.location} (catalog {self.postgres.describe()})"

    @property
    def catalog(self) -> Path:
        return self.root / CATALOG_FILE

    @property
    def data_path(self) -> Path:
        """The local data folder; an object-storage warehouse has none (`data_url`)."""
        if self.remote:
            raise WarehouseError(f"the data of {self.remote.url} is in object storage: data_url")
        return (self.data_root or self.root) / DATA_DIR

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
        if self.postgres is not None:
            return catalog_exists(self.postgres)
        return self.catalog.is_file()

    @property
    def kept_key(self) -> str | None:
        """What names this warehouse's catalog to a run that keeps it attached between opens
        (warehouse/kept_attach.py); None for a shared PostgreSQL catalog, never kept."""
        return None if self.postgres is not None else str(self.catalog)

    def attach_sql(
        self, read_only: bool, *, for_shell: bool = False, catalog_file: Path | None = None
    ) -> str:
        """The ATTACH statement; `for_shell` (a file a user runs) leaves out any password,
        which libpq then reads from PGPASSWORD or ~/.pgpass; `catalog_file` attaches
        another local file in the catalog's place (a new catalog being created)."""
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
        if self.postgres is not None:
            pg = self.postgres
            target = "postgres:" + (pg.public_conninfo if for_shell else pg.conninfo)
        else:
            target = str(catalog_file or self.catalog)
        return f"ATTACH {literal('ducklake:' + target)} AS {CATALOG_NAME} ({', '.join(options)})"


def _state_folder(location: str, catalog: PostgresCatalog) -> Path:
    """This machine's folder for a warehouse with a PostgreSQL catalog: `open.sql`, the
    search index, Prefect's run server. `NEWSNORM_CATALOG_DIR` names it outright; else one
    derived from the data location and the catalog under ~/.local/share/newsnorm/warehouses."""
    override = os.environ.get(CATALOG_DIR_VARIABLE)
    if override:
        return Path(override).expanduser().resolve()
    readable = re.sub(r"[^A-Za-z0-9._-]+", "-", location).strip("-")[-50:].strip("-")
    digest = hashlib.sha256(f"{location}\n{catalog.identity()}".encode()).hexdigest()[:10]
    return (default_catalogs_home() / f"pg-{readable}-{digest}").resolve()


@contextmanager
def open_warehouse(
    warehouse: Warehouse, *, read_only: bool, busy_timeout_s: float = BUSY_TIMEOUT_S
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection with the warehouse attached as the default catalog.

    Read-only opens need an existing warehouse; write opens create it. Either waits
    while another process holds the catalog, up to `busy_timeout_s`. The catalog is
    detached on exit, so other processes can open it between our opens (unless a short
    run keeps it attached: `keeping_attached_to`).
    """
    exists = warehouse.exists()
    if read_only and not exists:
        raise WarehouseError(_missing_message(warehouse))
    settings = _checked_places(warehouse, exists, read_only)
    remote, postgres = warehouse.remote, warehouse.postgres
    with ExitStack() as stack:
        if postgres is not None and not read_only:
            # What a catalog file's exclusive writable attach gives: between a batch's
            # second lookup and its commit nobody else commits (on any machine).
            stack.enter_context(
                advisory_lock(
                    postgres,
                    COMMIT_LOCK,
                    waiting=f"another process is committing to {warehouse.described}; waiting",
                    timeout_s=busy_timeout_s,
                )
            )
        instance = stack.enter_context(process_instance())
        key = warehouse.kept_key
        attached_now = key is None or not reuse_attached(instance, key)
        if attached_now:
            # Inside a run that keeps the catalog attached, every attach is writable: the
            # run holds the writer lock, and a read-only attach would be left for writes.
            writable = not read_only or (key is not None and active(key))
            _prepare(instance, warehouse, settings, new=not exists, read_only=not writable)
            _attach(instance, warehouse, not writable, busy_timeout_s)
            count_attach()
        cursor = instance.cursor()
        failed = True  # an open that raised detaches: its instance may be mid-statement
        try:
            cursor.execute(f"USE {CATALOG_NAME}")
            yield cursor
            failed = False
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
            if key is None or not leave_attached(instance, key, attached_now, failed):
                instance.execute(f"DETACH {CATALOG_NAME}")


def _checked_places(warehouse: Warehouse, exists: bool, read_only: bool) -> S3Settings | None:
    """Check who owns the catalog and make the folders a write needs; the object store's
    settings for a bucket warehouse."""
    remote, postgres = warehouse.remote, warehouse.postgres
    if postgres is None:
        check_catalog_owner(warehouse.root, remote, exists)
    else:
        _check_shared_catalog(warehouse, exists)
        warehouse.root.mkdir(parents=True, exist_ok=True)  # this machine's open.sql, index
    settings = S3Settings.from_environment() if remote else None
    if remote is None:
        if not read_only:
            warehouse.data_path.mkdir(parents=True, exist_ok=True)
    elif not read_only and postgres is None:
        record_catalog_owner(warehouse.root, remote)
    return settings


def keeping_attached_to(warehouse: Warehouse) -> AbstractContextManager[KeptAttach | None]:
    """Keep `warehouse`'s catalog attached between opens while a short run lasts (the
    caller holds the writer lock; warehouse/kept_attach.py)."""
    return keeping_attached(warehouse.kept_key, f"DETACH {CATALOG_NAME}")


def _prepare(
    instance: duckdb.DuckDBPyConnection,
    warehouse: Warehouse,
    settings: S3Settings | None,
    *,
    new: bool,
    read_only: bool,
) -> None:
    """What the catalog's attach needs first: extensions, the object store, a new catalog."""
    if warehouse.postgres is not None:
        instance.execute(f"LOAD {literal(str(postgres_extension_path()))}")
    if warehouse.remote and settings:
        connect_store(instance, warehouse.remote, settings)
        check_reachable(instance, warehouse.remote, settings, new_catalog=new)
    if warehouse.postgres is None and new and not read_only:
        attach_new = partial(warehouse.attach_sql, False)
        create_catalog_file(instance, warehouse.catalog, attach_new, CATALOG_NAME)


def _check_shared_catalog(warehouse: Warehouse, exists: bool) -> None:
    """A PostgreSQL catalog's local folder holds no catalog of its own, and a new catalog
    never takes over a data folder another catalog already writes to."""
    for marker in (warehouse.root / CATALOG_FILE, warehouse.root / LOCATION_FILE):
        if marker.exists():
            raise WarehouseError(
                f"{warehouse.root} holds another warehouse's catalog ({marker.name}): point "
                f"{CATALOG_DIR_VARIABLE} at a folder of its own for {warehouse.described}"
            )
    if warehouse.data_root is None:
        return
    if (warehouse.data_root / CATALOG_FILE).exists():
        raise WarehouseError(
            f"{warehouse.data_root} is a warehouse with its own local catalog; a PostgreSQL "
            "catalog needs a data folder of its own (two catalogs over one folder would "
            "delete each other's files)"
        )
    if not exists and warehouse.data_path.is_dir() and any(warehouse.data_path.iterdir()):
        raise WarehouseError(
            f"{warehouse.data_path} already holds data files but the PostgreSQL catalog "
            f"{warehouse.postgres.describe() if warehouse.postgres else ''} is empty: they "
            "belong to another catalog; use another folder"
        )


def _missing_message(warehouse: Warehouse) -> str:
    if warehouse.postgres is not None:
        return (
            f"no warehouse in the PostgreSQL catalog {warehouse.postgres.describe()}: run "
            f"`newsnorm ingest SOURCE… --warehouse {warehouse.location} --catalog …` first"
        )
    if warehouse.remote is None and warehouse.root.is_file():
        return f"--warehouse {warehouse.location} is a file, not a warehouse folder"
    hint = (
        f"run `newsnorm ingest SOURCE… --warehouse {warehouse.location}` first"
        if warehouse.remote is None
        else f"its catalog is kept locally and was not found at {warehouse.catalog}: run "
        f"`newsnorm ingest SOURCE… --warehouse {warehouse.location}` on this machine first, "
        f"or set NEWSNORM_CATALOG_DIR to the folder holding its catalog"
    )
    return f"no warehouse at {warehouse.location}: {hint}"


def _attach(
    connection: duckdb.DuckDBPyConnection, warehouse: Warehouse, read_only: bool, timeout_s: float
) -> None:
    deadline = time.monotonic() + timeout_s
    delay = 0.05
    while True:
        try:
            connection.execute(warehouse.attach_sql(read_only))
            return
        except duckdb.InvalidInputException as err:
            if not read_only or _EMPTY_MARKER not in str(err):
                raise
            # No DuckLake metadata in it: a first run stopped before catalogs were made whole.
            raise WarehouseError(
                f"{_missing_message(warehouse)} (its catalog file {warehouse.catalog} holds "
                "no warehouse yet: a first run was stopped while creating it)"
            ) from None
        except duckdb.IOException as err:
            if _BUSY_MARKER not in str(err):
                raise WarehouseError(_attach_failure(warehouse, err)) from None
            if time.monotonic() >= deadline:
                raise WarehouseError(
                    f"the warehouse at {warehouse.location} is busy: another process held its "
                    f"catalog for more than {timeout_s:.0f} s"
                ) from err
            time.sleep(delay)
            delay = min(delay * 2, 1.0)


def _attach_failure(warehouse: Warehouse, err: duckdb.Error) -> str:
    if warehouse.postgres is None:
        return f"cannot open the warehouse at {warehouse.location}: {err}"
    # DuckDB's message repeats the conninfo, password included.
    text = warehouse.postgres.redact(" ".join(str(err).split()))
    return f"cannot open the warehouse {warehouse.described}: {text}"
