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


def bodies_by_row(connection: Connection, wanted: list[str]) -> dict[str, str] | None:
    """The bodies of those of `wanted` that are stored, read from the data files holding
    them: their row ids from the id column alone, then those rows (`rowid between`, which
    prunes files; single rows, measured cheaper than `rowid in (...)`). None where they
    must be read by id: more than FEW_ROWS ids, or a row found first not read back."""
    if len(wanted) > FEW_ROWS:
        return None
    with keys_relation(connection, "row_ids_of", wanted):
        rows = connection.execute(
            "select article_id, rowid from raw_articles "
            "where article_id in (select key from row_ids_of)"
        ).fetchall()
    if not rows:
        return {}
    stored = {str(article) for article, _ in rows}
    ranges = " or ".join(
        f"rowid between {row} and {row}" for row in sorted(int(r) for _, r in rows)
    )
    found = connection.execute(
        f"select article_id, any_value(body) from raw_articles where ({ranges}) group by article_id"
    ).fetchall()
    bodies = {str(article): str(body) for article, body in found}
    return bodies if bodies.keys() == stored else None
