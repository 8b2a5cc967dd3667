"""The public views and the macros they share, one SQL file each under `warehouse/sql/`,
created in the catalog (so any DuckDB client that attaches it has them)."""

from __future__ import annotations

from importlib.resources import files

import duckdb

# Scalar macros, created before the views that call them; story linking calls them too.
MACROS: tuple[str, ...] = ("estimated_jaccard", "containment_from_jaccard", "learning_scope")
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
    "placements",
    "stories",
    "learned_boilerplate",
)


def view_sql(name: str) -> str:
    """The `create or replace` statement of a view or a macro, from its file."""
    return (files("newsnorm.warehouse.sql") / f"{name}.sql").read_text(encoding="utf-8")


def refresh_views(connection: duckdb.DuckDBPyConnection) -> None:
    """(Re)create every macro and view, so a newer definition replaces the stored one."""
    for name in (*MACROS, *VIEWS):
        connection.execute(view_sql(name))
