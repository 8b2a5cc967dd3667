"""Load DuckLake from its PyPI wheel: nothing is downloaded at run time."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import duckdb

from warehouse.ddl import literal

ConfigValue = str | bool | int | float | list[str]
OFFLINE_CONFIG: dict[str, ConfigValue] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}


class WarehouseError(RuntimeError):
    """The warehouse cannot be opened or written; the message says what to do."""


def ducklake_extension_path() -> Path:
    """The `.duckdb_extension` file shipped in the `duckdb-extension-ducklake` wheel."""
    version = duckdb.__version__
    package = files("duckdb_extension_ducklake")
    path = Path(str(package / "extensions" / f"v{version}" / "ducklake.duckdb_extension"))
    if not path.is_file():
        raise WarehouseError(
            f"no DuckLake extension for DuckDB {version} at {path}; install the matching "
            f"wheel: pip install 'duckdb-extension-ducklake=={version}'"
        )
    return path


def connect_offline() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with DuckLake loaded and extension auto-download disabled."""
    connection = duckdb.connect(":memory:", config=OFFLINE_CONFIG)
    connection.execute(f"LOAD {literal(str(ducklake_extension_path()))}")
    return connection


def fts_extension_path() -> Path:
    """The `.duckdb_extension` file shipped in the `duckdb-extension-fts` wheel.

    Search loads full-text search by path, like DuckLake, so `newsnorm search` never
    reaches for DuckDB's extension repository.
    """
    version = duckdb.__version__
    package = files("duckdb_extension_fts")
    path = Path(str(package / "extensions" / f"v{version}" / "fts.duckdb_extension"))
    if not path.is_file():
        raise WarehouseError(
            f"no full-text search extension for DuckDB {version} at {path}; install the "
            f"matching wheel: pip install 'duckdb-extension-fts=={version}'"
        )
    return path


def load_fts(connection: duckdb.DuckDBPyConnection) -> None:
    """Load `fts` from its wheel into a connection (its BM25 macros need `stem`)."""
    connection.execute(f"LOAD {literal(str(fts_extension_path()))}")


def postgres_extension_path() -> Path:
    """The `.duckdb_extension` file shipped in the `duckdb-extension-postgres-scanner` wheel.

    DuckLake reaches a PostgreSQL catalog through DuckDB's `postgres` extension, loaded
    by path like DuckLake itself, so nothing is downloaded at run time.
    """
    version = duckdb.__version__
    package = files("duckdb_extension_postgres_scanner")
    path = Path(str(package / "extensions" / f"v{version}" / "postgres_scanner.duckdb_extension"))
    if not path.is_file():
        raise WarehouseError(
            f"no postgres extension for DuckDB {version} at {path} (needed for a PostgreSQL "
            f"catalog); install the matching wheel: "
            f"pip install 'duckdb-extension-postgres-scanner=={version}'"
        )
    return path
