"""What a DuckDB shell runs to open a warehouse read-only: the extensions and `open.sql`."""

from __future__ import annotations

from newsnorm.warehouse.ddl import literal
from newsnorm.warehouse.extension import ducklake_extension_path, postgres_extension_path
from newsnorm.warehouse.lake import CATALOG_NAME, Warehouse
from newsnorm.warehouse.objectstore import S3Settings, httpfs_extension_path


def shell_preamble(warehouse: Warehouse) -> str:
    """The statements a DuckDB shell needs before attaching: the extensions by path and,
    for an object-storage warehouse, its S3 secret read from the shell's environment."""
    lines = [f"LOAD {literal(str(ducklake_extension_path()))};"]
    if warehouse.postgres:
        lines += [
            "-- The catalog is in PostgreSQL. No password is written here: libpq reads it from",
            "-- PGPASSWORD or ~/.pgpass in the shell's environment.",
            f"LOAD {literal(str(postgres_extension_path()))};",
        ]
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
        f"{warehouse.attach_sql(read_only=True, for_shell=True)};\n"
        f"USE {CATALOG_NAME};\n"
    )
    temporary = warehouse.init_file.with_suffix(".sql.tmp")
    temporary.write_text(content, encoding="utf-8")
    temporary.replace(warehouse.init_file)
