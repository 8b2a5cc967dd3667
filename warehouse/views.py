"""The public views, one SQL file each under `warehouse/sql/`, created in the catalog."""

from __future__ import annotations

from importlib.resources import files

import duckdb

# Creation order: a view reads only tables and the views listed before it.
VIEWS: tuple[str, ...] = (
    "article_versions",
    "articles",
    "boilerplate",
    "inputs",
    "runs",
    "rejects",
    "manifest",
    "copies",
    "stories",
)


def view_sql(name: str) -> str:
    return (files("newsnorm.warehouse.sql") / f"{name}.sql").read_text(encoding="utf-8")


def refresh_views(connection: duckdb.DuckDBPyConnection) -> None:
    """(Re)create every view, so a newer column list replaces the stored one."""
    for name in VIEWS:
        connection.execute(view_sql(name))
