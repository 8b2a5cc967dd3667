"""A DuckLake catalog in PostgreSQL, so writers on several machines share one warehouse.

`--catalog postgres:<libpq conninfo>` (or a `postgresql://` URL) puts the catalog in a
PostgreSQL database instead of a local `catalog.ducklake` file. DuckDB attaches it as
`ducklake:postgres:<conninfo>` through its `postgres` extension (loaded from its wheel).

A local catalog file gives two guarantees for free that a database does not: the writer
lock (`flock`) and the exclusive writable attach under which a batch looks up known inputs
and then commits. Both become PostgreSQL session-level advisory locks here, each held on a
connection of its own: PostgreSQL releases them when that connection ends, so a writer
killed by SIGKILL never leaves the warehouse locked. DuckLake's own optimistic concurrency
(conflicting snapshots are retried) does not replace them: two batches inserting the same
article do not conflict for DuckLake, and both would be stored.

Credentials come from the conninfo or libpq's usual variables (PGPASSWORD, PGPASSFILE,
~/.pgpass, PGSSLMODE…); a password never appears in a message, a log line or `open.sql`.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

import psycopg
from psycopg import errors as pg_errors
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from newsnorm.warehouse.extension import WarehouseError

logger = logging.getLogger(__name__)

# `--catalog` may also come from the environment (any command, any process of a run).
CATALOG_VARIABLE = "NEWSNORM_CATALOG"
PREFIX = "postgres:"
_URL_PREFIXES = ("postgresql://", "postgres://")
# DuckLake's tables, in the connecting role's default schema (`public` unless set).
_MARKER_TABLE = "ducklake_metadata"
# Advisory locks live in one database's lock space: one warehouse per database.
WRITER_LOCK = "writer"  # one ingest, compact or reprocess at a time (warehouse.lock)
COMMIT_LOCK = "commit"  # one writable open at a time: look up known inputs, then commit
CONNECT_TIMEOUT_S = 10


def is_postgres_catalog(value: str) -> bool:
    """True for `postgres:<conninfo>`, `postgresql://…` and `postgres://…`."""
    return value.startswith(PREFIX) or value.startswith(_URL_PREFIXES)


@dataclass(frozen=True, slots=True)
class PostgresCatalog:
    """Where the catalog database is, as libpq conninfo. `repr` hides any password."""

    conninfo: str = field(repr=False)

    @classmethod
    def parse(cls, value: str) -> PostgresCatalog:
        """`postgres:dbname=news host=db` or `postgresql://user@db/news`; checked by libpq's
        own parser, so a typo is refused here rather than on the first connection."""
        conninfo = value if value.startswith(_URL_PREFIXES) else value.removeprefix(PREFIX)
        if not conninfo.strip():
            raise WarehouseError(
                f"empty PostgreSQL catalog {value!r}: expected postgres:<libpq conninfo>, "
                "e.g. postgres:dbname=newsnorm host=db.internal user=ingest"
            )
        try:
            conninfo_to_dict(conninfo)
        except psycopg.ProgrammingError as err:
            raise WarehouseError(
                f"invalid PostgreSQL catalog conninfo: {_redact_text(str(err), conninfo)} "
                "(expected key=value pairs such as dbname=newsnorm host=db, or a "
                "postgresql:// URL)"
            ) from None
        return cls(conninfo)

    @property
    def parameters(self) -> dict[str, str]:
        return {key: str(value) for key, value in conninfo_to_dict(self.conninfo).items()}

    @property
    def public_conninfo(self) -> str:
        """The conninfo without its password: for messages and files (`open.sql`)."""
        parameters = {k: v for k, v in self.parameters.items() if k != "password"}
        return make_conninfo("", **parameters)

    def describe(self) -> str:
        """`postgres:<conninfo without password>`: how messages name the catalog."""
        return PREFIX + self.public_conninfo

    def identity(self) -> str:
        """What names this catalog across machines and users: host, port and database."""
        env = os.environ
        parameters = self.parameters
        host = parameters.get("host") or env.get("PGHOST", "")
        port = parameters.get("port") or env.get("PGPORT", "5432")
        dbname = parameters.get("dbname") or env.get("PGDATABASE", "")
        return f"{host}:{port}/{dbname}"

    def redact(self, message: str) -> str:
        """`message` with the conninfo's password (if any) replaced by `***`."""
        return _redact_text(message, self.conninfo)


def _redact_text(message: str, conninfo: str) -> str:
    try:
        password = conninfo_to_dict(conninfo).get("password")
    except psycopg.ProgrammingError:
        password = None
    if password:
        message = message.replace(str(password), "***")
    return message


def lock_key(purpose: str) -> int:
    """A stable signed 64-bit advisory-lock key for `purpose` (PostgreSQL's `bigint`)."""
    digest = hashlib.sha256(f"newsnorm:{purpose}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def connect(catalog: PostgresCatalog, purpose: str) -> psycopg.Connection[tuple[object, ...]]:
    """An autocommit session on the catalog database, or a WarehouseError saying why not."""
    try:
        return psycopg.connect(
            catalog.conninfo,
            autocommit=True,
            connect_timeout=CONNECT_TIMEOUT_S,
            application_name=f"newsnorm {purpose}",
        )
    except psycopg.Error as err:
        raise catalog_error(catalog, err) from None


def catalog_error(catalog: PostgresCatalog, err: BaseException) -> WarehouseError:
    """A clear, password-free WarehouseError for a failure to reach or use the catalog."""
    text = " ".join(str(err).split())
    return WarehouseError(
        f"cannot use the PostgreSQL catalog {catalog.describe()}: {catalog.redact(text)} "
        "(check the conninfo, that the server runs and that the role may connect; a password "
        "goes in PGPASSWORD or ~/.pgpass)"
    )


_existing: set[str] = set()


def catalog_exists(catalog: PostgresCatalog) -> bool:
    """Whether DuckLake's tables exist in the database (found once, remembered)."""
    if catalog.conninfo in _existing:
        return True
    with connect(catalog, "lookup") as connection:
        row = connection.execute("select to_regclass(%s) is not null", [_MARKER_TABLE]).fetchone()
    found = bool(row and row[0])
    if found:
        _existing.add(catalog.conninfo)
    return found


@contextmanager
def advisory_lock(
    catalog: PostgresCatalog,
    purpose: str,
    *,
    waiting: str,
    timeout_s: float | None = None,
) -> Iterator[None]:
    """Hold the session-level advisory lock for `purpose` on a connection of its own.

    Logs `waiting` when another session holds it. PostgreSQL releases the lock when the
    connection ends, whatever ends it. With `timeout_s`, gives up with a WarehouseError.
    """
    key = lock_key(purpose)
    with connect(catalog, f"{purpose} lock") as connection:
        try:
            row = connection.execute("select pg_try_advisory_lock(%s)", [key]).fetchone()
            if not (row and row[0]):
                logger.warning("%s", waiting)
                if timeout_s is not None:
                    connection.execute(f"set lock_timeout = {int(timeout_s * 1000)}")
                connection.execute("select pg_advisory_lock(%s)", [key])
        except pg_errors.LockNotAvailable:
            raise WarehouseError(
                f"the warehouse is busy: another writer held its catalog "
                f"{catalog.describe()} for more than {timeout_s:.0f} s"
            ) from None
        except psycopg.Error as err:
            raise catalog_error(catalog, err) from None
        try:
            yield
        finally:
            try:
                connection.execute("select pg_advisory_unlock(%s)", [key])
            except psycopg.Error:  # the session is gone, and the lock with it
                logger.warning(
                    "lost the connection holding %s's %s lock", catalog.describe(), purpose
                )


def catalog_from_environment(environ: Mapping[str, str] | None = None) -> str | None:
    """`NEWSNORM_CATALOG`, when set and not empty."""
    value = (os.environ if environ is None else environ).get(CATALOG_VARIABLE, "").strip()
    return value or None
