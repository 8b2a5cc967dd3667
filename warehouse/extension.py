"""Load DuckLake from its PyPI wheel: nothing is downloaded at run time."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import duckdb

from newsnorm.warehouse.ddl import literal

ConfigValue = str | bool | int | float | list[str]
OFFLINE_CONFIG: dict[str, ConfigValue] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}


class WarehouseError(RuntimeError):
    """The warehouse cannot be opened or written; the message says what to do."""


def wheel_extension_path(extension: str, wheel: str, needed_for: str = "") -> Path:
    """The `<extension>.duckdb_extension` file inside the PyPI wheel `wheel`, built for this
    DuckDB version: every extension newsnorm uses is loaded by path from such a wheel, so
    nothing is ever downloaded at run time. A missing file names the wheel to install."""
    version = duckdb.__version__
    package = files(wheel.replace("-", "_"))
    path = Path(str(package / "extensions" / f"v{version}" / f"{extension}.duckdb_extension"))
    if not path.is_file():
        raise WarehouseError(
            f"no {extension} extension for DuckDB {version} at {path}{needed_for}; install "
            f"the matching wheel: pip install '{wheel}=={version}'"
        )
    return path


def ducklake_extension_path() -> Path:
    """The `.duckdb_extension` file shipped in the `duckdb-extension-ducklake` wheel."""
    return wheel_extension_path("ducklake", "duckdb-extension-ducklake")


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
    return wheel_extension_path("fts", "duckdb-extension-fts")


def load_fts(connection: duckdb.DuckDBPyConnection) -> None:
    """Load `fts` from its wheel into a connection (its BM25 macros need `stem`)."""
    connection.execute(f"LOAD {literal(str(fts_extension_path()))}")


def postgres_extension_path() -> Path:
    """The `.duckdb_extension` file shipped in the `duckdb-extension-postgres-scanner` wheel.

    DuckLake reaches a PostgreSQL catalog through DuckDB's `postgres` extension, loaded
    by path like DuckLake itself, so nothing is downloaded at run time.
    """
    return wheel_extension_path(
        "postgres_scanner",
        "duckdb-extension-postgres-scanner",
        " (needed for a PostgreSQL catalog)",
    )
