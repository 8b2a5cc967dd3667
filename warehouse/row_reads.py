"""Reads of a few articles' rows by their row ids, for story linking: the bodies of a
chunk's few paired stored articles.

Article ids are hashes, so every data file's id range spans them all and a filter on ids
prunes no file; DuckDB then decodes every file's body column whatever the number of ids.
Found first from the id column alone, the rows are read by `rowid between` ranges, which
DuckLake answers from the files holding them.
"""

from __future__ import annotations

from newsnorm.warehouse.writer import Connection, keys_relation

# Articles up to which bodies asked by id are read by row: each file touched costs ~0.005 s
# of CPU, the id column ~0.04 at 100,000 articles, every file's bodies ~0.25 (diverse 100k,
# 53 files: 5 ids 0.25 -> 0.08 s, 30 ids 0.25 -> 0.19; past ~50 no gain).
FEW_ROWS = 24


def row_ranges(connection: Connection, table: str, wanted: list[str]) -> str | None:
    """A filter on the rows of `wanted` in `table` by their row ids, found from its id
    column alone; None when none is stored."""
    with keys_relation(connection, "row_ids_of", wanted):
        rows = connection.execute(
            f"select rowid from {table} where article_id in (select key from row_ids_of)"
        ).fetchall()
    if not rows:
        return None
    ranges = (f"rowid between {row} and {row}" for row in sorted(int(r) for (r,) in rows))
    return "(" + " or ".join(ranges) + ")"


def bodies_by_row(connection: Connection, wanted: list[str]) -> dict[str, str] | None:
    """The bodies of `wanted` (at most FEW_ROWS of them, else None: read them by id),
    read from the data files holding them."""
    if len(wanted) > FEW_ROWS:
        return None
    ranges = row_ranges(connection, "raw_articles", wanted)
    if ranges is None:
        return {}
    found = connection.execute(
        f"select article_id, any_value(body) from raw_articles where {ranges} group by article_id"
    ).fetchall()
    asked = set(wanted)  # the rows found are theirs: a check, not a filter
    return {str(a): str(body) for a, body in found if a in asked}
